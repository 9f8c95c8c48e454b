import type { Redis } from 'ioredis';
import { evalFenced, FENCE_CHECK } from './fence.js';
import { personKeys } from './keys.js';
import { decidePace, type PaceDecision, type PaceLimits } from '../unfollows/pace.js';

/**
 * Takes a slot if both sliding windows have room, atomically, so concurrent workers cannot overshoot.
 * The same rule as `decidePace`, which is what says *when* there will be room. Refused for a
 * forgotten person (fence.ts). KEYS[3]: pace zset. ARGV from 2: day cutoff, window cutoff, per window,
 * daily cap, now, slot, ttl ms.
 */
const TAKE_IF_ROOM = `${FENCE_CHECK}
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[5]) then return 0 end
if redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[3], '+inf') >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[7])
redis.call('PEXPIRE', KEYS[3], ARGV[8])
return 1`;

const ATTEMPTS = 20;

/** The Redis side of unfollow pacing: each person's unfollow times over the last day. */
export class UnfollowPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: PaceLimits,
  ) {}

  /**
   * Takes a slot for one unfollow at `now` if the pace allows, else says when to come back. A slot
   * is named (audit and target): a retried job that still holds its slot keeps it, counted once.
   */
  async take(personId: string, slot: string, now: number): Promise<PaceDecision> {
    const key = personKeys(this.prefix, personId).unfollowPace;
    const cutoff = now - this.limits.dayMs;
    const held = await this.redis.zscore(key, slot);
    if (held !== null && Number(held) > cutoff) return { ok: true };
    const { perWindow, windowMs, dailyCap, dayMs } = this.limits;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const taken = await evalFenced(
        this.redis,
        TAKE_IF_ROOM,
        this.prefix,
        personId,
        null,
        [key],
        [cutoff, now - windowMs, perWindow, dailyCap, now, slot, dayMs],
      );
      if (taken === 1) return { ok: true };
      const decision = decidePace(await this.times(key, cutoff), now, this.limits);
      if (!decision.ok) return decision;
      // A slot was given back between the two reads: there is room again, so try again.
    }
    throw new Error(`Unfollow pacing for ${personId} kept changing under ${ATTEMPTS} attempts`);
  }

  /** Returns a slot whose unfollow did not happen (X refused it, the account was kept after all). */
  async giveBack(personId: string, slot: string): Promise<void> {
    await this.redis.zrem(personKeys(this.prefix, personId).unfollowPace, slot);
  }

  /** Times of the unfollows of the last day, oldest first: for "12 of 300 today". */
  async recent(personId: string, now: number): Promise<number[]> {
    return this.times(personKeys(this.prefix, personId).unfollowPace, now - this.limits.dayMs);
  }

  private async times(key: string, cutoff: number): Promise<number[]> {
    const flat = await this.redis.zrangebyscore(key, `(${cutoff}`, '+inf', 'WITHSCORES');
    return flat.filter((_, i) => i % 2 === 1).map(Number);
  }
}
