import type { LedgerEntry } from '../model.js';
import { foldedSpamMarkers } from './spam.js';
import { STOPWORDS } from './stopwords.js';
import { foldText, stem, wordsOf } from './text.js';
import { isGeneric } from './topic-meaning.js';
import { wordVectors } from './word-vectors.js';

/**
 * The owner's own neighbourhood of their interests: words that recur in the bios of the people they
 * follow and talk with. An opera lover who replies to singers and houses learns "soprano", "mezzo" and
 * "Glyndebourne" from them, whatever the word vectors or the lexicon know, and an account whose bio
 * shares those words is near the people they talk to, so it is not called off-topic.
 */

export interface Neighbourhood {
  /** Evidence per word stem, in (0, 1]. */
  stems: ReadonlyMap<string, number>;
  /** The stem's word as first met, for reasons ("soprano"). */
  words: ReadonlyMap<string, string>;
  /** How many accounts it was learnt from. */
  from: number;
}

export const EMPTY_NEIGHBOURHOOD: Neighbourhood = { stems: new Map(), words: new Map(), from: 0 };

/**
 * Someone the owner reached out to twice (a reply, mention, like or message each), or once with an
 * answer from them: more than one stray like.
 */
export function talkedWith(entry: LedgerEntry | null): boolean {
  return entry !== null && talkedWithCounts(entry.out.count, entry.in.count);
}

/** `talkedWith` from the counts of interactions out and in alone, as a packed entry holds them (ledger.ts). */
export function talkedWithCounts(out: number, inbound: number): boolean {
  return out >= 2 || (out >= 1 && inbound >= 1);
}

/** A word met in this many of those bios is theirs; one bio is one person's quirk. */
const MIN_SUPPORT = 2;
/** Evidence per bio a word is met in, up to 1: two people make it as telling as a near neighbour. */
const PER_BIO = 0.35;
/** Words this frequent in the vectors' source ("music", "love", "life") say too little on their own. */
const MIN_RANK = 800;
/** Words the vectors do not know count when they are this long: names of houses, bands, teams. */
const MIN_UNKNOWN_LENGTH = 5;

function telling(word: string): boolean {
  if (word.length < 3 || STOPWORDS.has(word) || isGeneric(word) || /^[0-9]/.test(word)) return false;
  const row = wordVectors().index.get(word);
  return row === undefined ? word.length >= MIN_UNKNOWN_LENGTH : wordVectors().rank[row]! >= MIN_RANK;
}

/**
 * The neighbourhood learnt from the bios of accounts the owner talks with (`talkedWith`). Spam bios
 * teach nothing. Pure: the same bios give the same words.
 */
export function neighbourhoodOf(bios: readonly string[]): Neighbourhood {
  const support = new Map<string, number>();
  const words = new Map<string, string>();
  let from = 0;
  for (const bio of bios) {
    if (!bio.trim() || foldedSpamMarkers(foldText(bio)).length > 0) continue;
    from += 1;
    const seen = new Set<string>();
    for (const word of wordsOf(bio)) {
      if (!telling(word)) continue;
      const s = stem(word);
      if (seen.has(s)) continue;
      seen.add(s);
      support.set(s, (support.get(s) ?? 0) + 1);
      if (!words.has(s)) words.set(s, word);
    }
  }
  const stems = new Map<string, number>();
  for (const [s, n] of support) if (n >= MIN_SUPPORT) stems.set(s, Math.min(1, n * PER_BIO));
  for (const s of words.keys()) if (!stems.has(s)) words.delete(s);
  return stems.size === 0 ? EMPTY_NEIGHBOURHOOD : { stems, words, from };
}

/** "like people you talk with: soprano": the label a neighbourhood word gives a match. */
export function neighbourhoodLabel(word: string): string {
  return `like people you talk with: ${word}`;
}
