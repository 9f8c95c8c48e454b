/**
 * How an account's outcome moves as the person reacts and the unfollow jobs report back, and the line
 * that sums a page up ("Unfollowed 7 of 9 — 2 left for the next window at 15:10 UTC"). Pure.
 *
 * Events arrive out of order (a job's progress after its completion, a duplicate job's "already" after
 * the real unfollow), so each one says which outcomes it may replace, and is dropped otherwise.
 */
import { whenText } from '../sources/x-errors.js';
import type { UnfollowProgress, UnfollowResult } from './outcome.js';
import type { AccountOutcome } from './review-session.js';

export type OutcomeEvent =
  | { kind: 'confirmed'; at: number }
  | { kind: 'waiting'; confirmedAt: number; progress: UnfollowProgress }
  | { kind: 'finished'; confirmedAt: number; result: UnfollowResult }
  | { kind: 'failed'; confirmedAt: number; message: string }
  | { kind: 'kept' }
  | { kind: 'undone'; at: number }
  /** Instagram's ✅: the person will unfollow in the app. */
  | { kind: 'in_app'; at: number };

type Status = AccountOutcome['status'] | 'none';

/** How fast to unfollow by hand on Instagram: faster, and it blocks the account for a while. */
export const IN_APP_PACE =
  'open each link and unfollow there, about 200 a day at most (Instagram blocks faster unfollowing for a while); your next export or companion snapshot shows which are done';

/** A ✅ queues an account untouched, or one whose unfollow failed or was undone: never one on its way or done. */
export function confirmable(outcome?: AccountOutcome | null): boolean {
  return ['none', 'failed', 'undone'].includes(outcome?.status ?? 'none');
}

/** 🛡️ can still stop what is queued (the worker re-checks the keep list), but not what X has done. */
export function keepable(outcome?: AccountOutcome | null): boolean {
  return ['none', 'pending', 'failed', 'undone', 'in_app'].includes(outcome?.status ?? 'none');
}

/** The outcome after `event`, or null when the event does not apply to the current one. */
export function nextOutcome(current: AccountOutcome | null, event: OutcomeEvent): AccountOutcome | null {
  const status: Status = current?.status ?? 'none';
  const sameJob =
    current?.status === 'pending' && 'confirmedAt' in event && current.confirmedAt === event.confirmedAt;
  switch (event.kind) {
    case 'confirmed':
      return confirmable(current)
        ? { status: 'pending', confirmedAt: event.at, waitingUntil: null, reason: null }
        : null;
    case 'waiting':
      return sameJob
        ? {
            status: 'pending',
            confirmedAt: event.confirmedAt,
            waitingUntil: event.progress.waitingUntil,
            reason: event.progress.reason,
          }
        : null;
    case 'failed':
      return sameJob ? { status: 'failed', confirmedAt: event.confirmedAt, message: event.message } : null;
    case 'kept':
      return keepable(current) ? { status: 'kept', confirmedAt: null } : null;
    case 'in_app':
      return confirmable(current) ? { status: 'in_app', confirmedAt: event.at } : null;
    case 'undone':
      return current?.status === 'unfollowed'
        ? { status: 'undone', confirmedAt: current.confirmedAt, at: event.at }
        : null;
    case 'finished':
      return finished(status, event.confirmedAt, event.result);
  }
}

/** X's word wins over anything but an undo made since; a mere "already" or "kept" does not replace a done unfollow. */
function finished(status: Status, confirmedAt: number, result: UnfollowResult): AccountOutcome | null {
  switch (result.status) {
    case 'unfollowed':
      return status === 'unfollowed' || status === 'undone'
        ? null
        : { status: 'unfollowed', confirmedAt, at: result.at };
    case 'already':
      return ['none', 'pending', 'failed'].includes(status)
        ? { status: 'already', confirmedAt, at: result.at }
        : null;
    case 'kept':
      return ['none', 'pending', 'failed'].includes(status) ? { status: 'kept', confirmedAt } : null;
  }
}

const WAITING: Record<UnfollowProgress['reason'], string> = {
  window: 'left for the next window at',
  daily: "left for when today's limit frees up at",
  rate_limited: "waiting on X's limit until",
  busy: 'on their way',
};

/**
 * The page's unfollows in one line, counted over what the person confirmed there, or null when nothing
 * was. The wait shown is the soonest, the time the next of them goes.
 */
export function progressLine(outcomes: readonly AccountOutcome[], now: number): string | null {
  const inApp = outcomes.filter((o) => o.status === 'in_app').length;
  // Instagram: nothing is unfollowed for the person, and the line must not pretend it is.
  if (inApp > 0) return `${inApp} to unfollow in the app: ${IN_APP_PACE}`;
  const confirmed = outcomes.filter((o) => o.confirmedAt !== null);
  if (confirmed.length === 0) return null;
  const count = (status: AccountOutcome['status']) => confirmed.filter((o) => o.status === status).length;
  const done = count('unfollowed') + count('already');
  const pending = confirmed.filter((o) => o.status === 'pending');
  const waits = pending.flatMap((o) =>
    o.waitingUntil !== null && o.reason !== null && o.reason !== 'busy' && o.waitingUntil > now
      ? [{ until: o.waitingUntil, reason: o.reason }]
      : [],
  );
  const parts: string[] = [];
  const soonest = waits.reduce<(typeof waits)[number] | null>(
    (a, b) => (a === null || b.until < a.until ? b : a),
    null,
  );
  if (soonest) parts.push(`${waits.length} ${WAITING[soonest.reason]} ${whenText(soonest.until, now)}`);
  if (pending.length > waits.length) parts.push(`${pending.length - waits.length} ${WAITING.busy}`);
  if (count('kept') > 0) parts.push(`${count('kept')} skipped (on your keep list)`);
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  if (count('undone') > 0) parts.push(`${count('undone')} undone`);
  const head = `Unfollowed ${done} of ${confirmed.length}`;
  return parts.length === 0 ? head : `${head} — ${parts.join(', ')}`;
}
