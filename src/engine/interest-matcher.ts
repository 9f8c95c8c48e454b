import type { Interests } from '../model.js';
import {
  CUES_AFTER_A_LIST,
  FAN_IS_NO_CUE,
  FIELD_CUES_AFTER,
  FIELD_CUES_BEFORE,
  KNOWN_NAMES,
  LEXICON,
  SINGULAR_CUES,
  type KnownField,
} from './lexicon.js';
import { sentenceStarts, startsWithDigit, stem, stemKey, stemsOf, wordsOf } from './text.js';
import { setLength } from './arrays.js';

/**
 * Interests compiled for matching: each interest's own words and, through the lexicon, its spellings
 * (as good as the interest) and related terms (a bit weaker), looked up by stem, phrases word by word.
 */

/** A spelling or synonym counts as the interest itself; a related work, person or venue a bit less. */
const DIRECT_WEIGHT = 1;
const RELATED_WEIGHT = 0.7;

export interface Hit {
  interest: string;
  /** "opera", or "opera (Tosca)" when matched through another word. */
  label: string;
  weight: number;
}

interface Phrase {
  stems: readonly string[];
  hits: Hit[];
}

/** What one stem can start: single-word hits, and multi-word terms checked against the following words. */
export interface StemEntry {
  hits: Hit[];
  phrases: Phrase[];
}

export interface Matcher {
  byStem: Map<string, StemEntry>;
  /**
   * The entry (or none) for each word met so far: one lookup per word of a bio instead of stemming
   * it and then looking the stem up. Bounded, like the stem cache (text.ts).
   */
  byWord: Map<string, StemEntry | null>;
}

const WORD_CACHE_LIMIT = 100_000;

export function entryForWord(matcher: Matcher, word: string): StemEntry | null {
  // Numbers are their own stems and mostly unique ("User 12345"): caching them would only churn.
  if (startsWithDigit(word)) return matcher.byStem.get(word) ?? null;
  let entry = matcher.byWord.get(word);
  if (entry === undefined) {
    if (matcher.byWord.size >= WORD_CACHE_LIMIT) matcher.byWord.clear();
    entry = matcher.byStem.get(stem(word)) ?? null;
    matcher.byWord.set(word, entry);
  }
  return entry;
}

interface CompiledTerm {
  text: string;
  stems: readonly string[];
}

function compileTerm(text: string): CompiledTerm {
  return { text, stems: stemsOf(text) };
}

/**
 * Whether a term's every part survives being cut into words: "e-sports", "Radio 3" and "Serie A" lose
 * a part too short to be a word, and what is left ("sports", "radio") would match far more than meant.
 */
