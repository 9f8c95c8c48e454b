import {
  FOLLOWER_CATEGORIES,
  type FollowerCategory,
  type FollowersAudit,
  type ImportedExport,
  type Ledger,
  type Profile,
  type Thresholds,
} from '../model.js';
import {
  auditFollowers,
  DEFAULT_FOLLOWER_SETTINGS,
  type FollowersInput,
  type FollowerSettings,
} from '../engine/followers.js';
import {
  DEFAULT_FOLLOWER_SAMPLE,
  estimateShare,
  followersListCost,
  formatDollars,
  lookupCost,
  sampleIds,
  usersWithin,
  type FollowersCost,
} from '../engine/follower-sampling.js';
import type { BotScorer } from '../engine/bot-score.js';
import type { FollowerSnapshot } from '../store/follower-snapshot-codec.js';

/**
 * From an import to a followers audit, in two pure steps around the one that spends: `planFollowers`
 * says which followers to judge and what looking them up would cost; the shell shows that cost, looks up
 * what the person's budget allows (X's users lookup, 100 a call), and `finishFollowers` judges.
 */

export interface FollowersRequest {
  imported: ImportedExport;
  /** Profiles at hand (snapshots), keyed by id and by `@handle`. */
  profiles: ReadonlyMap<string, Profile> | null;
  /** How many followers to judge: a sample of this size, or all of them. */
  want: number | 'all';
  seed: number;
  history: readonly FollowerSnapshot[];
  now: number;
}

export interface FollowersPlan {
  keyKind: 'id' | 'handle';
  owner: string;
  current: string[];
  /** `newest`: the first N of the list through the API, which comes newest first. */
  population: 'all' | 'sample' | 'newest';
  /** The sample, in the random order it was drawn: any prefix of it is a uniform sample too. */
  sample: string[];
  /** Followers of the last snapshot missing from this read: to re-check before calling them lost. */
  recheck: string[];
  /** Keys to look up on X (no profile at hand), re-checks first. */
  lookups: string[];
  /** What those lookups cost. */
  estimate: FollowersCost;
  /** Profiles at hand, by key. */
  known: Map<string, Profile>;
}

/** The key snapshots of this account are stored under: another linked account starts afresh. */
export function ownerKey(imported: Pick<ImportedExport, 'platform' | 'owner'>): string {
  return `${imported.platform}:${imported.owner.id ?? imported.owner.handle?.toLowerCase() ?? 'unknown'}`;
}

function profileOf(
  profiles: ReadonlyMap<string, Profile> | null,
  key: string,
  keyKind: 'id' | 'handle',
): Profile | null {
  if (!profiles) return null;
  return (keyKind === 'id' ? profiles.get(key) : profiles.get(`@${key}`)) ?? null;
}

export function planFollowers(request: FollowersRequest): FollowersPlan | null {
  const { imported } = request;
  const followers = imported.followers;
  if (!followers) return null;
  const keyKind = followers.ids.size > 0 ? 'id' : 'handle';
  const current = keyKind === 'id' ? [...followers.ids] : [...followers.handles].map((h) => h.toLowerCase());
  const owner = ownerKey(imported);
  const wantAll = request.want === 'all' || request.want >= current.length;
  const sample = sampleIds(current, wantAll ? current.length : (request.want as number), request.seed);
  const previous = request.history
    .filter((s) => s.owner === owner && s.at < request.now)
    .sort((a, b) => a.at - b.at)
    .at(-1);
  const now = new Set(current);
  const recheck = previous ? previous.ids.filter((k) => !now.has(k)) : [];
  const known = new Map<string, Profile>();
  // Former followers (churners of earlier audits) are named from the profiles at hand, never looked up.
  const former = new Set<string>();
  for (const s of request.history)
    if (s.owner === owner) for (const k of s.ids) if (!now.has(k)) former.add(k);
  for (const key of [...former, ...recheck, ...sample]) {
    const profile = profileOf(request.profiles, key, keyKind);
    if (profile) known.set(key, profile);
  }
  // Only ids can be looked up on X; an Instagram username is judged from the companion's snapshot or not at all.
  const lookups =
    imported.platform === 'x' && keyKind === 'id' ? [...recheck, ...sample].filter((k) => !known.has(k)) : [];
  return {
    keyKind,
    owner,
    current,
    population: wantAll ? 'all' : 'sample',
    sample,
    recheck,
    lookups,
    estimate: lookupCost(lookups.length),
    known,
  };
}

/**
 * What a budget (dollars) allows of the plan's lookups: the re-checks first, then the sample in the
 * order it was drawn, stopping at the first it cannot pay for, so what is judged stays a uniform sample.
 * No budget: nothing is looked up.
 */
