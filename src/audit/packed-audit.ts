import type { AuditReport, Ledger } from '../model.js';
import { packLedger, type PackedLedger } from '../store/ledger-store.js';
import { packReport } from '../store/reports.js';

/**
 * An audit as the worker uses it: it only stores the report and the ledger, so they come packed as the
 * stores keep them, beside the few figures the job's result and the ledger's watermark need. An
 * upload's thread packs them itself and hands the bytes over without a copy.
 */
export interface PackedAudit {
  accounts: number;
  byVerdict: AuditReport['summary']['byVerdict'];
  report: Buffer;
  ledger: PackedLedger;
}

export async function packAudit(report: AuditReport, ledger: Ledger): Promise<PackedAudit> {
  const [packedReport, packedLedger] = await Promise.all([packReport(report), packLedger(ledger)]);
  return {
    accounts: report.accounts.length,
    byVerdict: report.summary.byVerdict,
    report: packedReport,
    ledger: packedLedger,
  };
}
