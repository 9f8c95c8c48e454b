import type { Redis } from 'ioredis';
import { forgottenKey } from './keys.js';

/**
 * The lock a BullMQ job's run holds: BullMQ's own lock key of the job (`<queue>:<job id>:lock`) and the
 * token it gave this run. Another run that took the job over after a lost lock holds another token.
 */
export interface JobLock {
  key: string;
  token: string;
}

/**
 * What a write from a job's run is fenced on: the job's lock, and a signal the run raises once it knows
 * it must stop (its lock lost, its person forgotten), so a write after that is refused without asking.
 */
export interface WriteFence {
  lock: JobLock;
  signal?: AbortSignal;
}

export type FencedReason = 'forgotten' | 'lock_lost';

/** A write Redis refused: the person asked to be forgotten, or the job's run no longer holds its lock. */
export class FencedOut extends Error {
  override readonly name = 'FencedOut';
  constructor(readonly reason: FencedReason) {
    super(
      reason === 'forgotten'
        ? 'The person asked Tend to forget them: nothing more is stored.'
        : 'This run of the job lost its lock: another run holds it.',
    );
  }
}

/**
 * The check every fenced script opens with. KEYS[1]: the person's tombstone; KEYS[2]: the job's lock
 * key (any key when ARGV[1] is empty); ARGV[1]: the run's lock token, '' for a write outside a job.
 * Scripts that include it take their own keys from KEYS[3] and their own arguments from ARGV[2].
 *
 * The lock key is BullMQ's and the tombstone the store's: a script reading both needs the queues and
 * the store on one Redis server (not a Cluster, where they sit in different slots).
 */
export const FENCE_CHECK = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {err = 'TEND_FENCED forgotten'} end
if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then return {err = 'TEND_FENCED lock_lost'} end
`;

/** One write command on one key: `['SET', key, value, 'PX', ttl]`. */
export type Write = [command: string, key: string, ...args: (string | number | Buffer)[]];

/** Runs the writes in order, after the fence check. ARGV from 2: per write, the command, its arity, its arguments. */
const WRITE = `${FENCE_CHECK}
local results = {}
local a = 2
for k = 3, #KEYS do
  local n = tonumber(ARGV[a + 1])
  results[#results + 1] = redis.call(ARGV[a], KEYS[k], unpack(ARGV, a + 2, a + 1 + n))
  a = a + 2 + n
end
return results`;

/** The fence's keys and leading argument, for a script that opens with FENCE_CHECK. */
function fenceArgs(
  prefix: string,
  personId: string,
  fence: WriteFence | null | undefined,
): { keys: [string, string]; token: string } {
  fence?.signal?.throwIfAborted();
  const tombstone = forgottenKey(prefix, personId);
  return { keys: [tombstone, fence?.lock.key ?? tombstone], token: fence?.lock.token ?? '' };
}

/** Redis's refusal of a fenced script as a FencedOut; anything else is thrown as it came. */
function fencedError(error: unknown): never {
  const match = error instanceof Error ? /TEND_FENCED (forgotten|lock_lost)/.exec(error.message) : null;
  if (match) throw new FencedOut(match[1] as FencedReason);
  throw error;
}

/** Runs a script that opens with FENCE_CHECK, turning its refusal into a FencedOut. */
export async function evalFenced(
  redis: Redis,
  script: string,
  prefix: string,
  personId: string,
  fence: WriteFence | null | undefined,
  keys: string[],
  args: (string | number | Buffer)[],
): Promise<unknown> {
  const { keys: fenceKeys, token } = fenceArgs(prefix, personId, fence);
  return redis.eval(script, 2 + keys.length, ...fenceKeys, ...keys, token, ...args).catch(fencedError);
}

/**
 * Writes to one person's keys, all or none, in one script that first checks that the person has not
 * been forgotten and, for a job's run, that its lock still holds its token. Returns each write's reply.
 */
export async function fencedWrite(
  redis: Redis,
  prefix: string,
  personId: string,
  writes: Write[],
  fence?: WriteFence | null,
): Promise<unknown[]> {
  const args = writes.flatMap(([command, , ...rest]) => [command, rest.length, ...rest]);
  return (await evalFenced(
    redis,
    WRITE,
    prefix,
    personId,
    fence,
    writes.map(([, key]) => key),
    args,
  )) as unknown[];
}

/** Whether the person asked to be forgotten a moment ago: their tombstone is still there. */
export async function isForgotten(redis: Redis, prefix: string, personId: string): Promise<boolean> {
  return (await redis.exists(forgottenKey(prefix, personId))) === 1;
}
