import type { Profile } from '../../src/model.js';
import { handleHintFor } from '../../src/engine/handle-signals.js';
import { spamMarkers } from '../../src/engine/spam.js';

/**
 * What the learned candidate for the Instagram bot score (train-instagram.ts) reads of an account,
 * and how: only what Instagram shows (the counts,
 * posts, the avatar, the bio, the handle and name), never an account's age, likes given or listed
 * count, which Instagram does not show. A fact not known is null, and its features NaN: the model
 * reads a missing value as "no evidence either way", never as zero or "none".
 *
 * Two features were tried and left out because the logistic regression learned each with the sign
 * opposite to its meaning (a longer bio leaning to bot, a generated handle to human): the bio's length
 * (the empty bio is kept) and "the handle looks generated" (its digits and length are kept).
 *
 * Labelled collections give some facts only as measures (a bio's length, a handle's length and
 * digits, with no text), so the facts keep the measures beside the text.
 */
export interface InstagramFacts {
  followers: number | null;
  following: number | null;
  posts: number | null;
  /** True: the anonymous default picture. */
  defaultAvatar: boolean | null;
  bioLength: number | null;
  /** The bio itself, where known (for a pitch). */
  bio: string | null;
  handle: string | null;
  handleLength: number | null;
  handleDigits: number | null;
  name: string | null;
}

/** Following more than this many accounts: Instagram's own limit is 7,500, and people rarely pass 1,500. */
export const MASS_FOLLOWING = 1_500;
/** Following at least this many, with fewer than a tenth as many followers. */
export const LOPSIDED_FROM = 200;
export const LOPSIDED_RATIO = 10;

export const INSTAGRAM_BOT_FEATURES = [
  'log_followers',
  'log_following',
  'log_posts',
  'mass_follower',
  'lopsided',
  'never_posted',
  'no_avatar',
  'empty_bio',
  'handle_digits',
  'handle_length',
  'pitch',
] as const;
export type InstagramBotFeature = (typeof INSTAGRAM_BOT_FEATURES)[number];

export const IG_FEATURE = Object.fromEntries(INSTAGRAM_BOT_FEATURES.map((f, i) => [f, i])) as Record<
  InstagramBotFeature,
  number
>;

const num = (n: number | null | undefined): number | null =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;

/** A profile's facts, as the engine holds it. */
export function instagramFacts(p: Profile): InstagramFacts {
  const bio = typeof p.bio === 'string' ? p.bio : null;
  const handle = p.handle ?? null;
  return {
    followers: num(p.followersCount),
    following: num(p.followingCount),
    posts: num(p.postCount),
    defaultAvatar: typeof p.defaultAvatar === 'boolean' ? p.defaultAvatar : null,
    bioLength: bio === null ? null : [...bio.trim()].length,
    bio,
    handle,
    handleLength: handle === null ? null : handle.length,
    handleDigits: handle === null ? null : handle.replace(/\D/g, '').length,
    name: p.name ?? null,
  };
}

/** The pitch a bio, handle or name makes (spam.ts, handle-signals.ts), in words; null when none is seen. */
export function pitchOf(f: Pick<InstagramFacts, 'bio' | 'handle' | 'name'>): string | null {
  const bio = f.bio ? spamMarkers(f.bio) : [];
  if (bio.length > 0) return `a pitch in the bio (${bio[0]})`;
  return handleHintFor('off_topic', f.handle, f.name)?.label ?? null;
}

const flag = (b: boolean | null): number => (b === null ? NaN : Number(b));
const log1p = (n: number | null): number => (n === null ? NaN : Math.log1p(n));

/** The feature vector, in `INSTAGRAM_BOT_FEATURES` order, written into `out`. */
export function writeInstagramFeatures(f: InstagramFacts, out: Float64Array): Float64Array {
  const both = f.followers !== null && f.following !== null;
  out[IG_FEATURE.log_followers] = log1p(f.followers);
  out[IG_FEATURE.log_following] = log1p(f.following);
  out[IG_FEATURE.log_posts] = log1p(f.posts);
  out[IG_FEATURE.mass_follower] = f.following === null ? NaN : Number(f.following > MASS_FOLLOWING);
  out[IG_FEATURE.lopsided] = both
    ? Number(f.following! >= LOPSIDED_FROM && f.followers! * LOPSIDED_RATIO < f.following!)
    : NaN;
  out[IG_FEATURE.never_posted] = f.posts === null ? NaN : Number(f.posts === 0);
  out[IG_FEATURE.no_avatar] = flag(f.defaultAvatar);
  out[IG_FEATURE.empty_bio] = f.bioLength === null ? NaN : Number(f.bioLength === 0);
  out[IG_FEATURE.handle_digits] = f.handleDigits === null ? NaN : Math.min(f.handleDigits, 10);
  out[IG_FEATURE.handle_length] = f.handleLength === null ? NaN : Math.min(f.handleLength, 30);
  // A pitch seen is known; none seen is "none" only when the bio and the handle were both there to read.
  const pitch = pitchOf(f) !== null;
  out[IG_FEATURE.pitch] = pitch ? 1 : f.bio !== null && f.handle !== null ? 0 : NaN;
  return out;
}

export function instagramFeatures(f: InstagramFacts): Float64Array {
  return writeInstagramFeatures(f, new Float64Array(INSTAGRAM_BOT_FEATURES.length));
}
