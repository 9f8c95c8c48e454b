import type { ReadBudget } from '../store/audit-limits.js';
import type { TwitterApi } from 'twitter-api-v2';
import type { FollowedAccount, ImportedExport, InteractionEvent, Owner, Profile } from '../model.js';
import { emptyLedger, recordEvent } from '../ledger.js';
import {
  fetchFollowerProfilesPage,
  fetchFollowersPage,
  fetchFollowingPage,
  fetchMe,
  FOLLOWS_PAGE_SIZE,
  hydrateIds,
  LOOKUP_BATCH,
  type RateLimitInfo,
} from '../sources/x-api.js';
import { fetchTimelinePage, nextTimelineToken } from '../sources/x-timelines.js';
import { TIMELINE_KINDS, type TimelineKind } from '../sources/x-interactions.js';
import type { XMeter } from '../sources/x-client.js';
import { profileFromXUser, type XUserV2 } from '../sources/x-user.js';
import type { CheckpointStore } from '../store/memory-checkpoints.js';

/**
 * Reads what an X audit needs through the API, one page at a time, saving each page at a checkpoint
 * before the next is asked for: a crash, a restart or a rate limit resumes where it stopped and never
 * pays for a page twice. Errors propagate as twitter-api-v2 throws them; the caller sorts them
 * (x-errors.ts) and decides: the worker delays the job, the CLI waits.
 */

/** What an audit is doing: reading through X, or fetching and reading an upload, then classifying. */
export type XAuditPhase =
  | 'downloading'
  | 'reading'
  | 'profile'
  | 'following'
  | 'followers'
  | 'posts'
  | 'mentions'
  | 'likes'
  | 'profiles'
  | 'follower-profiles'
  | 'classifying';

export interface XCollectProgress {
  phase: XAuditPhase;
  /** Pages read so far in this audit, over every stream. */
  pages: number;
  /** Accounts read so far (following list or looked up). */
  accounts: number;
  /** What a profile lookup will cost, told before the first lookup call: ids to look up, of them already cached, and calls. */
  lookup?: { ids: number; cached: number; calls: number };
}

/** The most followed accounts one audit reads unless told otherwise (`TEND_MAX_FOLLOWING`). */
const DEFAULT_MAX_FOLLOWING = 50_000;

export interface XCollectDeps {
  client: TwitterApi;
  checkpoints: CheckpointStore;
  /**
   * Public profiles read recently (by anyone): reused instead of paid for again. Where it `keeps`
   * them, the checkpoint of the following list holds ids only, and the profiles are read back from it.
   */
  profileCache?: {
    readonly keeps: boolean;
    fresh(ids: readonly string[], now: number): Promise<Map<string, XUserV2>>;
    put(users: readonly XUserV2[], now: number): Promise<void>;
  };
  now: () => number;
  /**
   * Throws when the run may no longer write (its job lock lost, its person forgotten): asked before
   * the first thing a run saves, so a run that starts just after /forget or a lost lock recreates no key.
   */
  guard?: () => Promise<void>;
  progress?: (p: XCollectProgress) => Promise<void> | void;
  /** With `meter` (the client's), what each call read is charged to the budget. */
  budget?: ReadBudget;
  meter?: XMeter;
}

export interface XCollectPlan {
  personId: string;
  auditId: string;
  /** Pages of each timeline (own posts, mentions, likes) to read; 0 reads none. */
  interactionPages: number;
  /**
   * The following list of a recent audit, still fresh: with every profile in the cache, the list is
   * not read again.
   */
  recentFollowing?: { id: string; followsOwner: boolean | null }[] | null;
  /** At most this many followed accounts are read, the most recent follows first; default DEFAULT_MAX_FOLLOWING. */
  maxFollowing?: number;
}

/**
 * X's answer to the last page before a window closes already says none are left and when the window
 * resets: waiting then, rather than asking again for a 429, saves a call per window.
 */
export class RateLimitReached extends Error {
  override readonly name = 'RateLimitReached';
  constructor(
    readonly resetAt: number,
    /** X's rate limit, or the operator's daily budget of X reads (ReadBudget). */
    readonly limit: 'x_rate_limit' | 'read_budget' = 'x_rate_limit',
  ) {
    super(
      `${limit === 'read_budget' ? "Tend's daily budget of X reads" : "X's rate limit"} is spent until ${new Date(resetAt).toISOString()}`,
    );
  }
}

