import type { TwitterApi } from 'twitter-api-v2';
import type { FollowedAccount, ImportedExport, InteractionEvent, Owner, Profile } from '../model.js';
import { emptyLedger, recordEvent } from '../ledger.js';
import { fetchFollowersPage, fetchFollowingPage, fetchMe, hydrateIds, LOOKUP_BATCH, type RateLimitInfo } from '../sources/x-api.js';
import { fetchTimelinePage, nextTimelineToken } from '../sources/x-timelines.js';
import { TIMELINE_KINDS, type TimelineKind } from '../sources/x-interactions.js';
import { profileFromXUser, type XUserV2 } from '../sources/x-user.js';
import type { CheckpointStore } from './checkpoint-store.js';

/**
 * Reads what an X audit needs through the API, one page at a time, saving each page at a checkpoint
 * before the next is asked for: a crash, a restart or a rate limit resumes where it stopped and never
 * pays for a page twice. Errors propagate as twitter-api-v2 throws them; the caller sorts them
 * (x-errors.ts) and decides: the worker delays the job, the CLI waits.
 */

/** What an audit is doing: reading through X, or fetching and reading an upload, then classifying. */
export type XAuditPhase = 'downloading' | 'reading' | 'profile' | 'following' | 'followers' | 'posts' | 'mentions' | 'likes' | 'profiles' | 'classifying';

export interface XCollectProgress {
  phase: XAuditPhase;
  /** Pages read so far in this audit, over every stream. */
  pages: number;
  /** Accounts read so far (following list or looked up). */
  accounts: number;
}

export interface XCollectDeps {
  client: TwitterApi;
  checkpoints: CheckpointStore;
  /** Public profiles read recently (by anyone): reused instead of paid for again. */
  profileCache?: { fresh(ids: readonly string[], now: number): Promise<Map<string, XUserV2>>; put(users: readonly XUserV2[], now: number): Promise<void> };
  now: () => number;
  progress?: (p: XCollectProgress) => Promise<void> | void;
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
}

/**
 * X's answer to the last page before a window closes already says none are left and when the window
 * resets: waiting then, rather than asking again for a 429, saves a call per window.
 */
