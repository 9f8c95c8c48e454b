import { foldText, removeUrls } from './text.js';

/**
 * Spam markers in a bio or name. Each rule names a pitch, not a word: "DM me" or "DM for commissions"
 * is how real people talk, "DM for promo" is selling reach. The matched words are quoted in the
 * marker so the user sees why.
 */
interface SpamRule {
  marker: string;
  /**
   * Word lists the text must hold a word of each before the pattern is tried: a pitch needs all its
   * parts ("crypto" and "signals"), and most bios hold none, so most patterns never run.
   */
  needs: readonly (readonly string[])[];
  pattern: RegExp;
}

const CRYPTO = ['forex', 'crypto', 'bitcoin', 'btc', 'binary', 'nft'];

const RULES: readonly SpamRule[] = [
  {
    marker: 'asks for follow-backs',
    needs: [['follow', 'f4f', 'fb4fb', 'l4l', 'like4', 'like 4', 'ifb', 'tfb']],
    pattern:
      /\b(?:follow ?(?:back|4 ?follow|for ?follow|train)|f4f|fb4fb|l4l|like ?4 ?like|ifb|tfb|team ?follow ?back|follow me (?:and|&) i(?:'?ll| will)? follow(?: you)?(?: back)?)\b/,
  },
  {
    marker: 'sells promotion',
    needs: [['promo', 'collab', 'shout', 's/o', 'feature', 'ads', 'sponsor']],
    pattern:
      /\b(?:dm|message|inbox) (?:me |us )?(?:for|4) (?:(?:a|paid|your) )?(?:promo(?:tion)?s?|collabs?|collaborations?|shout ?outs?|s\/o|features?|ads|sponsorships?)\b|\bpaid promo(?:tion)?s?\b|\bpromo(?:tion)? (?:available|services?)\b|\bshout ?outs? (?:for sale|available)\b/,
  },
  {
    marker: 'sells followers',
    needs: [['followers', 'likes', 'views', 'grow your']],
    pattern:
      /\b(?:buy|cheap|free|gain|get|instant)(?: (?:real|more|instant|active))? (?:followers|likes|views)\b|\bgrow your (?:account|followers|page)\b/,
  },
  {
    marker: 'crypto or forex pitch',
    needs: [
      CRYPTO,
      ['signal', 'profit', 'return', 'invest', 'earn', 'account manager', 'mentor', 'guaranteed'],
    ],
    pattern:
      /\b(?:forex|crypto|bitcoin|btc|binary options?|nft)\b[^.!?\n]{0,40}\b(?:signals?|profits?|returns?|invest(?:ment|ing)?|earn(?:ing)?s?|account manager|mentor|guaranteed)\b|\b(?:invest(?:ment|ing)?|earn|profit)\b[^.!?\n]{0,30}\b(?:forex|crypto|bitcoin|btc)\b/,
  },
  {
    marker: 'crypto or forex pitch',
    needs: [['airdrop', '00x', 'pump', 'recover']],
    pattern:
      /\b(?:airdrops?|[1-9]0{2,}x|pump signals?)\b|\brecover(?:y of)? (?:your )?(?:lost|stolen|scammed) (?:funds|crypto|bitcoin|money)\b/,
  },
  {
    marker: 'promises money',
    needs: [['earn', 'make $', '$', 'passive', 'financial', 'get paid']],
    pattern:
      /\bearn (?:up to )?\$|\bearn \d|\bmake \$\d|\$\d[\d,.]*k? ?(?:a|per|\/) ?(?:day|week)\b|\bpassive income\b|\bfinancial freedom\b|\bget paid to\b/,
  },
  {
    marker: 'giveaway',
    needs: [['give'], ['$', 'cash', 'iphone', 'ps5', 'gift', 'bitcoin', 'crypto', 'rt', 'retweet', 'follow']],
    pattern:
      /\bgive ?aways?\b[^\n]{0,60}(?:\$\d|cash|iphone|ps5|gift ?cards?|bitcoin|crypto|\brt\b|retweet|follow (?:&|and|\+) (?:rt|like|retweet))|(?:\$\d[\d,.]*k?|cash|iphone|ps5)[^\n]{0,30}\bgive ?aways?\b/,
  },
  {
    marker: 'giveaway',
    needs: [['win']],
    pattern: /\bwin (?:a |an )?free\b/,
  },
  {
    marker: 'adult spam',
    needs: [['fans', 'nudes', 'xxx', 'horny', 'hookup', 'escort', 'sext', '18+', 'porn', '🔞']],
    pattern:
      /\b(?:onlyfans|only fans|fansly|nudes|xxx|horny|hookups?|escorts?|sexting|18\+ ?(?:content|only|vids?|videos?))\b|(?<!(?:food|book|ruin|car|earth|cabin) ?)\bporn\b|🔞/,
  },
];

/**
 * All needed words in one pattern, longest first, so one scan of the text says which rules are due.
 * Words are only tried at the start of a word ("earn" is not in "learn"); the few symbols anywhere.
 * Each rule's word lists own one bit of a mask; a word found sets the bits of every list holding it or
 * a word inside it ("followers" holds "follow"). A rule is due when all its bits are set.
 */
const NEEDED_WORDS = [...new Set(RULES.flatMap((r) => r.needs.flat()))].sort((a, b) => b.length - a.length);
const escape = (w: string) => w.replace(/[$+/]/g, '\\$&');
const STARTS_WITH_LETTER = /^[a-z]/;
const ANY_NEEDED = new RegExp(
  `\\b(?:${NEEDED_WORDS.filter((w) => STARTS_WITH_LETTER.test(w))
    .map(escape)
    .join('|')})|` +
    NEEDED_WORDS.filter((w) => !STARTS_WITH_LETTER.test(w))
      .map(escape)
      .join('|'),
  'g',
);
let nextBit = 0;
const LIST_BITS = RULES.map((rule) => rule.needs.map(() => 1 << nextBit++));
const RULE_MASKS = LIST_BITS.map((bits) => bits.reduce((mask, bit) => mask | bit, 0));
const BITS_OF_WORD = new Map(
  NEEDED_WORDS.map((word) => {
    let mask = 0;
    RULES.forEach((rule, r) =>
      rule.needs.forEach((list, l) => {
        if (list.some((w) => word.includes(w))) mask |= LIST_BITS[r]![l]!;
      }),
    );
    return [word, mask];
  }),
);

function wordsPresent(folded: string): number {
  let present = 0;
  for (const word of folded.match(ANY_NEEDED) ?? []) present |= BITS_OF_WORD.get(word) ?? 0;
  return present;
}

const LETTER = /\p{L}/u;
const MAX_QUOTE = 40;

function quote(matched: string): string {
  const text = matched.trim();
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

/** Markers found in a bio or a name, e.g. `asks for follow-backs ("f4f")`; empty for a clean text. */
export function spamMarkers(text: string): string[] {
  return [...foldedSpamMarkers(foldText(text))];
}

const NO_MARKERS: readonly string[] = [];

/**
 * `spamMarkers` of a text already through `foldText`, shared with the topic check that reads the same
 * bio. Most texts are clean: they get the one shared empty list rather than an array each.
 */
export function foldedSpamMarkers(folded: string): readonly string[] {
  let markers: string[] | null = null;
  const present = wordsPresent(folded);
  for (let r = 0; r < RULES.length; r++) {
    if ((present & RULE_MASKS[r]!) !== RULE_MASKS[r]) continue;
    const rule = RULES[r]!;
    const m = rule.pattern.exec(folded);
    if (!m) continue;
    markers ??= [];
    // Two rules may word one pitch ("crypto or forex pitch"): it is named once.
    if (!markers.some((marker) => marker.startsWith(`${rule.marker} (`)))
      markers.push(`${rule.marker} ("${quote(m[0])}")`);
  }
  const withoutUrls = removeUrls(folded);
  if (withoutUrls !== folded && !LETTER.test(withoutUrls)) (markers ??= []).push('bio is only a link');
  return markers ?? NO_MARKERS;
}