interface FetchedStreamPage<T> {
  items: T[];
  next: string | null;
  rateLimit?: RateLimitInfo | null;
}

interface TimelineItem {
  events: InteractionEvent[];
  texts: string[];
}

/**
 * A followed account as the checkpoint keeps it: its id and whether it follows back. The profile is
 * kept too only where no profile cache holds it (the cache would hold it a second time).
 */
interface FollowingItem {
  id: string;
  followsOwner: boolean | null;
  user?: XUserV2;
}

/** The meter where the calls of one part of an audit began (earlier versions kept no `refused`). */
interface CostBase {
  calls: number;
  users: number;
  refused?: number;
}

/** What the calls of one part of an audit cost: the calls X answered, the accounts read, the calls refused. */
export interface ReadCost {
  calls: number;
  users: number;
  refused?: number;
}

/** X's public counts of the owner, which bound how many pages its lists can take. */
interface OwnerCounts {
  following: number | null;
  followers: number | null;
  /** When they were read (`deps.now()`), however long the audit then waits on X; null: not known. */
  readAt: number | null;
}

/** The owner's profile as checkpointed: with when it was read (older checkpoints hold the bare user). */
type MeRead = { user: XUserV2; readAt: number } | XUserV2;

const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
const pagesFor = (accounts: number) => Math.max(1, Math.ceil(accounts / FOLLOWS_PAGE_SIZE));
const LIST_WORDS: Record<string, string> = {
  following: 'the accounts you follow',
  followers: 'your followers',
};

class Collector {
  private pages = 0;
  private accounts = 0;
  private lookupPlan: XCollectProgress['lookup'];
  private charged: number;
  /** Profiles of the following pages read by this run, so a run that does not resume needs no cache. */
  private readonly usersRead = new Map<string, XUserV2>();

  constructor(
    private readonly deps: XCollectDeps,
    private readonly plan: XCollectPlan,
  ) {
    this.charged = this.billed();
  }

  private billed(): number {
    return this.deps.meter ? this.deps.meter.users + this.deps.meter.posts : 0;
  }

  private async report(phase: XAuditPhase): Promise<void> {
    await this.deps.progress?.({
      phase,
      pages: this.pages,
      accounts: this.accounts,
      ...(this.lookupPlan ? { lookup: this.lookupPlan } : {}),
    });
  }

  /**
   * Says something about the data in the report's warnings. Notes are kept at the checkpoint, so a
   * resumed audit still reports what an earlier run of it saw.
   */
  async note(text: string): Promise<void> {
    const { personId, auditId } = this.plan;
    const state = await this.deps.checkpoints.stream(personId, auditId, 'notes');
    await this.deps.checkpoints.savePage(personId, auditId, 'notes', {
      after: state.cursor,
      next: `n${state.pages + 1}`,
      items: [text],
    });
  }

  async notes(): Promise<string[]> {
    return [
      ...new Set(await this.deps.checkpoints.items<string>(this.plan.personId, this.plan.auditId, 'notes')),
    ];
  }

  /**
   * The meter as it stood when the calls of `name` began, kept at the checkpoint: what they cost is the
   * meter's growth since, so a run that resumes them after a crash reports the calls of every run.
   */
  async costBase(name: string): Promise<CostBase> {
    const { personId, auditId } = this.plan;
    const stream = `${name}-cost-base`;
    const state = await this.deps.checkpoints.stream(personId, auditId, stream);
    if (state.done) {
      const [base] = await this.deps.checkpoints.items<CostBase>(personId, auditId, stream);
      if (base) return base;
    }
    const base = {
      calls: this.deps.meter?.calls ?? 0,
      users: this.deps.meter?.users ?? 0,
      refused: this.deps.meter?.refused ?? 0,
    };
    await this.deps.guard?.();
    await this.deps.checkpoints.savePage(personId, auditId, stream, {
      after: null,
      next: null,
      items: [base],
    });
    return base;
  }

