import type { Profile } from '../model.js';
import { DAY_MS, formatCount } from './format.js';
import { Ranking } from './ranking.js';

/**
 * Bot scoring behind an interface, so the transparent heuristic below can be replaced by a learned
 * model over the same profile fields without touching the classifier.
 */
export interface BotScore {
  /** In [0, 1]: how likely the account is automated or fake. */
  score: number;
  /** The signals that pushed the score up, in plain words, strongest first. */
  reasons: string[];
}

export interface BotScorer {
  readonly name: string;
  /** Null when the profile holds too little to judge: a guess would read as evidence. */
  score(profile: Profile, now: number): BotScore | null;
}

/**
 * One piece of evidence: `strength` in (0, 1] scaled by `weight` (negative weights argue "human").
 * A reason with numbers is worded only when shown, and its closure only made for a signal that
 * fires: across 100k accounts both add up.
 */
interface Signal {
  weight: number;
  strength: number;
  words: string | (() => string);
}

function fired(weight: number, strength: number, words: string | (() => string)): Signal | null {
  return strength > 0 ? { weight, strength, words } : null;
}

/** With every signal neutral an account scores about 0.08. */
const BIAS = -2.5;
/** Kinds of facts that must be known before scoring: creation date, counts, post count, avatar, bio. */
const MIN_KNOWN_FACTS = 2;
/** Below this a signal is noise, not a reason worth showing. */
const MIN_REASON_CONTRIBUTION = 0.3;
const MAX_REASONS = 4;

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const known = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Reasons with numbers, worded only when shown. Their closures are made here rather than inline: what
 * a closure captures lives in a context object made on every call of the function declaring it, so a
 * signal declaring one would allocate it for every account, fired or not.
 */
const postsPerDay = (perDay: number) => () => `posts ${formatCount(perDay)} times a day`;
const likesPerDay = (perDay: number) => () => `likes ${formatCount(perDay)} posts a day`;
const followsAndFollowed = (following: number, followers: number) => () =>
  `follows ${formatCount(following)}, followed by ${formatCount(followers)}`;
const neverPostedFollows = (following: number) => () => `never posted, follows ${formatCount(following)}`;
const youngWithPosts = (days: string, posts: number) => () => `${days} with ${formatCount(posts)} posts`;
const youngFollows = (days: string, following: number) => () => `${days}, follows ${formatCount(following)}`;

function ageDays(profile: Profile, now: number): number | null {
  return known(profile.createdAt) ? Math.max(1, (now - profile.createdAt) / DAY_MS) : null;
}

function postingRate(profile: Profile, age: number | null): Signal | null {
  if (age === null || !known(profile.postCount)) return null;
  const perDay = profile.postCount / age;
  // A busy person posts a few dozen times a day at most; 100 a day, every day, is a machine.
  const strength = clamp01((perDay - 20) / 80);
  if (strength <= 0) return null;
  return fired(3, strength, postsPerDay(perDay));
}

function likingRate(profile: Profile, age: number | null): Signal | null {
  if (age === null || !known(profile.likeCount)) return null;
  const perDay = profile.likeCount / age;
  const strength = clamp01((perDay - 100) / 400);
  if (strength <= 0) return null;
  return fired(2, strength, likesPerDay(perDay));
}

function followRatio(profile: Profile): Signal | null {
  const { followingCount: following, followersCount: followers } = profile;
  // Following a few hundred more than follow back is ordinary; thousands followed by a handful is a follow farm.
  if (!known(following) || !known(followers) || following < 500) return null;
  const strength = clamp01(Math.log10(following / Math.max(followers, 1)) / 2);
  if (strength <= 0) return null;
  return fired(2.5, strength, followsAndFollowed(following, followers));
}

function neverPosted(profile: Profile): Signal | null {
  const following = profile.followingCount;
  if (profile.postCount !== 0 || !known(following) || following < 200) return null;
  return fired(1.5, 1, neverPostedFollows(following));
}

function youngAndBusy(profile: Profile, age: number | null): Signal | null {
  if (age === null || age >= 30) return null;
  const days = `account ${Math.floor(age)} days old`;
  const { postCount: posts, followingCount: following } = profile;
  if (known(posts) && posts >= 500) return fired(2, 1, youngWithPosts(days, posts));
  if (known(following) && following >= 1000) return fired(2, 1, youngFollows(days, following));
  return null;
}

function defaultAvatar(profile: Profile): Signal | null {
  if (profile.defaultAvatar === null || profile.defaultAvatar === undefined) return null;
  return fired(1.2, profile.defaultAvatar ? 1 : 0, 'default avatar');
}

