/**
 * `npm run eval:relevance [-- --part dev|test|all]`: runs Tend's own audit on the hand-labelled bios of
 * data/relevance/ against each interest list and prints, per list and overall, how the off_topic
 * category does: the share of relevant accounts it flags, its precision and recall (unrelated and spam
 * accounts are the ones that should be flagged), and the spam it calls spam. Ambiguous pairs are left
 * out of the figures and counted apart. The test part is for a final, single look (docs/MODEL.md).
 *
 * Overall figures are also given for each round of labelling apart (data/relevance/README.md: the
 * rows of bios.csv up to each of `ROUND_ENDS`, then the last round), so that a run compares with the
 * runs before a round was added.
 *
 * `--show wrong` (dev only) also lists the pairs it gets wrong, with the reason Tend gave: relevant
 * accounts flagged, and unrelated or spam accounts not flagged. Test is not listed, so that nothing is
 * tuned by reading it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { audit } from '../../src/engine/classify.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { relevance } from '../../src/engine/interests.js';
import { emptyLedger } from '../../src/ledger.js';
import { DEFAULT_THRESHOLDS, type AuditInput, type FollowedAccount } from '../../src/model.js';

const DIR = new URL('../../data/relevance/', import.meta.url);
const NOW = Date.parse('2020-08-18T00:00:00Z');
const LABELS = ['relevant', 'unrelated', 'spam', 'ambiguous'] as const;
type Label = (typeof LABELS)[number];

interface Bio {
  id: string;
  screen_name: string;
  description: string;
  part: 'dev' | 'test';
}
interface Pair {
  interests: string;
  id: string;
  label: Label;
}

const read = <T>(file: string): T[] => parse(readFileSync(new URL(file, DIR)), { columns: true }) as T[];

function partArg(): 'dev' | 'test' | 'all' {
  const i = process.argv.indexOf('--part');
  const part = i >= 0 ? process.argv[i + 1] : 'dev';
  if (part !== 'dev' && part !== 'test' && part !== 'all') throw new Error('--part is dev, test or all');
  return part;
}

interface Tally {
  relevant: number;
  relevantFlagged: number;
  shouldFlag: number;
  flaggedRight: number;
  flaggedWrong: number;
  spam: number;
  spamCaught: number;
  ambiguous: number;
  ambiguousFlagged: number;
  /** Spam flagged off-topic, whether or not as spam. */
  spamFlagged: number;
}

const emptyTally = (): Tally => ({
  relevant: 0,
  relevantFlagged: 0,
  shouldFlag: 0,
  flaggedRight: 0,
  flaggedWrong: 0,
  spam: 0,
  spamCaught: 0,
  ambiguous: 0,
  ambiguousFlagged: 0,
  spamFlagged: 0,
});

function add(into: Tally, t: Tally): void {
  for (const k of Object.keys(t) as (keyof Tally)[]) into[k] += t[k];
}

function showArg(part: string): boolean {
  const i = process.argv.indexOf('--show');
  if (i < 0) return false;
  if (process.argv[i + 1] !== 'wrong') throw new Error('--show takes wrong');
  if (part !== 'dev') throw new Error('--show lists dev pairs only');
  return true;
}

const wrong: string[] = [];
let show = false;
/** Where each round of labelling but the last ends in bios.csv (rows: 272 bios, then 261, then 280). */
const ROUND_ENDS = [272, 533, 813];
const ROUND_NAMES = ['first', 'second', 'third', 'fourth'];

interface Tallies {
  all: Tally;
  byRound: Tally[];
}

