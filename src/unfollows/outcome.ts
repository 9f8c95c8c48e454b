/**
 * What an unfollow job ends in, in plain words for the review page, and how each kind of X error is
 * handled (docs/STYLE.md: a pure function sorts, the processor maps to BullMQ). Pure: no Redis, no clock.
 */
import { DAY_MS, type GoneKind } from '../model.js';
import { afterXError, type AfterXError, type SortedXError } from '../sources/x-errors.js';

/** How long an unfollow through Tend can be undone, in days, and in the words every reply uses. */
export const UNDO_WINDOW_DAYS = 7;
export const UNDO_WINDOW_MS = UNDO_WINDOW_DAYS * DAY_MS;
export const UNDO_WINDOW_TEXT = `${UNDO_WINDOW_DAYS} days`;

export interface Target {
  id: string;
  handle: string | null;
}

export type UnfollowStatus = 'unfollowed' | 'already' | 'kept';

/**
 * A finished job's return value, for the review page ("unfollowed 7 of 9 …"). BullMQ copies it into the
 * queue's event stream, which outlives the job: so it names no account; the job's data says which.
 */
export interface UnfollowResult {
  status: UnfollowStatus;
  /** When the job decided (for `unfollowed`: the time of the unfollow, from which undo runs UNDO_WINDOW_DAYS). */
  at: number;
}

/** Why a job waits: the 15-minute window, the daily cap, X's own limit, or another worker on the same target. */
export type WaitReason = 'window' | 'daily' | 'rate_limited' | 'busy';

/** The progress of a delayed job, so the bot can say "2 left for the next window at 15:10". */
export interface UnfollowProgress {
  waitingUntil: number;
  reason: WaitReason;
}

export function accountName(target: Target): string {
  return target.handle ? `@${target.handle}` : `account ${target.id}`;
}

const GONE: Record<GoneKind, string> = {
  suspended: 'is suspended on X',
  deactivated: 'was deactivated on X',
  deleted: 'was deleted from X',
  withheld: 'is withheld on X',
  unauthorized: 'is no longer visible to you on X (it may have blocked you)',
  not_found: 'is not found on Instagram',
};

/** "@name is suspended on X", for an account X says is gone. */
export function goneText(target: Target, kind: GoneKind): string {
  return `${accountName(target)} ${GONE[kind]}`;
}

export function unfollowResult(status: UnfollowStatus, at: number): UnfollowResult {
  return { status, at };
}

/**
 * The unfollow's words for X's refusals (the wait/retry/fail mapping is `afterXError`'s). The message
 * becomes the job's failedReason, which the event stream keeps: it names no account (the review page
 * shows it beside the account's own line).
 */
export function afterUnfollowError(error: SortedXError, jitterMs: number): AfterXError {
  return afterXError(error, jitterMs, (e) =>
    e.kind === 'target_gone'
      ? `This account ${GONE[e.gone.kind]}: there is nothing to unfollow.`
      : e.kind === 'permanent'
        ? `Could not unfollow: ${e.message}`
        : e.message,
  );
}
