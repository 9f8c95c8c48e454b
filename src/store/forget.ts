import type { Redis } from 'ioredis';
import { forgottenKey, personKeys, personPattern, sharedKeys } from './keys.js';

const BATCH = 500;
/**
 * How many job locks (TEND_JOB_LOCK_SECONDS) the tombstone lasts. A running audit looks for it at every
 * renewal of its lock (a quarter of one) and stops; one that cannot look (its process stalled) loses its
 * lock and can write nothing either.
 */
export const TOMBSTONE_JOB_LOCKS = 10;
export const DEFAULT_TOMBSTONE_MS = TOMBSTONE_JOB_LOCKS * 30_000;

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
 * back after the deletion.
 */
export async function forgetPerson(
  redis: Redis,
  prefix: string,
  personId: string,
  tombstoneMs: number = DEFAULT_TOMBSTONE_MS,
): Promise<number> {
  await redis.set(forgottenKey(prefix, personId), '1', 'PX', tombstoneMs);
  const owners = sharedKeys(prefix).xAccountOwners;
  for await (const flat of redis.hscanStream(owners, { count: BATCH }) as AsyncIterable<string[]>) {
    const fields = flat.flatMap((value, i) => (i % 2 === 1 && value === personId ? [flat[i - 1]!] : []));
    if (fields.length > 0) await redis.hdel(owners, ...fields);
  }
  // A /link under way is found by its state in a shared key whose value is the person's id: it goes too.
  const state = pendingLinkState(await redis.get(personKeys(prefix, personId).linkPending));
  if (state) await redis.del(sharedKeys(prefix).linkState(state));
  let deleted = 0;
  for await (const keys of redis.scanStream({
    match: personPattern(prefix, personId),
    count: BATCH,
  }) as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  }
  return deleted;
}

function pendingLinkState(stored: string | null): string | null {
  try {
    const state: unknown = stored === null ? null : (JSON.parse(stored) as { state?: unknown }).state;
    return typeof state === 'string' ? state : null;
  } catch {
    return null;
  }
}
