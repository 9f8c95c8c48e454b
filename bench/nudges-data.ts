/**
 * The nudge benchmark's people, generated from a seed: for each, the audit report and the ledger the
 * audit worker would have stored (2,000 followings, the engine's verdict mix), and twelve weeks of
 * weekly digests before the one measured.
 */
import type {
  AccountReport,
  AuditReport,
  Category,
  InteractionKind,
  Ledger,
  LedgerEntry,
  Verdict,
} from '../src/model.js';
import { packEntry } from '../src/ledger.js';
import { nudgeKey, type NudgeOutcome } from '../src/nudges/state.js';
import { seededRandom } from '../scripts/lib/seeded-random.js';

export const NOW = Date.parse('2026-06-01T09:00:00Z');
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

/** Of 2,000 followings: what an X audit of a long-standing account finds (flagged ≈ a quarter, nurture 5%). */
const MIX: [Verdict, number, Category[], string][] = [
  ['unfollow', 0.08, ['bot', 'not_following_back'], 'likely a bot (0.91) and does not follow you back'],
  [
    'review',
    0.12,
    ['low_interaction', 'not_following_back'],
    'no interaction in 180 days and does not follow you back',
  ],
  ['nurture', 0.05, ['neglected'], 'a genuine follower you have gone quiet with'],
  ['keep', 0.75, [], 'nothing flagged'],
];
const REASONS: Record<string, string> = {
  bot: 'bot score 0.91: posts 96 times a day, default avatar',
  not_following_back: 'does not follow you back',
  low_interaction: 'no interaction either way in 180 days (the last on 2025-09-14)',
};
const TIERS = ['close', 'regular', 'regular', 'casual'] as const;
const KINDS: InteractionKind[] = ['reply', 'like', 'mention', 'dm'];

export interface BenchPerson {
  personId: string;
  report: AuditReport;
  ledger: Ledger;
}

function verdictAt(r: number): (typeof MIX)[number] {
  let acc = 0;
  for (const row of MIX) if (r < (acc += row[1])) return row;
  return MIX[MIX.length - 1]!;
}

function entry(random: () => number, lastOut: number | null): LedgerEntry {
  const outCount = lastOut === null ? 0 : 1 + Math.floor(random() * 12);
  const inCount = Math.floor(random() * 10);
  const inLast = inCount > 0 ? NOW - Math.floor(random() * 400) * DAY : null;
  const kind = KINDS[Math.floor(random() * KINDS.length)]!;
  const last = Math.max(lastOut ?? 0, inLast ?? 0);
  return {
    out: { count: outCount, last: lastOut, decay: outCount * random() * 40 },
    in: { count: inCount, last: inLast, decay: inCount * random() * 40 },
    kinds: { [kind]: { count: outCount + inCount, last } },
  };
}

export function benchPerson(index: number, following: number): BenchPerson {
  const random = seededRandom(1_000 + index);
  const ledger: Ledger = {
    entries: new Map(),
    aliases: new Map(),
    sources: ['own posts', 'mentions', 'likes'],
  };
  const accounts: AccountReport[] = [];
  for (let i = 0; i < following; i += 1) {
    const id = String(1_400_000_000_000_000_000n + BigInt(index * following + i));
    const handle = `p${index}_f${i}`;
    const [verdict, , categories, verdictReason] = verdictAt(random());
    const nurture = verdict === 'nurture';
    const quietDays = nurture ? 35 + Math.floor(random() * 300) : Math.floor(random() * 500);
    const lastOut = nurture || random() < 0.3 ? NOW - quietDays * DAY : null;
    if (lastOut !== null || random() < 0.1) ledger.entries.set(`id:${id}`, packEntry(entry(random, lastOut)));
    const tier = nurture ? TIERS[Math.floor(random() * TIERS.length)]! : null;
    accounts.push({
      id,
      handle,
      name: `Person ${index}.${i}`,
      categories: [...categories],
      reasons: nurture
        ? [`mutual and on-topic; you last replied ${quietDays} days ago (cadence 30 days)`]
        : categories.map((c) => REASONS[c]!),
      verdict,
      verdictReason,
      botScore: Math.round(random() * 100) / 100,
      lastActiveAt: iso(NOW - Math.floor(random() * 200) * DAY),
      lastInteractionAt: lastOut === null ? null : iso(lastOut),
      strength: nurture ? Math.round(random() * 4000) / 100 : 0,
      tier,
      duplicateOf: null,
    });
  }
  const byCategory = Object.fromEntries(
    [
      'not_following_back',
      'bot',
      'low_interaction',
      'off_topic',
      'dormant',
      'gone',
      'duplicate',
      'neglected',
    ].map((c) => [c, 0]),
  );
  const byVerdict = { unfollow: 0, review: 0, nurture: 0, keep: 0 };
  for (const a of accounts) {
    byVerdict[a.verdict] += 1;
    for (const c of a.categories) byCategory[c]! += 1;
  }
  const report: AuditReport = {
    platform: 'x',
    owner: { id: String(index), handle: `person${index}` },
    generatedAt: iso(NOW - DAY),
    interests: { terms: ['opera', 'theatre'], source: 'inferred' },
    accounts,
    warnings: [],
    summary: {
      following,
      followers: following,
      byCategory: byCategory as AuditReport['summary']['byCategory'],
      byVerdict,
      skippedChecks: [],
    },
  };
  return { personId: `bench${index}`, report, ledger };
}

/** What Tend did and heard before the measured digest, for the store to replay. */
export interface PastNudges {
  /** Week by week, the accounts each digest named and when it went out. */
  digests: { at: number; keys: string[] }[];
  outcomes: { key: string; id: string; outcome: NudgeOutcome; at: number }[];
  cadence: [string, number][];
}

/**
 * What twelve weekly digests leave behind: the nurture accounts named (five a week), a few snoozed,
 * muted or marked done, and a couple of the person's own cadences.
 */
export function pastNudges(index: number, report: AuditReport): PastNudges {
  const random = seededRandom(7_000 + index);
  const nurture = report.accounts.filter((a) => a.verdict === 'nurture');
  const digests = Array.from({ length: 12 }, (_, w) => ({
    at: NOW - (w + 1) * 7 * DAY,
    keys: nurture.slice(w * 5, w * 5 + 5).map((a) => nudgeKey(a)!),
  }));
  const pick = () => nurture[Math.floor(random() * nurture.length)]!;
  const outcomes = (
    ['snooze', 'snooze', 'snooze', 'never', 'never', 'done', 'done', 'done', 'done', 'done', 'done'] as const
  ).map((outcome) => {
    const account = pick();
    return { key: nudgeKey(account)!, id: account.id!, outcome, at: NOW - Math.floor(random() * 80) * DAY };
  });
  return {
    digests,
    outcomes,
    cadence: [
      [nudgeKey(pick())!, 60],
      [nudgeKey(pick())!, 21],
    ],
  };
}