export function fitToBudget(
  plan: FollowersPlan,
  budgetDollars: number | null,
): { lookups: string[]; sample: string[]; cut: boolean } {
  let left = budgetDollars === null ? 0 : usersWithin(budgetDollars);
  const lookups: string[] = [];
  const pending = new Set(plan.lookups);
  for (const key of plan.recheck) {
    if (!pending.has(key) || left === 0) continue;
    lookups.push(key);
    left--;
  }
  if (budgetDollars === null) return { lookups, sample: plan.sample, cut: false };
  const sample: string[] = [];
  for (const key of plan.sample) {
    if (pending.has(key)) {
      if (left === 0) return { lookups, sample, cut: true };
      lookups.push(key);
      left--;
    }
    sample.push(key);
  }
  return { lookups, sample, cut: false };
}

/** The sentence shown before anything is spent: what `lookups` (all the plan's, or what a budget allows) cost. */
export function costSentence(plan: FollowersPlan, lookups: number = plan.lookups.length): string {
  const { calls, users, dollars } = lookupCost(lookups);
  if (users === 0) return 'The followers audit looks nothing up on X: the profiles it needs are at hand.';
  const whole =
    lookups < plan.lookups.length
      ? ` (all ${plan.lookups.length.toLocaleString('en')} it needs would be about ${formatDollars(plan.estimate.dollars)})`
      : '';
  return `A followers audit of ${plan.sample.length.toLocaleString('en')} of your ${plan.current.length.toLocaleString('en')} followers looks up ${users.toLocaleString('en')} accounts on X: ${calls} ${calls === 1 ? 'call' : 'calls'}, about ${formatDollars(dollars)} at X's price of $0.01 an account${whole}.`;
}

export interface FinishRequest {
  request: FollowersRequest;
  plan: FollowersPlan;
  /** The sample judged (the plan's, or the part the budget paid for). */
  sample: string[];
  /** Profiles looked up on X, by id. */
  looked: ReadonlyMap<string, Profile>;
  cost: FollowersCost | null;
  thresholds: Thresholds;
  settings?: FollowerSettings;
  notes?: string[];
}

/** The keys of the accounts the person follows, by id and by lowercased handle: who is followed back. */
function followedKeys(following: readonly { id: string | null; handle: string | null }[]): Set<string> {
  const keys = new Set<string>();
  for (const a of following) {
    if (a.id) keys.add(a.id);
    if (a.handle) keys.add(a.handle.toLowerCase());
  }
  return keys;
}

export function finishFollowers(
  finish: FinishRequest,
  deps: { botScorer: BotScorer },
): { audit: FollowersAudit; snapshot: FollowerSnapshot } {
  const { request, plan } = finish;
  const profiles = new Map(plan.known);
  for (const [key, profile] of finish.looked) profiles.set(key, profile);
  const judgedSample = finish.sample.filter((k) => profiles.has(k));
  const notes = [...(finish.notes ?? [])];
  const unlooked = finish.sample.length - judgedSample.length;
  if (unlooked > 0 && judgedSample.length > 0)
    notes.push(
      `${judgedSample.length.toLocaleString('en')} of the ${finish.sample.length.toLocaleString('en')} ${plan.population === 'all' ? 'followers' : 'sampled followers'} had a profile at hand and were judged; the shares assume they are a fair part of ${plan.population === 'all' ? 'them' : 'the sample'}.`,
    );
  const following = followedKeys(request.imported.following);
  const input: FollowersInput = {
    platform: request.imported.platform,
    keyKind: plan.keyKind,
    current: plan.current,
    population:
      plan.population === 'newest'
        ? 'newest'
        : plan.population === 'all' && finish.sample.length === plan.current.length
          ? 'all'
          : 'sample',
    sample: finish.sample,
    profiles,
    following,
    ledger: request.imported.ledger,
    history: request.history,
    owner: plan.owner,
    now: request.now,
    thresholds: finish.thresholds,
    settings: finish.settings ?? DEFAULT_FOLLOWER_SETTINGS,
    cost: finish.cost,
    notes,
  };
  return auditFollowers(input, deps);
}

/**
 * Through the X API alone there is no free list of ids to sample from: the followers list comes newest
 * first, 1,000 a page, every account read billed. What reading the newest `want` of the owner's
 * `followersCount` (X's count) costs: the offer the person confirms before anything is read.
 */
export function newestOffer(want: number | 'all', followersCount: number | null): FollowersCost {
  const asked = want === 'all' ? (followersCount ?? DEFAULT_FOLLOWER_SAMPLE) : want;
  return followersListCost(Math.min(asked, followersCount ?? asked));
}

