import type { Interests, OwnerTexts } from '../model.js';
import { inferInterests } from './interest-inference.js';
import { matcherFor, scan, type Matcher } from './interest-matcher.js';
import { largestFirst } from './ranking.js';
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

/** Amounts by label for the handful of labels one profile matches: arrays beat a Map at this size. */
class Tally {
  readonly labels: string[] = [];
  readonly amounts: number[] = [];

  /** Keeps the larger of the amounts seen for a label. */
  max(label: string, amount: number): void {
    const i = this.labels.indexOf(label);
    if (i < 0) this.push(label, amount);
    else if (this.amounts[i]! < amount) this.amounts[i] = amount;
  }

  add(label: string, amount: number): void {
    const i = this.labels.indexOf(label);
    if (i < 0) this.push(label, amount);
    else this.amounts[i] = this.amounts[i]! + amount;
  }

  strongestFirst(): string[] {
    const indexes = this.labels.map((_, i) => i);
    return largestFirst(indexes, (i) => this.amounts[i]!).map((i) => this.labels[i]!);
  }

  private push(label: string, amount: number): void {
    this.labels.push(label);
    this.amounts.push(amount);
  }
}

/** Best weight per label in one text; null when nothing matched, the usual case. */
function labelsIn(text: string, matcher: Matcher): Tally | null {
  let found: Tally | null = null;
  scan(wordsOf(text), matcher, (hit) => (found ??= new Tally()).max(hit.label, hit.weight));
  return found;
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
    found = labelsIn(place, matcher);
    known.set(place, found);
  }
  return found;
}

/** A profile field counts each distinct interest word once, scaled by how much the field says. */
function credit(found: Tally | null, factor: number, total: Tally): void {
  if (found) for (let i = 0; i < found.labels.length; i++) total.add(found.labels[i]!, found.amounts[i]! * factor);
}

/**
 * How much a profile is about the interests: the bio and name count in full per distinct interest word,
 * posts by the share of them that are on-topic; the total evidence maps to [0, 1) through 1 − e^(−x).
 */
export function relevance(texts: ProfileTexts, interests: Interests): Relevance {
  const matcher = matcherFor(interests);
  const total = new Tally();
  credit(texts.name ? labelsIn(texts.name, matcher) : null, 1, total);
  credit(texts.bio ? labelsIn(texts.bio, matcher) : null, 1, total);
  credit(texts.location ? placeLabels(texts.location, matcher) : null, LOCATION_FACTOR, total);
  const posts = texts.posts ?? [];
  const counted = Math.min(posts.length, MAX_POSTS);
  const perPost = POSTS_FACTOR / Math.max(counted, MIN_POSTS_DIVISOR);
  for (let i = 0; i < counted; i++) {
    const found = labelsIn(posts[i]!, matcher);
    if (!found) continue;
    // A post counts once, through its strongest interest words.
    const best = Math.max(...found.amounts);
    for (let j = 0; j < found.labels.length; j++) if (found.amounts[j] === best) total.add(found.labels[j]!, best * perPost);
  }
  if (total.labels.length === 0) return { score: 0, matched: [] };
  let evidence = 0;
  for (const amount of total.amounts) evidence += amount;
  return { score: 1 - Math.exp(-evidence), matched: total.strongestFirst() };
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
