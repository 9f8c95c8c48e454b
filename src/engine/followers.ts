import {
  FOLLOWER_CATEGORIES,
  type FollowerCategory,
  type FollowerReport,
  type FollowersAudit,
  type FollowersSummary,
  type LedgerEntry,
  type Platform,
  type Profile,
  type Thresholds,
  type Ledger,
} from '../model.js';
import { HALF_LIFE_DAYS, KIND_WEIGHT, decayedAt, lookupEntry, relationshipStrength } from '../ledger.js';
import { isBot, type BotScorer } from './bot-score.js';
import { estimateShare, type FollowersCost } from './follower-sampling.js';
import { hundredths, isoTime } from './format.js';
import type { FollowerSnapshot } from '../model.js';

/**
 * The followers side of the audit, pure: who among a person's followers is fake, inactive, engaged,
 * loyal, new, lost or a churner, and which engaged follower they do not follow back — each with a
 * reason in words — and the audience's shape, with intervals where it is estimated from a sample.
 *
 * Followers are known by a key: the X id, or the lowercased Instagram username.
 */

const DAY = 86_400_000;

export interface FollowerSettings {
  /** Left within this many days of following (across audits) → `churner`. "A few weeks". */
  churnDays: number;
  /** Inbound interactions, at least, to be `loyal`… */
  loyalMinInbound: number;
  /** …spread over at least this many days. */
  loyalMinSpanDays: number;
}

export const DEFAULT_FOLLOWER_SETTINGS: FollowerSettings = {
  churnDays: 42,
  loyalMinInbound: 4,
  loyalMinSpanDays: 60,
};

export interface FollowersInput {
  platform: Platform;
  /** How keys are looked up in the ledger: X ids, or Instagram usernames. */
  keyKind: 'id' | 'handle';
  /** Every follower key read now (the whole list, or the newest N through the API, newest first). */
  current: readonly string[];
  population: 'all' | 'sample' | 'newest';
  /**
   * `current` is in the order of X's list, newest first (a read through the API): the snapshot keeps
   * how deep each follower was, so a later read of the newest N can tell who among them left.
   */
  newestFirst?: boolean;
  /** The keys whose profiles were drawn to be judged (all of `current` for an exact audit). */
  sample: readonly string[];
  /**
   * Profiles by key: of the sample, and of those missing since the last snapshot (a lookup with
   * `connection_status` says whether they still follow: the re-check).
   */
  profiles: ReadonlyMap<string, Profile>;
  /** Keys (ids and lowercased handles) of the accounts the person follows; null when unknown. */
  following: ReadonlySet<string> | null;
  ledger: Ledger;
  /** Earlier snapshots of this account's followers, any order. */
  history: readonly FollowerSnapshot[];
  /** The owner key snapshots are stored under, e.g. `x:<id>`. */
  owner: string;
  now: number;
  thresholds: Thresholds;
  settings?: FollowerSettings;
  /** What the followers audit read on X, where it read anything. */
  cost?: FollowersCost | null;
  /**
   * X's count of the person's followers at this read (`public_metrics.followers_count`), where known:
   * a read of the newest N squares the followers it shares with the last read against it (`newestView`).
   */
  followersCount?: number | null;
  notes?: string[];
}

export interface FollowersResult {
  audit: FollowersAudit;
  /** The snapshot to store for the next audit. */
  snapshot: FollowerSnapshot;
}

interface Draft {
  key: string;
  profile: Profile | null;
  categories: FollowerCategory[];
  reasons: string[];
  botScore: number | null;
  strength: number;
  lastInbound: number | null;
  followedBack: boolean | null;
  judged: boolean;
}

const shortDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Inbound kinds each platform can record: on X nobody's likes of her posts are in the data. */
const INBOUND_KINDS = ['reply', 'mention', 'quote', 'repost', 'comment', 'dm', 'group_dm'] as const;

/**
 * A lower bound on how many days the inbound interactions of `entry` span, from the ledger alone (it
 * keeps a count, the latest time and a decayed sum, not every event). With n events of weight at least
 * w_min, the newest at `last`: decay = Σ wᵢ·2^(−aᵢ/H)·F ≤ … so the mean of 2^(−aᵢ/H) is at most
 * r = decay / (w_min·n·F), and the oldest age is at least −H·log₂ r. Exact when all events weigh the same.
 */
