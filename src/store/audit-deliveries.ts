import type { Redis } from 'ioredis';
import { personKeys } from './keys.js';

/** Longer than a finished audit job is kept (queues.ts), so no kept job can look unshown. */
const SHOWN_TTL_MS = 8 * 86_400_000;

/**
 * Which audits' outcomes a person has been shown. The bot follows each audit it starts and shows the
 * person how it ended; a bot restarted while audits ran picks them up again from the queue, and this
 * record stops it showing one twice.
 */
export class AuditDeliveries {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Records the audit as shown; true for the first caller only, so one of two racing deliveries goes. */
  async claim(personId: string, auditId: string): Promise<boolean> {
    const key = personKeys(this.prefix, personId).auditsShown;
    const [[, added]] = (await this.redis.multi().sadd(key, auditId).pexpire(key, SHOWN_TTL_MS).exec()) as [[null, number], unknown];
    return added === 1;
  }

  async shown(personId: string, auditId: string): Promise<boolean> {
    return (await this.redis.sismember(personKeys(this.prefix, personId).auditsShown, auditId)) === 1;
  }
}
