/**
 * Prepares data/instagram-profiles/instafake-2019.csv, the labelled Instagram accounts the Instagram
 * bot score is trained and tested on, from the "fake" part of the InstaFake dataset (Akyon and
 * Kalfaoglu, "Instagram Fake and Automated Account Detection", 2019), as its authors publish it:
 *
 *   npx tsx scripts/bots/prepare-instafake.ts --from DIR   # DIR holds fakeAccountData.json and realAccountData.json
 *
 * The release is anonymised: per account only counts (followers, following, posts), whether it has a
 * profile picture, whether it is private, and the lengths of the bio and username and the digits in
 * the username, no text. The output keeps those, one row per account, in the order of the release,
 * with a made-up id (`instafake-fake-1`, …); it is committed (it is small). Provenance and licence:
 * data/instagram-profiles/README.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/paths.js';

export const INSTAGRAM_COLUMNS = [
  'id',
  'followers_count',
  'following_count',
  'post_count',
  'has_profile_picture',
  'is_private',
  'bio_length',
  'username_length',
  'username_digits',
  'account_type',
  'source',
] as const;

const SOURCE = 'instafake-2019';
const FILES = [
  { file: 'fakeAccountData.json', label: 1, prefix: 'instafake-fake' },
  { file: 'realAccountData.json', label: 0, prefix: 'instafake-real' },
] as const;

const count = z.number().int().min(0);
const flag = z.union([z.literal(0), z.literal(1)]);
const account = z.object({
  userFollowerCount: count,
  userFollowingCount: count,
  userBiographyLength: count,
  userMediaCount: count,
  userHasProfilPic: flag,
  userIsPrivate: flag,
  usernameDigitCount: count,
  usernameLength: count,
  isFake: flag,
});

const { values: args } = parseArgs({
  options: {
    from: { type: 'string' },
    out: {
      type: 'string',
      default: join(PROJECT_ROOT, 'data', 'instagram-profiles', `${SOURCE}.csv`),
    },
  },
});
if (args.from === undefined) {
  console.error(
    'prepare-instafake: give --from DIR, the folder holding fakeAccountData.json and realAccountData.json',
  );
  process.exit(2);
}

const rows: (string | number)[][] = [];
for (const { file, label, prefix } of FILES) {
  const accounts = z.array(account).parse(JSON.parse(await readFile(join(args.from, file), 'utf8')));
  accounts.forEach((a, i) => {
    if (a.isFake !== label) throw new Error(`${file}: account ${i + 1} is labelled isFake ${a.isFake}`);
    rows.push([
      `${prefix}-${i + 1}`,
      a.userFollowerCount,
      a.userFollowingCount,
      a.userMediaCount,
      a.userHasProfilPic,
      a.userIsPrivate,
      a.userBiographyLength,
      a.usernameLength,
      a.usernameDigitCount,
      label,
      SOURCE,
    ]);
  });
}
await writeFile(args.out, stringify([INSTAGRAM_COLUMNS, ...rows]));
console.log(`Wrote ${rows.length} accounts to ${args.out}`);