  /**
   * What the calls of `name` cost so far: the meter's growth since `costBase`. `calls` are those X
   * answered with what was asked (billed by the objects read); the calls it refused or never answered
   * read nothing and are not billed: they are `refused`, apart, where there were any.
   */
  costSince(base: CostBase): ReadCost {
    const meter = this.deps.meter;
    if (!meter) return { calls: 0, users: 0 };
    const refused = (meter.refused ?? 0) - (base.refused ?? 0);
    return {
      calls: meter.calls - base.calls - refused,
      users: meter.users - base.users,
      ...(refused > 0 ? { refused } : {}),
    };
  }

  private async spend<T>(call: () => Promise<T>): Promise<T> {
    const { budget } = this.deps;
    if (!budget) return call();
    const renews = await budget.spentUntil(this.deps.now());
    if (renews !== null) throw new RateLimitReached(renews, 'read_budget');
    try {
      return await call();
    } finally {
      const billed = this.billed();
      if (billed > this.charged) await budget.charge(billed - this.charged, this.deps.now());
      this.charged = billed;
    }
  }

  /**
   * Reads a paginated stream to its end, from where its checkpoint stands. `fetch` gets the cursor and
   * returns the page's items and the next cursor (null after the last page). A stream ends too where
   * X names a cursor already read (it would serve the same page for ever), and after `maxPages`: the
   * most its list can take. `what` words the list for the note that says so, and `counted` is the
   * count the bound comes from (none: the bound is a cap, already noted).
   */
  async stream<T>(
    name: string,
    phase: XAuditPhase,
    fetch: (cursor: string | null, pagesRead: number, itemsRead: number) => Promise<FetchedStreamPage<T>>,
    bound: { maxPages: number; what?: string; counted?: number } = { maxPages: Number.POSITIVE_INFINITY },
  ): Promise<T[]> {
    const { personId, auditId } = this.plan;
    let state = await this.deps.checkpoints.stream(personId, auditId, name);
    this.pages += state.pages;
    if (phase === 'following') this.accounts += state.items;
    await this.report(phase);
    const asked = new Set<string | null>();
    while (!state.done) {
      asked.add(state.cursor);
      const page = await this.spend(() => fetch(state.cursor, state.pages, state.items));
      let next = page.next;
      if (next !== null && asked.has(next)) {
        next = null;
        await this.note(
          `X offered a page of ${bound.what ?? name} a second time; Tend stopped reading there, after ${count(state.pages + 1, 'page')}.`,
        );
      } else if (next !== null && state.pages + 1 >= bound.maxPages) {
        next = null;
        if (bound.counted !== undefined) {
          await this.note(
            `X offered more pages of ${bound.what ?? name} than the ${bound.counted.toLocaleString('en-US')} your profile counts need; Tend stopped after ${count(state.pages + 1, 'page')}.`,
          );
        }
      }
      await this.deps.checkpoints.savePage(personId, auditId, name, {
        after: state.cursor,
        next,
        items: page.items,
      });
      this.pages += 1;
      if (phase === 'following' || phase === 'profiles') this.accounts += page.items.length;
      await this.report(phase);
      state = await this.deps.checkpoints.stream(personId, auditId, name);
      if (!state.done && page.rateLimit && page.rateLimit.remaining === 0)
        throw new RateLimitReached(page.rateLimit.resetAt);
    }
    return this.deps.checkpoints.items<T>(personId, auditId, name);
  }

  async owner(): Promise<{ owner: Owner & { id: string }; bio: string | null; counts: OwnerCounts }> {
    const [read] = await this.stream<MeRead>('me', 'profile', async () => ({
      items: [{ user: (await fetchMe(this.deps.client)).user, readAt: this.deps.now() }],
      next: null,
    }));
    const { user: me, readAt } = 'user' in read! ? read : { user: read!, readAt: null };
    const profile = profileFromXUser(me);
    return {
      owner: { id: me.id, handle: me.username, name: me.name ?? null },
      bio: profile.bio ?? null,
      counts: {
        following: profile.followingCount ?? null,
        followers: profile.followersCount ?? null,
        readAt,
      },
    };
  }

  private get maxFollowing(): number {
    return this.plan.maxFollowing ?? DEFAULT_MAX_FOLLOWING;
  }

