import type { Profile } from '../model.js';
import { DAY_MS } from './format.js';

/**
 * The bot model's features: numbers computed from what an X API v2 user object holds (plus `now`),
 * never from fields v2 lacks (`default_profile`, `geo_enabled`, `lang`, background images) nor from
 * `verified`, whose meaning changed when it became paid. Training and scoring both call
 * `botFeatures`, so the two cannot drift. A fact the profile does not hold is NaN, never 0: a missing
 * follower count is not "followed by nobody".
 */
export const BOT_FEATURES = [
  'log_posts',
  'log_followers',
  'log_following',
  'log_likes',
  'log_age_days',
  'posts_per_day',
  'likes_per_day',
  'following_per_day',
  'followers_per_day',
  'follower_ratio',
  'default_avatar',
  'bio_length',
  'bio_links',
  'bio_mentions',
  'bio_hashtags',
  'bio_declares_bot',
  'bio_pitch',
  'handle_length',
  'handle_digits',
  'handle_trailing_digits',
  'handle_likelihood',
  'location_present',
  'likes_per_post',
  'posts_per_follower',
] as const;
export type BotFeature = (typeof BOT_FEATURES)[number];

export const FEATURE_INDEX = Object.fromEntries(BOT_FEATURES.map((f, i) => [f, i])) as Record<
  BotFeature,
  number
>;

/**
 * A character bigram model of how people spell words: `logProb[from * SYMBOLS + to]` is the log
 * probability of `to` after `from`. Symbols: 0 the start or end of a word, 1–26 the letters. Learned
 * from an English word list by the training script, stored in the model file.
 */
export interface HandleBigrams {
  logProb: number[];
}
export const HANDLE_SYMBOLS = 27;
const BOUNDARY = 0;

/** 1–26 for a letter of either case, 0 for anything else (digits and underscores separate words). */
export function handleSymbol(code: number): number {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122 ? lower - 96 : BOUNDARY;
}

/**
 * Mean log probability per letter transition of a handle's words under the bigram model; digits and
 * underscores split words ("jane_doe_84" reads as "jane", "doe"), since the digit features judge
 * those. Chosen handles ("operafan", "jane_doe") read like words and score near −2.5; generated ones
 * ("xkqzvbnmtr") far lower. NaN for a handle without letters.
 */
export function handleLikelihood(handle: string, bigrams: HandleBigrams): number {
  const table = bigrams.logProb;
  let previous = BOUNDARY;
  let sum = 0;
  let transitions = 0;
  for (let i = 0; i < handle.length; i++) {
    const s = handleSymbol(handle.charCodeAt(i));
    if (s === BOUNDARY && previous === BOUNDARY) continue;
    sum += table[previous * HANDLE_SYMBOLS + s]!;
    transitions += 1;
    previous = s;
  }
  if (previous !== BOUNDARY) {
    sum += table[previous * HANDLE_SYMBOLS + BOUNDARY]!;
    transitions += 1;
  }
  return transitions === 0 ? Number.NaN : sum / transitions;
}

/**
 * A link with a scheme or `www.`, or a run of domain characters that is a bare domain when a known
 * ending follows it (group 2). The run is taken whole either way: the pattern it replaces,
 * `\b[a-z0-9-]+\.(?:com|…)\b`, tried again from every hyphen of a run that had failed, which cost the
 * square of the run's length.
 */
const LINK =
  /((?:https?:\/\/|www\.)\S+)|\b[a-z0-9-]+(\.(?:com|net|org|io|co|ly|me|link|site|xyz|info|app|page|tv|shop)\b)?/gi;
