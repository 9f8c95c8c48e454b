import type { Redis } from 'ioredis';
import { personKeys, sharedKeys } from './keys.js';

/**
 * The operator's daily allowance of X reads (billed objects), shared by every audit: checked before
 * each call, charged after it with what the call read.
 */
export interface ReadBudget {
  /** Epoch ms at which the spent allowance renews; null while some is left. */
  spentUntil(now: number): Promise<number | null>;
  charge(objects: number, now: number): Promise<void>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back an audit still lowers a person's place in the queue. */
const PRIORITY_WINDOW_MS = 7 * DAY;

/** Audits through X (paid by the operator: source x, or an archive with lookup_profiles), or of an upload alone. */
export type AuditKind = 'x' | 'upload';

export interface AuditRules {
  /** One audit through X per person in this long; 0: no limit. */
  xCooldownMs: number;
  /** Audits of uploads per person in any 24 hours; 0: no limit. */
  uploadsPerDay: number;
}

export type Admission =
  | {
      admitted: true;
      /** When the next audit of this kind is possible; null: now. */ nextAt: number | null;
      left: number | null;
    }
  | { admitted: false; nextAt: number };

/**
 * Admits an audit if fewer than `max` of its kind started within `window` ms, recording it in the
 * same step: two /audit at the same instant cannot both take the last slot. Returns the slot count
 * left and the time the next one frees up (the start that frees it plus the window), or, refused, -1
 * and that time.
 * KEYS: the starts of this kind. ARGV: now, window, max, member, how long starts are kept.
 */
const ADMIT = `
local now, window, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[5]))
local inWindow = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES')
local n = #inWindow / 2
if n >= max then
  return {-1, tonumber(inWindow[(n - max) * 2 + 2]) + window}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if n + 1 >= max then
  local first = n + 1 - max
  local at = first < n and tonumber(inWindow[first * 2 + 2]) or now
  return {max - n - 1, at + window}
end
return {max - n - 1, 0}`;

/**
 * Each person's allowance of audits: one through X per cooldown, a number of uploads a day. What
 * was recorded also sets their place in the queue: whoever audited least lately goes first.
 */
export class AuditAllowance {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly rules: AuditRules,
  ) {}

  private rule(kind: AuditKind): { windowMs: number; max: number } {
    return kind === 'x'
      ? { windowMs: this.rules.xCooldownMs, max: this.rules.xCooldownMs > 0 ? 1 : 0 }
      : { windowMs: DAY, max: this.rules.uploadsPerDay };
  }

  /** Takes a slot for the audit `auditId`, of this kind, starting `now`; or says when the next one is possible. */
  async admit(personId: string, kind: AuditKind, auditId: string, now: number): Promise<Admission> {
    const { windowMs, max } = this.rule(kind);
    const key = personKeys(this.prefix, personId).auditStarts(kind);
    const keepMs = Math.max(windowMs, PRIORITY_WINDOW_MS);
    // No limit: the start is still recorded, for the queue's fairness.
    const [left, at] = (await this.redis.eval(
      ADMIT,
      1,
      key,
      now,
      max > 0 ? windowMs : 1,
      max > 0 ? max : Number.MAX_SAFE_INTEGER,
      auditId,
      keepMs,
    )) as [number, number];
    if (left < 0) return { admitted: false, nextAt: at };
    return { admitted: true, nextAt: at > 0 ? at : null, left: max > 0 ? left : null };
  }

  /** The audit that took the person's latest slot of this kind, if any is kept. */
  async latest(personId: string, kind: AuditKind): Promise<string | null> {
    const [auditId] = await this.redis.zrange(
      personKeys(this.prefix, personId).auditStarts(kind),
      '-1',
      '-1',
    );
    return auditId ?? null;
  }

  /** Gives an audit's slot back: it was not queued (one of the person's was running already), or it failed. */
  async giveBack(personId: string, kind: AuditKind, auditId: string): Promise<void> {
    await this.redis.zrem(personKeys(this.prefix, personId).auditStarts(kind), auditId);
  }

  /** Audits of any kind the person started within PRIORITY_WINDOW_MS before `now`. */
  async recent(personId: string, now: number): Promise<number> {
    const keys = personKeys(this.prefix, personId);
    const counts = await Promise.all(
      (['x', 'upload'] as const).map((kind) =>
        this.redis.zcount(keys.auditStarts(kind), `(${now - PRIORITY_WINDOW_MS}`, '+inf'),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}

/** The start of the next UTC day: when X's billing day, and so the budget, renews. */
export function nextUtcDay(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * The operator's daily budget of X reads: the objects (accounts, posts) every audit read on one UTC
 * day, X's billing day. Checked before each call, so the budget can be overshot by what the calls
 * in flight at that moment read (a page each: 1,000 accounts at most).
 */
export class XReadBudget implements ReadBudget {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Objects a day; 0: no budget. */
    readonly daily: number,
  ) {}

  async used(now: number): Promise<number> {
    return Number((await this.redis.get(sharedKeys(this.prefix).xReads(utcDay(now)))) ?? 0);
  }

  async spentUntil(now: number): Promise<number | null> {
    if (this.daily <= 0) return null;
    return (await this.used(now)) >= this.daily ? nextUtcDay(now) : null;
  }

  async charge(objects: number, now: number): Promise<void> {
    if (objects <= 0) return;
    const key = sharedKeys(this.prefix).xReads(utcDay(now));
    // Kept a day past its own, for the operator to look at yesterday's.
    await this.redis
      .multi()
      .incrby(key, objects)
      .pexpire(key, 2 * DAY)
      .exec();
  }
}