  /**
   * How many pages a list may take: what its count needs, and one more for follows made while the
   * audit reads (X's counts lag a little); never more than the cap on followed accounts needs.
   */
  private listBound(
    list: 'following' | 'followers',
    counted: number | null,
  ): { maxPages: number; what: string; counted?: number } {
    const what = LIST_WORDS[list]!;
    if (list === 'following' && (counted === null || counted > this.maxFollowing))
      return { maxPages: pagesFor(this.maxFollowing), what };
    return counted === null
      ? { maxPages: Number.POSITIVE_INFINITY, what }
      : { maxPages: pagesFor(counted) + 1, what, counted };
  }

  /** The following list with profiles: from a fresh recent audit and the cache, else read page by page. */
  async following(
    ownerId: string,
    counts: OwnerCounts,
  ): Promise<{
    accounts: { id: string; handle: string | null; profile: Profile }[];
    followsOwner: Map<string, boolean | null>;
  }> {
    const recent = this.plan.recentFollowing;
    const cache = this.deps.profileCache;
    if (recent && cache) {
      const cached = await cache.fresh(
        recent.map((f) => f.id),
        this.deps.now(),
      );
      if (cached.size === recent.length) {
        this.accounts += recent.length;
        await this.report('following');
        return this.withProfiles(recent, cached);
      }
    }
    if (counts.following !== null && counts.following > this.maxFollowing) {
      await this.note(
        `You follow ${count(counts.following, 'account')}; Tend audits at most ${count(this.maxFollowing, 'account')} at a time, so this audit covers the ${this.maxFollowing.toLocaleString('en-US')} you followed most recently.`,
      );
    }
    const items = await this.stream<FollowingItem>(
      'following',
      'following',
      async (cursor) => {
        const page = await fetchFollowingPage(this.deps.client, ownerId, cursor);
        const kept = cache?.keeps === true;
        if (kept) await cache.put(page.users, this.deps.now());
        for (const user of page.users) this.usersRead.set(user.id, user);
        const pageItems = page.users.map((user): FollowingItem => ({
          id: user.id,
          followsOwner: profileFromXUser(user).followsOwner ?? null,
          ...(kept ? {} : { user }),
        }));
        return { items: pageItems, next: page.nextToken, rateLimit: page.rateLimit };
      },
      this.listBound('following', counts.following),
    );
    const unique = [...new Map(items.map((item) => [item.id, item])).values()].slice(0, this.maxFollowing);
    const known = new Map<string, XUserV2>();
    for (const item of unique) {
      const user = this.usersRead.get(item.id) ?? item.user;
      if (user) known.set(item.id, user);
    }
    const cached =
      cache && known.size < unique.length
        ? await cache.fresh(
            unique.filter((i) => !known.has(i.id)).map((i) => i.id),
            this.deps.now(),
          )
        : new Map<string, XUserV2>();
    for (const [id, user] of cached) known.set(id, user);
    return this.withProfiles(unique, known);
  }

  /**
   * Joins the followed ids to their profiles. A profile neither read by this run nor cached any more
   * (a resumed audit after the cache's freshness ran out) is looked up, 100 a call.
   */
  private async withProfiles(
    items: readonly { id: string; followsOwner: boolean | null }[],
    users: ReadonlyMap<string, XUserV2>,
  ) {
    const missing = items.filter((item) => !users.has(item.id)).map((item) => item.id);
    const lookedUp =
      missing.length > 0 ? await this.lookup(missing, 'following-profiles') : new Map<string, Profile>();
    const accounts = items.flatMap((item) => {
      const user = users.get(item.id);
      const profile = user ? profileFromXUser(user) : lookedUp.get(item.id);
      if (!profile) return [];
      return [
        {
          id: item.id,
          handle: profile.handle ?? null,
          profile: { ...profile, followsOwner: item.followsOwner },
        },
      ];
    });
    return { accounts, followsOwner: new Map(items.map((item) => [item.id, item.followsOwner])) };
  }

  /** Read only where `connection_status` did not say who follows back: it costs a call per 1,000 followers. */
  async followers(ownerId: string, counts: OwnerCounts): Promise<{ ids: Set<string>; handles: Set<string> }> {
    const pairs = await this.stream<[string, string]>(
      'followers',
      'followers',
      async (cursor) => {
        const page = await fetchFollowersPage(this.deps.client, ownerId, cursor);
        return {
          items: page.ids.map((id, i) => [id, page.handles[i]!] as [string, string]),
          next: page.nextToken,
          rateLimit: page.rateLimit,
        };
      },
      this.listBound('followers', counts.followers),
    );
    return { ids: new Set(pairs.map(([id]) => id)), handles: new Set(pairs.map(([, handle]) => handle)) };
  }

