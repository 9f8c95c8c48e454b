import type { Redis } from 'ioredis';
import type { AccountReport } from '../model.js';
import { evalFenced, FENCE_CHECK, fencedWrite, type Write } from './fence.js';
import { personKeys } from './keys.js';
import { DAY_MS } from '../model.js';
import { UNDO_WINDOW_MS } from '../unfollows/outcome.js';

/** An unfollow can be undone (re-followed) for this long; its record is dropped after. */
/** How long an audit remembers which of its unfollows are done: far beyond any retry or duplicate. */
const DONE_TTL_MS = 30 * DAY_MS;
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
 * between; refused for a forgotten person (fence.ts). KEYS from 3: done set, claim. ARGV from 2:
 * target id, claim ttl.
 */
const BEGIN = `${FENCE_CHECK}
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then return 'done' end
if redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[3]) then return 'go' end
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
    return (await evalFenced(
      this.redis,
      BEGIN,
      this.prefix,
      personId,
      null,
      [keys.unfollowDone(auditId), keys.unfollowClaim(auditId, targetId)],
      [targetId, CLAIM_TTL_MS],
    )) as UnfollowClaim;
  }

  /** Gives up a claim after a failed attempt, so the retry can take it. */
  async release(personId: string, auditId: string, targetId: string): Promise<void> {
    await this.redis.del(personKeys(this.prefix, personId).unfollowClaim(auditId, targetId));
  }

  /** Records a done unfollow and drops records older than the undo window; refused for a forgotten person. */
  async complete(personId: string, record: Omit<UnfollowRecord, 'undoneAt'>): Promise<void> {
    const keys = personKeys(this.prefix, personId);
    const stored: UnfollowRecord = { ...record, undoneAt: null };
    const cutoff = record.at - UNDO_WINDOW_MS;
    const expired = await this.redis.zrangebyscore(keys.unfollowTimes, '-inf', `(${cutoff}`);
    const writes: Write[] = [
      ['SADD', keys.unfollowDone(record.auditId), record.targetId],
      ['PEXPIRE', keys.unfollowDone(record.auditId), DONE_TTL_MS],
      ['HSET', keys.unfollowLog, record.targetId, JSON.stringify(stored)],
      ['ZADD', keys.unfollowTimes, record.at, record.targetId],
      // The newest record is the last to leave the undo window: the log goes with it.
      ['PEXPIRE', keys.unfollowLog, UNDO_WINDOW_MS],
      ['PEXPIRE', keys.unfollowTimes, UNDO_WINDOW_MS],
      ['DEL', keys.unfollowClaim(record.auditId, record.targetId)],
    ];
    if (expired.length > 0)
      writes.push(['HDEL', keys.unfollowLog, ...expired], ['ZREM', keys.unfollowTimes, ...expired]);
    await fencedWrite(this.redis, this.prefix, personId, writes);
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
