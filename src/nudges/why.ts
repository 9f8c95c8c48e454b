/**
 * Why a person is in a digest, in plain words ("mutual; you last replied 47 days ago"), from what the
 * report and the ledger know and nothing else: where a fact is unknown, the sentence says less.
 */
import { relationshipStrength } from '../ledger.js';
import type { AccountReport, LedgerEntry } from '../model.js';
import { daysAgo, formatCount } from '../engine/format.js';
import { DAY_MS } from '../model.js';
import { lastOutgoingPhrase } from '../engine/relationship.js';
import type { AccountNudgeState } from './state.js';

/** What they posted lately, where known. */
export interface RecentPost {
  text: string | null;
  at: number | null;
  /** The post itself (https://x.com/<handle>/status/<id>). */
  url: string | null;
}

/** What the caller may know of an account beyond the report: the follow date (exports), their latest post. */
export interface AccountDetails {
  followedAt?: number | null;
  recentPost?: RecentPost | null;
}

/** One account as the planner sees it. */
export interface Considered {
  account: AccountReport;
  /** Undefined without a ledger, null when the ledger has nothing on them. */
  entry: LedgerEntry | null | undefined;
  state: AccountNudgeState | undefined;
  details: AccountDetails | undefined;
}

/**
 * "mutual" or "mutual and on-topic": the words the report's `neglected` reason starts with, so the
 * digest and the report give the same reason; their time-bound part is worked out again at `now`.
 */
function reportedTie(account: AccountReport): string {
  const reason = account.reasons[account.categories.indexOf('neglected')];
  return reason?.split(';')[0]?.trim() || 'mutual';
}

/** "5 days", "4 months", "3 years". */
function duration(ms: number): string {
  const days = Math.max(0, Math.floor(ms / DAY_MS));
  if (days >= 365) return plural(Math.floor(days / 365), 'year');
  if (days >= 60) return plural(Math.floor(days / 30), 'month');
  return plural(days, 'day');
}

function plural(n: number, unit: string): string {
  return `${formatCount(n)} ${unit}${n === 1 ? '' : 's'}`;
}

function latest(...times: (number | null | undefined)[]): number | null {
  const known = times.filter((t): t is number => typeof t === 'number');
  return known.length > 0 ? Math.max(...known) : null;
}

/**
 * When the person last reached out to them: the ledger's latest outgoing event, or their ✅. Their
 * reaching out does not count: a message left unanswered is neglect too (the report's rule).
 */
export function lastReachedOut(c: Considered): number | null {
  return latest(c.entry?.out.last, c.state?.doneAt);
}

/** Relationship strength at `now`: from the ledger where there is one, else as the report had it. */
export function strengthNow(c: Considered, now: number): number {
  return c.entry === undefined ? c.account.strength : relationshipStrength(c.entry, now);
}

function contact(c: Considered, now: number): string | null {
  const { entry, state } = c;
  const out = entry?.out.last ?? null;
  const done = state?.doneAt ?? null;
  if (done !== null && (out === null || done >= out))
    return `you last got in touch ${daysAgo(done, now)} (you marked it ✅)`;
  if (entry && out !== null) return lastOutgoingPhrase(entry, out, now);
  if (entry && entry.in.last !== null)
    return `they last reached out ${daysAgo(entry.in.last, now)} and you have never interacted back`;
  if (entry === null) return 'you have never interacted';
  // Without a ledger the report's time has no direction: say only that.
  const last = c.account.lastInteractionAt;
  return last ? `your last interaction either way was ${daysAgo(Date.parse(last), now)}` : null;
}

export function whyWords(c: Considered, now: number): string {
  const clauses = [reportedTie(c.account)];
  const followedAt = c.details?.followedAt;
  if (typeof followedAt === 'number')
    clauses.push(`you have followed them for ${duration(now - followedAt)}`);
  const touch = contact(c, now);
  if (touch) clauses.push(touch);
  const { entry } = c;
  if (entry) {
    const out = lastReachedOut(c);
    if (out !== null && entry.in.last !== null && entry.in.last > out)
      clauses.push(`they last reached out ${daysAgo(entry.in.last, now)}`);
    if (entry.in.count > 0 && entry.out.count > 0)
      clauses.push(`${formatCount(entry.in.count + entry.out.count)} interactions both ways on record`);
  }
  return clauses.join('; ');
}

/** Their latest post: the caller's details where given, else the report's last-active date. */
export function recentPost(c: Considered): RecentPost | null {
  const given = c.details?.recentPost;
  if (given && (given.text || given.at !== null)) return given;
  const at = c.account.lastActiveAt;
  return at ? { text: null, at: Date.parse(at), url: null } : null;
}
