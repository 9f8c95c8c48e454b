import type { Redis } from 'ioredis';
import type { AuditReport } from '../model.js';
import { fencedWrite, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { DAY_MS } from '../model.js';

/** How long a person's latest report stays for /report and the review: after that, audit again. */
export const REPORT_TTL_MS = 30 * DAY_MS;

export interface StoredReport {
  auditId: string;
  savedAt: number;
  report: AuditReport;
}

/** A report packed as the store keeps it: its JSON, gzipped. */
export function packReport(report: AuditReport): Promise<Buffer> {
  return packJson(JSON.stringify(report));
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
    await this.savePacked(
      personId,
      { auditId: stored.auditId, savedAt: stored.savedAt },
      await packReport(stored.report),
      fence,
    );
  }

  /**
   * As save, with the report already packed (packReport) where it was built: an upload's thread hands
   * over these bytes rather than the report. The stored value is three gzip members one after another,
   * the head, the report and the closing brace, which gunzip reads as one text (RFC 1952, 2.2): the
   * JSON of the whole StoredReport, as save stored it before.
   */
  async savePacked(
    personId: string,
    head: Omit<StoredReport, 'report'>,
    report: Buffer,
    fence?: WriteFence,
  ): Promise<void> {
    const [open, close] = await Promise.all([
      packJson(
        `{"auditId":${JSON.stringify(head.auditId)},"savedAt":${JSON.stringify(head.savedAt)},"report":`,
      ),
      packJson('}'),
    ]);
    await fencedWrite(
      this.redis,
      this.prefix,
      personId,
      [
        [
          'SET',
          personKeys(this.prefix, personId).report,
          Buffer.concat([open, report, close]),
          'PX',
          this.ttlMs,
        ],
      ],
      fence,
    );
  }

  async latest(personId: string): Promise<StoredReport | null> {
    const raw = await this.redis.getBuffer(personKeys(this.prefix, personId).report);
    return raw === null ? null : (JSON.parse(await unpackJson(raw)) as StoredReport);
  }
}
