import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UserError } from '../errors.js';

/** Where Discord serves attachments from: an upload's address names one of these, and nothing else is fetched. */
const DISCORD_ATTACHMENT_HOSTS: readonly string[] = ['cdn.discordapp.com', 'media.discordapp.net'];
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
/** Discord's CDN answers directly; a few hops between its own hosts are allowed, a loop is not. */
const MAX_REDIRECTS = 3;

export interface DownloadLimits {
  /** Bytes kept at most, whatever the upload claimed its size was. */
  maxBytes: number;
  /** The whole fetch, from the request to the last byte. */
  totalMs: number;
  /** The longest wait for the next byte (or for the answer to the request). */
  idleMs: number;
  /** Loopback hosts besides Discord's (a local fake or proxy): never in production. */
  allowLoopback: boolean;
}

/** Whether Tend may fetch `address`: https from Discord's attachment hosts, or loopback where allowed. */
export function isAllowedUploadUrl(address: string, allowLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:' && DISCORD_ATTACHMENT_HOSTS.includes(url.hostname)) return true;
  return (
    allowLoopback &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    LOOPBACK_HOSTS.includes(url.hostname)
  );
}

/** Only these characters of an uploaded file's name reach the disk: no paths, no surprises. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return cleaned.slice(-100) || 'upload.zip';
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2)} MB`;
const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;
const hostOf = (address: string) => URL.parse(address)?.host ?? 'an address that is not a URL';

/** What one download of a job's several is asked besides the limits they share. */
export interface DownloadAsk {
  /**
   * The time the job's earlier downloads took: `limits.totalMs` is one deadline for all of a job's
   * files, so this one gets what is left of it.
   */
  spentMs?: number;
  /** What to do about a file larger than Tend takes; by default, an export's advice. */
  tooLargeAdvice?: string;
}

/**
 * Fetches an uploaded export into `dir`, streaming, and stops at `limits.maxBytes` whatever the upload
 * claimed its size was: a file too large is refused before it fills the disk. Only Discord's attachment
 * hosts are asked, redirects are followed only between them, and the fetch is abandoned when it takes
 * longer than `totalMs` or nothing arrives for `idleMs`: a server that sends a few bytes and then
 * nothing must not hold a worker slot for ever.
 */
export async function downloadUpload(
  upload: { url: string; name: string; bytes: number },
  dir: string,
  limits: DownloadLimits,
  fetchImpl: typeof fetch = fetch,
  ask: DownloadAsk = {},
): Promise<string> {
  const spentMs = ask.spentMs ?? 0;
  const advice = ask.tooLargeAdvice ?? 'export without media, or audit through /audit source:x';
  const tooLarge = () =>
    new UserError(`${upload.name} is larger than the ${mb(limits.maxBytes)} Tend reads: ${advice}`);
  if (upload.bytes > limits.maxBytes) throw tooLarge();
  if (!isAllowedUploadUrl(upload.url, limits.allowLoopback)) {
    throw new UserError(
      `${upload.name} is not a Discord attachment (it is on ${hostOf(upload.url)}): attach the file to /audit itself`,
    );
  }
  const stopped = new AbortController();
  const stop = (reason: UserError) => stopped.abort(reason);
  const total = setTimeout(
    () =>
      stop(
        new UserError(
          spentMs > 0
            ? `${upload.name} and the file before it took longer than ${seconds(limits.totalMs)} in all to fetch from Discord: upload them again, or export without media`
            : `${upload.name} took longer than ${seconds(limits.totalMs)} to fetch from Discord: upload it again, or export without media`,
        ),
      ),
    Math.max(0, limits.totalMs - spentMs),
  );
  let idle: NodeJS.Timeout | undefined;
  const stillArriving = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        stop(
          new UserError(
            `${upload.name} stopped arriving from Discord (nothing for ${seconds(limits.idleMs)}): upload it again`,
          ),
        ),
      limits.idleMs,
    );
  };
  try {
    stillArriving();
    const response = await fetchFollowing(upload, limits.allowLoopback, stopped.signal, fetchImpl);
    const path = join(dir, safeName(upload.name));
    let seen = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        stillArriving();
        seen += chunk.length;
        done(seen > limits.maxBytes ? tooLarge() : null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), cap, createWriteStream(path), {
      signal: stopped.signal,
    });
    return path;
  } catch (error) {
    if (stopped.signal.aborted) throw stopped.signal.reason as UserError;
    throw error;
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
  }
}

/** The upload's response with a body, following redirects only to hosts `isAllowedUploadUrl` accepts. */
async function fetchFollowing(
  upload: { url: string; name: string },
  allowLoopback: boolean,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
): Promise<Response & { body: ReadableStream<Uint8Array> }> {
  let address = upload.url;
  for (let hops = 0; ; hops += 1) {
    let response: Response;
    try {
      response = await fetchImpl(address, { redirect: 'manual', signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new UserError(`${upload.name} could not be fetched from Discord: upload it again`);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      const next = location === null ? null : (URL.parse(location, address)?.href ?? null);
      if (next === null || hops === MAX_REDIRECTS) {
        throw new UserError(
          `${upload.name} could not be fetched from Discord (HTTP ${response.status}, sent on too often or nowhere): upload it again`,
        );
      }
      if (!isAllowedUploadUrl(next, allowLoopback)) {
        throw new UserError(
          `${upload.name} could not be fetched from Discord: it was sent on to ${hostOf(next)}, which is not Discord's, and Tend does not follow it there`,
        );
      }
      address = next;
      continue;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new UserError(
        `${upload.name} could not be fetched from Discord (HTTP ${response.status}): upload it again`,
      );
    }
    return response as Response & { body: ReadableStream<Uint8Array> };
  }
}
