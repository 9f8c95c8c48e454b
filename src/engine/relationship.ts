import type { InteractionKind, LedgerEntry, Thresholds } from '../model.js';
import { daysAgo } from './format.js';

/**
 * Relationship tiers and how often each deserves attention. Strength (ledger.ts) is a sum of
 * interaction weights (a reply 2, a DM 3, a like 0.5) halving every 60 days, plus the smaller direction
 * again. Cut-offs, from what steady habits settle at:
 *   close   ≥ 30: replies or DMs both ways about every two weeks (≈ 40) or more;
 *   regular ≥ 6:  an exchange both ways every couple of months, or a reply of yours every month;
 *   casual  > 0:  anything less, including old exchanges that have decayed.
 * A close tie that goes quiet decays into regular and then casual, whose longer cadences it has then
 * also exceeded, so neglect never un-flags itself by waiting.
 */
export type Tier = 'close' | 'regular' | 'casual';

const TIER_MIN_STRENGTH = { close: 30, regular: 6 } as const;

/** Null when there was never an interaction. */
export function tierOf(strength: number): Tier | null {
  if (strength >= TIER_MIN_STRENGTH.close) return 'close';
  if (strength >= TIER_MIN_STRENGTH.regular) return 'regular';
  return strength > 0 ? 'casual' : null;
}

/** Never-met accounts are held to the loosest cadence. */
export function cadenceDays(tier: Tier | null, thresholds: Thresholds): number {
  return thresholds.cadenceDays[tier ?? 'casual'];
}

const DONE: Record<InteractionKind, string> = {
  reply: 'replied',
  comment: 'commented',
  dm: 'messaged them',
  group_dm: 'messaged them in a group',
  mention: 'mentioned them',
  quote: 'quoted them',
  repost: 'reposted them',
  like: 'liked a post of theirs',
  story: 'reacted to their story',
};

/**
 * "you last replied 47 days ago". The ledger keeps kinds without direction, so the kind is the one whose
 * latest time is the owner's latest outgoing time; when a later inbound event of that kind hides it,
 * the sentence stays generic.
 */
export function lastOutgoingPhrase(entry: LedgerEntry, last: number, now: number): string {
  const kind = (Object.keys(entry.kinds) as InteractionKind[]).find((k) => entry.kinds[k]?.last === last);
  return `you last ${kind ? DONE[kind] : 'interacted with them'} ${daysAgo(last, now)}`;
}
