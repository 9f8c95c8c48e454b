import type { Interests, OwnerTexts } from '../model.js';
import { inferInterests } from './interest-inference.js';
import { EMPTY_NEIGHBOURHOOD, neighbourhoodLabel, type Neighbourhood } from './interest-neighbourhood.js';
import {
  COMPOUND_STEMS,
  LEXICON_MATCHER,
  entryForWord,
  knownNamesIn,
  knownTermsOf,
  matcherFor,
  scan,
  type Hit,
  type KnownName,
  type Matcher,
  type WordLookup,
} from './interest-matcher.js';
import { Ranking } from './ranking.js';
import { fillRange, setLength } from './arrays.js';
import { hashtagLeftWhole, startsWithDigit, stem, stemKey, wordsOf } from './text.js';
import {
  cachedHandleWords,
  emojiWords,
  gluedHashtagWords,
  handleWords,
  linkNames,
  meaningFor,
  mentionedHandles,
  wordInfo,
  type Meaning,
  type WordInfo,
} from './topic-meaning.js';
import { addRows, restAgainst, wordVectors } from './word-vectors.js';

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
/** A handle, the accounts a bio names and its links say what an account is about, less plainly than its bio. */
const HANDLE_FACTOR = 0.8;
const LINK_FACTOR = 0.6;
/** A bio and posts with this many meaningful words say more than the handle can add. */
const HANDLE_BELOW_WORDS = 8;
/** Evidence past which the handle and links need not be read: the account is on-topic already. */
const ENOUGH = 1;
/** Word evidence below this is noise: a word many neighbours away from every interest. */
const MIN_WORD_EVIDENCE = 0.08;

export interface ProfileTexts {
  bio?: string | null;
  posts?: readonly string[];
  name?: string | null;
  location?: string | null;
  handle?: string | null;
  url?: string | null;
}

