import { EMOJI_WORDS } from './emoji-words.js';
import { STOPWORDS } from './stopwords.js';
import { FIELD_CUES_BEFORE, LEXICON } from './lexicon.js';
import { startsWithDigit, stem, stemKey, wordsOf } from './text.js';
import { cosineWith, meanOf, wordVectors, type WordVectors } from './word-vectors.js';

/**
 * Relevance by meaning: how near a word is to a person's interests in the word vectors (word-vectors.ts),
 * so "Clippers" counts for basketball and "Verdi" for opera without anyone listing them.
 *
 * Raw cosines are a poor ruler: common words sit near everything ("sports"–"entertainment" 0.66 beats
 * "basketball"–"Clippers" 0.39). What holds is a word's place among an interest's neighbours: the
 * Clippers are among basketball's nearest 600 words of 60,000, "entertainment" is not. Each interest is
 * read in the context of the others given with it ("gaming" beside "tech, gadgets" is video games, not
 * casinos), and a word counts by how telling it is: the more frequent a word, the less it says.
 */

/** Neighbours this close count in full; from there evidence fades to nothing at `FAR`. */
const NEAR = 300;
const FAR = 3000;
/** How much of the list's common meaning each interest is read with. */
const CONTEXT = 0.6;
/** How much of a word's nearness to everything is taken off its nearness to an interest. */
const HUBNESS = 1.5;
/** Words at least this rare count in full; the most frequent count `MIN_IDF`. */
const RARE_RANK = 6000;
const COMMON_RANK = 150;
const MIN_IDF = 0.15;
/**
 * Words every kind of profile uses that say how someone posts, not what about: near many interests in
 * the vectors ("news" is near everything written about), they count for a fraction.
 */
const GENERIC = new Set(
  `official account page daily weekly life love lover fan fans review reviews news updates tweets tweet
  world best home follow blog blogger blogging writer writing author host podcast channel community team
  club group network media show live real new latest top great good big free online time day year people
  family friends mom dad father mother wife husband proud husband founder ceo director manager professional
  journey things stuff educator professor teacher student photographer entrepreneur enthusiast junkie geek
  nerd addict connoisseur aficionado freelance freelancer consultant specialist expert creator contributor
  speaker mentor alum alumni graduate grad phd innovator leader`
    .split(/\s+/)
    .filter(Boolean),
);
const GENERIC_FACTOR = 0.3;
const GENERIC_MEANING_FACTOR = 0.15;

/** A word every kind of profile uses ("official", "daily", "life"): it says how someone posts, not what about. */
export function isGeneric(word: string): boolean {
  return GENERIC.has(word);
}
/** Two-letter words ("fb", "mc", "sf") are initials more often than words. */
const MIN_MEANING_LENGTH = 3;
/** Past this rank the vectors learnt from few examples: names and rare spellings drift ("selena" near hip hop). */
const RELIABLE_RANK = 25_000;
const RARE_FACTOR = 0.3;

export interface Meaning {
  terms: readonly string[];
  /** Per vocabulary row: how related the word is to the nearest interest, in [0, 1]. */
  related: Float32Array;
  /** Per row: which interest that is (index into `terms`). */
  nearest: Uint8Array;
  /** The interests' own words by stem: a word that is an interest counts in full. */
  own: ReadonlyMap<string, number>;
  /** What each word met so far says (`wordInfo`): one lookup per word of a bio. Bounded. */
  words: Map<string, WordInfo>;
  /** Each interest's meaning as read in the list's context (unit vectors), null for an unknown word. */
  queries: readonly (Float32Array | null)[];
}

export interface WordInfo {
  /** Not a stopword, and a word the vectors know or long enough to be one. */
  content: boolean;
  /** Evidence for `term`, 0 when the word says nothing. */
  amount: number;
  /** Index into `terms`, or -1. */
  term: number;
  /** Evidence by nearness in meaning only, not by being one of the interests' own words. */
  byMeaning: boolean;
  /** The word's row in the vectors, or -1. */
  row: number;
}

const WORD_CACHE_LIMIT = 100_000;

function idf(v: WordVectors, row: number): number {
  const rank = v.rank[row]!;
  if (rank >= RARE_RANK) return 1;
  if (rank <= COMMON_RANK) return MIN_IDF;
  const t = Math.log(rank / COMMON_RANK) / Math.log(RARE_RANK / COMMON_RANK);
  return MIN_IDF + (1 - MIN_IDF) * t;
}

