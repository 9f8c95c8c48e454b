import type { Profile } from '../model.js';
import { accountAgeDays, BOT_FEATURES, known, type BotFeature } from './bot-features.js';
import { formatCount } from './format.js';

/**
 * The model's reasons in plain words. Each feature that pushed an account towards "bot" is worded
 * from the profile's own numbers ("posts 96 times a day", "follows 4,800, followed by 12") — but only
 * where the fact is itself unusual: the model weighs every value against an average, and "liked 2,300
 * posts" may nudge a score without being anything a person would call a reason. Features telling the
 * same fact share a topic, so a reason is never said twice in other words.
 */
interface Wording {
  topic: string;
  /** `value` is the feature's value for this profile; null when the fact is not worth saying. */
  words: (p: Profile, now: number, value: number) => string | null;
}

/** Fewer than this many posts or likes is worth saying. */
const FEW = 50;
/** Posting or liking this often, every day of an account's life, is what machines do. */
const MANY_A_DAY = 50;
/** Less than once a month over an account's life is as good as never. */
const HARDLY = 1 / 30;

function rate(
  count: number | null | undefined,
  p: Profile,
  now: number,
  busy: (perDay: string) => string,
  never: string,
  rare: string,
): string | null {
  const days = accountAgeDays(p, now);
  if (!known(count) || !(days === days)) return null;
  const perDay = count / days;
  if (perDay >= MANY_A_DAY) return busy(formatCount(perDay));
  if (count === 0) return never;
  return perDay < HARDLY ? rare : null;
}

/** Only a young account's age is worth saying: "account 12 years old" explains no bot. */
function age(p: Profile, now: number): string | null {
  const days = accountAgeDays(p, now);
  if (!(days < 730)) return null;
  return days < 60
    ? `account ${Math.floor(days)} days old`
    : `account ${Math.floor(days / 30.44)} months old`;
}

/** Said when few follow them or they follow far more than follow them. */
function follows(p: Profile): string | null {
  const { followingCount: following, followersCount: followers } = p;
  if (!known(following) || !known(followers)) return null;
  if (followers >= FEW && following <= 3 * followers) return null;
  return `follows ${formatCount(following)}, followed by ${formatCount(followers)}`;
}

const GENERATED = 'handle looks generated';

const WORDINGS: Record<BotFeature, Wording> = {
  log_posts: {
    topic: 'posts',
    words: (p) =>
      known(p.postCount) && p.postCount < FEW
        ? p.postCount === 0
          ? 'never posted'
          : `only ${formatCount(p.postCount)} posts`
        : null,
  },
  posts_per_day: {
    topic: 'posts',
    words: (p, now) =>
      rate(p.postCount, p, now, (n) => `posts ${n} times a day`, 'never posted', 'hardly ever posts'),
  },
  log_likes: {
    topic: 'likes',
    words: (p) =>
      known(p.likeCount) && p.likeCount < FEW
        ? p.likeCount === 0
          ? 'never liked a post'
          : `liked only ${formatCount(p.likeCount)} posts`
        : null,
  },
  likes_per_day: {
    topic: 'likes',
    words: (p, now) =>
      rate(
        p.likeCount,
        p,
        now,
        (n) => `likes ${n} posts a day`,
        'never liked a post',
        'hardly ever likes a post',
      ),
  },
  likes_per_post: {
    topic: 'likes',
    words: (p) =>
      known(p.likeCount) && known(p.postCount) && p.likeCount * 10 < p.postCount
        ? `${formatCount(p.postCount)} posts, ${p.likeCount === 0 ? 'not one like' : `${formatCount(p.likeCount)} likes`}`
        : null,
  },
  posts_per_follower: {
    topic: 'posts',
    words: (p) =>
      known(p.postCount) && known(p.followersCount) && p.postCount >= 100 * (1 + p.followersCount)
        ? `${formatCount(p.postCount)} posts to ${p.followersCount === 0 ? 'no followers' : `${formatCount(p.followersCount)} followers`}`
        : null,
  },
  log_followers: { topic: 'follows', words: follows },
  log_following: { topic: 'follows', words: follows },
  follower_ratio: { topic: 'follows', words: follows },
  following_per_day: { topic: 'follows', words: follows },
  followers_per_day: { topic: 'follows', words: follows },
  log_age_days: { topic: 'age', words: age },
  default_avatar: { topic: 'avatar', words: (_p, _now, v) => (v === 1 ? 'default avatar' : null) },
  bio_length: {
    topic: 'bio',
    words: (_p, _now, v) => (v === 0 ? 'empty bio' : v < 20 ? 'a bio of a few words' : null),
  },
  bio_links: { topic: 'bio links', words: (_p, _now, v) => (v > 0 ? 'a link in the bio' : null) },
  bio_mentions: {
    topic: 'bio mentions',
    words: (_p, _now, v) => (v > 0 ? 'bio points to other accounts' : null),
  },
  bio_hashtags: { topic: 'bio hashtags', words: (_p, _now, v) => (v >= 3 ? 'bio full of hashtags' : null) },
  bio_declares_bot: { topic: 'declares', words: (_p, _now, v) => (v === 1 ? 'says it is automated' : null) },
  bio_pitch: {
    topic: 'pitch',
    words: (_p, _now, v) => (v === 1 ? 'bio pitches a link, a follow-back or a sale' : null),
  },
  handle_length: { topic: 'handle', words: (_p, _now, v) => (v >= 15 ? `a ${v}-character handle` : null) },
  handle_digits: { topic: 'handle', words: (_p, _now, v) => (v >= 5 ? GENERATED : null) },
  handle_trailing_digits: { topic: 'handle', words: (_p, _now, v) => (v >= 5 ? GENERATED : null) },
  handle_likelihood: { topic: 'handle', words: (_p, _now, v) => (v < -3.5 ? GENERATED : null) },
  location_present: { topic: 'location', words: (_p, _now, v) => (v === 0 ? 'no location' : null) },
};

const ORDERED = BOT_FEATURES.map((f) => WORDINGS[f]);

/** Below this a feature's push (in log odds) is noise, not a reason worth showing. */
const MIN_CONTRIBUTION = 0.15;
const MAX_REASONS = 4;

/**
 * The strongest reasons, from the features' values (`features[i]` for `BOT_FEATURES[i]`) and their
 * contributions to the margin: only features that argued "bot", strongest first, one per topic.
 */
export function botReasons(
  profile: Profile,
  now: number,
  features: ArrayLike<number>,
  contributions: ArrayLike<number>,
): string[] {
  const order: number[] = [];
  for (let i = 0; i < contributions.length; i++) if (contributions[i]! >= MIN_CONTRIBUTION) order.push(i);
  order.sort((a, b) => contributions[b]! - contributions[a]!);
  const reasons: string[] = [];
  const topics = new Set<string>();
  for (const i of order) {
    const wording = ORDERED[i]!;
    if (topics.has(wording.topic)) continue;
    const words = wording.words(profile, now, features[i]!);
    if (words === null) continue;
    topics.add(wording.topic);
    reasons.push(words);
    if (reasons.length === MAX_REASONS) break;
  }
  return reasons;
}
