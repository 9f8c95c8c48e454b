/**
 * `tsx scripts/relevance/select-round.ts [--part dev|test] [--check] [--train FILE]`: picks the fourth
 * round of bios of the topic-relevance evaluation set (data/relevance/README.md) by a fixed rule, written
 * here before any candidate bio was read, so that anyone can pick the same bios again.
 *
 * It reads `../shared/data/bot-profiles/train.csv` beside the checkout (the labelled profiles the bot
 * model trains on; not part of the repository; `--train FILE` gives another path) and the collections
 * of data/bot-profiles/ that keep bio text (cresci-2017, vendor-purchased-2019, verified-2019;
 * caverlee-2011 keeps only the bio's length).
 *
 * The rule:
 * - Pool: every account of those files with a non-empty bio, labelled human or bot by its collection,
 *   not already in data/relevance/bios.csv. An account in two files is kept once, from the first file
 *   read (train.csv first); one that two files label differently is left out. A bio whose text (trimmed,
 *   lower-cased, runs of white space made one space) is already in bios.csv or already taken is skipped,
 *   so that copies of one spam text do not fill the round.
 * - Order: by SHA-256 of `"round-4:" + id`, as hex, ascending.
 * - Humans, group by group in the order of `GROUPS`: the first `take` bios not yet taken whose text
 *   matches the group's pattern (whole words, case-insensitive). A pattern finds its words in every
 *   sense, so each group brings near misses with it; the last pattern group is near misses on purpose.
 * - Then `RANDOM_HUMANS` humans not yet taken whose bio has four words or more (words: runs of
 *   non-space characters holding a letter).
 * - Then `RANDOM_BOTS` bots not yet taken, any bio: the round's spam and bots whose bio is not spam.
 * - `part` by the set's fixed rule: `test` when the first byte of SHA-256(id) is 128 or more, else `dev`.
 *
 * `--part dev` appends that part's bios to bios.csv (in the order chosen; the same columns and quoting as
 * the file; the bio as the collection gives it), `--part test` the other; it refuses to add a part whose
 * bios are already there. With neither, it prints how many bios each group and part hold, and no bio.
 * `--check` checks that the rows of bios.csv after the third round are the ones the rule picks (the dev
 * part, then the test part if it was added) and that every row's part follows the split rule.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const ROOT = join(import.meta.dirname, '..', '..');
const BIOS = join(ROOT, 'data', 'relevance', 'bios.csv');
/** Rows of bios.csv before this round: the first three rounds (272 + 261 + 280). */
const EARLIER_ROWS = 813;
const SALT = 'round-4:';
const COLLECTIONS = ['cresci-2017', 'vendor-purchased-2019', 'verified-2019'];

/**
 * A pattern of whole words from regex fragments, case-insensitive: a fragment matches only where no
 * letter or digit touches it on either side.
 */
