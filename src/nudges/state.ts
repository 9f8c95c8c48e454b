/**
 * What Tend remembers of nudging a person about each account they follow: when it last did, and what
 * the person answered (✅ done, 💤 snooze, 🔕 never).
 */
import type { AccountRef } from '../model.js';

export interface AccountNudgeState {
  lastNudgedAt: number | null;
  snoozedUntil: number | null;
  /** 🔕: never nudge about this account again. */
  never: boolean;
  /** ✅: the person got in touch (it also goes in their ledger as an interaction). */
  doneAt: number | null;
}

export const NO_NUDGE_STATE: AccountNudgeState = {
  lastNudgedAt: null,
  snoozedUntil: null,
  never: false,
  doneAt: null,
};

export const NUDGE_OUTCOMES = ['done', 'snooze', 'never'] as const;
export type NudgeOutcome = (typeof NUDGE_OUTCOMES)[number];

export const SNOOZE_DAYS = 30;

/**
 * The account's key in the nudge state, as the ledger keys it (`id:<id>`, else `@<lowercased handle>`):
 * an id outlives a change of handle. Null for an account known by neither.
 */
export function nudgeKey(account: AccountRef): string | null {
  if (account.id) return `id:${account.id}`;
  return account.handle ? `@${account.handle.toLowerCase()}` : null;
}

/** The account a nudge key names: `nudgeKey` the other way. */
export function refOfNudgeKey(key: string): AccountRef {
  return key.startsWith('id:') ? { id: key.slice(3) } : { handle: key.slice(1) };
}
