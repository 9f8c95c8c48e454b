/**
 * Undo (↩️ on a result, or /undo): follows again an account the person unfollowed through Tend, within
 * UNDO_WINDOW_DAYS. Safe to repeat: X's follow is a no-op when already following, and the log marks the undo once.
 * It runs while the person waits, so X's limits are answered with when to try again, not queued.
 */
import { follow } from '../sources/x-api.js';
import { whenText } from '../sources/x-errors.js';
import type { UnfollowLog } from '../store/unfollow-log.js';
import { UNDO_WINDOW_MS, UNDO_WINDOW_TEXT } from '../unfollows/outcome.js';
import { accountName, goneText, type Target } from '../unfollows/outcome.js';
import { callAsPerson, type XClientFor } from './x-clients.js';

export interface UndoDeps {
  log: UnfollowLog;
  clients: XClientFor;
  now: () => number;
}

/**
 * `pending`: the account is protected and a follow request was sent. `unknown`: no unfollow of it through
 * Tend in the window. `try_later`: X's limit (see `retryAt`) or X not answering. `refused`: X will not.
 */
export type UndoStatus =
  'followed' | 'pending' | 'already_undone' | 'too_late' | 'unknown' | 'try_later' | 'refused';

export interface UndoResult {
  status: UndoStatus;
  targetId: string;
  handle: string | null;
  message: string;
  /** For X's limit: when a follow may succeed again. */
  retryAt: number | null;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export async function undoUnfollow(deps: UndoDeps, personId: string, targetId: string): Promise<UndoResult> {
  const now = deps.now();
  const record = await deps.log.get(personId, targetId);
  const target: Target = { id: targetId, handle: record?.handle ?? null };
  const name = accountName(target);
  const answer = (status: UndoStatus, message: string, retryAt: number | null = null): UndoResult => ({
    status,
    targetId,
    handle: target.handle,
    message,
    retryAt,
  });
  if (!record)
    return answer(
      'unknown',
      `Tend has not unfollowed ${name} in the last ${UNDO_WINDOW_TEXT}, so there is nothing to undo.`,
    );
  if (record.undoneAt !== null)
    return answer('already_undone', `${name} was already followed again on ${day(record.undoneAt)}.`);
  if (record.at < now - UNDO_WINDOW_MS) {
    return answer(
      'too_late',
      `${name} was unfollowed on ${day(record.at)}, more than ${UNDO_WINDOW_TEXT} ago: Tend can no longer undo it, but you can follow it again on X.`,
    );
  }
  const outcome = await callAsPerson(deps.clients, personId, now, (person) =>
    follow(person.client, person.xUserId, targetId),
  );
  if (!outcome.ok) {
    const error = outcome.error;
    switch (error.kind) {
      case 'rate_limited':
        return answer(
          'try_later',
          `X allows only so many follows at a time: try again after ${whenText(error.resetAt, now)}.`,
          error.resetAt,
        );
      case 'transient':
        return answer(
          'try_later',
          `X did not answer when following ${name} again: try again in a few minutes.`,
        );
      case 'target_gone':
        return answer('refused', `${goneText(target, error.gone.kind)}: it cannot be followed again.`);
      case 'auth_revoked':
        return answer('refused', error.message);
      case 'permanent':
        return answer('refused', `X would not let you follow ${name} again: ${error.message}`);
    }
  }
  // Marked after X has acted: were X to fail first, the undo must still be possible.
  await deps.log.markUndone(personId, targetId, now);
  return outcome.value.pending
    ? answer('pending', `${name} is protected: a follow request was sent, and it is theirs to accept.`)
    : answer('followed', `Followed ${name} again.`);
}
