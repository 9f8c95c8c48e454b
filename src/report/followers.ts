import { stringify } from 'csv-stringify/sync';
import {
  type FollowerCategory,
  type FollowerReport,
  type FollowersAudit,
  type ShareEstimate,
} from '../model.js';
import { formatDollars, type FollowersCost } from '../engine/follower-sampling.js';
import type { Colors } from './render-text.js';

/** What each follower category means, in the words the report and the README use. */
export const FOLLOWER_CATEGORY_MEANING: Record<FollowerCategory, string> = {
  fake: 'a bot or fake follower',
  inactive: 'no post for the dormant window, or never posted',
  engaged: 'replied to, mentioned, quoted, reposted or messaged you within the window',
  loyal: 'engaged with you across months',
  new: 'followed you since the last audit',
  lost: 'no longer follows you (re-checked)',
  churner: 'followed, was followed back, and left within weeks',
  not_followed_back: 'an engaged genuine follower you do not follow',
};

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

/** "12% (95%: 10–14%, 998 judged)", or "12% of 420" when exact. */
export function shareText(s: ShareEstimate): string {
  if (s.of === 0) return 'unknown (no profile judged)';
  if (s.exact) return `${pct(s.share)} (${s.count.toLocaleString('en')} of ${s.of.toLocaleString('en')})`;
  return `${pct(s.share)} (95% interval ${pct(s.low)}–${pct(s.high)}, ${s.of.toLocaleString('en')} judged)`;
}

const counted = (n: number, one: string) => `${n.toLocaleString('en')} ${n === 1 ? one : `${one}s`}`;

/**
 * What the followers audit cost on X: "3 calls, 2,425 accounts looked up, about $24.25", and the calls X
 * refused apart ("; 1 call refused by X, not billed"): a refused call reads nothing and costs nothing.
 */
export function costText(cost: FollowersCost): string {
  const refused = cost.refused ? `; ${counted(cost.refused, 'call')} refused by X, not billed` : '';
  return `${counted(cost.calls, 'call')}, ${counted(cost.users, 'account')} looked up, about ${formatDollars(cost.dollars)}${refused}`;
}

function who(f: FollowerReport): string {
  const handle = f.handle ? `@${f.handle}` : `id ${f.id ?? '?'}`;
  return f.name && f.name !== f.handle ? `${handle} (${f.name})` : handle;
}

/** How many of a group the terminal lists before "… and N more": the JSON and CSV have them all. */
const LISTED = 12;

/** The terminal's followers section, after the accounts. */
export function renderFollowersText(audit: FollowersAudit, c: Colors): string[] {
  const { summary } = audit;
  const out: string[] = ['', c.bold(`FOLLOWERS (${summary.followers.toLocaleString('en')})`)];
  const population =
    summary.population === 'newest'
      ? `your newest ${summary.followers.toLocaleString('en')} followers`
      : summary.population === 'sample'
        ? `a random sample of ${summary.sampled.toLocaleString('en')} followers`
        : 'every follower';
  out.push(
    c.dim(`  Audience shape, from ${population} (${summary.judged.toLocaleString('en')} profiles judged):`),
  );
  out.push(`  genuine   ${shareText(summary.shape.genuine)}`);
  out.push(`  engaged   ${shareText(summary.shape.engaged)}`);
  out.push(`  fake      ${shareText(summary.shape.fake)}`);
  out.push(`  inactive  ${shareText(summary.shape.inactive)}`);
  if (summary.cost) out.push(c.dim(`  X API: ${costText(summary.cost)}`));
  if (summary.previousAuditAt)
    out.push(c.dim(`  Compared with the audit of ${summary.previousAuditAt.slice(0, 10)}.`));
  for (const note of summary.notes) out.push(c.dim(`  - ${note}`));
  const groups: FollowerCategory[] = [
    'loyal',
    'not_followed_back',
    'engaged',
    'new',
    'lost',
    'churner',
    'fake',
    'inactive',
  ];
  const shown = new Set<FollowerReport>();
  for (const category of groups) {
    // Each follower is listed once, under the first of their groups; the other categories follow the name.
    const members = audit.followers.filter((f) => f.categories.includes(category) && !shown.has(f));
    if (summary.byCategory[category] === 0) continue;
    out.push(
      '',
      c.bold(`  ${category} (${summary.byCategory[category]})`) +
        c.dim(` — ${FOLLOWER_CATEGORY_MEANING[category]}`),
    );
    for (const f of members.slice(0, LISTED)) {
      shown.add(f);
      const others = f.categories.filter((k) => k !== category);
      out.push(`    ${c.bold(who(f))}${others.length ? c.dim(` — also ${others.join(', ')}`) : ''}`);
      for (const reason of f.reasons) out.push(c.dim(`        · ${reason}`));
    }
    const more = members.length - Math.min(members.length, LISTED);
    if (more > 0) out.push(c.dim(`    … and ${more} more (--json or --csv lists them all)`));
    if (members.length === 0) out.push(c.dim('    (listed above)'));
  }
  return out;
}

export const FOLLOWER_CSV_COLUMNS = [
  'id',
  'handle',
  'name',
  'categories',
  'reasons',
  'bot_score',
  'last_active_at',
  'last_interaction_at',
  'strength',
  'followed_back',
  'judged',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const text = (v: string | null) => (v === null ? '' : FORMULA_START.test(v) ? `'${v}` : v);

/** One row per follower listed, as the accounts' CSV is laid out. */
export function followersToCsv(audit: FollowersAudit): string {
  const rows = audit.followers.map((f) => [
    f.id ?? '',
    text(f.handle),
    text(f.name),
    f.categories.join('; '),
    text(f.reasons.join('; ')),
    f.botScore ?? '',
    f.lastActiveAt ?? '',
    f.lastInteractionAt ?? '',
    f.strength,
    f.followedBack === null ? '' : String(f.followedBack),
    String(f.judged),
  ]);
  return stringify([[...FOLLOWER_CSV_COLUMNS], ...rows]);
}

/** Where the followers CSV goes beside `--csv FILE`: `audit.csv` → `audit.followers.csv`. */
export function followersCsvPath(csv: string): string {
  return /\.csv$/i.test(csv) ? csv.replace(/\.csv$/i, '.followers.csv') : `${csv}.followers.csv`;
}
