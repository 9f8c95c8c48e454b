import type { Redis } from 'ioredis';
import type { AuditReport } from '../model.js';
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

  async save(personId: string, stored: StoredReport): Promise<void> {
    await this.redis.set(personKeys(this.prefix, personId).report, await packJson(JSON.stringify(stored)), 'PX', this.ttlMs);
  }

  async latest(personId: string): Promise<StoredReport | null> {
    const raw = await this.redis.getBuffer(personKeys(this.prefix, personId).report);
    return raw === null ? null : (JSON.parse(await unpackJson(raw)) as StoredReport);
  }
}
