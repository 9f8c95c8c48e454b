import type { ReviewView } from '../render/review-page.js';
import { pageAccounts, pageCount, PAGE_SIZE, type ReviewSession } from '../../unfollows/review-session.js';

/** What one page of the review shows at `now`, for the renderer. */
export function reviewView(
  session: ReviewSession,
  page: number,
  note: string | null,
  now: number,
): ReviewView {
  const accounts = pageAccounts(session, page);
  return {
    platform: session.platform,
    accounts: accounts.map(({ id, handle, verdict, verdictReason, reasons, index }) => ({
      id,
      handle,
      verdict,
      verdictReason,
      reasons,
      outcome: session.outcomes.get(index) ?? null,
    })),
    selected: accounts.flatMap((account) =>
      session.selected.has(account.index) ? [account.index - page * PAGE_SIZE] : [],
    ),
    page,
    pages: pageCount(session),
    note,
    now,
  };
}
