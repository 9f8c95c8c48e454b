/**
 * Whether a person's nudges are paused without their asking (closed DMs, no shared server), and whether
 * they have been told: the next reply to one of their commands tells them, once.
 *
 *   const pauses = new PauseStore(redis, prefix);
 */
import type { Redis } from 'ioredis';
import { fencedWrite } from './fence.js';
import { personKeys } from './keys.js';
import { PAUSE_REASONS, type PauseReason } from '../nudges/pause.js';

export interface Pause {
  reason: PauseReason;
  at: number;
}

function reasonOf(raw: string | null | undefined): PauseReason | null {
  return PAUSE_REASONS.find((reason) => reason === raw) ?? null;
}

/**
 * No TTL: a pause lasts until the person can be reached again (they turn nudges on) or runs /forget;
 * an expiring one would only send digests to DMs known to be closed.
 */
export class PauseStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(personId: string): string {
    return personKeys(this.prefix, personId).nudgePaused;
  }

  /** Refused for a person who asked to be forgotten (their digest was on its way). */
  async pause(personId: string, reason: PauseReason, at: number): Promise<void> {
    await fencedWrite(this.redis, this.prefix, personId, [
      ['HSET', this.key(personId), 'reason', reason, 'at', String(at), 'noticePending', '1'],
    ]);
  }

  /** The person turned their nudges on again, or Discord delivers again. */
  async resume(personId: string): Promise<void> {
    await this.redis.del(this.key(personId));
  }

  async paused(personId: string): Promise<Pause | null> {
    const [reason, at] = await this.redis.hmget(this.key(personId), 'reason', 'at');
    const known = reasonOf(reason);
    return known === null ? null : { reason: known, at: Number(at) };
  }

  /** The reason to tell the person about, once: the first caller after a pause gets it, later ones null. */
  async takeNotice(personId: string): Promise<PauseReason | null> {
    const key = this.key(personId);
    if ((await this.redis.hdel(key, 'noticePending')) === 0) return null;
    return reasonOf(await this.redis.hget(key, 'reason'));
  }
}
