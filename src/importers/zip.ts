import { open as openFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { Transform } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { UserError } from '../errors.js';

/** Caps that keep a hostile or broken upload from exhausting memory or disk (docs/PRODUCT.md: zip bombs). */
export interface ZipLimits {
  /** Entries in the central directory, read or not. */
  maxEntries: number;
  /** Uncompressed bytes of the entries actually read, summed. */
  maxUncompressedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxUncompressedBytes: 2 * 1024 ** 3,
};

export interface OpenZipOptions {
  /** Decides, from the central directory alone, which entries may be read later. */
  pick: (entryName: string) => boolean;
  limits?: ZipLimits;
  /** How the file is named in messages; defaults to the path's base name. */
  name?: string;
}

/** An open ZIP whose picked entries can be streamed; nothing else is ever inflated. */
export interface ZipArchive {
  readonly label: string;
  /** Picked entry names, in directory order. */
  readonly names: string[];
  /** Declared uncompressed size of a picked entry. */
  sizeOf(name: string): number;
  /** Streams a picked entry's uncompressed bytes. Errors are `UserError`s naming the file and entry. */
  chunks(name: string): AsyncGenerator<Buffer>;
  /** Reads a whole picked entry as UTF-8, refusing entries declared larger than `maxBytes`. */
  readText(name: string, maxBytes: number): Promise<string>;
  close(): void;
}

/**
 * Picked entries are inflated here rather than by yauzl, whose inflater hands back 16 KB at a time: each
 * piece costs a round trip between zlib's thread and the main thread, a tenth of a large import. The size
 * check yauzl's `validateEntrySizes` makes on inflated data is made here the same way: bytes are counted,
 * and an entry that unpacks to more than it declares is stopped there, as a zip bomb.
 */
const INFLATE_CHUNK = 256 * 1024;
/** Bytes inflated ahead of the parser, so the thread pool inflates while the main thread parses. */
const READ_AHEAD = 8 * 1024 * 1024;
/**
 * Compressed bytes are read from the file in blocks this large, not through yauzl's read stream, whose
 * 16 KB reads each cost a round trip through the thread pool and a write into the inflater.
 */
const READ_BLOCK = 1024 * 1024;

const ZIP_MAGIC = [
  Buffer.from('PK\x03\x04', 'latin1'),
  Buffer.from('PK\x05\x06', 'latin1'), // an empty archive
  Buffer.from('PK\x07\x08', 'latin1'), // a spanned archive's marker
];

export function hasZipMagic(head: Buffer): boolean {
  return ZIP_MAGIC.some((magic) => head.subarray(0, 4).equals(magic));
}

/**
 * The first bytes of a file, or a `UserError` saying the file cannot be opened, naming it `name` (an
 * upload's own name: the path it was saved to on the server must not reach the person).
 */
export async function readHead(path: string, bytes: number, name = path): Promise<Buffer> {
  let handle;
  try {
    handle = await openFile(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new UserError(`Cannot open ${name}: ${why}.`);
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)} MB`;
}

function damaged(label: string, what: string): UserError {
  return new UserError(`${label} is damaged or incomplete (${what}). Download it again and retry.`);
}

/** yauzl's errors while reading the directory, in words a user can act on. */
function directoryError(label: string, error: Error): UserError {
  const message = error.message;
  if (/central directory record signature not found/i.test(message)) {
    return new UserError(
      `${label} is incomplete: the end of the ZIP is missing, so the file was probably cut short while ` +
        'downloading. Download it again and retry.',
    );
  }
  if (/encryption/i.test(message)) return encryptedError(label);
  return damaged(label, message);
}

function encryptedError(label: string, entry?: string): UserError {
  const what = entry ? `${entry} in ${label} is` : `${label} is`;
  return new UserError(
    `${what} encrypted (password-protected). Tend cannot read encrypted ZIPs: use the file exactly as ` +
      'the platform sent it, without adding a password.',
  );
}

function bombError(label: string, name: string, declared: number): UserError {
  return new UserError(
    `${label} looks like a zip bomb: ${name} unpacks to more than the ${declared} bytes it declares. ` +
      'Tend stopped reading it.',
  );
}

/** Errors raised while reading one entry that are not already explained: damage. */
function entryError(label: string, name: string, error: Error): UserError {
  return error instanceof UserError ? error : damaged(label, `${name}: ${error.message}`);
}

async function openYauzl(source: string | Buffer, label: string, name?: string): Promise<ZipFile> {
  const head = typeof source === 'string' ? await readHead(source, 4, name) : source.subarray(0, 4);
  if (!hasZipMagic(head)) {
    throw new UserError(`${label} is not a ZIP file. Tend reads the ZIP as the platform sent it, unopened.`);
  }
  const options = { lazyEntries: true, validateEntrySizes: true, autoClose: false, strictFileNames: false };
  try {
    return typeof source === 'string'
      ? await yauzl.openPromise(source, options)
      : await yauzl.fromBufferPromise(source, options);
  } catch (error) {
    throw directoryError(label, error as Error);
  }
}

export async function openZip(source: string | Buffer, options: OpenZipOptions): Promise<ZipArchive> {
  const label = options.name ?? (typeof source === 'string' ? basename(source) : 'The uploaded file');
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const zipfile = await openYauzl(source, label, options.name);
  const entries = new Map<string, Entry>();
  try {
    if (zipfile.entryCount > limits.maxEntries) {
      throw new UserError(
        `${label} holds ${zipfile.entryCount.toLocaleString('en')} entries (files and folders), more than the ` +
          `${limits.maxEntries.toLocaleString('en')} Tend accepts in one export (setting TEND_MAX_ZIP_ENTRIES).`,
      );
    }
    try {
      for await (const entry of zipfile.eachEntry()) {
        if (!entries.has(entry.fileName) && options.pick(entry.fileName)) entries.set(entry.fileName, entry);
      }
    } catch (error) {
      throw directoryError(label, error as Error);
    }
  } catch (error) {
    zipfile.close();
    throw error;
  }

  let budget = limits.maxUncompressedBytes;
  /**
   * The ZIP file, opened again (once, whichever entry is read first) for reading entries' bytes in
   * large blocks; a Buffer is sliced instead.
   */
  let file: Promise<FileHandle> | null = null;
  let closed = false;

  /** An entry's compressed bytes, as they are stored, from the offset its local header gives. */
  async function* stored(entry: Entry): AsyncGenerator<Buffer> {
    const { fileDataStart } = await zipfile.readLocalFileHeaderPromise(entry, { minimal: true });
    const end = fileDataStart + entry.compressedSize;
    if (typeof source !== 'string') {
      if (entry.compressedSize > 0) yield source.subarray(fileDataStart, end);
      return;
    }
    if (closed) throw new Error(`${label} is closed`);
    file ??= openFile(source, 'r');
    const handle = await file;
    for (let at = fileDataStart; at < end;) {
      const length = Math.min(READ_BLOCK, end - at);
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(length), 0, length, at);
      if (bytesRead === 0) throw new Error(`the file ends before ${entry.fileName} does`);
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }

  function entryOf(name: string): Entry {
    const entry = entries.get(name);
    if (!entry) throw new Error(`${name} was not picked from ${label}`);
    return entry;
  }

  async function* chunks(name: string): AsyncGenerator<Buffer> {
    const entry = entryOf(name);
    if (entry.isEncrypted()) throw encryptedError(label, name);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new UserError(
        `${label} uses a compression method Tend cannot read (method ${entry.compressionMethod}) for ${name}. ` +
          'Use the ZIP exactly as the platform sent it.',
      );
    }
    if (entry.uncompressedSize > budget) {
      throw new UserError(
        `${label} is too large to read safely: its data files unpack to more than ` +
          `${megabytes(limits.maxUncompressedBytes)} (${name} alone declares ${megabytes(entry.uncompressedSize)}). ` +
          'It may be a zip bomb (setting TEND_MAX_ZIP_MB).',
      );
    }
    budget -= entry.uncompressedSize;
    let raw: Readable | null = null;
    let inflate: Transform | null = null;
    try {
      raw = Readable.from(stored(entry), { objectMode: false, highWaterMark: READ_BLOCK });
      let source: Readable = raw;
      if (entry.compressionMethod === 8) {
        const inflater = createInflateRaw({
          chunkSize: INFLATE_CHUNK,
          highWaterMark: READ_AHEAD,
        } as ZlibOptions);
        raw.on('error', (error) => inflater.destroy(error));
        source = raw.pipe(inflater);
        inflate = inflater;
      }
      let bytes = 0;
      for await (const chunk of source) {
        bytes += (chunk as Buffer).length;
        if (bytes > entry.uncompressedSize) throw bombError(label, name, entry.uncompressedSize);
        yield chunk as Buffer;
      }
      if (bytes < entry.uncompressedSize) {
        throw damaged(label, `${name} ends after ${bytes} of its ${entry.uncompressedSize} bytes`);
      }
    } catch (error) {
      throw entryError(label, name, error as Error);
    } finally {
      if (raw && inflate) raw.unpipe(inflate);
      raw?.destroy();
      inflate?.destroy();
    }
  }

  return {
    label,
    names: [...entries.keys()],
    sizeOf: (name) => entryOf(name).uncompressedSize,
    chunks,
    async readText(name, maxBytes) {
      const size = entryOf(name).uncompressedSize;
      if (size > maxBytes) {
        throw new UserError(
          `${name} in ${label} is ${megabytes(size)}, more than the ${megabytes(maxBytes)} Tend reads for this file.`,
        );
      }
      const parts: Buffer[] = [];
      for await (const chunk of chunks(name)) parts.push(chunk);
      return Buffer.concat(parts)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
    },
    close: () => {
      closed = true;
      zipfile.close();
      file?.then(
        (handle) => handle.close(),
        () => undefined,
      );
      file = null;
    },
  };
}

/** Opens a ZIP, runs `use`, and closes the file whatever happens. */
export async function withZip<T>(
  source: string | Buffer,
  options: OpenZipOptions,
  use: (zip: ZipArchive) => Promise<T>,
): Promise<T> {
  const zip = await openZip(source, options);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}
