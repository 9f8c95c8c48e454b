import type { OwnerTexts } from '../model.js';
import { LEXICON_MATCHER, scan } from './interest-matcher.js';
import { STOPWORDS } from './stopwords.js';
import { tokenize } from './text.js';

/**
 * Interests inferred from what the owner wrote and liked: lexicon interests and other words, ranked by
 * how often and where they occur (a bio says more than a like, a hashtag more than a plain word).
 */

/** A topic the owner follows or the platform lists for them (OwnerTexts.topics) counts like the bio. */
const TEXT_WEIGHT = { bio: 3, topic: 3, post: 1, like: 0.5 } as const;
/** A bio mention, three posts or six likes: one passing word is not an interest. */
const MIN_SUPPORT = 3;
const HASHTAG_BOOST = 2;
const MAX_INFERRED = 10;
const MIN_WORD_LENGTH = 3;
const NUMERIC = /^\d+$/;
/**
 * A word outside the lexicon is an interest only if the owner stressed it (in the bio or as a hashtag)
 * or uses it in this share of what they write: otherwise everyday words ("season", "act") slip in and
 * make unrelated accounts look on-topic.
 */
const PLAIN_WORD_MIN_SHARE = 0.15;
/**
 * Words that say how someone writes, not what about: a blogger who writes reviews is into opera, not
 * into reviews, and "review" as an interest makes car and gym review accounts look on-topic.
 */
const ACTIVITIES = new Set(
  `review reviews reviewer reviewing blogging blog blogger blogs vlog vlogger vlogging writing writer writes
  daily weekly podcast podcasts thoughts updates news photos pics life love post posts thread threads live
  official tips guide`
    .split(/\s+/)
    .filter(Boolean),
);

export interface Inferred {
  terms: string[];
  /** Well-supported words kept out as activities, most supported first. */
  setAside: string[];
}

interface Candidate {
  score: number;
  support: number;
  lexicon: boolean;
  stressed: boolean;
  /** Lexicon interests show their canonical name; other words their most used spelling. */
  spellings: Map<string, number>;
}

/** Interest keys in one text with their value, each counted once per text. */
interface Found {
  value: number;
  spelling: string;
  hashtag: boolean;
}

function candidatesIn(text: string, weight: number): Map<string, Found> {
  const tokens = tokenize(text);
  const words = tokens.map((t) => t.word);
  const found = new Map<string, Found>();
  const note = (key: string, value: number, spelling: string, hashtag: boolean) => {
    const prev = found.get(key);
    if (!prev || prev.value < value)
      found.set(key, { value, spelling, hashtag: hashtag || (prev?.hashtag ?? false) });
  };
  const covered = new Set<number>();
  scan(words, LEXICON_MATCHER, (hit, start, end) => {
    let hashtag = false;
    for (let i = start; i < end; i++) {
      covered.add(i);
      hashtag ||= tokens[i]!.hashtag;
    }
    note(
      `lexicon:${hit.interest}`,
      weight * hit.weight * (hashtag ? HASHTAG_BOOST : 1),
      hit.interest,
      hashtag,
    );
  });
  tokens.forEach((t, i) => {
    if (covered.has(i) || t.word.length < MIN_WORD_LENGTH || STOPWORDS.has(t.word) || NUMERIC.test(t.word))
      return;
    note(`stem:${t.stem}`, weight * (t.hashtag ? HASHTAG_BOOST : 1), t.word, t.hashtag);
  });
  return found;
}

export function inferInterests(texts: OwnerTexts): Inferred {
  const candidates = new Map<string, Candidate>();
  const sources: [readonly string[], number][] = [
    [texts.bio ? [texts.bio] : [], TEXT_WEIGHT.bio],
    [texts.topics ?? [], TEXT_WEIGHT.topic],
    [texts.posts, TEXT_WEIGHT.post],
    [texts.likes, TEXT_WEIGHT.like],
  ];
  let written = 0;
  for (const [list, weight] of sources) {
    for (const text of list) {
      written += weight;
      for (const [key, { value, spelling, hashtag }] of candidatesIn(text, weight)) {
        let c = candidates.get(key);
        if (!c) {
          c = {
            score: 0,
            support: 0,
            lexicon: key.startsWith('lexicon:'),
            stressed: false,
            spellings: new Map(),
          };
          candidates.set(key, c);
        }
        c.score += value;
        c.support += weight;
        c.stressed ||= hashtag || weight >= TEXT_WEIGHT.bio;
        c.spellings.set(spelling, (c.spellings.get(spelling) ?? 0) + 1);
      }
    }
  }
  const spelling = (c: Candidate) =>
    [...c.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const ranked = [...candidates.values()]
    .filter(
      (c) =>
        c.support >= MIN_SUPPORT && (c.lexicon || c.stressed || c.support >= PLAIN_WORD_MIN_SHARE * written),
    )
    .map((c) => ({ term: spelling(c), score: c.score }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  const isActivity = (term: string) => ACTIVITIES.has(term.toLowerCase());
  return {
    terms: ranked
      .filter((c) => !isActivity(c.term))
      .slice(0, MAX_INFERRED)
      .map((c) => c.term),
    setAside: ranked.filter((c) => isActivity(c.term)).map((c) => c.term),
  };
}