const SCHEME_LINK_AT = /(?:https?:\/\/|www\.)\S+/iy;
/** What any link holds: most bios with a dot (a sentence's end) have none, and skip the word-by-word scan. */
const MAYBE_LINK = /[a-z0-9-]\.[a-z]|https?:\/\/|www\./i;
/** How far back from a run's end a `www.` or `http(s)://` that the run swallowed can start. */
const LONGEST_SCHEME_WORD = 'https'.length;
const SHORTEST_SCHEME_WORD = 'www'.length;
const MENTION = /(?<![\w@])@\w+/g;
const HASHTAG = /(?<![\w#])#\w+/g;
/** Accounts that say what they are: "a bot by @maker", "posts every 6 hours", "automated account"; not "I am not a bot". */
const DECLARES_BOT =
  /(?<!\bnot an? |n't an? )\bbot\b|\bautomated\b|\bauto[- ]?(?:tweet|post)|\bevery \d+ (?:minutes?|hours?)\b/i;
/** Invitations to go elsewhere, the calling card of adult, sales and follower farms. */
const PITCH =
  /\bmy (?:site|page|profile|link|channel)\b|\bclick\b|\bfollow (?:me|back)\b|\bdm (?:me|for)\b|\bsubscribe\b|\bfree\b|\bsexy?\b|\b18\+|\bonlyfans\b|\bcrypto\b|\bforex\b|\bgiveaway\b/i;

/**
 * Links in a bio, as the plain alternation of both kinds would count them. A run that is no domain may
 * end in the `www` or `http` of a link starting inside it ("xwww.site"): that link is counted there.
 */
function countLinks(text: string): number {
  LINK.lastIndex = 0;
  let n = 0;
  for (let m = LINK.exec(text); m !== null; m = LINK.exec(text)) {
    if (m[1] !== undefined || m[2] !== undefined) {
      n += 1;
      continue;
    }
    const end = m.index + m[0].length;
    for (let at = Math.max(m.index + 1, end - LONGEST_SCHEME_WORD); at <= end - SHORTEST_SCHEME_WORD; at++) {
      SCHEME_LINK_AT.lastIndex = at;
      if (SCHEME_LINK_AT.test(text)) {
        n += 1;
        LINK.lastIndex = SCHEME_LINK_AT.lastIndex;
        break;
      }
    }
  }
  return n;
}

function count(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n += 1;
  return n;
}

/** A count or time the profile holds; missing ones are null, undefined or not finite. */
export const known = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x);
const log1p = (x: number | null | undefined) => (known(x) ? Math.log10(1 + Math.max(0, x)) : NaN);
/** log10(1 + count per day of age): a rate that stays readable from 0.001 to 10,000 a day. */
const perDayLog = (x: number | null | undefined, age: number) =>
  known(x) && age === age ? Math.log10(1 + Math.max(0, x) / age) : NaN;

/** Days since the account was made, at least one (a new account has posted over one day, not zero). */
export function accountAgeDays(profile: Profile, now: number): number {
  return known(profile.createdAt) ? Math.max(1, (now - profile.createdAt) / DAY_MS) : NaN;
}

function trailingDigits(handle: string): number {
  let n = 0;
  for (let i = handle.length - 1; i >= 0; i--) {
    const c = handle.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n += 1;
  }
  return n;
}

function digits(handle: string): number {
  let n = 0;
  for (let i = 0; i < handle.length; i++) {
    const c = handle.charCodeAt(i);
    if (c >= 48 && c <= 57) n += 1;
  }
  return n;
}

/** Every feature, for training and for whatever reads the whole vector. */
const EVERY_FEATURE: ArrayLike<number> = new Uint8Array(BOT_FEATURES.length).fill(1);

/**
 * Writes the features of one profile into `out` (length BOT_FEATURES.length), so scoring 100k accounts
 * allocates nothing per account. `wanted` (1 per feature) says which to compute; the others are NaN:
 * a model reads only the features it splits on (bot-model.ts `featuresSplitOn`), and its pitch
 * pattern and logarithms cost a scorer time for nothing.
 */
export function writeBotFeatures(
  profile: Profile,
  now: number,
  bigrams: HandleBigrams,
  out: Float64Array,
  wanted: ArrayLike<number> = EVERY_FEATURE,
): Float64Array {
  const age = accountAgeDays(profile, now);
  const { postCount, followersCount, followingCount, likeCount, bio, handle } = profile;
  const w = (i: number) => wanted[i] === 1;
  out[0] = w(0) ? log1p(postCount) : NaN;
  out[1] = w(1) ? log1p(followersCount) : NaN;
  out[2] = w(2) ? log1p(followingCount) : NaN;
  out[3] = w(3) ? log1p(likeCount) : NaN;
  out[4] = w(4) && age === age ? Math.log10(age) : NaN;
  out[5] = w(5) ? perDayLog(postCount, age) : NaN;
  out[6] = w(6) ? perDayLog(likeCount, age) : NaN;
  out[7] = w(7) ? perDayLog(followingCount, age) : NaN;
  out[8] = w(8) ? perDayLog(followersCount, age) : NaN;
  out[9] =
    w(9) && known(followersCount) && known(followingCount)
      ? Math.log10((1 + followersCount) / (1 + followingCount))
      : NaN;
  out[10] = w(10) && typeof profile.defaultAvatar === 'boolean' ? Number(profile.defaultAvatar) : NaN;
  if (typeof bio === 'string') {
    const text = bio.trim();
    out[11] = w(11) ? text.length : NaN;
    // Most bios have no link, mention or hashtag: a look for the one character each needs is cheaper than the pattern.
    out[12] = !w(12) ? NaN : text.includes('.') && MAYBE_LINK.test(text) ? countLinks(text) : 0;
    out[13] = !w(13) ? NaN : text.includes('@') ? count(MENTION, text) : 0;
    out[14] = !w(14) ? NaN : text.includes('#') ? count(HASHTAG, text) : 0;
    out[15] = w(15) ? Number(DECLARES_BOT.test(text)) : NaN;
    out[16] = w(16) ? Number(PITCH.test(text)) : NaN;
  } else {
    out.fill(NaN, 11, 17);
  }
  if (typeof handle === 'string' && handle !== '') {
    out[17] = w(17) ? handle.length : NaN;
    out[18] = w(18) ? digits(handle) : NaN;
    out[19] = w(19) ? trailingDigits(handle) : NaN;
    out[20] = w(20) ? handleLikelihood(handle, bigrams) : NaN;
  } else {
    out.fill(NaN, 17, 21);
  }
  // X API v2 leaves `location` out when a person set none, so absent means "no location", not unknown.
  out[21] = w(21) ? Number(typeof profile.location === 'string' && profile.location.trim() !== '') : NaN;
  out[22] =
    w(22) && known(likeCount) && known(postCount) ? Math.log10((1 + likeCount) / (1 + postCount)) : NaN;
  // Output against audience: a news desk posts a lot to many, a spam feed a lot to nobody.
  out[23] =
    w(23) && known(postCount) && known(followersCount)
      ? Math.log10((1 + postCount) / (1 + followersCount))
      : NaN;
  return out;
}

export function botFeatures(profile: Profile, now: number, bigrams: HandleBigrams): Float64Array {
  return writeBotFeatures(profile, now, bigrams, new Float64Array(BOT_FEATURES.length));
}