export function inboundSpanAtLeastDays(entry: LedgerEntry): number {
  const { count, last } = entry.in;
  if (count < 2 || last === null) return 0;
  const present = INBOUND_KINDS.filter((k) => entry.kinds[k]);
  if (present.length === 0) return 0;
  const minWeight = Math.min(...present.map((k) => KIND_WEIGHT[k]));
  const ratio = decayedAt(entry.in, last) / (minWeight * count);
  if (!(ratio > 0) || ratio >= 1) return 0;
  return -HALF_LIFE_DAYS * Math.log2(ratio);
}

function ledgerEntry(input: FollowersInput, key: string, profile: Profile | null): LedgerEntry | null {
  return input.keyKind === 'id'
    ? lookupEntry(input.ledger, { id: key, handle: profile?.handle ?? null })
    : lookupEntry(input.ledger, { handle: key });
}

function followsThem(input: FollowersInput, key: string, profile: Profile | null): boolean | null {
  if (!input.following) return null;
  if (input.following.has(key)) return true;
  const handle = profile?.handle?.toLowerCase();
  return handle ? input.following.has(handle) : false;
}

function inactiveReason(p: Profile, now: number, dormantDays: number): string | null {
  if (p.gone) return null;
  if (typeof p.lastPostAt === 'number')
    return now - p.lastPostAt > dormantDays * DAY ? `no post since ${shortDate(p.lastPostAt)}` : null;
  return p.postCount === 0 ? 'never posted' : null;
}

/** Reads the history in time order, this owner's only (another linked account starts afresh). */
function ownHistory(input: FollowersInput): FollowerSnapshot[] {
  return input.history.filter((s) => s.owner === input.owner && s.at < input.now).sort((a, b) => a.at - b.at);
}

/** Depths are kept in hundreds: a hundred followers of X's list share one. */
const DEPTH_STEP = 100;

/**
 * The followers of this read that the last read also found, at a depth it knew exactly (not only
 * bounded), and that are still in its order: continuing followers keep their order, so one whose old
 * depth is greater than that of a follower listed below them now has moved up the list — they left and
 * followed again — and says nothing of how deep the others are. Empty when the previous snapshot has no order.
 */
function inOrder(
  depth: Readonly<Record<string, number>>,
  current: readonly string[],
  before: ReadonlySet<string>,
  bounded: ReadonlySet<string>,
): Set<string> {
  const ordered = new Set<string>();
  let shallowest = Infinity;
  for (let i = current.length - 1; i >= 0; i--) {
    const key = current[i]!;
    const d = depth[key];
    if (d === undefined || !before.has(key) || bounded.has(key)) continue;
    if (d <= shallowest) {
      ordered.add(key);
      shallowest = d;
    }
  }
  return ordered;
}

/** Why a read of the newest N that shares followers with the last read reaches none of them. */
type ReachDoubt = 'one' | 'uncounted' | 'counts';

interface NewestView {
  /** Those of this read who followed since the last read. */
  fresh: Set<string>;
  /** The last read's followers this read reaches; `at`, the position of the mark that says so (-1: none). */
  reach: { keys: Set<string>; at: number };
  doubt: ReachDoubt | null;
  /** The followers in order (`inOrder`) below the newest `top`, who followed since: the marks of depth. */
  marks: Set<string>;
}

/**
 * A read of the newest N against the last read through X's list. X lists followers newest first:
 * whoever followed since the last read — someone new, or an old follower who left and followed again —
 * is above everyone who stayed, and those who stayed keep their order. So a follower the last read
 * listed marks, if they stayed, how far this read reaches: anyone the last read found above them who
 * still follows is above them now, and so read. Nothing in the read tells one who stayed from one who
 * left and followed again (who may even sit in their old order, a run of them): X's counts of the
 * person's followers at the two reads are what can. With F followers since the last read and L of its
 * followers gone, count now − count then = F − L. Where the mark (the last follower of this read the
 * last one listed) stayed, all of F are above it, among those the last read did not list, and every one
 * above it then whom this read misses is among L: so count now − count then + those it would say left
 * is at most the unlisted above it, and the newest count now − count then followers (more for each one
 * the last read listed among them) are all above it. A mark failing either followed again: nobody is
 * reached on it, and the followers since reach below it. Without both counts nobody is reached.
 * What this cannot see: followers who left unseen, beyond the read, as many as those a mark that
 * followed again would wrongly say left (see README, "Your followers").
 */
