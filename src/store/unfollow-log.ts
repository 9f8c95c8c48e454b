import type { Redis } from 'ioredis';
import type { AccountReport } from '../model.js';
import { personKeys } from './keys.js';

/** An unfollow can be undone (re-followed) for this long; its record is dropped after. */
export const UNDO_WINDOW_MS = 7 * 86_400_000;
/** How long an audit remembers which of its unfollows are done: far beyond any retry or duplicate. */
const DONE_TTL_MS = 30 * 86_400_000;
/** A worker that died mid-unfollow frees its claim after this; X's unfollow is a no-op when repeated. */
const CLAIM_TTL_MS = 5 * 60_000;

export interface UnfollowRecord {
  targetId: string;
  handle: string | null;
  auditId: string;
  at: number;
  /** The account as the person saw it when they confirmed: what /undo shows. */
  snapshot: AccountReport;
  undoneAt: number | null;
}

/** `go`: this worker unfollows now; `done`: already unfollowed for this audit; `busy`: another worker is on it. */
export type UnfollowClaim = 'go' | 'done' | 'busy';

/**
 * Checks the audit's done set and takes the claim in one step, so a duplicated job cannot slip in
 * between. KEYS: done set, claim. ARGV: target id, claim ttl.
 */
const BEGIN = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 'done' end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return 'go' end
return 'busy'`;

/** Compare-and-set of one hash field: of two undos at once, one wins. KEYS: hash. ARGV: field, expected, new. */
const SWAP = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

/**
 * Each person's unfollows: a claim and a done set per audit (so a duplicated or retried job never
 * unfollows twice), and a log with a snapshot of each account, for undo within the window.
 */
export class UnfollowLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async begin(personId: string, auditId: string, targetId: string): Promise<UnfollowClaim> {
    const keys = personKeys(this.prefix, personId);
    return (await this.redis.eval(BEGIN, 2, keys.unfollowDone(auditId), keys.unfollowClaim(auditId, targetId), targetId, CLAIM_TTL_MS)) as UnfollowClaim;
  }

  /** Gives up a claim after a failed attempt, so the retry can take it. */
  async release(personId: string, auditId: string, targetId: string): Promise<void> {
    await this.redis.del(personKeys(this.prefix, personId).unfollowClaim(auditId, targetId));
  }

  /** Records a done unfollow and drops records older than the undo window. */
  async complete(personId: string, record: Omit<UnfollowRecord, 'undoneAt'>): Promise<void> {
    const keys = personKeys(this.prefix, personId);
    const stored: UnfollowRecord = { ...record, undoneAt: null };
    const cutoff = record.at - UNDO_WINDOW_MS;
    const expired = await this.redis.zrangebyscore(keys.unfollowTimes, '-inf', `(${cutoff}`);
    const tx = this.redis
      .multi()
      .sadd(keys.unfollowDone(record.auditId), record.targetId)
      .pexpire(keys.unfollowDone(record.auditId), DONE_TTL_MS)
      .hset(keys.unfollowLog, record.targetId, JSON.stringify(stored))
      .zadd(keys.unfollowTimes, record.at, record.targetId)
      // The newest record is the last to leave the undo window: the log goes with it.
      .pexpire(keys.unfollowLog, UNDO_WINDOW_MS)
      .pexpire(keys.unfollowTimes, UNDO_WINDOW_MS)
      .del(keys.unfollowClaim(record.auditId, record.targetId));
    if (expired.length > 0) tx.hdel(keys.unfollowLog, ...expired).zrem(keys.unfollowTimes, ...expired);
    await tx.exec();
  }

  async get(personId: string, targetId: string): Promise<UnfollowRecord | null> {
    const raw = await this.redis.hget(personKeys(this.prefix, personId).unfollowLog, targetId);
    return raw === null ? null : (JSON.parse(raw) as UnfollowRecord);
  }

  /** Unfollows that can still be undone at `now`, newest first. */
  async undoable(personId: string, now: number): Promise<UnfollowRecord[]> {
    const keys = personKeys(this.prefix, personId);
    const ids = await this.redis.zrevrangebyscore(keys.unfollowTimes, '+inf', now - UNDO_WINDOW_MS);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(keys.unfollowLog, ...ids);
    return raws
      .flatMap((raw) => (raw ? [JSON.parse(raw) as UnfollowRecord] : []))
      .filter((record) => record.undoneAt === null);
  }

  /**
   * Marks an unfollow undone, once: returns the record to re-follow, or null when there is none to
   * undo (unknown, already undone, or older than the window). The audit may then unfollow it again.
   */
  async markUndone(personId: string, targetId: string, now: number): Promise<UnfollowRecord | null> {
    const keys = personKeys(this.prefix, personId);
    const raw = await this.redis.hget(keys.unfollowLog, targetId);
    if (raw === null) return null;
    const record = JSON.parse(raw) as UnfollowRecord;
    if (record.undoneAt !== null || record.at < now - UNDO_WINDOW_MS) return null;
    const undone: UnfollowRecord = { ...record, undoneAt: now };
    const swapped = await this.redis.eval(SWAP, 1, keys.unfollowLog, targetId, raw, JSON.stringify(undone));
    if (swapped !== 1) return null;
    await this.redis.srem(keys.unfollowDone(record.auditId), targetId);
    return undone;
  }
}
