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
  followerAction,
  followerEntry,
  followerStrength,
  followerWhy,
  type FollowerConsidered,
  type NudgeAction,
} from './followers.js';
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
  /** For a follower (followers.ts): reply, or follow back. Absent for a neglected mutual: get back in touch. */
  action?: NudgeAction;
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

/** A loyal follower (engaged across months) counts for more than one who wrote once or twice lately. */
const LOYAL_WEIGHT = 1.5;

/**
 * The followers to get in touch with (followers.ts), with their stake on the mutuals' scale: how strong
 * their side of the tie is, and whether they are active now. Held back like an account: snoozed, 🔕,
 * or nudged or ✅ within the regular cadence.
 */
function followersDue(input: PlanInput, named: Set<string>, cadence: number): Due[] {
  const { report, ledger, now } = input;
  const due: Due[] = [];
  // A follower not looked up is known by id; the ledger learnt their handle from their replies and mentions.
  const handles = new Map<string, string>();
  for (const [handle, id] of ledger?.aliases ?? []) handles.set(id, handle);
  for (const listed of report.followers?.followers ?? []) {
    const follower =
      listed.handle === null && listed.id && handles.has(listed.id)
        ? { ...listed, handle: handles.get(listed.id)! }
        : listed;
    const key = nudgeKey(follower);
    if (key === null || named.has(key)) continue;
    const c: FollowerConsidered = {
      follower,
      entry: followerEntry(ledger, follower),
      state: input.nudgeState.get(key),
    };
    const action = followerAction(c);
    if (!action) continue;
    const state = c.state;
    const days = input.cadenceOverrides?.get(key) ?? cadence;
    if (state?.never || (state?.snoozedUntil != null && state.snoozedUntil > now)) continue;
    if ([state?.lastNudgedAt, state?.doneAt].some((t) => t != null && now - t < days * DAY_MS)) continue;
    const recent = follower.lastActiveAt
      ? { text: null, at: Date.parse(follower.lastActiveAt), url: null }
      : null;
    const loyal = follower.categories.includes('loyal') ? LOYAL_WEIGHT : 1;
    due.push({
      person: { key, id: follower.id, handle: follower.handle, name: follower.name, recent, action },
      why: () => followerWhy(c, action, now),
      stake: (1 + followerStrength(c, now)) * loyal * activity(recent, now),
    });
  }
  return due;
}

interface Due {
  person: Omit<DigestPerson, 'why'>;
  why: () => string;
  stake: number;
}

export function planDigest(input: PlanInput): DigestPlan {
  const { report, ledger, now } = input;
  const tiers = input.cadenceDays ?? DEFAULT_THRESHOLDS.cadenceDays;
  const due: Due[] = [];
  const named = new Set<string>();
  let nurture = 0;
  for (const account of report.accounts) {
    if (account.verdict !== 'nurture') continue;
    nurture += 1;
    const key = nudgeKey(account);
    if (key === null) continue;
    named.add(key);
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
    due.push({
      person,
      why: () => whyWords(considered, now),
      stake: stake(considered, cadence, recent, now),
    });
  }
  due.push(...followersDue(input, named, tiers.regular));
  due.sort((a, b) => b.stake - a.stake || (a.person.key < b.person.key ? -1 : 1));
  const people = due.slice(0, DIGEST_SIZE).map(({ person, why }) => ({ ...person, why: why() }));
  return { platform: report.platform, people, more: due.length - people.length, nurture };
}