function newestView(
  depth: Readonly<Record<string, number>>,
  previous: FollowerSnapshot,
  current: readonly string[],
  before: ReadonlySet<string>,
  bounded: ReadonlySet<string>,
  stillFollows: (key: string) => boolean,
  countNow: number | null,
): NewestView {
  const n = current.length;
  const listed = (key: string) => depth[key] !== undefined && before.has(key) && !bounded.has(key);
  const ordered = inOrder(depth, current, before, bounded);
  let at = -1;
  for (let i = n - 1; i >= 0 && at < 0; i--) if (ordered.has(current[i]!)) at = i;
  // listedAbove[i]: how many of the newest i of this read the last read listed.
  const listedAbove = new Array<number>(n + 1);
  listedAbove[0] = 0;
  for (let i = 0; i < n; i++) listedAbove[i + 1] = listedAbove[i]! + (listed(current[i]!) ? 1 : 0);
  const countThen = previous.followersCount ?? null;
  const grew = countNow !== null && countThen !== null ? countNow - countThen : null;
  /** How many of the newest of this read followed since the last, at least, given that `from` did. */
  const since = (from: number): number => {
    if (grew === null) return Math.min(n, from);
    let m = Math.min(n, Math.max(0, from));
    for (;;) {
      const next = Math.min(n, Math.max(m, grew + listedAbove[m]!));
      if (next === m) return m;
      m = next;
    }
  };
  let top = since(0);
  let keys = new Set<string>();
  let refuted = false;
  if (at >= 0 && grew !== null) {
    const bound = depth[current[at]!]!;
    for (const key of previous.ids) {
      const d = depth[key];
      if (d !== undefined && d < bound) keys.add(key);
    }
    const read = new Set(current);
    let left = 0;
    for (const key of keys) if (listed(key) && !read.has(key) && !stillFollows(key)) left++;
    const unlisted = at - listedAbove[at]!;
    refuted = top > at || grew + left > unlisted;
    if (refuted) top = since(at + 1);
  }
  const doubt: ReachDoubt | null =
    at < 0 ? null : grew === null ? 'uncounted' : refuted ? 'counts' : ordered.size < 2 ? 'one' : null;
  if (doubt) keys = new Set();
  // Above the last follower of this read the last one listed, one it did not know followed since:
  // had they stayed, they would have been above that follower then too, and listed.
  const fresh = new Set<string>();
  for (let i = 0; i < Math.max(at, top); i++) if (!before.has(current[i]!)) fresh.add(current[i]!);
  const marks = new Set<string>();
  for (let i = top; i < n; i++) if (ordered.has(current[i]!)) marks.add(current[i]!);
  return { fresh, reach: { keys, at: doubt ? -1 : at }, doubt, marks };
}

interface Changes {
  previous: FollowerSnapshot | null;
  /** For a read of the newest N: the previous followers it reaches (null: unknown, no order kept). */
  reach: Set<string> | null;
  /** Why such a read reaches none of the followers it shares with the last: see `newestView`. */
  doubt: ReachDoubt | null;
  fresh: Set<string>;
  /** Nobody can be told new: the last snapshot is of the newest N only, and this list has no order. */
  untold: boolean;
  lost: Set<string>;
  /** Missing now, found still following by the re-check: a glitch of the read. */
  stillFollowing: Set<string>;
  unconfirmed: Set<string>;
  snapshot: FollowerSnapshot;
}

/**
 * New and lost against the previous snapshot. A follower missing from this read is lost only when a
 * re-check says so (a lookup whose `connection_status` lacks `followed_by`) or when the previous read
 * missed them too; otherwise they stay followers in the new snapshot, marked missing, and are not
 * reported: a glitch on the platform's side is not an unfollow.
 */
