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
  const pattern = personPattern(prefix, personId);
  const owners = sharedKeys(prefix).xAccountOwners;
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(owners, cursor, 'COUNT', BATCH);
    cursor = next;
    const fields = flat.flatMap((value, i) => (i % 2 === 1 && value === personId ? [flat[i - 1]!] : []));
    if (fields.length > 0) await redis.hdel(owners, ...fields);
  } while (cursor !== '0');

  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', BATCH);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