export class RateLimitReached extends Error {
  override readonly name = 'RateLimitReached';
  constructor(readonly resetAt: number) {
    super(`X's rate limit is spent until ${new Date(resetAt).toISOString()}`);
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


class Collector {
  private pages = 0;
  private accounts = 0;

  constructor(
    private readonly deps: XCollectDeps,
    private readonly plan: XCollectPlan,
  ) {}

  private async report(phase: XAuditPhase): Promise<void> {
    await this.deps.progress?.({ phase, pages: this.pages, accounts: this.accounts });
  }

  /**
   * Reads a paginated stream to its end, from where its checkpoint stands. `fetch` gets the cursor and
   * returns the page's items and the next cursor (null after the last page).
   */
  async stream<T>(name: string, phase: XAuditPhase, fetch: (cursor: string | null, pagesRead: number) => Promise<FetchedStreamPage<T>>): Promise<T[]> {
    const { personId, auditId } = this.plan;
    let state = await this.deps.checkpoints.stream(personId, auditId, name);
    this.pages += state.pages;
    if (phase === 'following') this.accounts += state.items;
    await this.report(phase);
    while (!state.done) {
      const page = await fetch(state.cursor, state.pages);
      await this.deps.checkpoints.savePage(personId, auditId, name, { after: state.cursor, next: page.next, items: page.items });
      this.pages += 1;
      if (phase === 'following' || phase === 'profiles') this.accounts += page.items.length;
      await this.report(phase);
      state = await this.deps.checkpoints.stream(personId, auditId, name);
      if (!state.done && page.rateLimit && page.rateLimit.remaining === 0) throw new RateLimitReached(page.rateLimit.resetAt);
    }
    return this.deps.checkpoints.items<T>(personId, auditId, name);
  }

  async owner(): Promise<{ owner: Owner & { id: string }; bio: string | null }> {
    const [me] = await this.stream<XUserV2>('me', 'profile', async () => ({ items: [(await fetchMe(this.deps.client)).user], next: null }));
    const profile = profileFromXUser(me!);
    return { owner: { id: me!.id, handle: me!.username, name: me!.name ?? null }, bio: profile.bio ?? null };
  }

  /** The following list with profiles: from a fresh recent audit and the cache, else read page by page. */
  async following(ownerId: string): Promise<{ users: XUserV2[]; followsOwner: Map<string, boolean | null> }> {
    const recent = this.plan.recentFollowing;
    if (recent && this.deps.profileCache) {
      const cached = await this.deps.profileCache.fresh(recent.map((f) => f.id), this.deps.now());
      if (cached.size === recent.length) {
        this.accounts += recent.length;
        await this.report('following');
        return { users: recent.map((f) => cached.get(f.id)!), followsOwner: new Map(recent.map((f) => [f.id, f.followsOwner])) };
      }
    }
    const users = await this.stream<XUserV2>('following', 'following', async (cursor) => {
      const page = await fetchFollowingPage(this.deps.client, ownerId, cursor);
      await this.deps.profileCache?.put(page.users, this.deps.now());
      return { items: page.users, next: page.nextToken, rateLimit: page.rateLimit };
    });
    return { users, followsOwner: new Map(users.map((u) => [u.id, profileFromXUser(u).followsOwner ?? null])) };
  }

  /** Read only where `connection_status` did not say who follows back: it costs a call per 1,000 followers. */
  async followers(ownerId: string): Promise<{ ids: Set<string>; handles: Set<string> }> {
    const pairs = await this.stream<[string, string]>('followers', 'followers', async (cursor) => {
      const page = await fetchFollowersPage(this.deps.client, ownerId, cursor);
      return { items: page.ids.map((id, i) => [id, page.handles[i]!] as [string, string]), next: page.nextToken, rateLimit: page.rateLimit };
    });
    return { ids: new Set(pairs.map(([id]) => id)), handles: new Set(pairs.map(([, handle]) => handle)) };
  }

  async timeline(kind: TimelineKind, owner: Owner & { id: string }): Promise<TimelineItem[]> {
    const depth = { maxPages: this.plan.interactionPages };
    if (depth.maxPages <= 0) return [];
    return this.stream<TimelineItem>(kind, kind, async (cursor, pagesRead) => {
      const page = await fetchTimelinePage(this.deps.client, kind, owner, cursor, depth);
      return { items: [{ events: page.events, texts: page.texts }], next: nextTimelineToken(depth, pagesRead + 1, page), rateLimit: page.rateLimit };
    });
  }

  /**
   * Profiles for ids known without one (an archive's), 100 per lookup call, the cache first; a lookup
   * error saying the account is gone becomes a gone profile.
   */
  async lookup(ids: readonly string[]): Promise<Map<string, Profile>> {
    const profiles = new Map<string, Profile>();
    const cached = this.deps.profileCache ? await this.deps.profileCache.fresh(ids, this.deps.now()) : new Map<string, XUserV2>();
    for (const [id, user] of cached) profiles.set(id, profileFromXUser(user));
    const missing = ids.filter((id) => !cached.has(id));
    if (missing.length === 0) return profiles;
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += LOOKUP_BATCH) batches.push(missing.slice(i, i + LOOKUP_BATCH));
    // The cursor is the index of the next batch: the ids are fixed for the audit, so it resumes exactly.
    const found = await this.stream<Profile>('lookup', 'profiles', async (cursor) => {
      const at = cursor === null ? 0 : Number(cursor);
      if (at >= batches.length) return { items: [], next: null };
      const result = await hydrateIds(this.deps.client, batches[at]!);
      await this.deps.profileCache?.put(result.users, this.deps.now());
      return { items: result.profiles, next: at + 1 < batches.length ? String(at + 1) : null, rateLimit: result.rateLimit };
    });
    for (const p of found) if (p.id) profiles.set(p.id, p);
    return profiles;
  }
}

export interface XCollected {
  imported: ImportedExport;
  /** The following list as read, for the next audit's reuse within the freshness window. */
  following: { id: string; followsOwner: boolean | null }[];
}

/** Everything an X API audit reads, turned into the same `ImportedExport` an archive becomes. */
export async function collectFromX(deps: XCollectDeps, plan: XCollectPlan): Promise<XCollected> {
  const collector = new Collector(deps, plan);
  const { owner, bio } = await collector.owner();
  const { users, followsOwner } = await collector.following(owner.id);
  const unknownFollowBack = users.some((u) => followsOwner.get(u.id) === null);
  const followers = unknownFollowBack ? await collector.followers(owner.id) : null;

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

  const following: FollowedAccount[] = users.map((user) => {
    const profile = { ...profileFromXUser(user), followsOwner: followsOwner.get(user.id) ?? null };
    return { key: user.id, id: user.id, handle: user.username, profile };
  });
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
      warnings: [],
      unreadable: [],
    },
    following: users.map((u) => ({ id: u.id, followsOwner: followsOwner.get(u.id) ?? null })),
  };
}

/** Profiles for an archive's followed ids, for an archive audit that asked for them (each costs money). */
export async function lookupProfiles(deps: XCollectDeps, plan: XCollectPlan, ids: readonly string[]): Promise<Map<string, Profile>> {
  return new Collector(deps, plan).lookup(ids);
}
