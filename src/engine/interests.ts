import type { Interests, OwnerTexts } from '../model.js';
import { inferInterests } from './interest-inference.js';
import { matcherFor, scan, type Hit, type Matcher } from './interest-matcher.js';
import { Ranking } from './ranking.js';
import { stemKey, wordsOf } from './text.js';

/**
 * What the owner is into (given or inferred from their own texts), and how much a profile is about it.
 */

/** A location ("London, UK") says less about what an account posts than its bio does. */
const LOCATION_FACTOR = 0.5;
/** Posts count by the share that is on-topic: one stray mention in twenty posts is not a theme. */
const POSTS_FACTOR = 1.5;
const MIN_POSTS_DIVISOR = 4;
/** Recent posts are what the user will see; older ones cost time and say less. */
const MAX_POSTS = 20;

export interface ProfileTexts {
  bio?: string | null;
  posts?: readonly string[];
  name?: string | null;
  location?: string | null;
}

export interface Relevance {
  /** In [0, 1]: 0 when nothing relates to the interests. */
  score: number;
  /** Which interest and via which word, strongest first: "opera (Tosca)". */
  matched: string[];
}

/**
 * Amounts by label for the handful of labels one text or profile matches: arrays beat a Map at this
 * size. Relevance runs for every account, so its tallies are cleared and refilled rather than made anew.
 */
class Tally {
  readonly labels: string[] = [];
  readonly amounts: number[] = [];
  /** Entries in use: the arrays keep their room between uses. */
  size = 0;

  clear(): void {
    this.size = 0;
  }

  /** Keeps the larger of the amounts seen for a label. */
  max(label: string, amount: number): void {
    const i = this.indexOf(label);
    if (i < 0) this.push(label, amount);
    else if (this.amounts[i]! < amount) this.amounts[i] = amount;
  }

  add(label: string, amount: number): void {
    const i = this.indexOf(label);
    if (i < 0) this.push(label, amount);
    else this.amounts[i] = this.amounts[i]! + amount;
  }

  copy(): Tally {
    const copy = new Tally();
    for (let i = 0; i < this.size; i++) copy.push(this.labels[i]!, this.amounts[i]!);
    return copy;
  }

  /** The labels by amount, largest first, ties in the order they came. */
  strongestFirst(): string[] {
    ranked.clear();
    for (let i = 0; i < this.size; i++) ranked.add(this.labels[i]!, this.amounts[i]!);
    return ranked.items.slice(0, ranked.size);
  }

  private indexOf(label: string): number {
    for (let i = 0; i < this.size; i++) if (this.labels[i] === label) return i;
    return -1;
  }

  private push(label: string, amount: number): void {
    this.labels[this.size] = label;
    this.amounts[this.size] = amount;
    this.size += 1;
  }
}

/** Work space of `strongestFirst`, and the tallies of one text and of the profile being judged. */
const ranked = new Ranking<string>();
const inText = new Tally();
const inProfile = new Tally();
const intoText = (hit: Hit) => inText.max(hit.label, hit.weight);

/** Best weight per label in one text's words, left in `inText`; false when nothing matched, the usual case. */
function labelsIn(words: readonly string[], matcher: Matcher): boolean {
  inText.clear();
  scan(words, matcher, intoText);
  return inText.size > 0;
}

/** What each location matched, per matcher: a few places ("London, UK") recur across thousands of profiles. */
const places = new WeakMap<Matcher, Map<string, Tally | null>>();
const PLACE_CACHE_LIMIT = 10_000;

function placeLabels(place: string, matcher: Matcher): Tally | null {
  let known = places.get(matcher);
  if (!known) places.set(matcher, (known = new Map()));
  let found = known.get(place);
  if (found === undefined) {
    if (known.size >= PLACE_CACHE_LIMIT) known.clear();
    found = labelsIn(wordsOf(place), matcher) ? inText.copy() : null;
    known.set(place, found);
  }
  return found;
}

/** A profile field counts each distinct interest word once, scaled by how much the field says. */
function credit(found: Tally, factor: number): void {
  for (let i = 0; i < found.size; i++) inProfile.add(found.labels[i]!, found.amounts[i]! * factor);
}

/**
 * How much a profile is about the interests: the bio and name count in full per distinct interest word,
 * posts by the share of them that are on-topic; the total evidence maps to [0, 1) through 1 − e^(−x).
 */
export function relevance(texts: ProfileTexts, interests: Interests): Relevance {
  const name = texts.name ? wordsOf(texts.name) : null;
  const bio = texts.bio ? wordsOf(texts.bio) : null;
  return relevanceOfWords({ name, bio, location: texts.location, posts: texts.posts }, interests);
}

/** A profile's texts for `relevance`, with the name and bio already cut into words (text.ts `wordsOf`). */
export interface ProfileWords {
  name: readonly string[] | null;
  bio: readonly string[] | null;
  location?: string | null;
  posts?: readonly string[];
}

export function relevanceOfWords(texts: ProfileWords, interests: Interests): Relevance {
  const matcher = matcherFor(interests);
  inProfile.clear();
  if (texts.name && labelsIn(texts.name, matcher)) credit(inText, 1);
  if (texts.bio && labelsIn(texts.bio, matcher)) credit(inText, 1);
  const place = texts.location ? placeLabels(texts.location, matcher) : null;
  if (place) credit(place, LOCATION_FACTOR);
  const posts = texts.posts ?? [];
  const counted = Math.min(posts.length, MAX_POSTS);
  const perPost = POSTS_FACTOR / Math.max(counted, MIN_POSTS_DIVISOR);
  for (let i = 0; i < counted; i++) {
    if (!labelsIn(wordsOf(posts[i]!), matcher)) continue;
    // A post counts once, through its strongest interest words.
    let best = -Infinity;
    for (let j = 0; j < inText.size; j++) best = Math.max(best, inText.amounts[j]!);
    for (let j = 0; j < inText.size; j++) if (inText.amounts[j] === best) inProfile.add(inText.labels[j]!, best * perPost);
  }
  if (inProfile.size === 0) return { score: 0, matched: [] };
  let evidence = 0;
  for (let i = 0; i < inProfile.size; i++) evidence += inProfile.amounts[i]!;
  return { score: 1 - Math.exp(-evidence), matched: inProfile.strongestFirst() };
}

/**
 * The interests an audit judges topics against: the explicit terms when any are given (an empty list
 * counts as not given), else the most supported terms of the owner's bio, posts and likes.
 */
export function resolveInterests(explicit: string[] | null, texts: OwnerTexts): Interests {
  const given = new Map<string, string>();
  for (const raw of explicit ?? []) {
    const term = raw.trim();
    const key = stemKey(term);
    if (key && !given.has(key)) given.set(key, term);
  }
  if (given.size > 0) return { terms: [...given.values()], source: 'explicit' };
  const inferred = inferInterests(texts);
  return inferred.length > 0 ? { terms: inferred, source: 'inferred' } : { terms: [], source: 'none' };
}
