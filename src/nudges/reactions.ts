/**
 * What a reaction on a digest means. Pure: the digest as stored, the reaction in; a decision out, which
 * the bot carries out (the store, then an edit of the digest).
 *
 * One digest message, not one per person: a weekly DM is one notification, not six. People are picked
 * with the number reactions and then acted on with ✅, 💤 or 🔕, as on the review pages the person
 * already knows; picking stays as their number reactions show it, so on a phone it is two taps per
 * person, or one more tap per extra person sharing an answer. A digest naming one person needs no pick.
 */
import { CONFIRM, NUMBER_EMOJI, sameEmoji } from '../discord/emoji.js';
import type { DigestPlan } from './plan.js';
import type { NudgeOutcome } from './state.js';

export const OUTCOME_EMOJI: Record<NudgeOutcome, string> = { done: CONFIRM, snooze: '💤', never: '🔕' };

export interface DigestOutcome {
  outcome: NudgeOutcome;
  at: number;
}

/** A sent digest as the store keeps it, under the person it was sent to. */
export interface DigestRecord {
  periodKey: string;
  sentAt: number;
  plan: DigestPlan;
  /** Positions in `plan.people` the person has picked (0 is 1️⃣). */
  selected: readonly number[];
  outcomes: ReadonlyMap<number, DigestOutcome>;
}

export type DigestDecision =
  | { kind: 'ignore' }
  | { kind: 'select'; index: number }
  | { kind: 'deselect'; index: number }
  /** Positions in `plan.people`, never empty. */
  | { kind: 'apply'; outcome: NudgeOutcome; indices: number[] }
  /** Nothing to do, and the digest says why. */
  | { kind: 'note'; text: string };

export const DIGEST_NOTES = {
  pickFirst: 'Pick people with the number reactions first, then press ✅, 💤 or 🔕.',
  already: 'Already done for everyone picked.',
} as const;

/** The reactions the bot adds to a digest, in the order Discord shows them. */
export function digestReactions(plan: DigestPlan): string[] {
  const actions = Object.values(OUTCOME_EMOJI);
  return plan.people.length > 1 ? [...NUMBER_EMOJI.slice(0, plan.people.length), ...actions] : actions;
}

/**
 * `record` is null when the message is none of the reactor's digests: digests are looked up under the
 * reactor's own id, so nobody else's reaction can act on one.
 */
export function decideDigestReaction(
  record: DigestRecord | null,
  emoji: string,
  added: boolean,
): DigestDecision {
  if (record === null) return { kind: 'ignore' };
  const count = record.plan.people.length;
  const number = NUMBER_EMOJI.findIndex((candidate) => sameEmoji(candidate, emoji));
  if (number >= 0) {
    if (number >= count || count === 1) return { kind: 'ignore' };
    return { kind: added ? 'select' : 'deselect', index: number };
  }
  // Taking a ✅ back cannot take back the interaction it recorded.
  if (!added) return { kind: 'ignore' };
  const outcome = (Object.keys(OUTCOME_EMOJI) as NudgeOutcome[]).find((o) =>
    sameEmoji(OUTCOME_EMOJI[o], emoji),
  );
  if (!outcome) return { kind: 'ignore' };
  const picked = count === 1 ? [0] : [...record.selected].filter((i) => i < count).sort((a, b) => a - b);
  if (picked.length === 0) return { kind: 'note', text: DIGEST_NOTES.pickFirst };
  const indices = picked.filter((i) => record.outcomes.get(i)?.outcome !== outcome);
  return indices.length === 0
    ? { kind: 'note', text: DIGEST_NOTES.already }
    : { kind: 'apply', outcome, indices };
}