  async timeline(kind: TimelineKind, owner: Owner & { id: string }): Promise<TimelineItem[]> {
    const depth = { maxPages: this.plan.interactionPages };
    if (depth.maxPages <= 0) return [];
    return this.stream<TimelineItem>(
      kind,
      kind,
      async (cursor, pagesRead) => {
        const page = await fetchTimelinePage(this.deps.client, kind, owner, cursor, depth);
        return {
          items: [{ events: page.events, texts: page.texts }],
          next: nextTimelineToken(depth, pagesRead + 1, page),
          rateLimit: page.rateLimit,
        };
      },
      { maxPages: depth.maxPages, what: kind === 'posts' ? 'your posts' : `your ${kind}` },
    );
  }

  /**
   * The ids a lookup asks X for, fixed by its first run: a run that resumes it finds the profiles the
   * earlier run looked up in the cache now, and batching what is left afresh would shift the batches
   * under the saved cursor, so ids would be skipped. Without a cache nothing changes between runs.
   */
  private async toLookUp(name: string, missing: string[]): Promise<string[]> {
    if (!this.deps.profileCache) return missing;
    const { personId, auditId } = this.plan;
    const stream = `${name}-ids`;
    if ((await this.deps.checkpoints.stream(personId, auditId, stream)).done)
      return this.deps.checkpoints.items<string>(personId, auditId, stream);
    await this.deps.checkpoints.savePage(personId, auditId, stream, {
      after: null,
      next: null,
      items: missing,
    });
    return missing;
  }

  /**
   * Profiles for ids known without one (an archive's), 100 per lookup call, the cache first; a lookup
   * error saying the account is gone becomes a gone profile. What it will cost is told before the
   * first call.
   */
  async lookup(
    ids: readonly string[],
    name = 'lookup',
    phase: 'profiles' | 'follower-profiles' = 'profiles',
    /** Ids to ask X about afresh whatever the cache holds: the cache keeps no follow status. */
    uncached: ReadonlySet<string> = new Set(),
  ): Promise<Map<string, Profile>> {
    const profiles = new Map<string, Profile>();
    const cached = this.deps.profileCache
      ? await this.deps.profileCache.fresh(
          ids.filter((id) => !uncached.has(id)),
          this.deps.now(),
        )
      : new Map<string, XUserV2>();
    for (const [id, user] of cached) profiles.set(id, profileFromXUser(user));
    const missing = await this.toLookUp(
      name,
      ids.filter((id) => !cached.has(id)),
    );
    if (missing.length === 0) return profiles;
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += LOOKUP_BATCH) batches.push(missing.slice(i, i + LOOKUP_BATCH));
    this.lookupPlan = { ids: ids.length, cached: cached.size, calls: batches.length };
    // The cursor is the index of the next batch: the ids are fixed for the audit, so it resumes exactly.
    const found = await this.stream<Profile>(
      name,
      phase,
      async (cursor) => {
        const at = cursor === null ? 0 : Number(cursor);
        if (at >= batches.length) return { items: [], next: null };
        const result = await hydrateIds(this.deps.client, batches[at]!);
        await this.deps.profileCache?.put(result.users, this.deps.now());
        return {
          items: result.profiles,
          next: at + 1 < batches.length ? String(at + 1) : null,
          rateLimit: result.rateLimit,
        };
      },
      { maxPages: batches.length },
    );
    for (const p of found) if (p.id) profiles.set(p.id, p);
    return profiles;
  }
}

export interface XCollected {
  imported: ImportedExport;
  /** The following list as read, for the next audit's reuse within the freshness window. */
  following: { id: string; followsOwner: boolean | null }[];
  /** How many follow the owner, as X counts them: what reading the newest of them would cost is worked from it. */
  ownerFollowers: number | null;
  /**
   * When X gave that count (the first `users/me` of the audit, checkpointed): a retry or a wait on X's
   * limits can make it hours older than the report. Null where not known.
   */
  ownerFollowersAt: number | null;
}

