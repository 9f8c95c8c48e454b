import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UserError } from '../errors.js';

/** Only these characters of an uploaded file's name reach the disk: no paths, no surprises. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return cleaned.slice(-100) || 'upload.zip';
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2)} MB`;

/**
 * Fetches an uploaded export into `dir`, streaming, and stops at `maxBytes` whatever the upload claimed
 * its size was: a file too large is refused before it fills the disk.
 */
export async function downloadUpload(
  upload: { url: string; name: string; bytes: number },
  dir: string,
  maxBytes: number,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const tooLarge = () => new UserError(`${upload.name} is larger than the ${mb(maxBytes)} Tend reads: export without media, or audit through /audit source:x`);
  if (upload.bytes > maxBytes) throw tooLarge();
  let response: Response;
  try {
    response = await fetchImpl(upload.url, { redirect: 'follow' });
  } catch {
    throw new UserError(`${upload.name} could not be fetched from Discord: upload it again`);
  }
  if (!response.ok || !response.body) throw new UserError(`${upload.name} could not be fetched from Discord (HTTP ${response.status}): upload it again`);
  const path = join(dir, safeName(upload.name));
  let seen = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxBytes ? tooLarge() : null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), cap, createWriteStream(path));
  return path;
}