function wholeTerm(term: CompiledTerm): boolean {
  const parts = term.text
    .toLowerCase()
    .split(/[\s-]+/)
    .map((p) => p.replace(/['’]s$/, '').replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  return parts.length === term.stems.length;
}

const COMPILED_LEXICON = LEXICON.map((entry) => ({
  names: entry.names.map(compileTerm).filter(wholeTerm),
  related: entry.related.map(compileTerm).filter(wholeTerm),
}));

const LEXICON_BY_NAME = new Map<string, (typeof COMPILED_LEXICON)[number]>();
LEXICON.forEach((entry, i) => {
  for (const name of entry.names) LEXICON_BY_NAME.set(stemKey(name), COMPILED_LEXICON[i]!);
});

function addHit(list: Hit[], hit: Hit): void {
  const same = list.find((h) => h.interest === hit.interest);
  if (!same) list.push(hit);
  else if (hit.weight > same.weight) Object.assign(same, hit);
}

function addTerm(matcher: Matcher, term: CompiledTerm, hit: Hit): void {
  const first = term.stems[0];
  if (first === undefined) return;
  let entry = matcher.byStem.get(first);
  if (!entry) matcher.byStem.set(first, (entry = { hits: [], phrases: [] }));
  if (term.stems.length === 1) {
    addHit(entry.hits, hit);
    return;
  }
  const key = term.stems.join(' ');
  const existing = entry.phrases.find((p) => p.stems.join(' ') === key);
  if (existing) addHit(existing.hits, hit);
  else entry.phrases.push({ stems: term.stems, hits: [hit] });
}

/** "opera" for the interest's own word, "opera (Tosca)" for any other. */
function labelFor(interest: string, ownKey: string, term: CompiledTerm): string {
  return term.stems.join(' ') === ownKey ? interest : `${interest} (${term.text})`;
}

export function compileMatcher(terms: readonly string[]): Matcher {
  const matcher: Matcher = { byStem: new Map(), byWord: new Map() };
  for (const interest of terms) {
    const own = compileTerm(interest);
    const ownKey = own.stems.join(' ');
    if (!ownKey) continue;
    addTerm(matcher, own, { interest, label: interest, weight: DIRECT_WEIGHT });
    const entry = LEXICON_BY_NAME.get(ownKey);
    if (!entry) continue;
    for (const name of entry.names)
      addTerm(matcher, name, { interest, label: labelFor(interest, ownKey, name), weight: DIRECT_WEIGHT });
    for (const rel of entry.related)
      addTerm(matcher, rel, { interest, label: labelFor(interest, ownKey, rel), weight: RELATED_WEIGHT });
  }
  return matcher;
}

/**
 * What matching needs of one word, looked up once for all of it (interests.ts keeps them by word): its
 * matcher entry, its stem and the known names it can start.
 */
export interface WordLookup {
  entry: StemEntry | null;
  stem: string;
  known: KnownTerms | undefined;
}

/**
 * Calls `visit` for every interest word or phrase in the words, with the span it covers. `looked`, when
 * given, holds each word's `WordLookup` for this matcher, by position: nothing is looked up again.
 */
export function scan(
  words: readonly string[],
  matcher: Matcher,
  visit: (hit: Hit, start: number, end: number) => void,
  looked?: readonly WordLookup[],
): void {
  for (let i = 0; i < words.length; i++) {
    const entry = looked ? looked[i]!.entry : entryForWord(matcher, words[i]!);
    if (!entry) continue;
    for (const phrase of entry.phrases) {
      const end = i + phrase.stems.length;
      if (end > words.length) continue;
      let ok = true;
      for (let j = 1; ok && j < phrase.stems.length; j++)
        ok = (looked ? looked[i + j]!.stem : stem(words[i + j]!)) === phrase.stems[j];
      if (ok) for (const hit of phrase.hits) visit(hit, i, end);
    }
    for (const hit of entry.hits) visit(hit, i, i + 1);
  }
}

/** Compiled once per `Interests` object: an audit asks about the same interests for every account. */
const matchers = new WeakMap<Interests, Matcher>();

export function matcherFor(interests: Interests): Matcher {
  let matcher = matchers.get(interests);
  if (!matcher) {
    matcher = compileMatcher(interests.terms);
    matchers.set(interests, matcher);
  }
  return matcher;
}

/** Stems of the words of the lexicon's terms of several words: only a text with one can hold one. */
export const COMPOUND_STEMS: ReadonlySet<string> = new Set(
  COMPILED_LEXICON.flatMap((e) => [...e.names, ...e.related]).flatMap((t) =>
    t.stems.length > 1 ? t.stems : [],
  ),
);

/** Every lexicon interest under its canonical name: what interests are inferred through. */
export const LEXICON_MATCHER = compileMatcher(LEXICON.map((e) => e.names[0]!));

/** A known name found in a text (lexicon.ts `KNOWN_NAMES`): the words it spans and its topic. */
export interface KnownName {
  start: number;
  end: number;
  topic: string;
  field: KnownField;
}

const FIELDS: readonly KnownField[] = ['sports', 'tech', 'games', 'music'];

export interface KnownTerm {
  /** The words after the first. */
  rest: readonly string[];
  topic: string;
  field: KnownField;
  ambiguous: boolean;
  /** Whether "fan" after it is a cue (lexicon.ts `FAN_IS_NO_CUE`). */
  fanCue: boolean;
  /** A fan's word for one of a team ("Oriole"), cued only by lexicon.ts `SINGULAR_CUES`. */
  singular: boolean;
}

/**
 * Known names by their first word, matched word for word rather than by stem: stems would make "met"
 * the Mets and "Philly" the Phillies. A name that cutting into words would leave without a part
 * ("Formula 1", "K-pop") is left out: what is left would match far more than meant.
 */
const KNOWN_BY_WORD = new Map<string, KnownTerm[]>();

/** The known names a word can start (opaque outside this module): what `WordLookup.known` holds. */
export type KnownTerms = readonly KnownTerm[];

export function knownTermsOf(word: string): KnownTerms | undefined {
  return KNOWN_BY_WORD.get(word);
}
for (const group of KNOWN_NAMES) {
  const singulars = new Set(group.singulars ?? []);
  for (const [list, ambiguous] of [
    [group.names, false],
    [group.ambiguous ?? [], true],
  ] as const)
    for (const name of list) {
      const term = compileTerm(name);
      if (!wholeTerm(term)) continue;
      const [first, ...rest] = wordsOf(name);
      if (first === undefined) continue;
      let terms = KNOWN_BY_WORD.get(first);
      if (!terms) KNOWN_BY_WORD.set(first, (terms = []));
      const fanCue = !FAN_IS_NO_CUE.has(name.toLowerCase());
      const singular = ambiguous && singulars.has(name);
      terms.push({ rest, topic: group.topic, field: group.field, ambiguous, fanCue, singular });
    }
}

const CUES_AFTER = new Map(FIELDS.map((f) => [f, new Set(FIELD_CUES_AFTER[f])]));
/** Each field's phrases before a name (lexicon.ts `FIELD_CUES_BEFORE`) as words, by their last word. */
const CUES_BEFORE = new Map(
  FIELDS.map((f) => {
    const byLast = new Map<string, (readonly string[])[]>();
    for (const phrase of FIELD_CUES_BEFORE[f]) {
      const cue = phrase.split(' ');
      const last = cue[cue.length - 1]!;
      byLast.set(last, [...(byLast.get(last) ?? []), cue]);
    }
    return [f, byLast];
  }),
);
/** What people are fans of, they buy tickets to: no cue for a name of `FAN_IS_NO_CUE` ("Magic tickets"). */
const FAN_WORDS = new Set(['fan', 'fans', 'tickets']);
/**
 * How many words either side of an ambiguous name a cue may stand: "Eagles and Phillies fan", "fan of
 * the Giants", "Python and Go developer". Further off, a cue more often belongs to something else.
 */
const CUE_WINDOW = 3;

type WaitingName = KnownName & { fanCue: boolean; singular: boolean };

/** Whether `cue` (a cue word, or a cue phrase's first word) may cue the name. */
function cueFits(cue: string, name: WaitingName): boolean {
  return name.singular ? SINGULAR_CUES.has(cue) : name.fanCue || !FAN_WORDS.has(cue);
}

/** Whether the first `count` of `expected` are the words from `at` on. */
function wordsAt(words: readonly string[], at: number, expected: readonly string[], count: number): boolean {
  for (let j = 0; j < count; j++) if (words[at + j] !== expected[j]) return false;
  return true;
}

/** Where the known name longest of those starting at word `i` ends, or `i` when none does. */
function knownEndAt(words: readonly string[], i: number, looked?: readonly WordLookup[]): number {
  const terms = looked ? looked[i]!.known : KNOWN_BY_WORD.get(words[i]!);
  let end = i;
  for (const term of terms ?? []) {
    const termEnd = i + 1 + term.rest.length;
    if (termEnd <= end || termEnd > words.length) continue;
    if (wordsAt(words, i + 1, term.rest, term.rest.length)) end = termEnd;
  }
  return end;
}

/**
 * The text the words at hand were cut from, when the caller gave it, and where its sentences start
 * (`sentenceStarts`), found the first time a cue asks: most texts name no ambiguous name with a cue.
 */
let sentenceText: string | null = null;
let startsRead = false;
const starts: number[] = [];

/** Whether words `from` to `to` (not included) stand in one sentence of the text at hand. */
function oneSentence(words: readonly string[], from: number, to: number): boolean {
  if (sentenceText === null) return true;
  if (!startsRead) {
    startsRead = true;
    // Words that are not the text's (a caller's own cut) have no sentences to go by.
    const count = sentenceStarts(sentenceText, starts);
    if (count >= 0 && count !== words.length) setLength(starts, 0);
  }
  // The first sentence starting after `from`, found by halves: a long text names many names.
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo === starts.length || starts[lo]! >= to;
}

/**
 * Whether a cue of the name's field stands beside it in the same sentence: a cue word right after it,
 * or after a list of names that ends with it ("Eagles and Cubs fan", within `CUE_WINDOW` words), or a
 * cue phrase right before it ("go Cubs", "fan of the Giants").
 */
function cuedNear(words: readonly string[], name: WaitingName, looked?: readonly WordLookup[]): boolean {
  const after = CUES_AFTER.get(name.field)!;
  const limit = Math.min(words.length, name.end + CUE_WINDOW);
  for (let i = name.end; i < limit;) {
    const word = words[i]!;
    if (
      after.has(word) &&
      (i === name.end || CUES_AFTER_A_LIST.has(word)) &&
      cueFits(word, name) &&
      oneSentence(words, name.start, i + 1)
    )
      return true;
    if (word === 'and' || word === 'or') i++;
    else {
      const end = knownEndAt(words, i, looked);
      if (end === i) break;
      i = end;
    }
  }
  const phrases = name.start > 0 ? CUES_BEFORE.get(name.field)!.get(words[name.start - 1]!) : undefined;
  for (const cue of phrases ?? []) {
    const from = name.start - cue.length;
    if (from < 0 || !cueFits(cue[0]!, name)) continue;
    if (wordsAt(words, from, cue, cue.length - 1) && oneSentence(words, from, name.end)) return true;
  }
  return false;
}
/** Topics of the known names of the text at hand that count (plain or cued), and the ambiguous ones waiting. */
const foundTopics = new Set<string>();
const waiting: WaitingName[] = [];

/**
 * The known names in `words`, into `found`: every plain name, then each ambiguous one that has a cue of
 * its own (a cue word right after or before it), then each ambiguous one with a plain or cued name of
 * the same topic in the same words. `alone`: the words are a handle a bio names, and a name that is the
 * whole of it is plain ("@capitals" is the team's account). The ambiguous names left without a cue go
 * into `uncued`. Linear: each name is looked at twice. `looked`: each word's `WordLookup`, by position,
 * when the caller has them. `text`: what the words were cut from (`wordsOf`), when the caller has it: a
 * cue counts only in the name's sentence ("Go outside. Eagles soar" names no team). `cuedOnly`: every
 * name needs a cue, the plain ones too (a hashtag cut into words by guess, "#mapleleafs").
 */
export function knownNamesIn(
  words: readonly string[],
  found: KnownName[],
  alone = false,
  uncued: KnownName[] = [],
  looked?: readonly WordLookup[],
  text: string | null = null,
  cuedOnly = false,
): void {
  setLength(found, 0);
  setLength(uncued, 0);
  // Only when in use: clearing a Set makes it a new table, empty or not, and most texts name nothing.
  if (foundTopics.size > 0) foundTopics.clear();
  setLength(waiting, 0);
  for (let i = 0; i < words.length; i++) {
    const terms = looked ? looked[i]!.known : KNOWN_BY_WORD.get(words[i]!);
    if (!terms) continue;
    for (const term of terms) {
      const end = i + 1 + term.rest.length;
      if (end > words.length) continue;
      if (!wordsAt(words, i + 1, term.rest, term.rest.length)) continue;
      if (term.ambiguous || cuedOnly)
        waiting.push({
          start: i,
          end,
          topic: term.topic,
          field: term.field,
          fanCue: term.fanCue,
          singular: term.singular,
        });
      else {
        found.push({ start: i, end, topic: term.topic, field: term.field });
        foundTopics.add(term.topic);
      }
    }
  }
  sentenceText = text;
  startsRead = false;
  let left = 0;
  for (const name of waiting) {
    const cued = (alone && name.start === 0 && name.end === words.length) || cuedNear(words, name, looked);
    if (cued) {
      found.push({ start: name.start, end: name.end, topic: name.topic, field: name.field });
      foundTopics.add(name.topic);
    } else waiting[left++] = name;
  }
  sentenceText = null;
  setLength(waiting, left);
  for (const name of waiting)
    (foundTopics.has(name.topic) ? found : uncued).push({
      start: name.start,
      end: name.end,
      topic: name.topic,
      field: name.field,
    });
}
