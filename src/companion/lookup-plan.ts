import type { AuditReport } from '../model.js';

/**
 * Which accounts the companion should look up, from an audit of the export alone: every followed account
 * but those the person keeps whatever the signals (keep list, close friends, Favourites), most suspicious
 * first — the report's own order (unfollow, review, nurture, keep; the strongest evidence first within
 * each), so a daily budget is spent where a profile can change the verdict most.
 */
export interface LookupPlan {
  priority: string[];
  skip: string[];
}

const KEPT_BY_CHOICE = 'on your keep list';

export function lookupPlan(report: AuditReport): LookupPlan {
  const priority: string[] = [];
  const skip: string[] = [];
  for (const account of report.accounts) {
    if (!account.handle) continue;
    (account.verdictReason === KEPT_BY_CHOICE ? skip : priority).push(account.handle);
  }
  return { priority, skip };
}
