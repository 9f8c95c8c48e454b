/**
 * Prepares data/bot-profiles/vendor-purchased-2019.csv and data/bot-profiles/verified-2019.csv, two
 * more labelled collections for the bot model, from the Botometer bot repository's releases of them
 * (Yang, Varol, Hui, Menczer, "Scalable and generalizable social bot detection through data
 * selection", AAAI 2020): each a `NAME.tsv` of `id<TAB>bot|human` and a `NAME_tweets.json`, one recent
 * tweet per account with the account's X API v1.1 user object as it was when collected.
 *
 *   npx tsx scripts/bots/prepare-bot-repository-2019.ts --from DIR   # DIR holds both files of each collection
 *
 * vendor-purchased-2019 is fake followers bought from follower vendors (bots only); verified-2019 is
 * verified accounts (humans only). Keeps only the columns Tend's bot model reads, in the layout of
 * train.csv. The files carry no collection date, so each collection is dated by its newest tweet (a
 * lower bound: an account is never older at collection than its age then). Accounts whose label the
 * tsv does not give are left out. Provenance: data/bot-profiles/README.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { PROJECT_ROOT } from '../../src/paths.js';
import { ageDays, TRAIN_COLUMNS } from './prepared-csv.js';

const COLLECTIONS = ['vendor-purchased-2019', 'verified-2019'] as const;

interface UserObject {
  id_str: string;
  screen_name: string;
  created_at: string;
  description: string | null;
  location: string | null;
  default_profile_image: boolean;
  favourites_count: number;
  followers_count: number;
  friends_count: number;
  statuses_count: number;
}

const { values: args } = parseArgs({
  options: {
    from: { type: 'string' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'data', 'bot-profiles') },
  },
});
if (args.from === undefined) {
  console.error(
    `prepare-bot-repository-2019: give --from DIR, the folder holding ${COLLECTIONS.map((c) => `${c}.tsv and ${c}_tweets.json`).join(', ')}`,
  );
  process.exit(2);
}

/** "Tue Jun 11 11:20:35 +0000 2013" (X API v1.1) → "2013-06-11 11:20:35" (train.csv's UTC layout). */
function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

for (const name of COLLECTIONS) {
  const labels = new Map<string, string>();
  for (const line of (await readFile(join(args.from, `${name}.tsv`), 'utf8')).split('\n')) {
    const [id, label] = line.trim().split('\t');
    if (id && (label === 'bot' || label === 'human')) labels.set(id, label === 'bot' ? '1' : '0');
  }
  const tweets = JSON.parse(await readFile(join(args.from, `${name}_tweets.json`), 'utf8')) as {
    created_at: string;
    user: UserObject;
  }[];
  const collected = Math.max(...tweets.map((t) => Date.parse(t.created_at)));
  const rows: string[][] = [];
  const seen = new Set<string>();
  for (const { user } of tweets) {
    const label = labels.get(user.id_str);
    if (label === undefined || seen.has(user.id_str)) continue;
    seen.add(user.id_str);
    const created = Date.parse(user.created_at);
    if (!Number.isFinite(created)) throw new Error(`${name}: account ${user.id_str} has no created_at`);
    rows.push([
      utc(created),
      user.default_profile_image ? 'True' : 'False',
      user.description ?? '',
      String(user.favourites_count),
      String(user.followers_count),
      String(user.friends_count),
      user.id_str,
      user.location ?? '',
      user.screen_name,
      String(user.statuses_count),
      ageDays(collected, created),
      label,
      name,
    ]);
  }
  rows.sort((a, b) => (BigInt(a[6]!) < BigInt(b[6]!) ? -1 : 1));
  const out = join(args.out, `${name}.csv`);
  await writeFile(out, stringify([TRAIN_COLUMNS, ...rows]));
  console.log(`Wrote ${rows.length} accounts to ${out} (dated ${utc(collected)})`);
}
