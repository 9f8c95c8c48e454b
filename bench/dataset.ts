/**
 * The benchmark's data, generated from a seed: an X archive the size of a very active account
 * (100k following, 100k followers, 50k posts, 50k likes, 5k DM conversations, ~300 MB of media) and a
 * 100k-profile snapshot. Written once to .bench/ and reused while the generator is unchanged.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { writeXArchive, type XArchiveSpec } from '../scripts/lib/x-archive-writer.js';
import { seededRandom } from '../scripts/lib/seeded-random.js';

export const SIZES = {
  following: 100_000,
  followers: 100_000,
  tweets: 50_000,
  likes: 50_000,
  dmConversations: 5_000,
  messagesPerConversation: 10,
  mediaFiles: 300,
  mediaBytesEach: 1024 * 1024,
  profiles: 100_000,
};
const VERSION = `4:${JSON.stringify(SIZES)}`;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
const TWITTER_EPOCH = 1288834974657n;

export const BENCH_DIR = join(process.cwd(), '.bench');
export const ARCHIVE = join(BENCH_DIR, 'twitter-bench.zip');
export const SNAPSHOT = join(BENCH_DIR, 'profiles-bench.jsonl');
export const BENCH_NOW = NOW;

const WORDS = [
  'opera',
  'theatre',
  'london',
  'review',
  'tonight',
  'stage',
  'music',
  'coffee',
  'football',
  'crypto',
  'giveaway',
  'follow',
  'book',
  'film',
  'art',
  'news',
  'daily',
  'photo',
  'travel',
  'food',
  'garden',
  'code',
];

function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

function snowflakeAt(ms: number, seq: number): string {
  return (((BigInt(ms) - TWITTER_EPOCH) << 22n) | BigInt(seq % 4_194_304)).toString();
}

async function upToDate(): Promise<boolean> {
  const marker = await readFile(join(BENCH_DIR, 'VERSION'), 'utf8').catch(() => '');
  const files = await Promise.all([ARCHIVE, SNAPSHOT].map((f) => stat(f).catch(() => null)));
  return marker === VERSION && files.every(Boolean);
}

export async function ensureDataset(log: (line: string) => void): Promise<void> {
  if (await upToDate()) return;
  log('Generating the benchmark dataset in .bench/ (once)…');
  await rm(BENCH_DIR, { recursive: true, force: true });
  await mkdir(BENCH_DIR, { recursive: true });
  const random = seededRandom(42);
  const ownerId = '900000000000000001';
  const ids = Array.from({ length: SIZES.following + SIZES.followers }, (_, i) =>
    String(1_000_000_000n + BigInt(i) * 7919n),
  );
  const following = ids.slice(0, SIZES.following);
  // Half the followers are people she follows back: the rest only follow her.
  const followers = [
    ...following.slice(0, SIZES.followers / 2),
    ...ids.slice(SIZES.following, SIZES.following + SIZES.followers / 2),
  ];
  const handleOf = (id: string) => `user_${id}`;
  const someone = () => following[Math.floor(random() * following.length)]!;

  const tweets: XArchiveSpec['tweets'] = [];
  for (let i = 0; i < SIZES.tweets; i += 1) {
    const at = new Date(NOW - Math.floor(random() * 1500 * DAY));
    const r = random();
    const who = someone();
    const mention = { id: who, screenName: handleOf(who) };
    if (r < 0.3)
      tweets.push({
        id: snowflakeAt(at.getTime(), i),
        createdAt: at,
        text: `@${handleOf(who)} ${sentence(random, 12)}`,
        inReplyTo: { userId: who, screenName: handleOf(who) },
        mentions: [mention],
      });
    else if (r < 0.45)
      tweets.push({
        id: snowflakeAt(at.getTime(), i),
        createdAt: at,
        text: `RT @${handleOf(who)}: ${sentence(random, 14)}`,
        mentions: [mention],
      });
    else if (r < 0.6)
      tweets.push({
        id: snowflakeAt(at.getTime(), i),
        createdAt: at,
        text: `With @${handleOf(who)}: ${sentence(random, 10)}`,
        mentions: [mention],
      });
    else tweets.push({ id: snowflakeAt(at.getTime(), i), createdAt: at, text: sentence(random, 20) });
  }
  const likes: XArchiveSpec['likes'] = Array.from({ length: SIZES.likes }, (_, i) => {
    const who = someone();
    return {
      tweetId: snowflakeAt(NOW - Math.floor(random() * 1500 * DAY), i),
      fullText: `@${handleOf(who)} ${sentence(random, 15)}`,
      expandedUrl: `https://twitter.com/i/web/status/${i}`,
    };
  });
  const dms: XArchiveSpec['dms'] = Array.from({ length: SIZES.dmConversations }, (_, c) => {
    const other = someone();
    return {
      conversationId: `${ownerId}-${other}`,
      messages: Array.from({ length: SIZES.messagesPerConversation }, (_, m) => {
        const mine = random() < 0.5;
        const at = new Date(NOW - Math.floor(random() * 900 * DAY));
        return {
          id: snowflakeAt(at.getTime(), c * 100 + m),
          senderId: mine ? ownerId : other,
          recipientId: mine ? other : ownerId,
          text: sentence(random, 8),
          createdAt: at,
        };
      }),
    };
  });
  await writeXArchive(
    {
      account: {
        accountId: ownerId,
        username: 'bench_owner',
        displayName: 'Bench Owner',
        bio: 'Opera, theatre and London.',
      },
      generationDate: new Date(NOW - DAY).toISOString(),
      following,
      followers,
      tweets,
      likes,
      dms,
      // Posts in parts as large archives have them; the follow graph in one file each, as X writes it.
      options: {
        partSizes: { tweets: 25_000 },
        media: { files: SIZES.mediaFiles, bytesEach: SIZES.mediaBytesEach },
      },
    },
    ARCHIVE,
  );

  const out = createWriteStream(SNAPSHOT);
  out.write(
    `${JSON.stringify({ tend: 'profiles', version: 1, platform: 'x', fetchedAt: new Date(NOW).toISOString() })}\n`,
  );
  for (let i = 0; i < SIZES.profiles; i += 1) {
    const id = following[i]!;
    const botLike = random() < 0.1;
    const user = {
      id,
      username: handleOf(id),
      name: `User ${i}`,
      description: sentence(random, 12),
      created_at: new Date(NOW - Math.floor(random() * 4000 * DAY) - 30 * DAY).toISOString(),
      protected: random() < 0.05,
      verified: false,
      location: random() < 0.5 ? 'London' : '',
      profile_image_url: botLike
        ? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png'
        : `https://pbs.twimg.com/profile_images/${id}/a_normal.jpg`,
      public_metrics: {
        followers_count: botLike ? Math.floor(random() * 30) : Math.floor(random() * 5000),
        following_count: botLike ? 3000 + Math.floor(random() * 2000) : Math.floor(random() * 2000),
        tweet_count: botLike ? 100_000 : Math.floor(random() * 20_000),
        listed_count: Math.floor(random() * 50),
        like_count: Math.floor(random() * 30_000),
        media_count: Math.floor(random() * 500),
      },
      most_recent_tweet_id: snowflakeAt(NOW - Math.floor(random() * 800 * DAY), i),
      connection_status: i < SIZES.followers / 2 ? ['following', 'followed_by'] : ['following'],
    };
    if (
      !out.write(
        `${JSON.stringify({ id, handle: user.username, fetchedAt: new Date(NOW).toISOString(), user })}\n`,
      )
    )
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await writeFile(join(BENCH_DIR, 'VERSION'), VERSION);
}
