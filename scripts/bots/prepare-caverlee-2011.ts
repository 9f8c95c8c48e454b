/**
 * Prepares data/bot-profiles/caverlee-2011.csv, a labelled collection for the bot model, from the
 * social honeypot release of Lee, Eoff, Caverlee, "Seven Months with the Devils: A Long-Term Study of
 * Content Polluters on Twitter", ICWSM 2011 (`content_polluters.txt`, the accounts that followed the
 * authors' honeypots, and `legitimate_users.txt`, accounts sampled and checked as legitimate; each
 * tab-separated: id, created at, collected at, following, followers, posts, length of the handle,
 * length of the bio).
 *
 *   npx tsx scripts/bots/prepare-caverlee-2011.ts --from DIR   # DIR holds the two files
 *
 * The release holds no likes, avatar, handle, bio or location, only the two lengths: the CSV gives
 * them as `screen_name_length` and `description_length` and leaves the rest out, so the training
 * scripts read those features as missing, never as zero. Every account is dated by its own
 * collection time. An evenly spaced sample by id (every k-th account of each class, no randomness)
 * keeps the file small: the training weighs each (collection, class) group the same, whatever its size.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { PROJECT_ROOT } from '../../src/paths.js';
import { ageDays } from './prepared-csv.js';

const PER_CLASS = 3000;
const COLUMNS = [
  'created_at',
  'followers_count',
  'friends_count',
  'id',
  'screen_name',
  'screen_name_length',
  'description_length',
  'statuses_count',
  'account_age_days',
  'account_type',
  'source',
];
const FILES = [
  { file: 'legitimate_users.txt', label: '0' },
  { file: 'content_polluters.txt', label: '1' },
];

const { values: args } = parseArgs({
  options: {
    from: { type: 'string' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'data', 'bot-profiles', 'caverlee-2011.csv') },
  },
});
if (args.from === undefined) {
  console.error(
    'prepare-caverlee-2011: give --from DIR, the folder holding legitimate_users.txt and content_polluters.txt',
  );
  process.exit(2);
}

const time = (v: string) => Date.parse(`${v.trim().replace(' ', 'T')}Z`);

const rows: string[][] = [];
for (const { file, label } of FILES) {
  const records = (await readFile(join(args.from, file), 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t').map((cell) => cell.trim()));
  records.sort((a, b) => Number(a[0]) - Number(b[0]));
  const step = records.length / PER_CLASS;
  for (let k = 0; k < Math.min(PER_CLASS, records.length); k++) {
    const [id, createdAt, collectedAt, following, followers, posts, handleLength, bioLength] =
      records[Math.floor(k * step)]!;
    const created = time(createdAt ?? '');
    const collected = time(collectedAt ?? '');
    if (!Number.isFinite(created) || !Number.isFinite(collected))
      throw new Error(`${file}: account ${id} has no creation or collection time`);
    rows.push([
      createdAt!,
      followers!,
      following!,
      id!,
      '',
      handleLength!,
      bioLength!,
      posts!,
      ageDays(collected, created),
      label,
      'caverlee-2011',
    ]);
  }
}
await writeFile(args.out, stringify([COLUMNS, ...rows]));
console.log(`Wrote ${rows.length} accounts to ${args.out}`);
