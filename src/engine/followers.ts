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
 * Which followers of the previous snapshot a read of the newest N reaches: X lists followers newest
 * first, and continuing followers keep their order, so one the last read found higher in the list than
 * the oldest follower read both times would be read now if they still followed. Null when the previous
 * snapshot has no order (an export's list); `at`, the position in this read of that oldest follower.
 */
/**
 * The followers of this read that the last read also found, at a depth it knew exactly (not only
 * bounded), and that are still in its order: continuing followers keep their order, so one whose old
 * depth is greater than that of a follower listed below them now has moved up the list — they left and
 * followed again — and says nothing of how deep the others are. Empty when the previous snapshot has no order.
 */
function inOrder(
  previous: FollowerSnapshot,
  current: readonly string[],
  before: ReadonlySet<string>,
  bounded: ReadonlySet<string>,
): Set<string> {
  const ordered = new Set<string>();
  const { depth } = previous;
  if (!depth) return ordered;
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

function reachOf(
  previous: FollowerSnapshot,
  current: readonly string[],
  ordered: ReadonlySet<string>,
): { keys: Set<string>; at: number } | null {
  const { depth } = previous;
  if (!depth) return null;
  const keys = new Set<string>();
  // One follower in common says nothing of the order: they may be continuing (and everyone else new
  // or gone), or have left and followed again (and sit among the new). Nobody is reached on that.
  if (ordered.size < 2) return { keys, at: -1 };
  // The anchor is a follower in order (`inOrder`): one the last read missed has a depth that is only an
  // upper bound, and one who followed again has moved up; either would stretch the reach past this read.
  let at = -1;
  for (let i = current.length - 1; i >= 0; i--)
    if (ordered.has(current[i]!)) {
      at = i;
      break;
    }
  if (at < 0) return { keys, at };
  const bound = depth[current[at]!]!;
  for (const key of previous.ids) {
    const d = depth[key];
    if (d !== undefined && d < bound) keys.add(key);
  }
  return { keys, at };
}

interface Changes {
  previous: FollowerSnapshot | null;
  /** For a read of the newest N: the previous followers it reaches (null: unknown, no order kept). */
  reach: Set<string> | null;
  fresh: Set<string>;
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
  let reach: ReturnType<typeof reachOf> = null;
  // The last read's followers still in its order (`inOrder`): for a read of the newest N only.
  const before = new Set(previous?.ids);
  const ordered =
    previous && input.population === 'newest'
      ? inOrder(previous, input.current, before, missedBefore)
      : new Set<string>();
  if (previous && input.population !== 'newest') {
    for (const key of current) if (!before.has(key)) fresh.add(key);
    for (const key of before) if (!current.has(key)) missingNow(key);
  } else if (previous) {
    // The newest N come newest first: those above the first follower the last audit knew followed
    // since it; those below it were following already (beyond the last read, or within it), even where
    // the last audit did not read them.
    // (One who followed again and moved up, out of the last read's order, is no such mark.)
    for (const key of input.current) {
      if (before.has(key) && (!previous.depth || ordered.has(key))) break;
      if (!before.has(key)) fresh.add(key);
    }
    // Who left is told only among the followers this read reaches; of the others nothing is known.
    reach = reachOf(previous, input.current, ordered);
    for (const key of reach?.keys ?? []) if (!current.has(key)) missingNow(key);
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
    if (reach && reach.at >= 0 && previous?.depth) {
      const prev = previous.depth;
      // firstAt[b]: the first position in this read of a follower in order that the last read put at
      // depth b (exactly).
      const firstAt: number[] = [];
      input.current.forEach((key, i) => {
        const d = prev[key];
        if (d !== undefined && ordered.has(key) && firstAt[d] === undefined) firstAt[d] = i;
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
  }
  return { previous, reach: reach?.keys ?? null, fresh, lost, stillFollowing, unconfirmed, snapshot };
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
    notes.push(
      change.reach === null
        ? `Who left since the audit of ${then}, and churners, are unknown: that audit kept no order of its followers, so which of them this read reaches cannot be told. A read to the end of your list tells them.`
        : `Who left is told among the ${plural(change.reach.size, 'follower')} of the audit of ${then} that this read reaches (X lists followers newest first: one newer than the oldest read would have been read); for your older followers, lost and churners are unknown until a read reaches the end of your list.`,
    );
  }
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
