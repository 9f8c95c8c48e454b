import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

/**
 * Large JSON values (reports, ledgers) are stored gzipped: a report of 2,000 accounts is about 0.9 MB
 * of JSON and a tenth of that gzipped, and Redis keeps everything in memory for 30 days. Compression
 * runs on libuv's thread pool, off the event loop that answers Discord.
 */
const pack = promisify(gzip);
const unpack = promisify(gunzip);
/**
 * Output buffers of 1 MB rather than zlib's 16 KB: each buffer filled is a round trip between the
 * thread pool and the event loop, and a report inflates to about 1 MB (measured: 6.5 ms a report with
 * 16 KB buffers, 1.2 ms with 1 MB).
 */
const ZLIB_OPTIONS = { chunkSize: 1 << 20 };
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function packJson(json: string): Promise<Buffer> {
  return pack(json, ZLIB_OPTIONS);
}

/** The JSON text of a stored value: gzipped, or plain JSON as values stored before were (JSON never starts with 0x1f). */
export async function unpackJson(stored: Buffer): Promise<string> {
  const gzipped = stored.length >= 2 && stored[0] === GZIP_MAGIC_0 && stored[1] === GZIP_MAGIC_1;
  return (gzipped ? await unpack(stored, ZLIB_OPTIONS) : stored).toString('utf8');
}
