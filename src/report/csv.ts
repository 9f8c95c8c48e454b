import { stringify } from 'csv-stringify/sync';
import type { AuditReport } from '../model.js';

export const CSV_COLUMNS = [
  'id', 'handle', 'name', 'verdict', 'categories', 'reasons', 'verdict_reason',
  'bot_score', 'last_active_at', 'last_interaction_at', 'strength', 'tier', 'duplicate_of',
] as const;

/** One row per account; lists are joined with "; " so the file opens cleanly in a spreadsheet. */
export function reportToCsv(report: AuditReport): string {
  const rows = report.accounts.map((a) => [
    a.id ?? '', a.handle ?? '', a.name ?? '', a.verdict, a.categories.join('; '), a.reasons.join('; '),
    a.verdictReason, a.botScore ?? '', a.lastActiveAt ?? '', a.lastInteractionAt ?? '', a.strength,
    a.tier ?? '', a.duplicateOf ?? '',
  ]);
  return stringify([[...CSV_COLUMNS], ...rows]);
}