function changes(input: FollowersInput, history: FollowerSnapshot[]): Changes {
  const previous = history.at(-1) ?? null;
  const current = new Set(input.current);
  const fresh = new Set<string>();
  const lost = new Set<string>();
  const stillFollowing = new Set<string>();
  const unconfirmed = new Set<string>();
  const missedBefore = new Set(previous?.missing ?? []);
  /** A follower of the last snapshot missing from this read: lost only once re-checked, or missed twice. */
  const missingNow = (key: string) => {
    const recheck = input.profiles.get(key)?.followsOwner;
    if (recheck === true) stillFollowing.add(key);
    else if (recheck === false || missedBefore.has(key)) lost.add(key);
    else unconfirmed.add(key);
  };
  // Through X's list, newest first, against a last read that kept its order: see `newestView`.
  const before = new Set(previous?.ids);
  // The last snapshot holds every follower of its time: a whole list (an export's or archive's, kept
  // without order), or a read that reached the end of X's list. Then whoever it lacks followed since.
  // One rebuilt from an old delta that kept only ids may have been a read of the newest N: not whole.
  const whole = previous !== null && !previous.kindUnknown && (!previous.depth || previous.complete === true);
  const seen =
    previous?.depth && (input.population === 'newest' || input.newestFirst)
      ? newestView(
          previous.depth,
          previous,
          input.current,
          before,
          missedBefore,
          (key) => input.profiles.get(key)?.followsOwner === true,
          input.followersCount ?? null,
        )
      : null;
  // Who left, of a read of the newest N, is told only among the last read's followers it reaches.
  const view = input.population === 'newest' ? seen : null;
  if (previous) {
    // New: every follower the last snapshot lacks, where it held all of them; else, where this list
    // comes newest first, those `newestView` places above the followers both reads found. A list with
    // no order, after a read of only the newest, tells nobody new: the others may have followed then,
    // beyond that read.
    const told = whole ? input.current.filter((key) => !before.has(key)) : [...(seen?.fresh ?? [])];
    for (const key of told) fresh.add(key);
    // Of the followers a read of the newest N does not reach, nothing is known.
    const checked = input.population === 'newest' ? (view?.reach.keys ?? []) : before;
    for (const key of checked) if (!current.has(key)) missingNow(key);
  }
  const handled = new Set([...current, ...lost, ...stillFollowing, ...unconfirmed]);
  const kept = input.population === 'newest' && previous ? previous.ids.filter((k) => !handled.has(k)) : [];
  const snapshot: FollowerSnapshot = {
    at: input.now,
    owner: input.owner,
    ids: [...current, ...stillFollowing, ...unconfirmed, ...kept],
    missing: [...unconfirmed],
  };
  if (input.newestFirst) {
    const depth: Record<string, number> = {};
    input.current.forEach((key, i) => (depth[key] = Math.floor(i / DEPTH_STEP)));
    // Reached but not read: still following, they are above every follower of this read that the last
    // one found deeper than them (continuing followers keep their order), and so above the oldest
    // follower both reads found. The tightest such bound is the bucket of the first of those; the
    // anchor's own bucket would be no use, as the next read of the same size anchors in it again and
    // reaches only depths below it.
    const reach = view?.reach;
    if (view && reach && reach.at >= 0 && previous?.depth) {
      const prev = previous.depth;
      // firstAt[b]: the first position in this read of a follower in order that the last read put at
      // depth b (exactly).
      const firstAt: number[] = [];
      input.current.forEach((key, i) => {
        const d = prev[key];
        if (d !== undefined && view.marks.has(key) && firstAt[d] === undefined) firstAt[d] = i;
      });
      // deeperFrom[b]: the first position of a follower at depth b or deeper, capped at the anchor's.
      const deeperFrom: number[] = new Array<number>(firstAt.length + 1);
      deeperFrom[firstAt.length] = reach.at;
      for (let b = firstAt.length - 1; b >= 0; b--)
        deeperFrom[b] = Math.min(firstAt[b] ?? reach.at, deeperFrom[b + 1]!);
      const below = (d: number | undefined) =>
        d === undefined || d + 1 >= deeperFrom.length ? reach.at : deeperFrom[d + 1]!;
      // Only to those marked missing, whose depth the next read knows to be a bound: one the re-check
      // found still following is not marked, and is reached again once a read finds them.
      for (const key of unconfirmed) depth[key] = Math.floor(below(prev[key]) / DEPTH_STEP);
    }
    snapshot.depth = depth;
    if (typeof input.followersCount === 'number') snapshot.followersCount = input.followersCount;
    // The read reached the end of the list: the next audit may call new whoever this one lacks.
    if (input.population !== 'newest') snapshot.complete = true;
  }
  return {
    previous,
    untold: previous !== null && !whole && !seen,
    reach: view?.reach.keys ?? null,
    doubt: view?.doubt ?? null,
    fresh,
    lost,
    stillFollowing,
    unconfirmed,
    snapshot,
  };
}

