import type { Redis } from 'ioredis';
import { fencedWrite } from './fence.js';
import { personKeys, sharedKeys } from './keys.js';
import { DAY_MS } from '../model.js';

/** Longer than a finished audit job is kept (queues.ts), so no kept job can look unshown. */
const SHOWN_TTL_MS = 8 * DAY_MS;

/**
 * Which audits' outcomes a person has been shown. The bot follows each audit it starts and shows the
 * person how it ended; a bot restarted while audits ran picks them up again from the queue, and this
 * record stops it showing one twice.
 *
 * An outcome is one ending of the audit's job (`endedAt`, BullMQ's `finishedOn`): a followers read
 * that failed and was carried on ends twice, and the person is shown both — the failed try, then what
 * the read found, even when the bot restarted between.
 */
export class AuditDeliveries {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Records the outcome as shown; true for the first caller only, so one of two racing deliveries goes.
   * Throws FencedOut for a person who asked to be forgotten.
   */
  async claim(personId: string, auditId: string, endedAt: number): Promise<boolean> {
    const key = personKeys(this.prefix, personId).auditsShown;
    const [added] = await fencedWrite(this.redis, this.prefix, personId, [
      ['SADD', key, outcomeOf(auditId, endedAt)],
      ['PEXPIRE', key, SHOWN_TTL_MS],
    ]);
    return added === 1;
  }

  /**
   * Gives a claim back: the delivery it was made for did not reach the person (the DM failed, the bot
   * going down under it), so a bot that looks again — the restarted one — delivers it.
   */
  async unclaim(personId: string, auditId: string, endedAt: number): Promise<void> {
    const key = personKeys(this.prefix, personId).auditsShown;
    await fencedWrite(this.redis, this.prefix, personId, [['SREM', key, outcomeOf(auditId, endedAt)]]);
  }

  /** Whether that outcome was shown; a record of the whole audit (kept by earlier versions) counts too. */
  async shown(personId: string, auditId: string, endedAt: number): Promise<boolean> {
    const key = personKeys(this.prefix, personId).auditsShown;
    const found = await this.redis.smismember(key, outcomeOf(auditId, endedAt), auditId);
    return found.includes(1);
  }
}

/** One ending of an audit's job, as the record names it. */
const outcomeOf = (auditId: string, endedAt: number) => `${auditId}@${endedAt}`;

/** Kept for as long as a finished audit job is: a bot down longer has nothing left to catch up on. */
const ALIVE_TTL_MS = 8 * DAY_MS;

/**
 * When the bot was last seen running. A restarted bot shows the outcomes of audits that ended after
 * that, and only those: not every audit that ended in the days before this version first started.
 */
export class BotPresence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async beat(now: number): Promise<void> {
    await this.redis.set(sharedKeys(this.prefix).botAlive, String(now), 'PX', ALIVE_TTL_MS);
  }

  async lastSeen(): Promise<number | null> {
    const raw = await this.redis.get(sharedKeys(this.prefix).botAlive);
    return raw === null ? null : Number(raw);
  }
}
