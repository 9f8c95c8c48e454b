/**
 * The next digest of a person as the stores have it: their latest report, the ledger kept since, and
 * what Tend remembers of nudging them. One loader for the worker that sends digests and the bot's
 * preview, so the preview shows what the digest would say.
 */
import type { Thresholds } from '../model.js';
import type { LedgerStore } from '../store/ledger-store.js';
import type { ReportStore } from '../store/reports.js';
import type { NudgeStore } from '../store/nudge-store.js';
import { planDigest, type DigestPlan } from '../nudges/plan.js';

export interface PlanStores {
  reports: ReportStore;
  ledgers: LedgerStore;
  nudges: NudgeStore;
  /** The audit's cadences, so the report and the nudges agree on who is due. */
  cadenceDays: Thresholds['cadenceDays'];
}

/** Null when the person has no report to find people in. */
export async function planFromStores(
  stores: PlanStores,
  personId: string,
  now: number,
): Promise<DigestPlan | null> {
  const [stored, ledger, nudgeState, cadenceOverrides] = await Promise.all([
    stores.reports.latest(personId),
    stores.ledgers.load(personId),
    stores.nudges.state(personId),
    stores.nudges.cadenceOverrides(personId),
  ]);
  if (stored === null) return null;
  return planDigest({
    report: stored.report,
    ledger,
    nudgeState,
    cadenceOverrides,
    cadenceDays: stores.cadenceDays,
    now,
  });
}