export interface Relevance {
  /** In [0, 1]: 0 when nothing relates to the interests. */
  score: number;
  /** Which interest and via which word, strongest first: "opera (Tosca)". */
  matched: string[];
  /** Words of the bio and posts that carry meaning: with too few, off-topic is not claimed. */
  words: number;
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
/**
 * Word positions the lexicon or a known name matched in the text at hand, one mark per word (1 covered,
 * 0 not): meaning adds nothing there. Looked up by position, so a text costs in proportion to its words.
 */
let covered = new Uint8Array(256);
/** One past the last position marked since the marks were last cleared. */
let coveredEnd = 0;
function cover(start: number, end: number): void {
  fillRange(covered, 1, start, end);
  if (end > coveredEnd) coveredEnd = end;
}
/**
 * Clears the marks for the next text, growing them when it is longer than any before. Every mark made
 * since the last clear goes, not only the next text's length of them: a mark a longer text left past a
 * shorter one's end would otherwise cover a word of the next longer text.
 */
function resetCovered(length: number): void {
  if (length > covered.length) covered = new Uint8Array(Math.max(length, covered.length * 2));
  else if (coveredEnd > 0) fillRange(covered, 0, 0, coveredEnd);
  coveredEnd = 0;
}
const intoText = (hit: Hit, start: number, end: number) => {
  inText.max(hit.label, hit.weight);
  cover(start, end);
};

/**
 * A word near an interest counts in full when the rest of the profile is about the same world, and not
 * at all when it is plainly about another: "Vanlife Diaries" beside "Living on the road in a converted
 * Sprinter" is not books. The rest of the profile is the mean of its other name and bio words' vectors;
 * its cosine with the interest below `CONTEXT_AGAINST` takes the word's evidence away, above
 * `CONTEXT_FOR` leaves it whole, in between scales it. Read for name, handle and link words, and for
 * bio words near inferred interests (`relevanceOfWords`).
 */
const CONTEXT_AGAINST = 0.45;
const CONTEXT_FOR = 0.6;
/** With fewer other words of known meaning than this, the rest of the profile cannot say. */
const CONTEXT_MIN_WORDS = 2;
/**
 * Sum of the unit vectors of the distinct name and bio words of the profile being judged, their rows
 * and how many: made once a word needs it.
 */
let contextSum = new Float32Array(0);
const contextRows: number[] = [];
let contextCount = 0;
/** The name's and the bio's words of the profile being judged, in that order. */
let contextName: readonly string[] | null = null;
let contextBio: readonly string[] | null = null;
let contextReady = false;

function buildContext(meaning: Meaning): void {
  contextReady = true;
  factorsKnown = 0;
  const v = wordVectors();
  if (contextSum.length !== v.dims) contextSum = new Float32Array(v.dims);
  // Locals, not the module's bindings, in the loops: they run for every word of most profiles.
  const sum = contextSum;
  sum.fill(0);
  contextCount = 0;
  setLength(contextRows, 0);
  if (contextName) addContextRows(meaning, contextName);
  if (contextBio) addContextRows(meaning, contextBio);
  addRows(sum, v, contextRows);
}

/** The rows of the words' distinct content words not already in the context, in order. */
function addContextRows(meaning: Meaning, words: readonly string[]): void {
  for (const word of words) {
    const info = wordInfo(meaning, word);
    if (!info.content || info.row < 0 || contextRows.includes(info.row)) continue;
    contextRows.push(info.row);
    contextCount += 1;
  }
}

/**
 * The factors worked out for the profile being judged, by row and interest: a bio that says "opera"
 * twice asks twice, and the answer depends on nothing else.
 */
const factorRows: number[] = [];
const factorTerms: number[] = [];
const factorValues: number[] = [];
let factorsKnown = 0;

/** How much of a word's evidence by meaning the rest of the profile leaves it, in [0, 1]. */
function contextFactor(meaning: Meaning, info: WordInfo): number {
  if (!contextReady) buildContext(meaning);
  const query = meaning.queries[info.term];
  if (!query || contextCount - 1 < CONTEXT_MIN_WORDS) return 1;
  const { row, term } = info;
  const known = knownFactor(row, term);
  if (known >= 0) return factorValues[known]!;
  // Worked out with up to three more words of the text at hand that may ask next, in one pass.
  const first = factorsKnown;
  addFactor(row, term);
  for (let i = 0; i < lookedCount && factorsKnown - first < 4; i++) {
    const other = looked[i]!.info;
    if (!other.byMeaning || other.amount < MIN_WORD_EVIDENCE || other.row < 0) continue;
    if (meaning.queries[other.term] && knownFactor(other.row, other.term) < 0)
      addFactor(other.row, other.term);
  }
  workOutFactors(meaning, first, factorsKnown);
  return factorValues[first]!;
}

function knownFactor(row: number, term: number): number {
  for (let k = 0; k < factorsKnown; k++) if (factorRows[k] === row && factorTerms[k] === term) return k;
  return -1;
}

function addFactor(row: number, term: number): void {
  factorRows[factorsKnown] = row;
  factorTerms[factorsKnown] = term;
  factorsKnown += 1;
}

/** The factor from the cosine of the rest of the profile (the context less the word) with the interest. */
function factorOf(dot: number, norm: number): number {
  const c = norm > 0 ? dot / Math.sqrt(norm) : 0;
  return Math.min(1, Math.max(0, (c - CONTEXT_AGAINST) / (CONTEXT_FOR - CONTEXT_AGAINST)));
}

/** Work space of `workOutFactors`: the rows and queries of up to four factors, and their sums. */
const batchRows = new Int32Array(4);
const batchQueries: Float32Array[] = [];
const batchDots = new Float64Array(4);
const batchNorms = new Float64Array(4);

/** Factors `from` to `to` (at most four): the rest of the profile's sums against each word's interest. */
function workOutFactors(meaning: Meaning, from: number, to: number): void {
  const count = to - from;
  for (let j = 0; j < count; j++) {
    batchRows[j] = factorRows[from + j]!;
    batchQueries[j] = meaning.queries[factorTerms[from + j]!]!;
  }
  restAgainst(wordVectors(), contextSum, batchRows, batchQueries, count, batchDots, batchNorms);
  for (let j = 0; j < count; j++) factorValues[from + j] = factorOf(batchDots[j]!, batchNorms[j]!);
}

/** Content words met in the profile being judged. */
let contentWords = 0;
/** The owner's neighbourhood for the profile being judged (interest-neighbourhood.ts). */
let near: Neighbourhood = EMPTY_NEIGHBOURHOOD;

/** "basketball (clippers)": the interest, and the word that showed it unless it is the interest's own. */
function meaningLabel(term: string, word: string): string {
  let labels = meaningLabels.get(term);
  if (!labels) meaningLabels.set(term, (labels = new Map()));
  let label = labels.get(word);
  if (label === undefined) {
    if (labels.size >= LABEL_CACHE_LIMIT) labels.clear();
    label = stemKey(term) === stemKey(word) ? term : `${term} (${word})`;
    labels.set(word, label);
  }
  return label;
}

/** The labels made so far, by interest and word: the same few recur across an audit's profiles. Bounded. */
const meaningLabels = new Map<string, Map<string, string>>();
const LABEL_CACHE_LIMIT = 10_000;

/**
 * Terms of several words any lexicon entry knows ("fantasy football", "indie games"), found in the text
 * at hand only once one of its words is near an interest by meaning: each as its span, its words and
 * its entry's canonical name.
 */
interface Compound {
  start: number;
  end: number;
  text: string;
  topic: string;
}
/** The compound at each word position of the text at hand, once read (`compoundsRead`). */
const compoundAtWord: (Compound | null)[] = [];
let compoundsRead = false;
/** Words a compound claimed anywhere in the profile being judged: "Fantasy Footy King" beside "fantasy football tips". */
const claimed = new Map<string, Compound>();

/** The lexicon's lookups of the words of the text at hand, by position (`WordFacts.lexicon`). */
const lexiconLooked: WordLookup[] = [];

function readCompounds(words: readonly string[]): void {
  compoundsRead = true;
  setLength(compoundAtWord, words.length);
  fillRange(compoundAtWord, null, 0, words.length);
  setLength(lexiconLooked, words.length);
  for (let i = 0; i < words.length; i++) lexiconLooked[i] = looked[i]!.lexicon;
  scan(
    words,
    LEXICON_MATCHER,
    (hit, start, end) => {
      if (end - start < 2) return;
      const compound = { start, end, text: words.slice(start, end).join(' '), topic: hit.interest };
      for (let i = start; i < end; i++) {
        // The first compound met at a word keeps it, as a search in the order they were met would find.
        compoundAtWord[i] ??= compound;
        if (!claimed.has(words[i]!)) claimed.set(words[i]!, compound);
      }
    },
    lexiconLooked,
  );
}

function compoundAt(i: number): Compound | null {
  return compoundAtWord[i] ?? null;
}

/** What a topic ("fantasy football"'s football, "49ers"' football) says for the interests: the best of its words. */
function topicAmount(meaning: Meaning, topic: string): { amount: number; term: number } {
  let best = { amount: 0, term: -1 };
  for (const w of wordsOf(topic)) {
    const info = wordInfo(meaning, w);
    if (info.amount > best.amount) best = { amount: info.amount, term: info.term };
  }
  return best;
}

const known: KnownName[] = [];
const uncued: KnownName[] = [];
/**
 * Word positions of the text at hand in an ambiguous known name left without a cue, with the interests
 * its topics are nearest (`heldBit`): the word still counts by meaning, but not for that interest, which is the sense
 * the cue was missing for ("Clippers" at a barber's is not basketball; "orioles" at a feeder can be
 * birds). Music names are not held: the vectors' sense of "rap" or "beats" is the music one.
 */
const heldFor = new Map<number, number>();
/**
 * The interests held at a position, one bit each: a name of several topics ("Cardinals" in football,
 * baseball and college sports) is held for each of their interests. Interests past the 31st are not held.
 */
const MAX_HELD_TERM = 30;
const heldBit = (term: number) => (term <= MAX_HELD_TERM ? 1 << term : 0);

/**
 * Teams, leagues, platforms, games and frameworks (lexicon.ts `KNOWN_NAMES`) in the text at hand, each
 * read as its topic, and their words taken from meaning: "Red Wings" is hockey, not a colour and birds;
 * "Jazz" beside "Seahawks" is basketball, not music. Run after the interests' own lexicon, whose terms
 * win where both match.
 */
function readKnownNames(
  words: readonly string[],
  meaning: Meaning,
  reading: NameReading,
  text: string | null,
): void {
  knownNamesIn(words, known, reading === 'account', uncued, looked, text, reading === 'glued');
  for (const name of uncued) {
    // A music name's word means music by meaning too ("rap", "beats"): the vectors know that sense.
    if (name.field === 'music') continue;
    const topic = topicAmount(meaning, name.topic);
    if (topic.amount < MIN_WORD_EVIDENCE) continue;
    for (let i = name.start; i < name.end; i++) heldFor.set(i, (heldFor.get(i) ?? 0) | heldBit(topic.term));
  }
  for (const name of known) {
    let free = true;
    for (let i = name.start; free && i < name.end; i++) free = covered[i] === 0;
    if (!free) continue;
    cover(name.start, name.end);
    const text = words.slice(name.start, name.end).join(' ');
    // Like a compound, a name of several words says what its words mean elsewhere in the profile.
    if (name.end - name.start > 1) {
      const compound = { start: name.start, end: name.end, text, topic: name.topic };
      for (let i = name.start; i < name.end; i++)
        if (!claimed.has(words[i]!)) claimed.set(words[i]!, compound);
    }
    const topic = topicAmount(meaning, name.topic);
    if (topic.amount >= MIN_WORD_EVIDENCE)
      inText.max(meaningLabel(meaning.terms[topic.term]!, text), topic.amount);
  }
}

/**
 * Everything relevance asks of one word for one audit's interests, found once and kept by word: the
 * matcher's entry, the stem, the known names it starts (`WordLookup`), what it says by meaning
 * (`wordInfo`) and whether a lexicon compound holds its stem. One lookup per word of a text instead of
 * one per question, each in its own map.
 */
interface WordFacts extends WordLookup {
  info: WordInfo;
  compound: boolean;
  /** The word as the whole lexicon's matcher (`LEXICON_MATCHER`) looks it up, for its compounds. */
  lexicon: WordLookup;
}

/** The words' facts by matcher, for the meaning they were found with. Bounded, like the caches they replace. */
const factsByMatcher = new WeakMap<Matcher, { meaning: Meaning; words: Map<string, WordFacts> }>();
const FACTS_CACHE_LIMIT = 100_000;

function wordFactsOf(matcher: Matcher, meaning: Meaning): Map<string, WordFacts> {
  let held = factsByMatcher.get(matcher);
  if (!held || held.meaning !== meaning) factsByMatcher.set(matcher, (held = { meaning, words: new Map() }));
  return held.words;
}

function factsOfWord(word: string, matcher: Matcher, meaning: Meaning): WordFacts {
  const wordStem = stem(word);
  const known = knownTermsOf(word);
  return {
    entry: entryForWord(matcher, word),
    stem: wordStem,
    known,
    info: wordInfo(meaning, word),
    compound: COMPOUND_STEMS.has(wordStem),
    lexicon: { entry: entryForWord(LEXICON_MATCHER, word), stem: wordStem, known },
  };
}

/** The facts of the words of the text at hand, by position (`lookUp`), and how many. */
const looked: WordFacts[] = [];
let lookedCount = 0;

function lookUp(words: readonly string[], matcher: Matcher, meaning: Meaning): void {
  lookedCount = words.length;
  const cache = wordFactsOf(matcher, meaning);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let facts = cache.get(word);
    if (facts === undefined) {
      facts = factsOfWord(word, matcher, meaning);
      // Numbers are mostly unique ("User 12345"): kept, they would only churn the words that recur.
      if (!startsWithDigit(word)) {
        if (cache.size >= FACTS_CACHE_LIMIT) cache.clear();
        cache.set(word, facts);
      }
    }
    looked[i] = facts;
  }
}