/** Rows of a term's words, a compound ("hip-hop") where the vectors know it. */
function rowsOf(v: WordVectors, term: string): number[] {
  const words = wordsOf(term);
  const joined = v.index.get(words.join('-')) ?? (words.length > 1 ? v.index.get(words.join('')) : undefined);
  if (joined !== undefined) return [joined];
  return words.flatMap((w) => {
    const row = v.index.get(w);
    return row === undefined || STOPWORDS.has(w) ? [] : [row];
  });
}

/** The lexicon's spellings and synonyms of each interest it knows, by the interest's stems. */
const SYNONYMS = new Map(LEXICON.flatMap((e) => e.names.map((n) => [stemKey(n), e.names] as const)));
const SYNONYM_WEIGHT = 0.5;
/** The kinds of a broad interest the lexicon lists (`LexiconEntry.kinds`), by the interest's stems. */
const KINDS = new Map(
  LEXICON.flatMap((e) => (e.kinds ? e.names.map((n) => [stemKey(n), e.kinds!] as const) : [])),
);
/** A kind's neighbours count for the interest a little less than the interest's own. */
const KIND_WEIGHT = 0.6;

/**
 * An interest's meaning, held by its synonyms where the lexicon knows them: "tech" alone is as much
 * Virginia Tech as technology, beside "technology, software, programming" it is technology.
 */
function anchoredVector(v: WordVectors, term: string): Float32Array | null {
  const own = meanOf(v, rowsOf(v, term));
  const names = (SYNONYMS.get(stemKey(term)) ?? []).filter((n) => stemKey(n) !== stemKey(term));
  const others = meanOf(
    v,
    names.flatMap((n) => rowsOf(v, n)),
  );
  if (!own || !others) return own ?? others;
  const sum = new Float32Array(v.dims);
  let norm = 0;
  for (let d = 0; d < v.dims; d++) {
    sum[d] = own[d]! + SYNONYM_WEIGHT * others[d]!;
    norm += sum[d]! * sum[d]!;
  }
  for (let d = 0; d < v.dims; d++) sum[d]! /= Math.sqrt(norm);
  return sum;
}

function buildMeaning(terms: readonly string[]): Meaning {
  const v = wordVectors();
  const count = v.rank.length;
  const related = new Float32Array(count);
  const nearest = new Uint8Array(count);
  const own = new Map<string, number>();
  const termVectors = terms.map((t) => anchoredVector(v, t));
  const known = termVectors.filter((t): t is Float32Array => t !== null);
  const centroid = meanOf0(v.dims, known);
  const sims = new Float32Array(count);
  const order = new Uint32Array(count);
  const sorted = new Float32Array(count);
  const queries: (Float32Array | null)[] = terms.map(() => null);
  terms.forEach((term, ti) => {
    for (const w of wordsOf(term)) if (!STOPWORDS.has(w)) own.set(stem(w), ti);
    const base = termVectors[ti];
    if (!base || ti > 255) return;
    const query = new Float32Array(v.dims);
    let norm = 0;
    for (let d = 0; d < v.dims; d++) {
      query[d] = base[d]! + CONTEXT * (centroid?.[d] ?? 0);
      norm += query[d]! * query[d]!;
    }
    for (let d = 0; d < v.dims; d++) query[d]! /= Math.sqrt(norm);
    queries[ti] = query;
    const spread = (q: Float32Array, weight: number) => {
      for (let r = 0; r < count; r++) sims[r] = cosineWith(v, r, q) - HUBNESS * v.generality[r]!;
      const reach = nearestFirst(sims, Math.min(FAR, count), order, sorted);
      for (let k = 0; k < reach; k++) {
        const row = order[k]!;
        const closeness = k < NEAR ? 1 : 1 - Math.log(k / NEAR) / Math.log(FAR / NEAR);
        const amount = weight * closeness * idf(v, row);
        if (amount > related[row]!) {
          related[row] = amount;
          nearest[row] = ti;
        }
      }
    };
    spread(query, 1);
    // A broad interest is also its kinds: "sports" is baseball too, so the Yankees count for it.
    for (const kind of KINDS.get(stemKey(term)) ?? []) {
      const row = v.index.get(kind);
      if (row !== undefined) spread(meanOf(v, [row])!, KIND_WEIGHT);
    }
  });
  return { terms, related, nearest, own, words: new Map(), queries };
}

/**
 * The `reach` rows of highest similarity into `order`, highest first (ties by row), and how many: the
 * cut-off is read from a native sort of the values, and only the rows above it are sorted with a
 * comparator, which a sort of all 60,000 rows by comparator took ten times as long to do.
 */