/**
 * Whether reading what is offered reads the whole list, as X counts it: the figures are then exact (for
 * every follower, not the newest N), and lost followers and churners can be told. X's count can lag a
 * follow or two: the read itself says, at its end, whether the list ended within it.
 */
export function offerReadsAll(offer: FollowersCost, followersCount: number | null): boolean {
  return followersCount !== null && offer.users > 0 && offer.users >= followersCount;
}

/**
 * The followers section of an audit through the X API before anything of the followers is read:
 * nothing judged yet, and what reading the newest of them costs (`unpaid`, which the bot offers).
 */
export function offeredFollowers(
  offer: FollowersCost,
  followersCount: number | null,
  countedAt: number | null = null,
): FollowersAudit {
  const unknown = estimateShare(0, 0, 0);
  const byCategory = Object.fromEntries(FOLLOWER_CATEGORIES.map((c) => [c, 0])) as Record<
    FollowerCategory,
    number
  >;
  const notes =
    offer.users === 0
      ? ['X counts no followers of yours: there is nothing to read.']
      : offerReadsAll(offer, followersCount)
        ? [
            `Nothing of your followers was read yet: through the X API they come newest first, 1,000 a page, each account billed. Reading all ${offer.users.toLocaleString('en')} X counts costs about ${formatDollars(offer.dollars)}, once you confirm it: the figures are then exact, and who left since the last audit can be told.`,
          ]
        : [
            `Nothing of your followers was read yet: through the X API they come newest first, 1,000 a page, each account billed. Reading your newest ${offer.users.toLocaleString('en')} costs about ${formatDollars(offer.dollars)}, once you confirm it.`,
          ];
  return {
    summary: {
      followers: followersCount ?? 0,
      population: 'newest',
      sampled: 0,
      judged: 0,
      shape: { genuine: unknown, engaged: unknown, fake: unknown, inactive: unknown },
      byCategory,
      previousAuditAt: null,
      unconfirmedLost: 0,
      notes,
      cost: null,
      unpaid: offer.users > 0 ? offer : null,
      followersCountedAt: countedAt === null ? null : new Date(countedAt).toISOString(),
    },
    followers: [],
  };
}

/** How long after it was read X's count of the person's followers is kept with a read of the newest. */
export const FOLLOWERS_COUNT_FRESH_MS = 15 * 60_000;

/**
 * Whether X's count of the person's followers, read at `countedAt`, may be kept with a read of the
 * newest followers made at `readAt`: a count short by the followers since would have the next read take
 * as many of those who stayed for followers since (more than left, and every one of its followers
 * is), so one older than a few minutes, or of unknown age, is not kept.
 */
export function countFreshFor(countedAt: number | null, readAt: number): boolean {
  return countedAt !== null && Math.abs(readAt - countedAt) <= FOLLOWERS_COUNT_FRESH_MS;
}

export interface NewestFollowersRequest {
  /** The snapshot key of the account (`ownerKey`). */
  owner: string;
  /** The accounts the person follows (for who is followed back). */
  following: readonly { id: string | null; handle: string | null }[];
  ledger: Ledger;
  history: readonly FollowerSnapshot[];
  now: number;
  /** The followers read, newest first, with their profiles; `complete` when the list ended within the budget. */
  read: { ids: string[]; profiles: ReadonlyMap<string, Profile>; complete: boolean };
  /** X's count of the person's followers when the read was made, where known (`FollowersInput`). */
  followersCount?: number | null;
  cost: FollowersCost | null;
  thresholds: Thresholds;
  settings?: FollowerSettings;
  notes?: string[];
}

/**
 * The followers audit of the newest followers read through the X API: every one read is judged (its
 * profile came with the list), and the figures are for those newest N, or for all where the list ended
 * within what the person paid for.
 */
export function finishNewestFollowers(
  request: NewestFollowersRequest,
  deps: { botScorer: BotScorer },
): { audit: FollowersAudit; snapshot: FollowerSnapshot } {
  const following = followedKeys(request.following);
  return auditFollowers(
    {
      platform: 'x',
      keyKind: 'id',
      current: request.read.ids,
      population: request.read.complete ? 'all' : 'newest',
      newestFirst: true,
      sample: request.read.ids,
      profiles: request.read.profiles,
      following,
      ledger: request.ledger,
      history: request.history,
      owner: request.owner,
      now: request.now,
      thresholds: request.thresholds,
      settings: request.settings ?? DEFAULT_FOLLOWER_SETTINGS,
      cost: request.cost,
      // A read to the end of the list counts her followers exactly, as of the read: that, not a count
      // X gave before it (in Discord, at the offer), is what the next read squares with.
      followersCount: request.read.complete ? request.read.ids.length : (request.followersCount ?? null),
      notes: [...(request.notes ?? [])],
    },
    deps,
  );
}
