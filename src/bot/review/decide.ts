/**
 * What a reaction on a review page means. Pure: the session as stored, the page the message shows, the
 * reaction, and `now` in; a decision out, which the service carries out.
 *
 * Every unfollow is one the person selected on the page, one by one (X's rules: no "select all", no
 * automatic unfollowing); ✅ only ever confirms what is selected on the page it is pressed on.
 */
import { UNDO_WINDOW_MS, UNDO_WINDOW_TEXT } from '../../unfollows/outcome.js';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO, sameEmoji } from '../../discord/emoji.js';
import { confirmable, keepable } from '../../unfollows/review-outcomes.js';
import {
  pageAccounts,
  pageCount,
  type PageMessage,
  type ReviewAccount,
  type ReviewSession,
} from '../../unfollows/review-session.js';

export type ReviewDecision =
  /** `removeReaction`: someone else's reaction on the page, to take off where the bot can. */
  | { kind: 'ignore'; removeReaction: boolean }
  | { kind: 'select'; page: number; account: ReviewAccount }
  | { kind: 'deselect'; page: number; account: ReviewAccount }
  /** Never empty, as are the lists below. */
  | { kind: 'confirm'; page: number; accounts: XAccount[] }
  | { kind: 'keep'; page: number; accounts: ReviewAccount[] }
  /** The page to send. */
  | { kind: 'next'; page: number }
  | { kind: 'undo'; page: number; accounts: XAccount[] }
  /** Instagram: the selected accounts, marked for the person to unfollow in the app. */
  | { kind: 'in_app'; page: number; accounts: ReviewAccount[] }
  /** Nothing to do, and the page says why. */
  | { kind: 'note'; page: number; text: string };

/** What the page says when a reaction has nothing to do. */
export const REVIEW_NOTES = {
  selectToConfirm: `Select accounts with the number reactions first, then press ${CONFIRM} to unfollow them.`,
  selectToKeep: `Select accounts with the number reactions first, then press ${KEEP} to keep them.`,
  nothingNew: 'Nothing new to unfollow: each selected account is already queued, unfollowed or kept.',
  keptOrDone: 'The selected accounts are already kept or unfollowed.',
  lastPage: 'This is the last page.',
  nothingToUndo: `Nothing on this page to undo: ${UNDO} follows again what was unfollowed here in the last ${UNDO_WINDOW_TEXT}.`,
} as const;

/** An account Tend can ask X to unfollow or follow again. */
export type XAccount = ReviewAccount & { id: string };

const hasId = (account: ReviewAccount): account is XAccount => account.id !== null;

/** `session` and `message` are null when the message is none of the reactor's review pages. */
export function decideReaction(
  session: ReviewSession | null,
  message: PageMessage | null,
  emoji: string,
  reactorId: string,
  added: boolean,
  now: number,
): ReviewDecision {
  if (session === null || message === null) return { kind: 'ignore', removeReaction: false };
  // Taking off a reaction that is already gone would only fail.
  if (reactorId !== session.personId) return { kind: 'ignore', removeReaction: added };
  const { page } = message;
  const accounts = pageAccounts(session, page);
  const number = NUMBER_EMOJI.findIndex((candidate) => sameEmoji(candidate, emoji));
  if (number >= 0) {
    const account = accounts[number];
    if (!account) return { kind: 'ignore', removeReaction: false };
    return { kind: added ? 'select' : 'deselect', page, account };
  }
  // Taking back ✅, 🛡️, ⏭️ or ↩️ cannot take back what they did: the page has ↩️ for that.
  if (!added) return { kind: 'ignore', removeReaction: false };
  const selected = accounts.filter((account) => session.selected.has(account.index));
  const note = (text: string): ReviewDecision => ({ kind: 'note', page, text });

  if (sameEmoji(emoji, CONFIRM)) {
    if (selected.length === 0) return note(REVIEW_NOTES.selectToConfirm);
    if (session.platform === 'instagram') {
      // Tend cannot unfollow on Instagram: ✅ marks them for the person to unfollow in the app.
      const marked = selected.filter((account) => confirmable(session.outcomes.get(account.index)));
      return marked.length === 0 ? note(REVIEW_NOTES.nothingNew) : { kind: 'in_app', page, accounts: marked };
    }
    const targets = selected
      .filter(hasId)
      .filter((account) => confirmable(session.outcomes.get(account.index)));
    return targets.length === 0
      ? note(REVIEW_NOTES.nothingNew)
      : { kind: 'confirm', page, accounts: targets };
  }
  if (sameEmoji(emoji, KEEP)) {
    if (selected.length === 0) return note(REVIEW_NOTES.selectToKeep);
    const kept = selected.filter((account) => keepable(session.outcomes.get(account.index)));
    return kept.length === 0 ? note(REVIEW_NOTES.keptOrDone) : { kind: 'keep', page, accounts: kept };
  }
  if (sameEmoji(emoji, NEXT)) {
    const next = page + 1;
    if (next >= pageCount(session)) return note(REVIEW_NOTES.lastPage);
    return session.messages.has(next)
      ? note(`Page ${next + 1} is already below.`)
      : { kind: 'next', page: next };
  }
  if (sameEmoji(emoji, UNDO)) {
    const undoable = accounts.filter(hasId).filter((account) => {
      const outcome = session.outcomes.get(account.index);
      return outcome?.status === 'unfollowed' && outcome.at > now - UNDO_WINDOW_MS;
    });
    return undoable.length === 0
      ? note(REVIEW_NOTES.nothingToUndo)
      : { kind: 'undo', page, accounts: undoable };
  }
  return { kind: 'ignore', removeReaction: false };
}
