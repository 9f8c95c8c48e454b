import { stringify } from 'csv-stringify/sync';
import type { AuditReport } from '../model.js';

export const CSV_COLUMNS = [
  'id',
  'handle',
  'name',
  'verdict',
  'categories',
  'reasons',
  'verdict_reason',
  'bot_score',
  'last_active_at',
  'last_interaction_at',
  'strength',
  'tier',
  'duplicate_of',
] as const;

/**
 * Names and reasons quote what account owners wrote; a cell starting like a formula would run as one
 * in a spreadsheet, so it is prefixed with an apostrophe (shown as text, not evaluated).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function text(value: string | null): string {
  if (value === null) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One row per account; lists are joined with "; " so the file opens cleanly in a spreadsheet. */
export function reportToCsv(report: AuditReport): string {
  const rows = report.accounts.map((a) => [
    a.id ?? '',
    text(a.handle),
    text(a.name),
    a.verdict,
    a.categories.join('; '),
    text(a.reasons.join('; ')),
    text(a.verdictReason),
    a.botScore ?? '',
    a.lastActiveAt ?? '',
    a.lastInteractionAt ?? '',
    a.strength,
    a.tier ?? '',
    a.duplicateOf ?? '',
  ]);
  return stringify([[...CSV_COLUMNS], ...rows]);
}
