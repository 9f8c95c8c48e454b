import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Deletes the lock only if it still holds our token: a lock that expired and was taken by another is left alone. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Runs `work` while holding a Redis lock (SET NX PX with a random token). Returns `{ acquired: false }`
 * without running it when another holder has the lock. The expiry frees the lock of a process that
 * died while holding it; `ttlMs` must exceed what `work` may take.
 */
export async function withLock<T>(
  redis: Redis,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const token = randomBytes(16).toString('hex');
  const taken = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (taken !== 'OK') return { acquired: false };
  try {
    return { acquired: true, value: await work() };
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
