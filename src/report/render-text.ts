import { stripVTControlCharacters } from 'node:util';
import type pc from 'picocolors';
import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport, type Verdict } from '../model.js';
import { CATEGORY_MEANING, PLATFORM_NAME, VERDICT_MEANING } from './labels.js';
import { renderFollowersText } from './followers.js';

export type Colors = ReturnType<typeof pc.createColors>;

export interface TextOptions {
  colors: Colors;
  /** List kept accounts one by one instead of only counting them. */
  all: boolean;
}

function verdictColor(c: Colors, verdict: Verdict): (s: string) => string {
  return { unfollow: c.red, review: c.yellow, nurture: c.cyan, keep: c.green }[verdict];
}

function accountLabel(account: Pick<AccountReport, 'handle' | 'id' | 'name'>): string {
  const who = account.handle ? `@${account.handle}` : `id ${account.id ?? '?'}`;
  return account.name && account.name !== account.handle ? `${who} (${account.name})` : who;
}

/** Columns padded by visible width: colour codes take no room on screen. */
function table(rows: string[][], align: ('left' | 'right')[]): string[] {
  const width = (cell: string) => stripVTControlCharacters(cell).length;
  const widths = align.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - width(cell));
    return align[i] === 'right' ? fill + cell : cell + fill;
  };
  return rows.map((row) => row.map(pad).join('  ').trimEnd());
}

function renderAccount(account: AccountReport, c: Colors): string[] {
  const categories = account.categories.length > 0 ? c.dim(` — ${account.categories.join(', ')}`) : '';
  const lines = [`  ${c.bold(accountLabel(account))}${categories}`, `      ${account.verdictReason}`];
  for (const reason of account.reasons) lines.push(c.dim(`      · ${reason}`));
  return lines;
}

/** The terminal report: a summary first, then the accounts grouped by verdict with their reasons. */
export function renderText(report: AuditReport, { colors: c, all }: TextOptions): string {
  const out: string[] = [];
  const owner = report.owner.handle ? `@${report.owner.handle}` : (report.owner.id ?? 'unknown owner');
  out.push(
    c.bold(
      `Tend audit · ${PLATFORM_NAME[report.platform]} · ${owner} · as of ${report.generatedAt.slice(0, 10)}`,
    ),
  );
  const followers =
    report.summary.followers === null ? 'followers unknown' : `${report.summary.followers} followers`;
  out.push(`Following ${report.summary.following} · ${followers}`);
  const { interests } = report;
  out.push(
    interests.terms.length > 0
      ? `Interests (${interests.source}): ${interests.terms.join(', ')}`
      : 'Interests: none given and none could be inferred (use --interests)',
  );
  if (interests.note) out.push(c.dim(`  inferred from ${interests.note}`));
  if (report.xUsage) {
    const { calls, users, posts } = report.xUsage;
    out.push(
      c.dim(
        `X API: ${calls} ${calls === 1 ? 'call' : 'calls'}, ${users.toLocaleString('en')} accounts and ${posts.toLocaleString('en')} posts read (what X bills)`,
      ),
    );
  }
  out.push('');

  const verdictRows = VERDICTS.map((v) => [
    verdictColor(c, v)(v),
    String(report.summary.byVerdict[v]),
    c.dim(VERDICT_MEANING[v]),
  ]);
  out.push(
    ...table([[c.bold('verdict'), c.bold('accounts'), ''], ...verdictRows], ['left', 'right', 'left']),
  );
  out.push('');
  const categoryRows = CATEGORIES.map((k) => [
    k,
    String(report.summary.byCategory[k]),
    c.dim(CATEGORY_MEANING[k]),
  ]);
  out.push(
    ...table([[c.bold('category'), c.bold('accounts'), ''], ...categoryRows], ['left', 'right', 'left']),
  );

  if (report.summary.skippedChecks.length > 0) {
    out.push('', c.bold('Checks not made'));
    for (const line of report.summary.skippedChecks) out.push(`  - ${line}`);
  }
  if (report.warnings.length > 0) {
    out.push('', c.bold(c.yellow('Warnings')));
    for (const line of report.warnings) out.push(`  - ${line}`);
  }

  for (const verdict of VERDICTS) {
    const accounts = report.accounts.filter((a) => a.verdict === verdict);
    if (accounts.length === 0) continue;
    out.push(
      '',
      c.bold(verdictColor(c, verdict)(`${verdict.toUpperCase()} (${accounts.length})`)) +
        c.dim(` — ${VERDICT_MEANING[verdict]}`),
    );
    if (verdict === 'keep' && !all) {
      const kept = accounts.filter((a) => a.categories.length > 0);
      for (const account of kept) out.push(...renderAccount(account, c));
      const quiet = accounts.length - kept.length;
      if (quiet > 0) out.push(c.dim(`  … and ${quiet} more with nothing against them (--all lists them)`));
      continue;
    }
    for (const account of accounts) out.push(...renderAccount(account, c));
  }
  if (report.followers) out.push(...renderFollowersText(report.followers, c));
  return `${out.join('\n')}\n`;
}
