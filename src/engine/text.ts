import { stemmer } from 'stemmer';
import { setLength } from './arrays.js';

/**
 * Turning free text (bios, posts) into comparable word stems: case, diacritics, plurals and hashtags
 * all fold together, so "Operas", "opéra" and "#Opera" meet "opera".
 */

export interface Token {
  /** Lowercased, diacritics stripped, apostrophes removed. */
  word: string;
  stem: string;
  hashtag: boolean;
}

/**
 * Characters NFKD folds to plain letters: accented Latin and Greek, ligatures, full-width forms, circled
 * letters and the mathematical "fancy" alphabets. Emoji are not among them, so a bio with only emoji
 * stays on the fast path.
 */
const FOLDABLE = /[\u00C0-\u03FF\u1E00-\u1FFF\u2460-\u24FF\uFB00-\uFB06\uFF00-\uFFEF]|\uD835[\uDC00-\uDFFF]/;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/i;

/** Links with a scheme or `www.`. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
/**
 * Bare domains on common endings ("linktr.ee/jane", "jane.co.uk"), with their path: what
 * `\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|…)\b(?:\/\S*)?` matches, found in three steps because that one
 * regex backtracks over every dot of a run of labels and starts again at every label, so that "a.a.a…"
 * cost the square of its length. A run of labels from its first word boundary is read once
 * (DOMAIN_LABELS); its last dot followed by a known ending (DOMAIN_ENDING) ends the domain; a path may
 * follow (DOMAIN_PATH).
 */
const DOMAIN_LABELS = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*/gi;
const DOMAIN_ENDING =
  /(?:com|net|org|io|co|uk|ee|ly|me|link|bio|site|xyz|info|app|page|gg|tv|shop|store)\b/iy;
const DOMAIN_PATH = /\/\S*/y;
/** Every URL has a letter or digit, a dot and a letter in a row; a sentence's ". Next" has a space. */
const MAYBE_URL = /[a-z0-9]\.[a-z]/i;
const HANDLE = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu;
const HASHTAG = /#([\w\u00C0-\u1FFF]+)/g;
/**
 * Letters and digits of the alphabets people write bios in (Latin, Greek, Cyrillic and the rest of the
 * basic plane up to CJK and Hangul), spelled as ranges because Unicode property classes are several
 * times slower and tokenizing runs on every bio and post. Emoji (surrogate pairs) and symbols are left out.
 */
const WORD_OR_HASHTAG =
  /#[\w\u00C0-\u1FFF]+|[A-Za-z0-9\u00C0-\u02AF\u0370-\u1FFF\u3040-\u9FFF\uAC00-\uD7AF]+(?:['’][A-Za-z\u00C0-\u02AF]+)*/g;