function nearestFirst(sims: Float32Array, reach: number, order: Uint32Array, sorted: Float32Array): number {
  sorted.set(sims);
  sorted.sort();
  const cutoff = sorted[sims.length - reach]!;
  let n = 0;
  for (let r = 0; r < sims.length; r++) if (sims[r]! >= cutoff) order[n++] = r;
  const top = order.subarray(0, n).sort((a, b) => sims[b]! - sims[a]! || a - b);
  return Math.min(reach, top.length);
}

function meanOf0(dims: number, vectors: readonly Float32Array[]): Float32Array | null {
  if (vectors.length === 0) return null;
  const sum = new Float32Array(dims);
  for (const vec of vectors) for (let d = 0; d < dims; d++) sum[d]! += vec[d]!;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += sum[d]! * sum[d]!;
  for (let d = 0; d < dims; d++) sum[d]! /= Math.sqrt(norm) || 1;
  return sum;
}

/** `cache[key]`, made once by `make`; a cache grown to `limit` starts again, so memory stays bounded. */
function remembered<K, V>(cache: Map<K, V>, key: K, limit: number, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= limit) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Built once per set of interests: an audit asks about the same ones for every account. */
const meanings = new Map<string, Meaning>();
const MEANING_CACHE_LIMIT = 16;

export function meaningFor(terms: readonly string[]): Meaning {
  return remembered(meanings, terms.join('\u0000'), MEANING_CACHE_LIMIT, () => buildMeaning(terms));
}

/** What one word says for the interests, looked up once per word and meaning. */
export function wordInfo(meaning: Meaning, word: string): WordInfo {
  // Hit first, with nothing allocated: this runs for every word of every account.
  const known = meaning.words.get(word);
  if (known !== undefined) return known;
  // Numbers are mostly unique ("User 12345"): cached, they would only churn the words that recur.
  // Most are no word of the vectors, no stopword and no interest: what `describe` says of them is
  // known from their length, without a lookup in the whole vocabulary.
  if (startsWithDigit(word))
    return knownNumber(word) || meaning.own.has(word)
      ? describe(meaning, word)
      : word.length >= CONTENT_LENGTH
        ? UNKNOWN_CONTENT
        : NOTHING;
  return remembered(meaning.words, word, WORD_CACHE_LIMIT, () => describe(meaning, word));
}

const NOTHING: WordInfo = { content: false, amount: 0, term: -1, byMeaning: false, row: -1 };
/** A word the vectors do not know, long enough to count as content, that is none of the interests'. */
const UNKNOWN_CONTENT: WordInfo = { content: true, amount: 0, term: -1, byMeaning: false, row: -1 };
/** Unknown words this long count as content words. */
const CONTENT_LENGTH = 4;

/** The vectors' words and the stopwords that start with a digit ("2024", "49ers"): a few hundred. */
let numberWords: ReadonlySet<string> | null = null;

function knownNumber(word: string): boolean {
  numberWords ??= new Set([...wordVectors().index.keys(), ...STOPWORDS].filter(startsWithDigit));
  return numberWords.has(word);
}

function describe(meaning: Meaning, word: string): WordInfo {
  if (STOPWORDS.has(word)) return NOTHING;
  const v = wordVectors();
  const row = v.index.get(word);
  const content = row !== undefined || word.length >= CONTENT_LENGTH;
  const ownTerm = meaning.own.get(stem(word));
  if (ownTerm !== undefined)
    return {
      content,
      amount: GENERIC.has(word) ? GENERIC_FACTOR : 1,
      term: ownTerm,
      byMeaning: false,
      row: row ?? -1,
    };
  if (row === undefined || word.length < MIN_MEANING_LENGTH)
    return { content, amount: 0, term: -1, byMeaning: false, row: row ?? -1 };
  const factor =
    (GENERIC.has(word) ? GENERIC_MEANING_FACTOR : 1) * (v.rank[row]! > RELIABLE_RANK ? RARE_FACTOR : 1);
  const amount = meaning.related[row]! * factor;
  return { content, amount, term: amount > 0 ? meaning.nearest[row]! : -1, byMeaning: amount > 0, row };
}

const EMOJI = new RegExp(Object.keys(EMOJI_WORDS).join('|'), 'gu');
const MAYBE_EMOJI = /[\u2600-\u27BF]|[\uD83C-\uD83E]/;

/** The topic words of a text's emoji: "⚽🏆" → football, championship. */
export function emojiWords(text: string): string[] {
  if (!MAYBE_EMOJI.test(text)) return [];
  return [...text.matchAll(EMOJI)].map((m) => EMOJI_WORDS[m[0]]!);
}

