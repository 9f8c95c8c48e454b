/**
 * Who the next digest names. Pure: the person's latest report, their ledger, what Tend remembers of
 * nudging them, and `now` in; at most five people, most at stake first, out.
 *
 * Only the report's `nurture` accounts are ever named, so the nudges and the report agree on who and
 * why. Of those, an account is held back while snoozed or muted (🔕), and for its cadence after the
 * last nudge, the person's ✅, or an interaction of theirs the ledger saw since the report.
 */
import { lookupEntry } from '../ledger.js';
import {
  DEFAULT_THRESHOLDS,
  type AuditReport,
  type Ledger,
  type Platform,
  type Thresholds,
} from '../model.js';
import { DAY_MS } from '../model.js';
import { nudgeKey, type AccountNudgeState } from './state.js';
import {
  lastReachedOut,
  recentPost,
  strengthNow,
  whyWords,
  type AccountDetails,
  type Considered,
  type RecentPost,
} from './why.js';

const DIGEST_SIZE = 5;

export interface PlanInput {
  report: AuditReport;
  /** The ledger kept since the report (LedgerStore); without it the report's figures stand. */
  ledger?: Ledger | null;
  /** By nudge key (state.ts); accounts never nudged are absent. */
  nudgeState: ReadonlyMap<string, AccountNudgeState>;
  /** Days per tier; the audit's thresholds, so the report and the nudges use the same cadences. */
  cadenceDays?: Thresholds['cadenceDays'];
  /** Days, by nudge key: the person's own cadence for an account, whatever its tier. */
  cadenceOverrides?: ReadonlyMap<string, number>;
  /** By nudge key, what the caller knows beyond the report. */
  details?: ReadonlyMap<string, AccountDetails>;
  now: number;
}

export interface DigestPerson {
  key: string;
  id: string | null;
  handle: string | null;
  name: string | null;
  why: string;
  recent: RecentPost | null;
}

export interface DigestPlan {
  platform: Platform;
  /** At most DIGEST_SIZE, most at stake first. */
  people: DigestPerson[];
  /** Due but not named this time: "and N more". */
  more: number;
  /** The report's nurture accounts, due or not: a preview says why nobody is due. */
  nurture: number;
}

/** Quiet for longer than this many cadences adds nothing more: strength then says what is left. */
const MAX_OVERDUE = 4;

/** Someone posting this week is around to answer, and gives something to answer to. */
function activity(recent: RecentPost | null, now: number): number {
  if (recent?.at == null) return 1;
  const days = (now - recent.at) / DAY_MS;
  return days <= 7 ? 1.5 : days <= 30 ? 1.2 : 1;
}

/**
 * What is at stake: how strong the tie still is, how far past its cadence it has gone quiet, and
 * whether they are active now. Multiplied, so a close tie fading outranks an old acquaintance long gone.
 */
function stake(c: Considered, cadence: number, recent: RecentPost | null, now: number): number {
  const reported =
    c.entry === undefined && c.account.lastInteractionAt ? Date.parse(c.account.lastInteractionAt) : null;
  const last = lastReachedOut(c) ?? reported;
  const overdue = last === null ? 1 : Math.min(MAX_OVERDUE, (now - last) / (cadence * DAY_MS));
  return (1 + strengthNow(c, now)) * overdue * activity(recent, now);
}

function heldBack(c: Considered, cadence: number, now: number): boolean {
  const state = c.state;
  if (state?.never) return true;
  if (state?.snoozedUntil != null && state.snoozedUntil > now) return true;
  const touched = [state?.lastNudgedAt, lastReachedOut(c)];
  return touched.some((t) => t != null && now - t < cadence * DAY_MS);
}

export function planDigest(input: PlanInput): DigestPlan {
  const { report, ledger, now } = input;
  const tiers = input.cadenceDays ?? DEFAULT_THRESHOLDS.cadenceDays;
  const due: { person: Omit<DigestPerson, 'why'>; considered: Considered; stake: number }[] = [];
  let nurture = 0;
  for (const account of report.accounts) {
    if (account.verdict !== 'nurture') continue;
    nurture += 1;
    const key = nudgeKey(account);
    if (key === null) continue;
    const considered: Considered = {
      account,
      entry: ledger ? lookupEntry(ledger, account) : undefined,
      state: input.nudgeState.get(key),
      details: input.details?.get(key),
    };
    const cadence = input.cadenceOverrides?.get(key) ?? tiers[account.tier ?? 'casual'];
    if (heldBack(considered, cadence, now)) continue;
    const recent = recentPost(considered);
    const person = { key, id: account.id, handle: account.handle, name: account.name, recent };
    due.push({ person, considered, stake: stake(considered, cadence, recent, now) });
  }
  due.sort((a, b) => b.stake - a.stake || (a.person.key < b.person.key ? -1 : 1));
  const people = due
    .slice(0, DIGEST_SIZE)
    .map(({ person, considered }) => ({ ...person, why: whyWords(considered, now) }));
  return { platform: report.platform, people, more: due.length - people.length, nurture };
}
