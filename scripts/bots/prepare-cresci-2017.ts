/**
 * Prepares data/bot-profiles/cresci-2017.csv, a second labelled collection for the bot model, from
 * the cresci-2017 users files (genuine accounts and social spambots #1 of Cresci et al., "The
 * paradigm-shift of social spambots", WWW 2017 companion) as one public repository republishes them:
 *
 *   npx tsx scripts/bots/prepare-cresci-2017.ts --from DIR   # DIR holds genuine_users.csv and spam_user.csv
 *
 * Keeps only the columns Tend's bot model reads, in the layout of train.csv, dated by when the authors
 * crawled each account (`crawled_at`), so account age and rates per day are those of the crawl. The
 * output is committed (it is small); the script says how it was made. Provenance: docs/MODEL.md.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { PROJECT_ROOT } from '../../src/paths.js';
import { ageDays, TRAIN_COLUMNS } from './prepared-csv.js';

const FILES = [
  { file: 'genuine_users.csv', label: '0', source: 'cresci-2017' },
  { file: 'spam_user.csv', label: '1', source: 'cresci-2017' },
];

const { values: args } = parseArgs({
  options: {
    from: { type: 'string' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'data', 'bot-profiles', 'cresci-2017.csv') },
  },
});
if (args.from === undefined) {
  console.error(
    'prepare-cresci-2017: give --from DIR, the folder holding genuine_users.csv and spam_user.csv',
  );
  process.exit(2);
}

/** "Tue Jun 11 11:20:35 +0000 2013" (X API v1.1) → "2013-06-11 11:20:35" (train.csv's UTC layout). */
function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const rows: string[][] = [];
for (const { file, label, source } of FILES) {
  const parser = createReadStream(join(args.from, file)).pipe(parse({ columns: true, bom: true }));
  for await (const r of parser as AsyncIterable<Record<string, string>>) {
    const created = Date.parse(r.created_at ?? '');
    // crawled_at is the crawl's local time (CET/CEST); an hour's error is nothing against account ages of years.
    const crawled = Date.parse(`${(r.crawled_at ?? '').replace(' ', 'T')}Z`);
    if (!Number.isFinite(created) || !Number.isFinite(crawled))
      throw new Error(`${file}: row ${r.id} has no created_at or crawled_at`);
    rows.push([
      utc(created),
      r.default_profile_image === '1' ? 'True' : 'False',
      r.description ?? '',
      r.favourites_count ?? '',
      r.followers_count ?? '',
      r.friends_count ?? '',
      r.id ?? '',
      r.location ?? '',
      r.screen_name ?? '',
      r.statuses_count ?? '',
      ageDays(crawled, created),
      label,
      source,
    ]);
  }
}
await writeFile(args.out, stringify([TRAIN_COLUMNS, ...rows]));
console.log(`Wrote ${rows.length} accounts to ${args.out}`);