const MENTION = /(?<![\p{L}\p{N}_])@([A-Za-z0-9_]{2,15})/gu;
/** Link domains' names: "nba.com/clippers" → "nba". Short links (t.co, bit.ly) say nothing. */
const DOMAIN =
  /\b(?:https?:\/\/)?(?:www\.)?([a-z0-9-]{3,30})\.(?:com|net|org|co\.uk|co|io|tv|fm|uk|de|fr|es)\b/gi;
const SHORTENERS = new Set([
  'bit',
  'tinyurl',
  'ow',
  'buff',
  'goo',
  'linktr',
  'instagram',
  'twitter',
  'facebook',
  'youtube',
  'gmail',
  'yahoo',
  'hotmail',
  'outlook',
  'icloud',
]);

export function mentionedHandles(text: string): string[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(MENTION)].map((m) => m[1]!);
}

export function linkNames(text: string): string[] {
  if (!text.includes('.')) return [];
  const names: string[] = [];
  for (const m of text.matchAll(DOMAIN)) {
    const name = m[1]!.toLowerCase();
    if (!SHORTENERS.has(name)) names.push(name);
  }
  return names;
}

const CAMEL = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const MAX_SEGMENT = 24;
const WORD_COST = 4;
/** Pieces cut out of a run shorter than this are more often accidents ("trittenbach" → "bach") than words. */
const MIN_PIECE = 4;
/** Longest word looked for inside a run: longer ones are rare in handles and cost a lookup each. */
const MAX_WORD = 11;
/** Handles named in bios recur across accounts ("@nytimes", "@NBA"): cut once each. */
const handleCache = new Map<string, string[]>();
const HANDLE_CACHE_LIMIT = 20_000;

export function cachedHandleWords(handle: string): string[] {
  return (
    handleCache.get(handle) ?? remembered(handleCache, handle, HANDLE_CACHE_LIMIT, () => handleWords(handle))
  );
}

/**
 * The cues before a known name too short to be kept as a piece of a handle (lexicon.ts
 * `FIELD_CUES_BEFORE`: "go"): a hashtag keeps them, since "#gohawks" cheers the Hawks.
 */
const SHORT_CUES: ReadonlySet<string> = new Set(
  Object.values(FIELD_CUES_BEFORE)
    .flat()
    .filter((cue) => !cue.includes(' ') && cue.length < MIN_PIECE),
);
const hashtagCache = new Map<string, string[]>();

/** A hashtag of words run together ("gohawks", "GoHawks") as words, like a handle but keeping "go". */
export function gluedHashtagWords(tag: string): string[] {
  return (
    hashtagCache.get(tag) ??
    remembered(hashtagCache, tag, HANDLE_CACHE_LIMIT, () => handleWords(tag, SHORT_CUES))
  );
}

const NO_SHORT: ReadonlySet<string> = new Set();

/**
 * A handle or domain as words: "TheAthleticNHL" → the, athletic, nhl; "carreviews_uk" → car, reviews, uk.
 * Runs of lower case are cut where the cut is cheapest in frequent words (Zipf's law: a word's cost is the
 * log of its rank); a run the vectors cannot cover is left out. Pieces shorter than `MIN_PIECE` are left
 * out too, but for those of `short`.
 */
export function handleWords(handle: string, short: ReadonlySet<string> = NO_SHORT): string[] {
  const words: string[] = [];
  for (const part of handle.match(CAMEL) ?? []) {
    const lower = part.toLowerCase();
    if (lower.length < 2 || /^[0-9]+$/.test(lower)) continue;
    if (wordVectors().index.has(lower)) {
      if (lower.length >= MIN_PIECE || short.has(lower)) words.push(lower);
    } else if (lower.length <= MAX_SEGMENT)
      for (const w of segment(lower)) if (w.length >= MIN_PIECE || short.has(w)) words.push(w);
  }
  return words;
}

function segment(run: string): string[] {
  const v = wordVectors();
  const n = run.length;
  const cost = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  cost[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - MAX_WORD); start < end - 1; start++) {
      if (cost[start] === Infinity) continue;
      const row = v.index.get(run.slice(start, end));
      if (row === undefined) continue;
      const c = cost[start]! + Math.log(v.rank[row]! + 2) + WORD_COST;
      if (c < cost[end]!) {
        cost[end] = c;
        from[end] = start;
      }
    }
  }
  if (cost[n] === Infinity) return [];
  const words: string[] = [];
  for (let end = n; end > 0; end = from[end]!) words.push(run.slice(from[end]!, end));
  return words.reverse();
}
