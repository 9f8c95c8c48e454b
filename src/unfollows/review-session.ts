/**
 * A review of one audit in the person's DMs, as plain data: the flagged accounts in pages of 10, the DM
 * message each page went out as, what is selected, and what became of each account. The store loads
 * and saves it; everything else reads it without I/O.
 */
import type { AuditReport, Platform } from '../model.js';
import type { WaitReason } from './outcome.js';

/** One page per message, one number reaction per account: Discord's keycaps stop at 🔟. */
export const PAGE_SIZE = 10;

export interface ReviewAccount {
  /** Position in the review from 0: page `floor(index / 10)`, number `index % 10 + 1` on it. */
  index: number;
  id: string | null;
  handle: string | null;
  verdict: 'unfollow' | 'review';
  verdictReason: string;
  reasons: string[];
}

/**
 * What became of an account. `confirmedAt` is the person's ✅ (null for 🛡️ alone): it names the
 * unfollow job, so a late event of an older job cannot overwrite a newer confirmation.
 */
export type AccountOutcome =
  | { status: 'pending'; confirmedAt: number; waitingUntil: number | null; reason: WaitReason | null }
  | { status: 'unfollowed'; confirmedAt: number; at: number }
  | { status: 'already'; confirmedAt: number; at: number }
  | { status: 'kept'; confirmedAt: number | null }
  | { status: 'failed'; confirmedAt: number; message: string }
  | { status: 'undone'; confirmedAt: number; at: number }
  /** Instagram: confirmed by the person, to unfollow themselves in the app (Tend cannot unfollow there). */
  | { status: 'in_app'; confirmedAt: number };

/** The DM message a page was sent as; `page` counts from 0. */
export interface PageMessage {
  page: number;
  channelId: string;
  messageId: string;
  /** When the page went out; absent on pages sent before this was kept. */
  sentAt?: number;
  /** True once every reaction of the page is on; false while they go on, or when adding one failed. */
  reacted?: boolean;
}

export interface ReviewSession {
  personId: string;
  auditId: string;
  platform: Platform;
  /** The X account the audit was of (its owner's id), which unfollows act from; null when the export did not say. */
  xUserId: string | null;
  accounts: ReviewAccount[];
  /** By page, the pages sent so far. */
  messages: ReadonlyMap<number, PageMessage>;
  /** Account indexes the person has selected, on any page. */
  selected: ReadonlySet<number>;
  /** By account index; an account with none is untouched. */
  outcomes: ReadonlyMap<number, AccountOutcome>;
}

const VERDICT_ORDER = { unfollow: 0, review: 1 } as const;

/**
 * The accounts worth a look, verdict `unfollow` first, then `review`, each in the report's own order
 * (it is ranked already): the rest of the report is not for pruning.
 */
export function reviewAccounts(report: AuditReport): ReviewAccount[] {
  const flagged = report.accounts.flatMap((account) =>
    account.verdict === 'unfollow' || account.verdict === 'review'
      ? [{ ...account, verdict: account.verdict }]
      : [],
  );
  // Array sort is stable: within a verdict, the report's order stays.
  return flagged
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict])
    .map((account, index) => ({
      index,
      id: account.id,
      handle: account.handle,
      verdict: account.verdict,
      verdictReason: account.verdictReason,
      reasons: account.reasons,
    }));
}

export function pageCount(session: Pick<ReviewSession, 'accounts'>): number {
  return Math.ceil(session.accounts.length / PAGE_SIZE);
}

export function pageAccounts(session: Pick<ReviewSession, 'accounts'>, page: number): ReviewAccount[] {
  return session.accounts.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
}

export function pageOf(index: number): number {
  return Math.floor(index / PAGE_SIZE);
}
