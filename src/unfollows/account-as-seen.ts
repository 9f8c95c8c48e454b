import type { AccountReport, AuditReport } from '../model.js';
import type { Target } from './outcome.js';

/**
 * The account as the person saw it in their report when they confirmed, for /undo to show; a target the
 * report no longer holds (a newer audit replaced it) still gets its id and handle.
 */
export function accountAsSeen(report: AuditReport | null, target: Target): AccountReport {
  const seen = report?.accounts.find((account) => account.id === target.id);
  if (seen) return seen;
  return {
    id: target.id,
    handle: target.handle,
    name: null,
    categories: [],
    reasons: [],
    verdict: 'unfollow',
    verdictReason: 'you chose to unfollow it',
    botScore: null,
    lastActiveAt: null,
    lastInteractionAt: null,
    strength: 0,
    tier: null,
    duplicateOf: null,
  };
}