function words(...fragments: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${fragments.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

interface Group {
  name: string;
  take: number;
  pattern: RegExp;
}

/** The groups of human bios, in the order they take, with their exact patterns. */
export const GROUPS: readonly Group[] = [
  {
    name: 'sports',
    take: 30,
    pattern: words(
      'sports?',
      'football',
      'soccer',
      'basketball',
      'baseball',
      'hockey',
      'tennis',
      'golf',
      'cricket',
      'rugby',
      'boxing',
      'ufc',
      'mma',
      'nfl',
      'nba',
      'mlb',
      'nhl',
      'mls',
      'ncaa',
      'espn',
      'f1',
      'nascar',
      'premier league',
      'la liga',
      'fc',
      'fan of',
      'die-?hard',
      'season ticket',
      '#go\\p{L}+',
      'athlete',
      'olympi\\p{L}*',
      'quarterback',
      'pitcher',
      'striker',
      'goalkeeper',
      'fantasy football',
      'futbol',
      'fútbol',
      'calcio',
    ),
  },
  {
    name: 'music',
    take: 25,
    pattern: words(
      'music\\p{L}*',
      'singer',
      'songwriter',
      'rapper',
      'rap',
      'hip ?hop',
      'dj',
      'band',
      'guitar\\p{L}*',
      'drummer',
      'bassist',
      'pian\\p{L}+',
      'album',
      'ep',
      'mixtape',
      'concerts?',
      'gigs?',
      'festivals?',
      'vinyl',
      'spotify',
      'soundcloud',
      'jazz',
      'rock',
      'metal',
      'punk',
      'indie',
      'r&b',
      'composer',
      'orchestra',
      'choir',
      'songs?',
    ),
  },
  {
    name: 'news and politics',
    take: 25,
    pattern: words(
      'journalis\\p{L}*',
      'reporter',
      'correspondent',
      'editor',
      'anchor',
      'news',
      'columnist',
      'politic\\p{L}*',
      'policy',
      'campaign\\p{L}*',
      'senator',
      'congress\\p{L}*',
      'mayor',
      'council\\p{L}*',
      'democrats?',
      'republicans?',
      'gop',
      'liberal',
      'conservative',
      'progressive',
      'labour',
      'tory',
      'activist',
      '#resist',
      'maga',
      'elections?',
      'government',
      'periodista',
    ),
  },
  {
    name: 'tech and gaming',
    take: 25,
    pattern: words(
      'developer',
      'engineer\\p{L}*',
      'software',
      'programm\\p{L}+',
      'coder',
      'startups?',
      'founder',
      'cto',
      'tech\\p{L}*',
      'ai',
      'machine learning',
      'data',
      'cloud',
      'linux',
      'javascript',
      'python',
      'security',
      'hacker',
      'web',
      'iphone',
      'android',
      'gadgets?',
      'gamer',
      'gaming',
      'games?',
      'twitch',
      'streamer',
      'xbox',
      'playstation',
      'ps4',
      'nintendo',
      'e-?sports',
      'minecraft',
      'fortnite',
      'pc',
      'steam',
    ),
  },
  {
    name: 'stage and London',
    take: 20,
    pattern: words(
      'theatre',
      'theater',
      'broadway',
      'west end',
      'stage',
      'actor',
      'actress',
      'acting',
      'opera',
      'ballet',
      'musicals?',
      'playwright',
      'dancer',
      'drama',
      'london\\p{L}*',
      'shakespeare',
      'soprano',
      'tenor',
      'cabaret',
    ),
  },
  {
    name: 'outdoors',
    take: 20,
    pattern: words(
      'cycling',
      'cyclist',
      'bikes?',
      'biking',
      'mtb',
      'climb\\p{L}*',
      'bouldering',
      'hik\\p{L}+',
      'trails?',
      'runn\\p{L}+',
      'marathons?',
      'triathl\\p{L}+',
      'camping',
      'mountains?',
      'outdoors?',
      'nature',
      'kayak\\p{L}*',
      'fishing',
      'hunting',
      'ski\\p{L}*',
      'snowboard\\p{L}*',
      'surf\\p{L}*',
      'national parks?',
      'backpack\\p{L}*',
      'adventure\\p{L}*',
    ),
  },
  {
    name: 'near misses',
    take: 15,
    pattern: words(
      'coach',
      'team',
      'champion',
      'league',
      'record',
      'track',
      'press',
      'beat',
      'pitch',
      'court',
      'ride',
      'peak',
      'network',
      'apple',
      'heat',
      'giants',
      'rangers',
      'score',
      'player',
      'play',
    ),
  },
];
export const RANDOM_HUMANS = 30;
export const RANDOM_BOTS = 40;

export interface Candidate {
  id: string;
  screen_name: string;
  description: string;
  bot: '0' | '1';
}
export interface Chosen extends Candidate {
  part: 'dev' | 'test';
  group: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** The set's split rule: `test` when the first byte of SHA-256(id) is 128 or more. */
export const partOf = (id: string): 'dev' | 'test' => (sha256(id)[0]! >= 128 ? 'test' : 'dev');

const normal = (bio: string) => bio.trim().toLowerCase().replace(/\s+/gu, ' ');
const wordCount = (bio: string) => bio.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;

/** The round's bios, in the order chosen, from the candidates and the bios already in the set. */
export function selectRound(candidates: readonly Candidate[], earlier: readonly Candidate[]): Chosen[] {
  const earlierIds = new Set(earlier.map((b) => b.id));
  const seenText = new Set(earlier.map((b) => normal(b.description)));
  const pool = candidates
    .filter((c) => c.description.trim() !== '' && !earlierIds.has(c.id))
    .map((c) => ({ c, key: sha256(SALT + c.id).toString('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.c);
  const chosen: Chosen[] = [];
  const taken = new Set<string>();
  const pick = (group: string, take: number, fits: (c: Candidate) => boolean) => {
    let n = 0;
    for (const c of pool) {
      if (n === take) break;
      if (taken.has(c.id) || seenText.has(normal(c.description)) || !fits(c)) continue;
      taken.add(c.id);
      seenText.add(normal(c.description));
      chosen.push({ ...c, part: partOf(c.id), group });
      n += 1;
    }
    if (n < take) throw new Error(`select-round: group ${group} found ${n} bios of ${take}`);
  };
  for (const g of GROUPS) pick(g.name, g.take, (c) => c.bot === '0' && g.pattern.test(c.description));
  pick('random humans', RANDOM_HUMANS, (c) => c.bot === '0' && wordCount(c.description) >= 4);
  pick('random bots', RANDOM_BOTS, (c) => c.bot === '1');
  return chosen;
}

const readCsv = (path: string) =>
  parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];

/** Every account with a bio of the files, kept once (first file first), conflicting labels left out. */
function loadCandidates(paths: readonly string[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  const conflicting = new Set<string>();
  for (const path of paths) {
    for (const r of readCsv(path)) {
      const label = r.account_type;
      if (label !== '0' && label !== '1') throw new Error(`${path}: row ${r.id} has no account_type label`);
      const seen = byId.get(r.id!);
      if (seen) {
        if (seen.bot !== label) conflicting.add(r.id!);
        continue;
      }
      byId.set(r.id!, {
        id: r.id!,
        screen_name: r.screen_name ?? '',
        description: r.description ?? '',
        bot: label,
      });
    }
  }
  return [...byId.values()].filter((c) => !conflicting.has(c.id));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      part: { type: 'string' },
      check: { type: 'boolean', default: false },
      train: { type: 'string', default: join(ROOT, '..', 'shared', 'data', 'bot-profiles', 'train.csv') },
    },
  });
  if (values.part !== undefined && values.part !== 'dev' && values.part !== 'test')
    throw new Error('--part is dev or test');
  if (!existsSync(values.train))
    throw new Error(
      `select-round: no ${values.train}; it reads ../shared/data/bot-profiles/train.csv, or --train FILE`,
    );
  const paths = [values.train, ...COLLECTIONS.map((n) => join(ROOT, 'data', 'bot-profiles', `${n}.csv`))];
  const rows = readCsv(BIOS) as unknown as (Candidate & { part: string })[];
  const earlier = rows.slice(0, EARLIER_ROWS);
  const chosen = selectRound(loadCandidates(paths), earlier);
  const dev = chosen.filter((c) => c.part === 'dev');
  const test = chosen.filter((c) => c.part === 'test');

  if (values.check) {
    const problems: string[] = [];
    for (const r of rows)
      if (r.part !== partOf(r.id)) problems.push(`${r.id}: part ${r.part}, rule ${partOf(r.id)}`);
    const added = rows.slice(EARLIER_ROWS).map((r) => r.id);
    const devIds = dev.map((c) => c.id);
    const expected = added.length <= dev.length ? devIds : [...devIds, ...test.map((c) => c.id)];
    if (added.length !== 0 && added.length !== dev.length && added.length !== chosen.length)
      problems.push(
        `${added.length} rows after the third round: neither the dev part (${dev.length}) nor both`,
      );
    else if (added.join() !== expected.slice(0, added.length).join())
      problems.push('the rows after the third round are not the ones the rule picks');
    for (const r of rows.slice(EARLIER_ROWS)) {
      const c = chosen.find((x) => x.id === r.id);
      if (c && (c.description !== r.description || c.screen_name !== r.screen_name || c.bot !== r.bot))
        problems.push(`${r.id}: row differs from its source`);
    }
    if (problems.length > 0) throw new Error(`select-round --check:\n${problems.join('\n')}`);
    console.log(
      `select-round --check: ${rows.length} rows follow the split rule; the ${added.length} after the third round are the rule's`,
    );
    return;
  }

  if (values.part === undefined) {
    const groups = [...new Set(chosen.map((c) => c.group))];
    for (const g of groups) {
      const of = chosen.filter((c) => c.group === g);
      console.log(`${g}: ${of.length} (dev ${of.filter((c) => c.part === 'dev').length})`);
    }
    console.log(`all: ${chosen.length} (dev ${dev.length}, test ${test.length})`);
    return;
  }
  const part = values.part === 'dev' ? dev : test;
  const present = new Set(rows.map((r) => r.id));
  if (part.some((c) => present.has(c.id)))
    throw new Error(`select-round: the ${values.part} part is already in bios.csv`);
  if (values.part === 'test' && dev.some((c) => !present.has(c.id)))
    throw new Error('select-round: add the dev part first');
  appendFileSync(BIOS, stringify(part.map((c) => [c.id, c.screen_name, c.description, c.bot, c.part])));
  console.log(`select-round: appended ${part.length} ${values.part} bios to bios.csv`);
}

if (process.argv[1] === import.meta.filename) main();