/**
 * Best weight per label in one text's words, left in `inText`: the lexicon's terms and phrases, and
 * each word's nearness in meaning. False when nothing matched, the usual case. `text`: what the words
 * were cut from, for the sentences a cue of a known name must share with it.
 */
function labelsIn(
  words: readonly string[],
  matcher: Matcher,
  meaning: Meaning | null,
  count = false,
  inContext = true,
  reading: NameReading = 'text',
  text: string | null = null,
): boolean {
  inText.clear();
  resetCovered(words.length);
  // Cleared only when in use: clearing a Map makes it a new table, even an empty one.
  if (heldFor.size > 0) heldFor.clear();
  compoundsRead = false;
  // Without a meaning (a place's words) only the matcher is asked, as it was.
  if (!meaning) {
    scan(words, matcher, intoText);
    return inText.size > 0;
  }
  lookUp(words, matcher, meaning);
  scan(words, matcher, intoText, looked);
  readKnownNames(words, meaning, reading, text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const facts = looked[i]!;
    const info = facts.info;
    if (count && info.content) contentWords += 1;
    if (coveredEnd > 0 && covered[i] === 1) continue;
    let amount = info.amount;
    if (heldFor.size > 0 && info.term >= 0 && ((heldFor.get(i) ?? 0) & heldBit(info.term)) !== 0) amount = 0;
    if (amount >= MIN_WORD_EVIDENCE && info.byMeaning) {
      if (!compoundsRead && facts.compound) readCompounds(words);
      const compound =
        (compoundsRead ? compoundAt(i) : null) ?? (claimed.size > 0 ? (claimed.get(word) ?? null) : null);
      if (compound) {
        // A known term of several words is read as its topic: "fantasy football" is football.
        const topic = topicAmount(meaning, compound.topic);
        if (topic.amount >= MIN_WORD_EVIDENCE)
          inText.max(meaningLabel(meaning.terms[topic.term]!, compound.text), topic.amount);
        continue;
      }
      if (inContext) amount *= contextFactor(meaning, info);
    }
    const wordStem = near.stems.size > 0 ? facts.stem : '';
    const personal = near.stems.size > 0 ? (near.stems.get(wordStem) ?? 0) : 0;
    if (personal > amount) inText.max(neighbourhoodLabel(near.words.get(wordStem)!), personal);
    else if (amount >= MIN_WORD_EVIDENCE) inText.max(meaningLabel(meaning.terms[info.term]!, word), amount);
  }
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
    found = labelsIn(wordsOf(place), matcher, null) ? inText.copy() : null;
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
export function relevance(
  texts: ProfileTexts,
  interests: Interests,
  neighbourhood: Neighbourhood = EMPTY_NEIGHBOURHOOD,
): Relevance {
  const name = texts.name ? wordsOf(texts.name) : null;
  const bio = texts.bio ? wordsOf(texts.bio) : null;
  return relevanceOfWords(
    {
      name,
      bio,
      nameText: texts.name,
      bioText: texts.bio,
      handle: texts.handle,
      url: texts.url,
      location: texts.location,
      posts: texts.posts,
    },
    interests,
    neighbourhood,
  );
}

/** A profile's texts for `relevance`, with the name and bio already cut into words (text.ts `wordsOf`). */
export interface ProfileWords {
  name: readonly string[] | null;
  bio: readonly string[] | null;
  /**
   * The bio as written (or folded, text.ts `foldDiacritics`), for what cutting it into words leaves out:
   * @handles, links, emoji, where its sentences end.
   */
  bioText?: string | null;
  /** The name as written (or folded), for where its sentences end. */
  nameText?: string | null;
  handle?: string | null;
  url?: string | null;
  location?: string | null;
  posts?: readonly string[];
}

function total(): number {
  let evidence = 0;
  for (let i = 0; i < inProfile.size; i++) evidence += inProfile.amounts[i]!;
  return evidence;
}

/**
 * How the known names of a text are read (interest-matcher.ts `knownNamesIn`): as in any text; as an
 * account's handle, where a name that is all of it is the team's own account ("@capitals"); or as a
 * hashtag of words run together, cut by guess, where even a plain name needs a cue in the tag: "#gohawks"
 * cheers the Hawks, a gardener's "#mapleleafs" are leaves.
 */
type NameReading = 'text' | 'account' | 'glued';

/** Handles and domain names, cut into words, each credited once. */
function creditNames(
  names: readonly string[],
  matcher: Matcher,
  meaning: Meaning,
  factor: number,
  cut: (name: string) => string[],
  reading: NameReading = 'text',
): void {
  for (const n of names) if (labelsIn(cut(n), matcher, meaning, false, true, reading)) credit(inText, factor);
}

/** Hashtags of seven letters or more. */
const LONG_HASHTAG = /#([A-Za-z]{7,})(?![A-Za-z0-9_])/g;

/**
 * The bio's hashtags that its words keep whole (text.ts `hashtagLeftWhole`: of one case, "#gohawks",
 * "#RAVENSFLOCK", or with a capital too few letters from the next, "#GoHawks") and the vectors do not
 * know as a word: most often words run together, read like a handle, cut into words.
 */
function gluedHashtags(bioText: string, meaning: Meaning): string[] {
  let glued: string[] | null = null;
  for (const m of bioText.matchAll(LONG_HASHTAG)) {
    const tag = m[1]!;
    if (hashtagLeftWhole(tag) && wordInfo(meaning, tag.toLowerCase()).row < 0) (glued ??= []).push(tag);
  }
  return glued ?? [];
}

/** The meaning of an audit's interests, looked up once per `Interests` rather than by its terms per profile. */
const meaningsOf = new WeakMap<Interests, Meaning | null>();

function meaningOf(interests: Interests): Meaning | null {
  let meaning = meaningsOf.get(interests);
  if (meaning === undefined) {
    meaning = interests.terms.length > 0 ? meaningFor(interests.terms) : null;
    meaningsOf.set(interests, meaning);
  }
  return meaning;
}

/**
 * `relevance` of words already cut; `neighbourhood` is what the owner's conversations taught
 * (interest-neighbourhood.ts): its words count as near the interests.
 */
export function relevanceOfWords(
  texts: ProfileWords,
  interests: Interests,
  neighbourhood: Neighbourhood = EMPTY_NEIGHBOURHOOD,
): Relevance {
  const matcher = matcherFor(interests);
  const meaning = meaningOf(interests);
  near = neighbourhood;
  contextName = texts.name;
  contextBio = texts.bio;
  contextReady = false;
  if (claimed.size > 0) claimed.clear();
  inProfile.clear();
  contentWords = 0;

  // Interests the owner typed are what they mean; inferred ones are Tend's guess at their words, so a
  // bio word near one counts only where the rest of the profile is about the same world.
  const bioInContext = interests.source === 'inferred';
  if (texts.bio && labelsIn(texts.bio, matcher, meaning, true, bioInContext, 'text', texts.bioText ?? null))
    credit(inText, 1);
  // After the bio, so that a compound it holds says what the name's words mean.
  if (texts.name && labelsIn(texts.name, matcher, meaning, false, true, 'text', texts.nameText ?? null))
    credit(inText, 1);
  const emoji = texts.bioText ? emojiWords(texts.bioText) : [];
  if (emoji.length > 0 && labelsIn(emoji, matcher, meaning, true, false)) credit(inText, 1);
  const place = texts.location ? placeLabels(texts.location, matcher) : null;
  if (place) credit(place, LOCATION_FACTOR);
  const posts = texts.posts ?? [];
  const counted = Math.min(posts.length, MAX_POSTS);
  const perPost = POSTS_FACTOR / Math.max(counted, MIN_POSTS_DIVISOR);
  for (let i = 0; i < counted; i++) {
    const post = posts[i]!;
    if (!labelsIn(wordsOf(post), matcher, meaning, true, false, 'text', post)) continue;
    // A post counts once, through its strongest interest words.
    let best = -Infinity;
    for (let j = 0; j < inText.size; j++) best = Math.max(best, inText.amounts[j]!);
    for (let j = 0; j < inText.size; j++)
      if (inText.amounts[j] === best) inProfile.add(inText.labels[j]!, best * perPost);
  }
  if (meaning && total() < ENOUGH) {
    // Cutting a handle into words costs more than reading a bio: read where the bio says little.
    if (texts.handle && contentWords < HANDLE_BELOW_WORDS)
      creditNames([texts.handle], matcher, meaning, HANDLE_FACTOR, handleWords);
    const bioText = texts.bioText ?? '';
    creditNames(mentionedHandles(bioText), matcher, meaning, HANDLE_FACTOR, cachedHandleWords, 'account');
    // The bio's links, then the profile's own.
    creditNames(linkNames(bioText), matcher, meaning, LINK_FACTOR, cachedHandleWords);
    if (texts.url) creditNames(linkNames(texts.url), matcher, meaning, LINK_FACTOR, cachedHandleWords);
    // Not read as an account of its own: a hashtag that is a team's name ("#redwings", "#goldeneagles")
    // is as often the birds'; "#gohawks" has its cue.
    if (bioText.includes('#') && total() < ENOUGH)
      creditNames(
        gluedHashtags(bioText, meaning),
        matcher,
        meaning,
        HANDLE_FACTOR,
        gluedHashtagWords,
        'glued',
      );
  }
  const words = contentWords;
  if (inProfile.size === 0) return { score: 0, matched: [], words };
  return { score: 1 - Math.exp(-total()), matched: inProfile.strongestFirst(), words };
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
  const { terms, setAside } = inferInterests(texts);
  if (terms.length === 0) return { terms: [], source: 'none' };
  const from =
    (texts.topics?.length ?? 0) > 0
      ? 'your Instagram topics and likes'
      : 'the words you use most in your bio, posts and likes';
  const note =
    from +
    (setAside.length > 0 ? `; left out as how you write rather than what about: ${setAside.join(', ')}` : '');
  return { terms, source: 'inferred', note };
}
