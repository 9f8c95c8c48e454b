/**
 * The Instagram import benchmark's data, generated from a seed: a "Download your information" export
 * (JSON) in the 2025–26 layout of a heavy user — 7,500 following, 50,000 followers, 100,000 story
 * interactions and 100,000 likes, the activity in shape C with the account nested under Owner
 * (docs/FORMATS.md). Written once to .bench/ beside the X archive and reused while the generator is
 * unchanged; the X dataset's regeneration clears .bench/, and this one is then written again.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildInstagramExport,
  type InstagramActivity,
  type InstagramSpec,
  type StoryKind,
} from '../scripts/lib/instagram-writer.js';
import { seededRandom } from '../scripts/lib/seeded-random.js';
import { BENCH_DIR, BENCH_NOW } from './dataset.js';

export const INSTAGRAM_SIZES = {
  following: 7_500,
  followers: 50_000,
  stories: 100_000,
  likes: 100_000,
  followersPerFile: 10_000,
};
const VERSION = `2:${JSON.stringify(INSTAGRAM_SIZES)}`;
const DAY = 86_400_000;
export const INSTAGRAM_EXPORT = join(BENCH_DIR, 'instagram-bench.zip');
const MARKER = join(BENCH_DIR, 'INSTAGRAM_VERSION');

/** Story files in proportion to how often people use each: mostly likes and views, a few stickers. */
const STORY_KINDS: [StoryKind, number][] = [
  ['story_likes', 0.45],
  ['stories_viewed', 0.25],
  ['emoji_story_reactions', 0.12],
  ['polls', 0.05],
  ['emoji_sliders', 0.04],
  ['questions', 0.03],
  ['quizzes', 0.02],
  ['story_reaction_sticker_reactions', 0.02],
  ['countdowns', 0.02],
];
/** Some with emoji and accents, which Meta writes as one `\u00XX` escape per UTF-8 byte: Tend repairs them. */
const CAPTIONS = [
  'Opening night at the opera #opera #london',
  'Rehearsal snaps from the stalls 🎭',
  'Sunday roast and a matinée',
  'New season announced! #theatre ✨',
  'Golden hour on the South Bank',
];
/** Display names: a fifth with letters beyond ASCII. */
const NAMES = ['Sam', 'Rebecca', 'Tom', 'Zoë', 'Ada', 'Noémie', 'Cass', 'Bex', 'Jo', 'Łukasz'];

async function upToDate(): Promise<boolean> {
  const marker = await readFile(MARKER, 'utf8').catch(() => '');
  return marker === VERSION && (await stat(INSTAGRAM_EXPORT).catch(() => null)) !== null;
}

export async function ensureInstagramDataset(log: (line: string) => void): Promise<void> {
  if (await upToDate()) return;
  log('Generating the Instagram benchmark export in .bench/ (once)…');
  await mkdir(BENCH_DIR, { recursive: true });
  const random = seededRandom(43);
  const following = Array.from({ length: INSTAGRAM_SIZES.following }, (_, i) => `followed.${i}`);
  // A third of the accounts she follows follow her back; most followers she does not follow.
  const followers = [
    ...following.slice(0, INSTAGRAM_SIZES.following / 3),
    ...Array.from(
      { length: INSTAGRAM_SIZES.followers - INSTAGRAM_SIZES.following / 3 },
      (_, i) => `follower_${i}`,
    ),
  ];
  const at = (days: number) => new Date(BENCH_NOW - Math.floor(random() * days * DAY));
  // Mostly accounts she follows, as a feed and stories are; some she does not (Explore, Reels).
  const owner = (): Pick<InstagramActivity, 'owner' | 'name'> => {
    const i = Math.floor(random() * INSTAGRAM_SIZES.following * 1.2);
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    return i < INSTAGRAM_SIZES.following ? { owner: following[i]!, name } : { owner: `explore_${i}`, name };
  };
  const storyKind = (): StoryKind => {
    let r = random();
    for (const [kind, share] of STORY_KINDS) if ((r -= share) < 0) return kind;
    return 'story_likes';
  };
  const stories: NonNullable<InstagramSpec['stories']> = Array.from(
    { length: INSTAGRAM_SIZES.stories },
    () => {
      const kind = storyKind();
      const value = kind === 'polls' ? 'Yes' : kind === 'emoji_sliders' ? '😍' : null;
      return { ...owner(), at: at(900), kind, ...(value ? { value } : {}) };
    },
  );
  const likes: InstagramActivity[] = Array.from({ length: INSTAGRAM_SIZES.likes }, () => ({
    ...owner(),
    at: at(1500),
    ...(random() < 0.5 ? { caption: CAPTIONS[Math.floor(random() * CAPTIONS.length)]! } : {}),
  }));
  const zip = await buildInstagramExport({
    owner: { username: 'bench_owner', name: 'Bench Owner', bio: 'Opera, theatre and London.' },
    following: following.map((username) => ({ username, at: at(2500) })),
    followers: followers.map((username) => ({ username, at: at(2500) })),
    stories,
    likes,
    options: { activity2026: true, followersPerFile: INSTAGRAM_SIZES.followersPerFile },
  });
  await writeFile(INSTAGRAM_EXPORT, zip);
  await writeFile(MARKER, VERSION);
}

const n = (x: number | undefined) => (x ?? 0).toLocaleString('en');

/** `npm run bench`'s lines for the Instagram import, from the median of instagram-measure.ts's runs. */
export function instagramImportLines(r: Record<string, number>, zipBytes: number): string[] {
  const within = r.ms! <= 5000 && r.peakRssMb! <= 400;
  return [
    `Import (Tend, Instagram)      ${(r.ms! / 1000).toFixed(2)} s   CPU ${(r.cpuMs! / 1000).toFixed(2)} s   peak RSS ${r.peakRssMb} MB   [budget 5 s, 400 MB: ${within ? 'within budget' : 'OVER BUDGET'}]`,
    `                              ${Math.round(zipBytes / 1024 ** 2)} MB export in the 2026 layout: read ${n(r.following)} following, ${n(r.followers)} followers, ${n(r.likes)} likes (${n(r.likedFollowed)} of followed accounts), ${n(r.storyReactions)} story reactions to followed accounts, ${n(r.datedByStory)} followed accounts dated by a story`,
  ];
}