/** Everything an X API audit reads, turned into the same `ImportedExport` an archive becomes. */
export async function collectFromX(deps: XCollectDeps, plan: XCollectPlan): Promise<XCollected> {
  const collector = new Collector(deps, plan);
  const { owner, bio, counts } = await collector.owner();
  const { accounts, followsOwner } = await collector.following(owner.id, counts);
  const unknownFollowBack = accounts.some((a) => followsOwner.get(a.id) === null);
  const followers = unknownFollowBack ? await collector.followers(owner.id, counts) : null;

  const ledger = emptyLedger();
  const ownerTexts = { bio, posts: [] as string[], likes: [] as string[] };
  for (const kind of TIMELINE_KINDS) {
    const pages = await collector.timeline(kind, owner);
    if (pages.length > 0) ledger.sources.push(kind === 'posts' ? 'own posts' : kind);
    for (const page of pages) {
      for (const event of page.events) recordEvent(ledger, event);
      if (kind === 'posts') ownerTexts.posts.push(...page.texts);
      if (kind === 'likes') ownerTexts.likes.push(...page.texts);
    }
  }

  const following: FollowedAccount[] = accounts.map(({ id, handle, profile }) => ({
    key: id,
    id,
    handle,
    profile,
  }));
  return {
    imported: {
      platform: 'x',
      owner,
      following,
      followers,
      ledger,
      ownerTexts,
      keepCandidates: [],
      muted: new Set(),
      blocked: new Set(),
      pendingRequests: [],
      generatedAt: deps.now(),
      warnings: await collector.notes(),
      unreadable: [],
    },
    following: accounts.map((a) => ({ id: a.id, followsOwner: followsOwner.get(a.id) ?? null })),
    ownerFollowers: counts.followers,
    ownerFollowersAt: counts.followers === null ? null : counts.readAt,
  };
}

/** Profiles for an archive's followed ids, for an archive audit that asked for them (each costs money). */
export async function lookupProfiles(
  deps: XCollectDeps,
  plan: XCollectPlan,
  ids: readonly string[],
): Promise<Map<string, Profile>> {
  return new Collector(deps, plan).lookup(ids);
}

export interface ArchiveLookupGuard {
  /** The X account the archive is of (its account.js); null when the archive does not say. */
  archiveOwnerId: string | null;
  /** At most this many ids are looked up; default DEFAULT_MAX_FOLLOWING. */
  maxFollowing?: number;
}

/**
 * Profiles for an uploaded archive's followed ids, paid for by the operator: looked up only when the
 * archive is of the X account the credentials speak for (one `users/me`), and no more of them than
 * that account follows now (an archive lists its follows newest first, so the ids beyond are old
 * follows or ids nobody follows). The warnings say what was not looked up, and why.
 */
export async function lookupArchiveProfiles(
  deps: XCollectDeps,
  plan: XCollectPlan,
  ids: readonly string[],
  guard: ArchiveLookupGuard,
): Promise<{ profiles: Map<string, Profile>; warnings: string[] }> {
  const collector = new Collector(deps, plan);
  const { owner, counts } = await collector.owner();
  if (guard.archiveOwnerId !== owner.id) {
    return {
      profiles: new Map(),
      warnings: [
        `This archive is not of your linked X account (@${owner.handle}), so Tend looked up none of its accounts' profiles: it looks up profiles only for your own archive.`,
      ],
    };
  }
  const unique = [...new Set(ids)];
  const max = Math.min(
    counts.following ?? Number.POSITIVE_INFINITY,
    guard.maxFollowing ?? DEFAULT_MAX_FOLLOWING,
  );
  const chosen = unique.slice(0, max);
  const warnings: string[] = [];
  if (chosen.length < unique.length) {
    const why =
      counts.following !== null && counts.following <= (guard.maxFollowing ?? DEFAULT_MAX_FOLLOWING)
        ? `your X account follows ${count(counts.following, 'account')} now`
        : `Tend looks up at most ${count(max, 'account')}`;
    warnings.push(
      `The archive lists ${count(unique.length, 'followed account')}, but ${why}: Tend looked up the ${max.toLocaleString('en-US')} most recent and judged the others without a profile.`,
    );
  }
  return { profiles: await collector.lookup(chosen), warnings: [...warnings, ...(await collector.notes())] };
}

