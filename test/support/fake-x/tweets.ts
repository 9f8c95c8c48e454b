/**
 * An owner's posts, the posts mentioning them and the posts they liked, as X API v2 tweet objects with
 * every field the fake can serve. Built once per owner on first use, from the seed, and kept with the
 * truth of each one (what kind of interaction, with whom) so tests can check what Tend made of them.
 */
import { seededRandom } from '../../../scripts/lib/seeded-random.js';
import { GONE_ROLES, type Network } from './network.js';
import { hash32 } from './random.js';
import { snowflake, usernameOf } from './users.js';

export type TweetKind =
  'reply' | 'mention' | 'quote' | 'repost' | 'plain' | 'reply_to_owner' | 'mention_of_owner' | 'liked';

export interface FakeTweet {
  tweet: Record<string, unknown>;
  kind: TweetKind;
  /** The index of the account on the other side of the interaction (the owner for plain posts). */
  other: number;
}

export interface Timelines {
  /** Newest first, as X serves them. */
  posts: FakeTweet[];
  mentions: FakeTweet[];
  likes: FakeTweet[];
  /** Posts that the above reply to, quote or repost, by id: X's `includes.tweets`. */
  referenced: Map<string, Record<string, unknown>>;
}

export interface TimelineSpec {
  posts?: number;
  mentions?: number;
  likes?: number;
  /** How far back the history goes. */
  historyDays?: number;
}

const PHRASES = [
  'Tonight at the opera: magnificent.',
  'What a staging of Tosca!',
  'New post on the blog.',
  'Coffee before the matinee.',
  'London in the rain again.',
  'That second act though.',
  'Tickets booked for June.',
  'Anyone seen the new Hamlet?',
  'Lovely evening at the Globe.',
  'Reading reviews on the train.',
];
const MINUTE = 60_000;
const DAY = 86_400_000;

export function buildTimelines(net: Network, owner: number, spec: TimelineSpec): Timelines {
  const random = seededRandom(hash32(net.seed, owner, 99));
  const chance = (p: number): boolean => random() < p;
  const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const phrase = (): string => choose(PHRASES);
  const history = (spec.historyDays ?? 365) * DAY;
  let seq = 0;
  const tweetAt = (
    author: number,
    at: number,
    text: string,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => {
    const id = snowflake(at, ((owner & 0x3ff) << 12) | (seq++ & 0xfff));
    return {
      id,
      text,
      author_id: net.accountAt(author).id,
      created_at: new Date(at).toISOString(),
      conversation_id: id,
      edit_history_tweet_ids: [id],
      lang: 'en',
      ...extra,
    };
  };
  const mention = (index: number, start: number) => {
    const username = usernameOf(net, net.accountAt(index));
    return { start, end: start + username.length + 1, username, id: net.accountAt(index).id };
  };
  const handle = (index: number): string => usernameOf(net, net.accountAt(index));

  const visible = net.followingOf(owner).filter((i) => !GONE_ROLES.has(net.accountAt(i).kind));
  const mutuals = visible.filter((i) => net.accountAt(i).followsOwner);
  const fans = net.followersOf(owner).filter((i) => net.accountAt(i).kind === 'fan');
  const someone = (): number | null => {
    const pool = chance(0.7) && mutuals.length > 0 ? mutuals : visible;
    return pool.length > 0 ? choose(pool) : null;
  };
  const referenced = new Map<string, Record<string, unknown>>();
  const original = (author: number, before: number): Record<string, unknown> => {
    const tweet = tweetAt(author, before - Math.floor(random() * 600) * MINUTE - MINUTE, phrase());
    referenced.set(tweet.id as string, tweet);
    return tweet;
  };
  const times = (count: number): number[] =>
    Array.from(
      { length: count },
      (_, i) => net.now - Math.floor((i + random()) * (history / Math.max(count, 1))),
    );

  const posts = times(spec.posts ?? 200).map((at): FakeTweet => {
    const other = someone();
    const roll = random();
    if (other === null || roll < 0.25)
      return { tweet: tweetAt(owner, at, phrase()), kind: 'plain', other: owner };
    const name = handle(other);
    if (roll < 0.6) {
      const ref = original(other, at);
      const tweet = tweetAt(owner, at, `@${name} ${phrase()}`, {
        in_reply_to_user_id: net.accountAt(other).id,
        conversation_id: ref.id,
        referenced_tweets: [{ type: 'replied_to', id: ref.id }],
        entities: { mentions: [mention(other, 0)] },
      });
      return { tweet, kind: 'reply', other };
    }
    if (roll < 0.75) {
      const text = `${phrase()} cc @${name}`;
      return {
        tweet: tweetAt(owner, at, text, {
          entities: { mentions: [mention(other, text.length - name.length - 1)] },
        }),
        kind: 'mention',
        other,
      };
    }
    const ref = original(other, at);
    if (roll < 0.85) {
      const link = `https://t.co/q${(ref.id as string).slice(-8)}`;
      const tweet = tweetAt(owner, at, `${phrase()} ${link}`, {
        referenced_tweets: [{ type: 'quoted', id: ref.id }],
        entities: {
          urls: [
            {
              url: link,
              expanded_url: `https://x.com/${name}/status/${ref.id as string}`,
              display_url: `x.com/${name}/status/…`,
            },
          ],
        },
      });
      return { tweet, kind: 'quote', other };
    }
    const tweet = tweetAt(owner, at, `RT @${name}: ${ref.text as string}`, {
      referenced_tweets: [{ type: 'retweeted', id: ref.id }],
      entities: { mentions: [mention(other, 3)] },
    });
    return { tweet, kind: 'repost', other };
  });

  const ownerName = handle(owner);
  const talkers = [...mutuals, ...fans];
  const mentions =
    talkers.length === 0
      ? []
      : times(spec.mentions ?? 100).map((at): FakeTweet => {
          const other = choose(talkers);
          if (chance(0.6)) {
            const repliedTo = posts.length > 0 ? (choose(posts).tweet.id as string) : snowflake(at - DAY, 0);
            const tweet = tweetAt(other, at, `@${ownerName} ${phrase()}`, {
              in_reply_to_user_id: net.accountAt(owner).id,
              conversation_id: repliedTo,
              referenced_tweets: [{ type: 'replied_to', id: repliedTo }],
              entities: { mentions: [mention(owner, 0)] },
            });
            return { tweet, kind: 'reply_to_owner', other };
          }
          const text = `${phrase()} @${ownerName}`;
          return {
            tweet: tweetAt(other, at, text, {
              entities: { mentions: [mention(owner, text.length - ownerName.length - 1)] },
            }),
            kind: 'mention_of_owner',
            other,
          };
        });

  const likes =
    visible.length === 0
      ? []
      : times(spec.likes ?? 200).map((at): FakeTweet => {
          const other = someone()!;
          return {
            tweet: tweetAt(other, at - Math.floor(random() * 120) * MINUTE, phrase()),
            kind: 'liked',
            other,
          };
        });

  return { posts, mentions, likes, referenced };
}