/**
 * Churners: followed after one snapshot, gone by a later one at most `churnDays` after it (the longest
 * they can have stayed), while the person follows them: the follow-for-follow pattern. The newest
 * episode of each is the one told.
 */
function churners(
  snapshots: FollowerSnapshot[],
  isFollowed: (key: string) => boolean,
  churnDays: number,
): Map<string, { joinedAfter: number; goneBy: number }> {
  const found = new Map<string, { joinedAfter: number; goneBy: number }>();
  const sets = snapshots.map((s) => new Set(s.ids));
  for (let j = 1; j < snapshots.length; j++) {
    for (const key of sets[j - 1]!) {
      if (sets[j]!.has(key) || !isFollowed(key)) continue;
      // Present from snapshot i+1 to j−1, absent at i: joined after snapshot i.
      let i = j - 1;
      while (i >= 0 && sets[i]!.has(key)) i--;
      if (i < 0) continue;
      const joinedAfter = snapshots[i]!.at;
      const goneBy = snapshots[j]!.at;
      if (goneBy - joinedAfter <= churnDays * DAY) found.set(key, { joinedAfter, goneBy });
    }
  }
  return found;
}

function add(draft: Draft, category: FollowerCategory, reason: string): void {
  draft.categories.push(category);
  draft.reasons.push(reason);
}

const ORDER: FollowerCategory[] = [
  'loyal',
  'not_followed_back',
  'engaged',
  'new',
  'churner',
  'lost',
  'fake',
  'inactive',
];
const RANK = new Map(ORDER.map((c, i) => [c, i]));

function firstRank(d: Draft): number {
  return Math.min(...d.categories.map((c) => RANK.get(c)!));
}