/**
 * Profiles of an uploaded archive's followers, for the followers audit the person confirmed the cost of:
 * looked up only when the archive is of the linked X account, the cache first for the sample. The
 * re-checks of followers missing since the last audit are asked of X afresh: only a fresh lookup's
 * `connection_status` says whether one still follows, and the cache keeps none. `cost` is what the
 * lookups were billed over every run of the job (a resumed run counts the calls of the one before),
 * the figure the person was shown before.
 */
export async function lookupFollowerProfiles(
  deps: XCollectDeps & { meter: XMeter },
  plan: XCollectPlan,
  ids: readonly string[],
  archiveOwnerId: string | null,
  recheck: readonly string[] = [],
): Promise<{ profiles: Map<string, Profile>; warnings: string[]; cost: ReadCost }> {
  const collector = new Collector(deps, plan);
  const { owner } = await collector.owner();
  if (archiveOwnerId !== owner.id)
    return {
      profiles: new Map(),
      warnings: [
        `This archive is not of your linked X account (@${owner.handle}), so Tend looked up none of its followers: it looks up followers only for your own archive.`,
      ],
      cost: { calls: 0, users: 0 },
    };
  const base = await collector.costBase('follower-profiles');
  const profiles = await collector.lookup(
    [...new Set(ids)],
    'follower-profiles',
    'follower-profiles',
    new Set(recheck),
  );
  return { profiles, warnings: [], cost: collector.costSince(base) };
}

/** A page of the newest followers as the checkpoint keeps it: ids, and the users where no cache keeps them. */
interface NewestFollowersPage {
  ids: string[];
  users?: XUserV2[];
  /** X named no next page: the list ended here. */
  last: boolean;
}

/**
 * The owner's newest followers through the X API alone, with their profiles, newest first: at most
 * `maxUsers` (what the person confirmed), 1,000 a page, a page asked for no more than is left to read,
 * each page saved at the checkpoint before the next is asked for. No `users/me`: the owner is the one
 * of the audit this completes, which the caller checks against the linked account, so the calls made
 * are exactly the pages the person was shown. `cost` counts every run of the job.
 */
export async function readNewestFollowers(
  deps: XCollectDeps & { meter: XMeter },
  plan: XCollectPlan,
  ownerId: string,
  maxUsers: number,
): Promise<{
  ids: string[];
  profiles: Map<string, Profile>;
  complete: boolean;
  cost: ReadCost;
}> {
  const collector = new Collector(deps, plan);
  const cache = deps.profileCache;
  const read = new Map<string, XUserV2>();
  const base = await collector.costBase('newest-followers');
  const pages =
    maxUsers <= 0
      ? []
      : await collector.stream<NewestFollowersPage>(
          'newest-followers',
          'followers',
          async (cursor, pagesRead) => {
            const left = maxUsers - pagesRead * FOLLOWS_PAGE_SIZE;
            const page = await fetchFollowerProfilesPage(
              deps.client,
              ownerId,
              cursor,
              Math.min(FOLLOWS_PAGE_SIZE, Math.max(1, left)),
            );
            const kept = cache?.keeps === true;
            if (kept) await cache.put(page.users, deps.now());
            for (const user of page.users) read.set(user.id, user);
            return {
              items: [
                {
                  ids: page.users.map((u) => u.id),
                  ...(kept ? {} : { users: page.users }),
                  last: page.nextToken === null,
                },
              ],
              next: page.nextToken,
              rateLimit: page.rateLimit,
            };
          },
          { maxPages: Math.ceil(maxUsers / FOLLOWS_PAGE_SIZE), what: 'your followers' },
        );
  const ids = [...new Set(pages.flatMap((p) => p.ids))].slice(0, maxUsers);
  for (const page of pages) for (const user of page.users ?? []) read.set(user.id, user);
  const unread = ids.filter((id) => !read.has(id));
  const cached =
    cache && unread.length > 0 ? await cache.fresh(unread, deps.now()) : new Map<string, XUserV2>();
  const profiles = new Map<string, Profile>();
  for (const id of ids) {
    const user = read.get(id) ?? cached.get(id);
    if (user) profiles.set(id, { ...profileFromXUser(user), followsOwner: true });
  }
  return {
    ids,
    profiles,
    complete: pages.at(-1)?.last === true,
    cost: collector.costSince(base),
  };
}
