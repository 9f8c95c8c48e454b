/**
 * The normalized model of an audit: what every source (X archive, Instagram export, profile snapshot,
 * later the X API) is turned into, and what the engine reads. Plain data only: no classes, no I/O.
 * Times are epoch milliseconds; ids are strings (X ids exceed 2^53).
 */
import botModel from './engine/bot-model.json' with { type: 'json' };

/** A day in epoch milliseconds: the one definition every part of Tend counts days with. */
export const DAY_MS = 86_400_000;

export type Platform = 'x' | 'instagram';

export const CATEGORIES = [
  'not_following_back',
  'bot',
  'low_interaction',
  'off_topic',
  'dormant',
  'gone',
  'duplicate',
  'neglected',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const VERDICTS = ['unfollow', 'review', 'nurture', 'keep'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why an account can no longer be seen on the platform. */
export type GoneKind =
  | 'suspended'
  | 'deactivated'
  | 'deleted'
  | 'withheld'
  | 'unauthorized'
  /** Instagram: the profile lookup found no one by that username (deleted, deactivated, or renamed). */
  | 'not_found';

/** What is known of an account's public profile. Every field may be missing: sources differ. */
export interface Profile {
  id: string | null;
  handle: string | null;
  name?: string | null;
  bio?: string | null;
  /** The profile's website, expanded where the source gives the expansion. */
  url?: string | null;
  location?: string | null;
  createdAt?: number | null;
  protected?: boolean | null;
  verified?: boolean | null;
  defaultAvatar?: boolean | null;
  followersCount?: number | null;
  followingCount?: number | null;
  postCount?: number | null;
  likeCount?: number | null;
  listedCount?: number | null;
  mediaCount?: number | null;
  /** Time of the account's latest post, where known (X: from `most_recent_tweet_id`). */
  lastPostAt?: number | null;
  /** Texts of recent posts, newest first, where known. */
  recentPosts?: string[];
  /** From X `connection_status`: whether they follow the owner. Null/undefined when not returned. */
  followsOwner?: boolean | null;
  /** Set when the platform says the account is no longer there. */
  gone?: { kind: GoneKind; detail: string } | null;
}

/** One account the owner follows. `key` is unique within an audit: the id where known, else `@handle`. */
export interface FollowedAccount {
  key: string;
  id: string | null;
  /** Without `@`, as the platform spells it. */
  handle: string | null;
  followedAt?: number | null;
  profile: Profile | null;
}

export type InteractionKind =
  'reply' | 'mention' | 'quote' | 'repost' | 'like' | 'comment' | 'dm' | 'group_dm' | 'story';

/** `out`: the owner acted towards them; `in`: they acted towards the owner. */
export type Direction = 'out' | 'in';

/**
 * Who an event involves. Sources know an id, a handle, or both; the ledger joins them.
 * Handles are compared case-insensitively.
 */
export interface AccountRef {
  id?: string | null;
  handle?: string | null;
}

export interface InteractionEvent {
  who: AccountRef;
  kind: InteractionKind;
  direction: Direction;
  at: number;
}

/** Per direction: how many interactions, the latest one, and a decay-weighted sum (see ledger.ts). */
export interface DirectionStats {
  count: number;
  last: number | null;
  /** Sum of weight·2^((t − anchor)/half-life) over events (ledger.ts): mergeable and exact. */
  decay: number;
}

/**
 * What the ledger knows of one account, as its readers see it (`lookupEntry`, `entryView` in ledger.ts)
 * and as the store keeps it: built on reading from the ledger's packed entry, not kept in the ledger.
 */
export interface LedgerEntry {
  out: DirectionStats;
  in: DirectionStats;
  /** Latest time and count per kind, for reasons such as "you last replied 47 days ago". */
  kinds: Partial<Record<InteractionKind, { count: number; last: number }>>;
}

/**
 * How the ledger holds one account: its counts, times and sums as numbers in one array of doubles (the
 * layout is ledger.ts's), two objects where the nested form is five or more with their boxed numbers.
 * An import keeps tens of thousands of them, and the garbage collector walks each object many times.
 * Read it through ledger.ts (`entryView`, `lookupEntry`), make one with `packEntry`.
 */
export type PackedEntry = number[] & { readonly packedLedgerEntry: true };

/**
 * The interaction ledger. Keys are `id:<id>` or `@<lowercased handle>`; `aliases` maps lowercased
 * handles to ids learned from the sources (mentions carry both), so handle-only events join ids.
 */
export interface Ledger {
  entries: Map<string, PackedEntry>;
  aliases: Map<string, string>;
  /** Which interaction sources the data held, e.g. ['own posts', 'likes', 'direct messages']. */
  sources: string[];
}

export interface Interests {
  terms: string[];
  source: 'explicit' | 'inferred' | 'none';
  /** For inferred interests: what they were inferred from, and which words were left out and why. */
  note?: string;
}

/** Texts written or liked by the owner, used to infer interests when none are given. */
export interface OwnerTexts {
  bio: string | null;
  posts: string[];
  likes: string[];
}

export interface Owner {
  id: string | null;
  handle: string | null;
  name?: string | null;
}

/** What one export yielded: the raw material of an audit, before settings and `now` are applied. */
export interface ImportedExport {
  platform: Platform;
  owner: Owner;
  following: FollowedAccount[];
  /** Who follows the owner, or null when the source does not say. */
  followers: { ids: Set<string>; handles: Set<string> } | null;
  ledger: Ledger;
  ownerTexts: OwnerTexts;
  /** Accounts the source suggests keeping (Instagram close friends), as keys of `following` or handles. */
  keepCandidates: string[];
  /** Accounts the owner muted or blocked (X), lowercased handles or ids. */
  muted: Set<string>;
  blocked: Set<string>;
  /** Follow requests the owner sent that are still pending (Instagram), with when they were sent. */
  pendingRequests: { handle: string; at: number | null }[];
  /** When the export was made, where the source says. */
  generatedAt: number | null;
  warnings: string[];
  /** Entries that could not be read, per file, never dropped silently. */
  unreadable: { file: string; count: number; reason: string }[];
}

export interface Thresholds {
  /** No interaction either way within this many days → `low_interaction`. */
  interactionWindowDays: number;
  /** No post for this many days → `dormant`. */
  dormantDays: number;
  /** Bot score at or above this → `bot`. */
  botThreshold: number;
  /** Relevance below this (with text to judge) → `off_topic`. */
  relevanceThreshold: number;
  /** Quiet longer than the tier's cadence → `neglected`. */
  cadenceDays: { close: number; regular: number; casual: number };
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  interactionWindowDays: 180,
  dormantDays: 365,
  /** The bot model's own threshold, chosen with it for high precision on unseen sources (docs/MODEL.md). */
  botThreshold: botModel.threshold,
  relevanceThreshold: 0.2,
  cadenceDays: { close: 14, regular: 30, casual: 90 },
};

export interface AuditInput {
  platform: Platform;
  owner: Owner;
  following: FollowedAccount[];
  followers: { ids: Set<string>; handles: Set<string> } | null;
  ledger: Ledger;
  interests: Interests;
  ownerTexts: OwnerTexts;
  /** Ids and lowercased handles the owner wants kept whatever the signals. */
  keep: Set<string>;
  muted: Set<string>;
  now: number;
  thresholds: Thresholds;
  /** Notes from the import (unreadable entries, a stale export), carried into the report as they are. */
  warnings?: string[];
}

export interface AccountReport {
  id: string | null;
  handle: string | null;
  name: string | null;
  categories: Category[];
  /** One plain-words reason per category, in the order of `categories`, then any notes. */
  reasons: string[];
  verdict: Verdict;
  /** Why this verdict, in plain words. */
  verdictReason: string;
  botScore: number | null;
  lastActiveAt: string | null;
  lastInteractionAt: string | null;
  /** Recency- and reciprocity-weighted strength; 0 when there was never an interaction. */
  strength: number;
  tier: 'close' | 'regular' | 'casual' | null;
  /** For `duplicate`: the key of the account of the group to keep. */
  duplicateOf: string | null;
}

export interface AuditSummary {
  following: number;
  followers: number | null;
  byCategory: Record<Category, number>;
  byVerdict: Record<Verdict, number>;
  skippedChecks: string[];
}

export interface AuditReport {
  platform: Platform;
  owner: { id: string | null; handle: string | null };
  generatedAt: string;
  interests: Interests;
  accounts: AccountReport[];
  summary: AuditSummary;
  warnings: string[];
  /** For an audit through the X API: the calls it made and the objects it read (what X bills). */
  xUsage?: { calls: number; users: number; posts: number };
  /** The followers side, when asked for (`tend --followers`). */
  followers?: FollowersAudit;
}

// ---- Followers: the other side of the audit (docs/PRODUCT.md "Followers: the ones here to stay") ----

export const FOLLOWER_CATEGORIES = [
  'fake',
  'inactive',
  'engaged',
  'loyal',
  'new',
  'lost',
  'churner',
  'not_followed_back',
] as const;
export type FollowerCategory = (typeof FOLLOWER_CATEGORIES)[number];

/** One follower (or former follower, for `lost` and `churner`) with a category, and why. */
export interface FollowerReport {
  id: string | null;
  handle: string | null;
  name: string | null;
  categories: FollowerCategory[];
  /** One plain-words reason per category, in the order of `categories`. */
  reasons: string[];
  /** Null where no profile was judged (not in the sample, or too little known). */
  botScore: number | null;
  lastActiveAt: string | null;
  /** Their latest reply, mention, quote, repost or message to the person. */
  lastInteractionAt: string | null;
  strength: number;
  /** Whether the person follows them; null when the source does not say. */
  followedBack: boolean | null;
  /** Whether their profile was judged (fake, inactive): sampled and found. */
  judged: boolean;
}

/** A share of the followers, with its 95% interval (Wilson) where it is estimated from a sample. */
export interface ShareEstimate {
  count: number;
  /** How many followers the share is of: the sample judged, or all of them. */
  of: number;
  share: number;
  low: number;
  high: number;
  /** True when `of` is every follower in the population: no interval to speak of. */
  exact: boolean;
}

export interface FollowersSummary {
  /** Followers on record now (the whole list where the source gives it). */
  followers: number;
  /** What the shares describe: every follower, a uniform sample of them, or the newest N. */
  population: 'all' | 'sample' | 'newest';
  /** How many followers' profiles were drawn to be judged, and how many of those were judged. */
  sampled: number;
  judged: number;
  /** The audience's shape; `engaged` is exact (the ledger costs nothing), the others from the profiles judged. */
  shape: { genuine: ShareEstimate; engaged: ShareEstimate; fake: ShareEstimate; inactive: ShareEstimate };
  /** Followers listed with each category (fake and inactive among those judged). */
  byCategory: Record<FollowerCategory, number>;
  /** When the snapshot compared against was taken; null at a first followers audit. */
  previousAuditAt: string | null;
  /** Followers missing from this read whom nothing re-checked: not reported as lost. */
  unconfirmedLost: number;
  /** What the figures cannot say, in plain words. */
  notes: string[];
  /**
   * What the followers audit read on X (the calls X answered, the accounts read) and its price at X's
   * published rates; `refused`: the calls X refused or never answered, which read nothing and are not
   * billed (absent when none).
   */
  cost: { calls: number; users: number; dollars: number; refused?: number } | null;
  /**
   * What looking up the followers still unjudged (the rest of the sample, and the re-checks) would cost
   * at X's prices: what the bot offers to spend, with a button to confirm. Absent or null: nothing left.
   */
  unpaid?: { calls: number; users: number; dollars: number } | null;
  /**
   * Of an offer through the X API: when X's count in `followers` was read (ISO time), which the read
   * that completes the offer keeps only while fresh. Absent or null: not known (an older report).
   */
  followersCountedAt?: string | null;
}

export interface FollowersAudit {
  summary: FollowersSummary;
  followers: FollowerReport[];
}

// —— Instagram export additions (issue 13): interfaces merged with those above, fields all optional. ——

export interface FollowedAccount {
  /**
   * A lower bound of their last activity from the export alone: a story of theirs the owner reacted to or
   * viewed was posted at most a day before that. It can disprove `dormant`, never prove it.
   */
  seenActiveAt?: number | null;
  /** The display name the export pairs with this username (2025–26 Owner blocks), when one pairs uniquely. */
  displayName?: string | null;
}

export interface OwnerTexts {
  /**
   * Topics the owner chose or that the platform lists for them (Instagram: hashtags followed, "your
   * topics"), weighed like the bio when interests are inferred.
   */
  topics?: string[];
}

export interface ImportedExport {
  /** Accounts in the owner's Instagram Favourites, kept whatever the signals like close friends. */
  favorites?: string[];
  /** Accounts the owner unfollowed recently (Instagram's recently_unfollowed_profiles), never suggested again. */
  recentlyUnfollowed?: { handle: string; at: number | null }[];
}

/** One audit's list of a person's followers, as Tend keeps it between audits (src/store/follower-snapshot-codec.ts packs it). */
export interface FollowerSnapshot {
  /** When the list was read (epoch ms). */
  at: number;
  /** Whose followers these are, e.g. `x:1598765432101234567` or `instagram:ottilie`: another account starts afresh. */
  owner: string;
  /**
   * Who followed as far as Tend knows: the list read, plus anyone missing from it whom nothing has
   * confirmed gone yet. Ids (X) or lowercased usernames (Instagram), sorted, without duplicates.
   */
  ids: string[];
  /** Of `ids`, those missing from this read and not yet confirmed gone: a second read missing them confirms it. */
  missing: string[];
  /**
   * Through X's list, which comes newest first: how deep in it each follower the read reached was, in
   * hundreds (0 for the newest hundred). A later read of the newest N knows from it which of these
   * followers it reaches, and so who among them left. Absent for a list with no order (an export).
   */
  depth?: Record<string, number>;
  /**
   * X's count of the person's followers at this read (`public_metrics.followers_count`), kept with
   * `depth`: the next read of the newest N checks against it which of the followers both reads share
   * can mark how far it reaches (src/engine/followers.ts). Absent where X gave none.
   */
  followersCount?: number;
  /**
   * With `depth`: the read reached the end of X's list (every follower then is in `ids`), so the next
   * audit can call new every follower it does not hold. A snapshot without `depth` is a whole list
   * (an export's or an archive's) and always complete.
   */
  complete?: boolean;
  /**
   * Rebuilt from an old delta record (`TFD1`) that kept only ids: whether it held every follower of its
   * time or only the newest N, and how deep, is unknown, so nothing is told against it (nobody new,
   * nobody lost beyond what a whole list of this read says).
   */
  kindUnknown?: true;
}

export interface Profile {
  /** Instagram: the username this account goes by now, when it renamed itself (same pk, new username). */
  renamedTo?: string | null;
  /** Instagram: the profile's category ("Musician/band"), read with the bio for the topic. */
  category?: string | null;
  /** Instagram: a business or creator account. */
  isBusiness?: boolean | null;
  /** Instagram: time of their latest story, where the following list gives it. */
  lastStoryAt?: number | null;
  /** Which platform's profile this is, where the source says: the bot check scores each by its own model. */
  platform?: Platform;
  /** When the profile was fetched (epoch ms), where the source says. */
  fetchedAt?: number | null;
  /** Instagram: the profile came from the following list only (no lookup): a name, flags, a story time. */
  listOnly?: boolean;
}

export interface AccountReport {
  /**
   * Instagram: which checks this account got and from which evidence, in words ("bot, dormant, off-topic
   * from the companion profile of 19 Nov 2026; follow-back and interactions from the export").
   */
  evidence?: string;
}