/** The followers audit: every follower with a category and its reason, and the audience's shape. */
export function auditFollowers(input: FollowersInput, deps: { botScorer: BotScorer }): FollowersResult {
  const settings = input.settings ?? DEFAULT_FOLLOWER_SETTINGS;
  const { now, thresholds } = input;
  const windowStart = now - thresholds.interactionWindowDays * DAY;
  const history = ownHistory(input);
  const change = changes(input, history);
  const sampled = new Set(input.sample);
  const drafts = new Map<string, Draft>();
  const draftOf = (key: string): Draft => {
    let d = drafts.get(key);
    if (!d) {
      const profile = input.profiles.get(key) ?? null;
      const entry = ledgerEntry(input, key, profile);
      d = {
        key,
        profile,
        categories: [],
        reasons: [],
        botScore: null,
        strength: relationshipStrength(entry, now),
        lastInbound: entry?.in.last ?? null,
        followedBack: followsThem(input, key, profile),
        judged: false,
      };
      drafts.set(key, d);
    }
    return d;
  };

  let judged = 0;
  let fakeCount = 0;
  let inactiveCount = 0;
  let genuineCount = 0;
  let engagedCount = 0;
  let goneInSample = 0;
  for (const key of input.current) {
    const profile = sampled.has(key) ? (input.profiles.get(key) ?? null) : null;
    const entry = ledgerEntry(input, key, input.profiles.get(key) ?? null);
    const engaged = entry !== null && entry.in.last !== null && entry.in.last >= windowStart;
    let fake = false;
    let inactive: string | null = null;
    let score: number | null = null;
    let fakeReasons: readonly string[] = [];
    if (profile?.gone) goneInSample++;
    else if (profile) {
      judged++;
      const bot = deps.botScorer.score(profile, now);
      score = bot ? hundredths(bot.score) : null;
      fake = isBot(bot, thresholds.botThreshold);
      fakeReasons = bot?.reasons ?? [];
      inactive = inactiveReason(profile, now, thresholds.dormantDays);
      if (fake) fakeCount++;
      if (inactive) inactiveCount++;
      if (!fake && !inactive) genuineCount++;
    }
    if (engaged) engagedCount++;
    const loyalSpan = engaged && entry ? inboundSpanAtLeastDays(entry) : 0;
    const loyal =
      engaged && entry!.in.count >= settings.loyalMinInbound && loyalSpan >= settings.loyalMinSpanDays;
    const isNew = change.fresh.has(key);
    if (!fake && !inactive && !engaged && !isNew) continue;
    const d = draftOf(key);
    if (profile) {
      d.judged = true;
      d.botScore = score;
    }
    if (fake)
      add(
        d,
        'fake',
        `bot score ${score!.toFixed(2)}${fakeReasons.length ? `: ${fakeReasons.join(', ')}` : ''}`,
      );
    if (inactive) add(d, 'inactive', inactive);
    if (engaged) {
      const n = entry!.in.count;
      add(
        d,
        'engaged',
        `${n === 1 ? 'one reply, mention or message' : `${n.toLocaleString('en')} replies, mentions or messages`} from them, the latest on ${shortDate(entry!.in.last!)}`,
      );
      if (loyal)
        add(
          d,
          'loyal',
          `engaged across months: ${n} times over at least ${Math.floor(loyalSpan / 30)} months, still in the last ${thresholds.interactionWindowDays} days`,
        );
      if (!fake && d.followedBack === false) {
        const answered =
          entry!.out.count > 0
            ? `you last interacted on ${shortDate(entry!.out.last!)}`
            : 'you have never written back';
        add(d, 'not_followed_back', `engages with you and you do not follow them back; ${answered}`);
      }
    }
    if (isNew)
      add(
        d,
        'new',
        `started following you after the audit of ${shortDate(change.previous!.at)}, by ${shortDate(now)} at the latest`,
      );
  }

  for (const key of change.lost) {
    const d = draftOf(key);
    const entry = ledgerEntry(input, key, d.profile);
    const lastAny = Math.max(entry?.in.last ?? 0, entry?.out.last ?? 0);
    const how =
      input.profiles.get(key)?.followsOwner === false
        ? 're-checked with the platform'
        : 'missing from two reads in a row';
    add(
      d,
      'lost',
      `followed you at the audit of ${shortDate(change.previous!.at)} and no longer does (${how}); ${
        lastAny > 0 ? `last interaction on ${shortDate(lastAny)}` : 'no interaction on record'
      }`,
    );
  }

  const isFollowed = (key: string) => followsThem(input, key, input.profiles.get(key) ?? null) === true;
  const churn = churners([...history, change.snapshot], isFollowed, settings.churnDays);
  for (const [key, episode] of churn) {
    const d = draftOf(key);
    const weeks = Math.max(1, Math.round((episode.goneBy - episode.joinedAfter) / (7 * DAY)));
    add(
      d,
      'churner',
      `followed you after ${shortDate(episode.joinedAfter)}, you follow them, and they left within ${plural(weeks, 'week')} (gone by ${shortDate(episode.goneBy)}): follow-for-follow`,
    );
  }

  const listed = [...drafts.values()].filter((d) => d.categories.length > 0);
  listed.sort(
    (a, b) =>
      firstRank(a) - firstRank(b) ||
      b.strength - a.strength ||
      (a.profile?.handle ?? a.key).localeCompare(b.profile?.handle ?? b.key),
  );
  const followers: FollowerReport[] = listed.map((d) => ({
    id: input.keyKind === 'id' ? d.key : (d.profile?.id ?? null),
    handle: d.profile?.handle ?? (input.keyKind === 'handle' ? d.key : null),
    name: d.profile?.name ?? null,
    categories: d.categories,
    reasons: d.reasons,
    botScore: d.botScore,
    lastActiveAt: isoTime(d.profile?.lastPostAt ?? null),
    lastInteractionAt: isoTime(d.lastInbound),
    strength: d.strength > 0 ? Math.max(hundredths(d.strength), 0.01) : 0,
    followedBack: d.followedBack,
    judged: d.judged,
  }));

  const byCategory = Object.fromEntries(FOLLOWER_CATEGORIES.map((c) => [c, 0])) as Record<
    FollowerCategory,
    number
  >;
  for (const f of followers) for (const c of f.categories) byCategory[c]++;

  const total = input.current.length;
  const judgedAll = input.population !== 'sample' && judged + goneInSample >= total;
  const population = judgedAll ? judged : Number.POSITIVE_INFINITY;
  const notes = [...(input.notes ?? [])];
  if (goneInSample > 0)
    notes.push(
      `${plural(goneInSample, 'sampled follower')} ${goneInSample === 1 ? 'is' : 'are'} suspended or deleted: left out of the shares.`,
    );
  if (input.population === 'newest')
    notes.push(
      `The figures are for your newest ${total.toLocaleString('en')} followers (where fake followers gather), not all of them.`,
    );
  if (input.population === 'newest' && change.previous) {
    const then = shortDate(change.previous.at);
    const cannot = `Who left since the audit of ${then}, and churners, cannot be told from this read`;
    const why: Record<ReachDoubt, string> = {
      uncounted: `X's count of your followers at one of the two audits is not known, and without both a follower who stayed cannot be told from one who left and followed again (now near the top of your list). The next audit can tell again.`,
      counts: `the followers it shares with that audit's do not square with X's counts of your followers at the two audits, so they may be followers who left and followed again (now near the top of your list), not marks of how far it reaches.`,
      one: `it shares one follower with that audit's read, who may have stayed or left and followed again.`,
    };
    notes.push(
      change.reach === null
        ? `Who left since the audit of ${then}, and churners, are unknown: that audit kept no order of its followers, so which of them this read reaches cannot be told. A read to the end of your list tells them.`
        : change.doubt
          ? `${cannot}: ${why[change.doubt]}`
          : `Who left is told among the ${plural(change.reach.size, 'follower')} of the audit of ${then} that this read reaches (X lists followers newest first: one newer than the oldest read would have been read); for your older followers, lost and churners are unknown until a read reaches the end of your list.`,
    );
  }
  if (change.untold)
    notes.push(
      change.previous!.kindUnknown
        ? `Who followed since the audit of ${shortDate(change.previous!.at)} cannot be told: its record, kept by an older version of Tend, does not say whether it held all your followers or only your newest, so the others may have followed you then already.`
        : `Who followed since the audit of ${shortDate(change.previous!.at)} cannot be told: that audit read only your newest followers through X, and this list does not say who is newer, so the others may have followed you then already.`,
    );
  if (!change.previous)
    notes.push(
      'This is the first followers audit on record: new, lost and churners are told from the next one on.',
    );
  if (change.stillFollowing.size > 0)
    notes.push(
      `${plural(change.stillFollowing.size, 'follower')} missing from this read still follow${change.stillFollowing.size === 1 ? 's' : ''} you when re-checked: not counted as lost.`,
    );
  if (change.unconfirmed.size > 0)
    notes.push(
      `${plural(change.unconfirmed.size, 'follower')} missing from this read could not be re-checked: told as lost only if the next audit misses them too.`,
    );

  const summary: FollowersSummary = {
    followers: total,
    population: input.population,
    sampled: sampled.size,
    judged,
    shape: {
      genuine: estimateShare(genuineCount, judged, population),
      engaged: estimateShare(engagedCount, total, total),
      fake: estimateShare(fakeCount, judged, population),
      inactive: estimateShare(inactiveCount, judged, population),
    },
    byCategory,
    previousAuditAt: change.previous ? new Date(change.previous.at).toISOString() : null,
    unconfirmedLost: change.unconfirmed.size,
    notes,
    cost: input.cost ?? null,
  };
  return { audit: { summary, followers }, snapshot: change.snapshot };
}
