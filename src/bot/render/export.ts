/**
 * The report as a file to attach: the CSV of `tend --csv` and the JSON of `tend --json`, so a file from
 * the bot opens in the same tools as one from the CLI.
 */
import type { AuditReport } from '../../model.js';
import { reportToCsv } from '../../report/csv.js';
import type { BotFile } from './message.js';

export type ExportFormat = 'csv' | 'json';

export function reportExport(report: AuditReport, format: ExportFormat): BotFile {
  const name = `tend-audit-${report.platform}-${report.generatedAt.slice(0, 10)}.${format}`;
  const text = format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  return { attachment: Buffer.from(text, 'utf8'), name };
}