/** The same letters without hashtags, for the common text that has none. */
const WORD = /[a-z0-9\u00C0-\u02AF\u0370-\u1FFF\u3040-\u9FFF\uAC00-\uD7AF]+(?:['’][a-z\u00C0-\u02AF]+)*/g;
const CAMEL_PART = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+|\p{L}+/gu;

/**
 * NFKD also maps the "fancy" letters spam loves (𝐅𝐨𝐥𝐥𝐨𝐰, full-width) to plain ones. Skipped for text
 * with nothing to fold, which is most text and gains nothing from it.
 */
export function foldDiacritics(text: string): string {
  return FOLDABLE.test(text) ? text.normalize('NFKD').replace(COMBINING_MARKS, '') : text;
}

/** Links go first: most posts' only URL is a t.co link, and the costlier bare-domain scan is then skipped. */
export function removeUrls(text: string): string {
  if (!MAYBE_URL.test(text)) return text;
  const withoutLinks = text.replace(LINK, ' ');
  return MAYBE_URL.test(withoutLinks) ? removeBareDomains(withoutLinks) : withoutLinks;
}

/**
 * Where the domain beginning a run of labels ends (its path included), or -1. The greedy regex would
 * try the run's dots from the last one back: the first followed by a known ending wins. No match can
 * start later in the same run, since any domain there would also be one from the run's start.
 */
function domainEnd(text: string, start: number, run: string): number {
  // The dots are looked for in the run alone: a search of the text could read back over every run before.
  for (let dot = run.lastIndexOf('.'); dot > 0; dot = run.lastIndexOf('.', dot - 1)) {
    DOMAIN_ENDING.lastIndex = start + dot + 1;
    if (!DOMAIN_ENDING.test(text)) continue;
    DOMAIN_PATH.lastIndex = DOMAIN_ENDING.lastIndex;
    return DOMAIN_PATH.test(text) ? DOMAIN_PATH.lastIndex : DOMAIN_ENDING.lastIndex;
  }
  return -1;
}

function removeBareDomains(text: string): string {
  let out = '';
  let kept = 0;
  DOMAIN_LABELS.lastIndex = 0;
  for (let m = DOMAIN_LABELS.exec(text); m !== null; m = DOMAIN_LABELS.exec(text)) {
    const runEnd = m.index + m[0].length;
    const end = domainEnd(text, m.index, m[0]);
    if (end < 0) continue;
    out += `${text.slice(kept, m.index)} `;
    kept = end;
    DOMAIN_LABELS.lastIndex = Math.max(end, runEnd);
  }
  return kept === 0 ? text : out + text.slice(kept);
}

/** Folded and lowercased: the form the pattern-based checks (spam, bio statements) read. */
export function foldText(text: string): string {
  return foldDiacritics(text).toLowerCase();
}

/**
 * Stemming dominates tokenizing cost and the vocabulary of 100k bios repeats heavily, so stems are
 * memoized (bounded). Two-letter words and words starting with a digit are kept as they are: the
 * first are their own stems, and numbers ("12345" in every "User 12345") would only churn the cache.
 */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

export function startsWithDigit(word: string): boolean {
  const first = word.charCodeAt(0);
  return first >= DIGIT_0 && first <= DIGIT_9;
}

/** Words the Porter stemmer folds into an everyday word of another meaning: "news" is not "new". */
const OWN_STEMS: ReadonlyMap<string, string> = new Map([['news', 'news']]);

export function stem(word: string): string {
  if (word.length < 3 || startsWithDigit(word)) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    s = OWN_STEMS.get(word) ?? stemmer(word);
    stemCache.set(word, s);
  }
  return s;
}

type WordVisitor = (word: string, hashtag: boolean) => void;

function withoutApostrophes(word: string): string {
  return word.includes("'") || word.includes('’')
    ? word.replace(POSSESSIVE, '').replace(APOSTROPHES, '')
    : word;
}

function visitWord(raw: string, hashtag: boolean, visit: WordVisitor): void {
  const word = withoutApostrophes(raw.toLowerCase());
  if (word.length >= 2) visit(word, hashtag);
}

/**
 * "RoyalOpera" reads as "Royal Opera"; "NaNoWriMo" or "F4F", whose parts are too short to be words,
 * stay whole.
 */
function hashtagWords(tag: string): string[] {
  const parts = tag.split('_').flatMap((p) => p.match(CAMEL_PART) ?? []);
  return parts.length > 1 && parts.every((p) => p.length >= 3) ? parts : [tag.replaceAll('_', '')];
}

/** Whether the words of a text keep the hashtag whole ("gohawks", "GoHawks"), not cut at its capitals. */
export function hashtagLeftWhole(tag: string): boolean {
  return hashtagWords(tag).length === 1;
}

/** A folded text without URLs and @handles: what is left to cut into words. */
function cleanFolded(folded: string): string {
  const withoutUrls = removeUrls(folded);
  return withoutUrls.includes('@') ? withoutUrls.replace(HANDLE, ' ') : withoutUrls;
}

function cleanText(text: string): string {
  return cleanFolded(foldDiacritics(text));
}

/** Without hashtags case no longer matters: the lowercased text, cut into words by the regex engine. */
function plainWords(lowered: string): string[] {
  const words = lowered.match(WORD) ?? [];
  const apostrophes = lowered.includes("'") || lowered.includes('’');
  let kept = 0;
  for (const raw of words) {
    const word = apostrophes ? withoutApostrophes(raw) : raw;
    if (word.length >= 2) words[kept++] = word;
  }
  setLength(words, kept);
  return words;
}

function visitCleaned(cleaned: string, visit: WordVisitor): void {
  if (!cleaned.includes('#')) {
    for (const word of plainWords(cleaned.toLowerCase())) visit(word, false);
    return;
  }
  WORD_OR_HASHTAG.lastIndex = 0;
  for (let m = WORD_OR_HASHTAG.exec(cleaned); m !== null; m = WORD_OR_HASHTAG.exec(cleaned)) {
    const raw = m[0];
    if (raw.charCodeAt(0) !== 35 /* # */) visitWord(raw, false, visit);
    else for (const part of hashtagWords(raw.slice(1))) visitWord(part, true, visit);
  }
}

/** Words of a text in order, lowercased, with URLs and @handles left out. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  visitCleaned(cleanText(text), (word, hashtag) => tokens.push({ word, stem: stem(word), hashtag }));
  return tokens;
}

/** Just the words, as `tokenize` cuts them: all that matching needs, with the least garbage per bio. */
export function wordsOf(text: string): string[] {
  return foldedWords(foldDiacritics(text), null);
}

/**
 * `wordsOf` for a text already through `foldDiacritics`, with its lowercase form (`foldText`) when one
 * was made for the spam check: a text with no URL or handle to take out is cut straight from that
 * instead of being lowercased again.
 */
export function foldedWords(folded: string, lowered: string | null): string[] {
  const cleaned = cleanFolded(folded);
  return cleaned === folded && lowered !== null && !cleaned.includes('#')
    ? plainWords(lowered)
    : cleanedWords(cleaned);
}

/** The words of a text without URLs and @handles (`cleanFolded`). */
function cleanedWords(cleaned: string): string[] {
  // Hashtags are split on their capitals ("RoyalOpera"): they need the text before lowercasing.
  if (cleaned.includes('#')) {
    return plainWords(
      cleaned.replace(HASHTAG, (_, tag: string) => ` ${hashtagWords(tag).join(' ')} `).toLowerCase(),
    );
  }
  return plainWords(cleaned.toLowerCase());
}

/**
 * What ends a sentence or a bio's item: . ! ? ; … | • and line breaks. None of them is part of a word
 * or a hashtag, so cutting a text at them first cuts it into the same words.
 */
const SENTENCE_END = /[.!?;…|•\n\r]/;
const SENTENCE_ENDS = /[.!?;…|•\n\r]+/;

/**
 * Where the text's sentences start, as positions in its words (`wordsOf`): each position after the first
 * word at which a new sentence or item begins, in order, into `starts`; returns how many words the text
 * has, or -1 when it is one sentence (and is not cut into words at all). URLs and @handles are taken out first, as for the words, so that their dots cut nothing. Costs
 * about as much as `wordsOf`: for the few texts where it matters (a cue a few words from a name), not
 * for every text.
 */
export function sentenceStarts(text: string, starts: number[]): number {
  setLength(starts, 0);
  const cleaned = cleanFolded(foldDiacritics(text));
  if (!SENTENCE_END.test(cleaned)) return -1;
  let words = 0;
  for (const part of cleaned.split(SENTENCE_ENDS)) {
    if (words > 0 && starts[starts.length - 1] !== words) starts.push(words);
    words += cleanedWords(part).length;
  }
  // The last part's start, when nothing followed the last sentence's end ("Eagles fan."), starts nothing.
  if (starts.length > 0 && starts[starts.length - 1] === words) starts.pop();
  return words;
}

export function stemsOf(text: string): string[] {
  return wordsOf(text).map(stem);
}

/** The stems of a term joined by spaces: how terms and phrases are compared ("Royal Operas" → "royal opera"). */
export function stemKey(term: string): string {
  return stemsOf(term).join(' ');
}