function judgeList(
  interests: string,
  pairs: readonly Pair[],
  bios: ReadonlyMap<string, Bio>,
  roundOf: ReadonlyMap<string, number>,
): Tallies {
  const following: FollowedAccount[] = pairs.map((p) => {
    const bio = bios.get(p.id)!;
    return {
      key: p.id,
      id: p.id,
      handle: bio.screen_name,
      profile: {
        id: p.id,
        handle: bio.screen_name,
        bio: bio.description,
        followsOwner: false,
        lastPostAt: NOW,
      },
    };
  });
  const input: AuditInput = {
    platform: 'x',
    owner: { id: 'owner', handle: 'owner' },
    following,
    followers: null,
    ledger: emptyLedger(),
    interests: { terms: interests.split(',').map((t) => t.trim()), source: 'explicit' },
    ownerTexts: { bio: null, posts: [], likes: [] },
    keep: new Set(),
    muted: new Set(),
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
  };
  const byId = new Map(audit(input, { botScorer: defaultBotScorer() }).accounts.map((a) => [a.id, a]));
  const all = emptyTally();
  const byRound = ROUND_NAMES.map(emptyTally);
  for (const p of pairs) {
    const t = emptyTally();
    const report = byId.get(p.id)!;
    const i = report.categories.indexOf('off_topic');
    const flagged = i >= 0;
    const asSpam = flagged && report.reasons[i]!.startsWith('spam:');
    const note = () => {
      const bio = bios.get(p.id)!;
      const why = relevance({ bio: bio.description, handle: bio.screen_name }, input.interests);
      const read =
        why.matched.length > 0 ? why.matched.join(', ') : `nothing (${why.words} meaningful words)`;
      return `  ${interests} | @${bio.screen_name}: ${bio.description.replace(/\s+/g, ' ')}\n    → ${report.reasons.join('; ')}\n    → read: ${read}`;
    };
    if (p.label === 'ambiguous') {
      t.ambiguous += 1;
      if (flagged) t.ambiguousFlagged += 1;
    } else if (p.label === 'relevant') {
      t.relevant += 1;
      if (flagged) t.relevantFlagged += 1;
      if (flagged) t.flaggedWrong += 1;
      if (flagged && show) wrong.push(`relevant flagged${note()}`);
    } else {
      t.shouldFlag += 1;
      if (flagged) t.flaggedRight += 1;
      else if (show) wrong.push(`${p.label} not flagged${note()}`);
      if (p.label === 'spam') {
        t.spam += 1;
        if (asSpam) t.spamCaught += 1;
        if (flagged) t.spamFlagged += 1;
      }
    }
    add(all, t);
    add(byRound[roundOf.get(p.id)!]!, t);
  }
  return { all, byRound };
}

const pct = (n: number, d: number) => (d === 0 ? '   –' : `${((100 * n) / d).toFixed(0).padStart(3)}%`);
const ratio = (n: number, d: number) => (d === 0 ? '   –' : (n / d).toFixed(2));

function row(name: string, t: Tally): string {
  const flagged = t.flaggedRight + t.flaggedWrong;
  return [
    name.padEnd(30),
    `${pct(t.relevantFlagged, t.relevant)} of ${String(t.relevant).padStart(3)}`,
    ratio(t.flaggedRight, flagged).padStart(9),
    ratio(t.flaggedRight, t.shouldFlag).padStart(6),
    `${pct(t.spamCaught, t.spam)} of ${String(t.spam).padStart(3)}`,
    pct(t.spamFlagged, t.spam).padStart(12),
    `${pct(t.ambiguousFlagged, t.ambiguous)} of ${String(t.ambiguous).padStart(3)}`,
  ].join('  ');
}

function main(): void {
  const part = partArg();
  show = showArg(part);
  const rows = read<Bio>('bios.csv');
  const bios = new Map(rows.map((b) => [b.id, b]));
  const roundOf = new Map(rows.map((b, i) => [b.id, ROUND_ENDS.filter((end) => i >= end).length] as const));
  const pairs = read<Pair>('labels.csv').filter((p) => part === 'all' || bios.get(p.id)?.part === part);
  for (const p of pairs)
    if (!LABELS.includes(p.label)) throw new Error(`labels.csv: unknown label ${p.label}`);
  const lists = [...new Set(pairs.map((p) => p.interests))];
  console.log(`part: ${part}, ${pairs.length} labelled pairs over ${lists.length} interest lists`);
  console.log(
    `${'interests'.padEnd(30)}  relevant flagged  precision  recall  spam as spam  spam flagged  ambiguous flagged`,
  );
  const total = emptyTally();
  const rounds = ROUND_NAMES.map(emptyTally);
  for (const list of lists) {
    const t = judgeList(
      list,
      pairs.filter((p) => p.interests === list),
      bios,
      roundOf,
    );
    add(total, t.all);
    t.byRound.forEach((r, i) => add(rounds[i]!, r));
    console.log(row(list, t.all));
  }
  console.log(row('overall', total));
  rounds.forEach((r, i) => console.log(row(`  ${ROUND_NAMES[i]} round of bios`, r)));
  if (show) console.log(`\n${wrong.length} pairs wrong:\n${wrong.sort().join('\n')}`);
}

main();
