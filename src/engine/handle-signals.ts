import type { Category } from '../model.js';
import { handleWords } from './topic-meaning.js';

/**
 * What a handle or display name alone suggests about an account that has no profile to judge (an
 * Instagram export holds none): follow-for-follow, giveaway, crypto or trading pitches, product drops,
 * and handles that look generated. A name is weak evidence — a real person may be called
 * `giveaway_queen22` — so a hint can send an account to review, never to unfollow, alone or with other
 * weak signals (verdict.ts). Each reason says what it rests on.
 *
 * Measured once, untuned, on 6,886 labelled X screen names (scripts/handle-hints-rate.ts): a hint for 26
 * of 4,656 humans (0.6 %) and 80 of 2,230 bots (3.6 %), three in four hinted accounts bots. Rare, and
 * wrong about one person in two hundred: evidence for a second look, not a verdict.
 */
export interface HandleHint {
  category: Extract<Category, 'bot' | 'off_topic'>;
  /** "the handle suggests a follow-for-follow account". */
  reason: string;
  /** A few words for the verdict's sentence. */
  label: string;
}

interface Pattern {
  test: RegExp;
  kind: string;
  category: HandleHint['category'];
}

/**
 * Markers that mean the same in a handle and a display name. Letters only, lowercased; a pattern matches
 * anywhere, since handles run words together ("f4f_train_uk", "cryptokingsignals").
 */
const PATTERNS: Pattern[] = [
  {
    test: /f4f|l4l|fxf|follow4follow|followforfollow|follow_?back|likeforlike|like4like|followtrain|gainfollowers|freefollowers/,
    kind: 'a follow-for-follow account',
    category: 'off_topic',
  },
  { test: /giveaways?|sweepstakes?|freebies?/, kind: 'a giveaway account', category: 'off_topic' },
  {
    test: /crypto|bitcoin|\bbtc|btc_|forex|nft|airdrop|binance|usdt|daytrad|fxtrad|passive_?income|makemoney|make_money|earnmoney|cashapp/,
    kind: 'a crypto or trading pitch',
    category: 'off_topic',
  },
];

/** Words of a handle cut apart (topic-meaning.ts) that say it sells: "sneakerdrops" → sneaker, drops. */
const SALES_WORDS = new Set([
  'drops',
  'deals',
  'discount',
  'discounts',
  'coupon',
  'coupons',
  'promo',
  'promos',
  'resell',
  'resale',
  'dropship',
  'dropshipping',
]);

/** A name and a long run of digits (`jessica83749201`, `user8372615`): sign-up defaults and bulk-made accounts look so. */
const LONG_DIGITS = /\d{6,}/;
const MIN_DIGITS = 5;
const DIGIT_SHARE = 0.4;

function generated(handle: string): boolean {
  if (LONG_DIGITS.test(handle)) return true;
  const digits = handle.replace(/\D/g, '').length;
  return digits >= MIN_DIGITS && digits / handle.length >= DIGIT_SHARE;
}

function hint(where: 'handle' | 'display name', kind: string, category: HandleHint['category']): HandleHint {
  return { category, reason: `the ${where} suggests ${kind}`, label: `the ${where} suggests ${kind}` };
}

/** The hints a handle and display name give, at most one per category, the handle's first. */
export function handleHints(handle: string | null | undefined, name?: string | null): HandleHint[] {
  const found: HandleHint[] = [];
  const add = (h: HandleHint) => {
    if (!found.some((f) => f.category === h.category)) found.push(h);
  };
  const lowered = handle?.toLowerCase() ?? '';
  const loweredName = name?.toLowerCase() ?? '';
  for (const p of PATTERNS) {
    if (lowered && p.test.test(lowered)) add(hint('handle', p.kind, p.category));
    else if (loweredName && p.test.test(loweredName)) add(hint('display name', p.kind, p.category));
  }
  if (lowered && !found.some((f) => f.category === 'off_topic')) {
    if (handleWords(lowered).some((w) => SALES_WORDS.has(w)))
      add(hint('handle', 'an account selling things or announcing product drops', 'off_topic'));
  }
  if (lowered && generated(lowered)) {
    add({
      category: 'bot',
      reason:
        'the handle looks generated (a long run of digits, as sign-up defaults and bulk-made accounts have)',
      label: 'the handle looks generated',
    });
  }
  return found;
}

/** The hint of one category, or null. */
export function handleHintFor(
  category: HandleHint['category'],
  handle: string | null | undefined,
  name?: string | null,
): HandleHint | null {
  return handleHints(handle, name).find((h) => h.category === category) ?? null;
}
