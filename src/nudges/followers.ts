/**
 * The followers the nudges learn from: an engaged or loyal follower (not fake) whom the person never
 * wrote back to, or does not follow back, is someone to get in touch with — "wrote to you 6 times since
 * June or earlier; you have never written back" — with what to do: reply, or follow back. Pure, like plan.ts.
 */
import { lookupEntry, relationshipStrength } from '../ledger.js';
import { DAY_MS, type FollowerReport, type Ledger, type LedgerEntry } from '../model.js';
import { daysAgo, formatCount } from '../engine/format.js';
import { inboundSpanAtLeastDays } from '../engine/followers.js';
import type { AccountNudgeState } from './state.js';

/** What a digest asks the person to do about someone. */
export type NudgeAction = 'reply' | 'follow back';

export interface FollowerConsidered {
  follower: FollowerReport;
  /** Undefined without a ledger, null when the ledger has nothing on them. */
  entry: LedgerEntry | null | undefined;
  state: AccountNudgeState | undefined;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Whether the followers section names them as someone to get in touch with, and what to do. */
export function followerAction(c: FollowerConsidered): NudgeAction | null {
  const { follower, entry } = c;
  if (follower.categories.includes('fake')) return null;
  if (!follower.categories.includes('engaged') && !follower.categories.includes('loyal')) return null;
  if (follower.followedBack === false) return 'follow back';
  // Followed back: named only while the ledger shows nothing from the person to them at all.
  return entry && entry.out.count === 0 ? 'reply' : null;
}

export function followerEntry(
  ledger: Ledger | null | undefined,
  f: FollowerReport,
): LedgerEntry | null | undefined {
  return ledger ? lookupEntry(ledger, { id: f.id, handle: f.handle }) : undefined;
}

/** Their strength at `now`: from the ledger where there is one, else as the report had it. */
export function followerStrength(c: FollowerConsidered, now: number): number {
  return c.entry === undefined ? c.follower.strength : relationshipStrength(c.entry, now);
}

/**
 * "since June or earlier", "since June 2025 or earlier": the ledger keeps no first time, only a lower
 * bound on how far back their oldest message lies, so the month is the latest it can have been in.
 */
function since(entry: LedgerEntry, now: number): string | null {
  if (entry.in.last === null || entry.in.count < 2) return null;
  const oldest = new Date(entry.in.last - inboundSpanAtLeastDays(entry) * DAY_MS);
  const month = MONTHS[oldest.getUTCMonth()]!;
  return oldest.getUTCFullYear() === new Date(now).getUTCFullYear()
    ? `since ${month} or earlier`
    : `since ${month} ${oldest.getUTCFullYear()} or earlier`;
}

/** Why they are in the digest, from the ledger where there is one, else from the report's reasons. */
export function followerWhy(c: FollowerConsidered, action: NudgeAction, now: number): string {
  const { follower, entry } = c;
  const clauses: string[] = [];
  if (follower.categories.includes('loyal')) clauses.push('a loyal follower');
  if (entry) {
    const n = entry.in.count;
    const from = since(entry, now);
    clauses.push(
      n === 1
        ? `wrote to you ${daysAgo(entry.in.last!, now)}`
        : `wrote to you ${formatCount(n)} times${from ? ` ${from}` : ''}, the latest ${daysAgo(entry.in.last!, now)}`,
    );
    clauses.push(
      entry.out.count === 0
        ? 'you have never written back'
        : `you last wrote to them ${daysAgo(entry.out.last!, now)}`,
    );
  } else {
    const engaged = follower.reasons[follower.categories.indexOf('engaged')];
    if (engaged) clauses.push(engaged);
  }
  if (action === 'follow back') clauses.push('you do not follow them back');
  return clauses.join('; ');
}
