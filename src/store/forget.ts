import type { Redis } from 'ioredis';
import { personPattern, sharedKeys } from './keys.js';

const BATCH = 500;

/**
 * Deletes everything stored about a person (/forget): every key under their hash tag, found by SCAN
 * so a kind of key added later is not missed, and their entries in the shared index of linked X
 * accounts, found by scanning the index itself so a link whose record is gone is not missed either.
 * Public profiles in the shared cache are not theirs and stay. Returns how many keys were deleted.
 *
 * On a Redis Cluster a person's keys all sit on one node (one hash tag): the SCAN must run there.
 */
export async function forgetPerson(redis: Redis, prefix: string, personId: string): Promise<number> {
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
