import type { AuditReport } from '../model.js';

/** Accounts named before "and N more". */
const NAMED = 5;

/**
 * What a later Instagram audit says of the accounts a review marked to unfollow in the app: which the new
 * export (or companion snapshot) no longer lists as followed, and which it still does. Tend unfollows
 * nothing on Instagram, so this is how the person learns what they did. Null when nothing was marked.
 */
export function inAppCheck(marked: readonly string[], report: AuditReport): string | null {
  if (marked.length === 0 || report.platform !== 'instagram') return null;
  const following = new Set(report.accounts.flatMap((a) => (a.handle ? [a.handle.toLowerCase()] : [])));
  const still = marked.filter((h) => following.has(h.toLowerCase()));
  const done = marked.length - still.length;
  const total =
    marked.length === 1 ? 'the one account' : `the ${marked.length.toLocaleString('en')} accounts`;
  if (still.length === 0)
    return marked.length === 1
      ? 'You unfollowed the one account you marked to unfollow in the app.'
      : `You unfollowed all ${marked.length.toLocaleString('en')} accounts you marked to unfollow in the app.`;
  const named = still
    .slice(0, NAMED)
    .map((h) => `@${h}`)
    .join(', ');
  const more = still.length > NAMED ? ` and ${(still.length - NAMED).toLocaleString('en')} more` : '';
  return (
    `You unfollowed ${done.toLocaleString('en')} of ${total} you marked to unfollow in the app; ` +
    `${still.length.toLocaleString('en')} ${still.length === 1 ? 'is' : 'are'} still followed: ${named}${more}.`
  );
}