function emptyBio(profile: Profile): Signal | null {
  if (profile.bio === null || profile.bio === undefined) return null;
  return fired(0.8, profile.bio.trim() === '' ? 1 : 0, 'empty bio');
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LETTER_A = 97;
const LETTER_Z = 122;
const VOWELS = new Set([...'aeiouy'].map((c) => c.charCodeAt(0)));
const CHOSEN_YEARS = { from: 1940, to: 2029 };

/**
 * How generated a handle looks: X's default handles are a name plus eight digits; farms also use
 * random letters. A birth year ("maria1987") is what people choose, so it does not count. One pass
 * over the characters: this runs for every account.
 */
export function handleRandomness(handle: string): number {
  let trailingDigits = 0;
  let digitGroups = 0;
  let letters = 0;
  let vowels = 0;
  let consonantRun = 0;
  let longestConsonantRun = 0;
  for (let i = 0; i < handle.length; i++) {
    const c = handle.charCodeAt(i) | 0x20; // ASCII letters to lowercase; digits stay digits
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (trailingDigits === 0) digitGroups += 1;
      trailingDigits += 1;
      continue;
    }
    trailingDigits = 0;
    if (c < LETTER_A || c > LETTER_Z) continue;
    letters += 1;
    if (VOWELS.has(c)) {
      vowels += 1;
      consonantRun = 0;
    } else {
      consonantRun += 1;
      longestConsonantRun = Math.max(longestConsonantRun, consonantRun);
    }
  }
  let strength = 0;
  if (trailingDigits >= 6) strength = 1;
  else if (trailingDigits === 5) strength = 0.6;
  else if (trailingDigits === 4) {
    const year = Number(handle.slice(-4));
    if (year < CHOSEN_YEARS.from || year > CHOSEN_YEARS.to) strength = 0.4;
  }
  if (digitGroups >= 3) strength = Math.max(strength, 0.8);
  if (letters >= 8 && (vowels / letters < 0.2 || longestConsonantRun >= 5)) strength = Math.max(strength, 0.8);
  return strength;
}

function generatedHandle(profile: Profile): Signal | null {
  if (!profile.handle) return null;
  return fired(1.2, handleRandomness(profile.handle), 'handle looks generated');
}

/** Things bots rarely have: a verification, a place on many people's lists. */
function verified(profile: Profile): Signal | null {
  return fired(-1, profile.verified === true ? 1 : 0, 'verified');
}

function listedByOthers(profile: Profile): Signal | null {
  const listed = profile.listedCount;
  return known(listed) && listed > 0 ? fired(-1.5, clamp01(Math.log10(listed) / 2), 'listed by others') : null;
}

function knownFacts(profile: Profile): number {
  return (
    Number(known(profile.createdAt)) +
    Number(known(profile.followersCount) && known(profile.followingCount)) +
    Number(known(profile.postCount)) +
    Number(typeof profile.defaultAvatar === 'boolean') +
    Number(typeof profile.bio === 'string')
  );
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const ranked = new Ranking<Signal>();

/** The signals worth naming, strongest first; only the words shown are made. */
function strongestReasons(signals: readonly (Signal | null)[]): string[] {
  ranked.clear();
  for (const s of signals) {
    if (s === null) continue;
    const contribution = s.weight * s.strength;
    if (contribution >= MIN_REASON_CONTRIBUTION) ranked.add(s, contribution);
  }
  const reasons: string[] = [];
  for (let i = 0; i < Math.min(ranked.size, MAX_REASONS); i++) {
    const { words } = ranked.items[i]!;
    reasons.push(typeof words === 'string' ? words : words());
  }
  return reasons;
}

/** Transparent heuristic over profile metadata: a logistic of weighted, explainable signals. */
export const heuristicBotScorer: BotScorer = {
  name: 'heuristic-v1',
  score(profile, now) {
    if (knownFacts(profile) < MIN_KNOWN_FACTS) return null;
    const age = ageDays(profile, now);
    const signals = [
      postingRate(profile, age),
      likingRate(profile, age),
      followRatio(profile),
      neverPosted(profile),
      youngAndBusy(profile, age),
      defaultAvatar(profile),
      emptyBio(profile),
      generatedHandle(profile),
      verified(profile),
      listedByOthers(profile),
    ];
    let logit = BIAS;
    for (const s of signals) if (s) logit += s.weight * s.strength;
    return { score: sigmoid(logit), reasons: strongestReasons(signals) };
  },
};
