import type { Redis } from 'ioredis';
import type { AuditReport } from '../model.js';
import { fencedWrite, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';

/** How long a person's latest report stays for /report and the review: after that, audit again. */
export const REPORT_TTL_MS = 30 * 86_400_000;

export interface StoredReport {
  auditId: string;
  savedAt: number;
  report: AuditReport;
}

/** The latest audit report of each person, gzipped, kept for a while and then forgotten by Redis itself. */
export class ReportStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number = REPORT_TTL_MS,
  ) {}

  /** Refused (FencedOut) for a forgotten person, or under a `fence` whose job lock is lost. */
  async save(personId: string, stored: StoredReport, fence?: WriteFence): Promise<void> {
    const packed = await packJson(JSON.stringify(stored));
    await fencedWrite(this.redis, this.prefix, personId, [['SET', personKeys(this.prefix, personId).report, packed, 'PX', this.ttlMs]], fence);
  }

  async latest(personId: string): Promise<StoredReport | null> {
    const raw = await this.redis.getBuffer(personKeys(this.prefix, personId).report);
    return raw === null ? null : (JSON.parse(await unpackJson(raw)) as StoredReport);
  }
}
