/**
 * The report as a file to attach: the CSV of `tend --csv` and the JSON of `tend --json`, so a file from
 * the bot opens in the same tools as one from the CLI. Discord refuses a file over its upload limit
 * (10 MiB a file for a bot in a server without boosts; the interaction says what applies) with a 413:
 * a file over it goes gzip-compressed, which shrinks a report about ninefold (a 21,000-account JSON of
 * 13.5 MiB to about 1.5 MiB); one too large even then is refused with a way out.
 */
import { gzipSync } from 'node:zlib';
import { UserError } from '../../errors.js';
import type { AuditReport } from '../../model.js';
import { reportToCsv } from '../../report/csv.js';
import type { BotFile } from '../../discord/message.js';

export type ExportFormat = 'csv' | 'json';

/** Discord's upload limit for a bot in a server without boosts, when the interaction does not say. */
export const DISCORD_UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface ReportFile {
  file: BotFile;
  /** Why the file is compressed, for the reply; null when it goes as it is. */
  note: string | null;
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function reportExport(
  report: AuditReport,
  format: ExportFormat,
  limitBytes = DISCORD_UPLOAD_LIMIT,
): ReportFile {
  const name = `tend-audit-${report.platform}-${report.generatedAt.slice(0, 10)}.${format}`;
  const plain = Buffer.from(
    format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`,
    'utf8',
  );
  return fitForDiscord(plain, name, format, limitBytes);
}

/**
 * A file as Discord takes it: as it is within `limitBytes`, gzipped (and said so) above, refused in
 * words when even that is too large.
 */
export function fitForDiscord(
  plain: Buffer,
  name: string,
  format: ExportFormat,
  limitBytes = DISCORD_UPLOAD_LIMIT,
): ReportFile {
  if (plain.length <= limitBytes) return { file: { attachment: plain, name }, note: null };
  const packed = gzipSync(plain, { level: 9 });
  if (packed.length > limitBytes) {
    throw new UserError(
      `This report is too large for Discord even compressed (${mib(packed.length)} of ${format.toUpperCase()}; Discord takes ${mib(limitBytes)} a file). ` +
        'Run the audit with the command-line tool on your X archive (`tend --json`, `tend --csv`), which has no such limit.',
    );
  }
  return {
    file: { attachment: packed, name: `${name}.gz` },
    note: `Compressed with gzip: ${mib(plain.length)} of ${format.toUpperCase()} is over Discord's ${mib(limitBytes)} a file. Any unzip tool opens it (\`gunzip ${name}.gz\`).`,
  };
}
