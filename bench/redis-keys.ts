import type { Redis } from 'ioredis';

/** Deletes every key matching `pattern`: a benchmark leaves nothing behind under its prefixes. */
export async function deleteMatching(redis: Redis, pattern: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: pattern, count: 10_000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
}
