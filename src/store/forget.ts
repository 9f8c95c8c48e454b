import type { Redis } from 'ioredis';
import { forgottenKey, personPattern, sharedKeys } from './keys.js';

const BATCH = 500;
/** Ten job locks of the default 30 s: the bot passes ten of its own (TEND_JOB_LOCK_SECONDS). */
export const DEFAULT_TOMBSTONE_MS = 5 * 60_000;

/**
 * Deletes everything stored about a person (/forget): every key under their hash tag, found by SCAN
 * so a kind of key added later is not missed, and their entries in the shared index of linked X
 * accounts, found by scanning the index itself so a link whose record is gone is not missed either.
 * Public profiles in the shared cache are not theirs and stay. Returns how many keys were deleted.
 *
 * On a Redis Cluster a person's keys all sit on one node (one hash tag): the SCAN must run there.
 *
 * First it leaves a tombstone for `tombstoneMs`: a job still running for the person (an audit, an
 * unfollow, a digest) has every later write refused (src/store/fence.ts) and stops, so nothing comes
 * back after the deletion. It must outlast the longest a running job goes between two writes.
 */
export async function forgetPerson(redis: Redis, prefix: string, personId: string, tombstoneMs: number = DEFAULT_TOMBSTONE_MS): Promise<number> {
  await redis.set(forgottenKey(prefix, personId), '1', 'PX', tombstoneMs);
  const owners = sharedKeys(prefix).xAccountOwners;
  for await (const flat of redis.hscanStream(owners, { count: BATCH }) as AsyncIterable<string[]>) {
    const fields = flat.flatMap((value, i) => (i % 2 === 1 && value === personId ? [flat[i - 1]!] : []));
    if (fields.length > 0) await redis.hdel(owners, ...fields);
  }
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: personPattern(prefix, personId), count: BATCH }) as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  }
  return deleted;
}
