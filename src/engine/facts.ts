import type { AuditInput, FollowedAccount, LedgerEntry, Profile } from '../model.js';
import { lastInteraction, lookupEntry, relationshipStrength } from '../ledger.js';
import type { BotScore, BotScorer } from './bot-score.js';
import { relevance, type Relevance } from './interests.js';
import { spamMarkers } from './spam.js';

/** Everything the checks need to know about one account, computed once. */
export interface AccountFacts {
  account: FollowedAccount;
  profile: Profile | null;
  gone: boolean;
  /** Null when neither the profile nor a followers list says. */
  followsBack: boolean | null;
  entry: LedgerEntry | null;
  strength: number;
  lastInteractionAt: number | null;
  bot: BotScore | null;
  /** What the profile matched when it is about the interests (and not spam); null otherwise or unknown. */
  onTopic: Relevance | null;
  /** A bio or recent posts to judge the topic on (a name alone is too little to call off-topic). */
  hasText: boolean;
  spam: readonly string[];
  kept: boolean;
  muted: boolean;
}

/** What is shared by every account of one audit, prepared once. */
export interface AuditContext {
  input: AuditInput;
  /** The followers' handles lowercased, whatever case the source gave. */
  followerHandles: ReadonlySet<string> | null;
  hasLedger: boolean;
  hasInterests: boolean;
  /** Ids and lowercased handles the ledger has entries under (model.ts: `id:<id>`, `@<handle>`). */
  ledgerIds: ReadonlySet<string>;
  ledgerHandles: ReadonlySet<string>;
}

export function auditContext(input: AuditInput): AuditContext {
  const followers = input.followers;
  const ledgerIds = new Set<string>();
  const ledgerHandles = new Set<string>();
  for (const key of input.ledger.entries.keys()) {
    if (key.startsWith('id:')) ledgerIds.add(key.slice(3));
    else if (key.startsWith('@')) ledgerHandles.add(key.slice(1));
  }
  return {
    input,
    followerHandles: followers ? new Set([...followers.handles].map((h) => h.toLowerCase())) : null,
    hasLedger: input.ledger.sources.length > 0,
    hasInterests: input.interests.terms.length > 0,
    ledgerIds,
    ledgerHandles,
  };
}

/**
 * The ledger entry of an account through `lookupEntry`, asked only when the ledger has anything under
 * the account's id, handle or the id its handle is an alias of, and given the handle only when it can
 * add something: most followed accounts never interacted, and two set lookups answer them.
 */
function ledgerEntry(id: string | null, handle: string | null, ctx: AuditContext): LedgerEntry | null {
  const { ledger } = ctx.input;
  const underId = id !== null && ctx.ledgerIds.has(id);
  // A handle only matters when entries sit under it, or when it stands in for an unknown id.
  const byHandle =
    handle !== null &&
    ((ctx.ledgerHandles.size > 0 && ctx.ledgerHandles.has(handle)) || (id === null && ledger.aliases.has(handle)));
  if (!underId && !byHandle) return null;
  return lookupEntry(ledger, { id, handle: byHandle ? handle : null });
}

function inSet(set: ReadonlySet<string>, account: FollowedAccount, handle: string | null): boolean {
  if (set.size === 0) return false;
  return (account.id !== null && set.has(account.id)) || (handle !== null && set.has(handle)) || set.has(account.key);
}

/** Whether they follow the owner: the profile's own word first, else the followers list. */
export function followsBack(account: FollowedAccount, handle: string | null, ctx: AuditContext): boolean | null {
  const said = account.profile?.followsOwner;
  if (typeof said === 'boolean') return said;
  const followers = ctx.input.followers;
  if (!followers || !ctx.followerHandles) return null;
  if (account.id !== null && followers.ids.has(account.id)) return true;
  if (handle !== null && ctx.followerHandles.has(handle)) return true;
  return account.id !== null || handle !== null ? false : null;
}

function onTopic(profile: Profile, spam: readonly string[], ctx: AuditContext): Relevance | null {
  if (!ctx.hasInterests || spam.length > 0) return null;
  const texts = { bio: profile.bio, posts: profile.recentPosts, name: profile.name, location: profile.location };
  const topic = relevance(texts, ctx.input.interests);
  return topic.score >= ctx.input.thresholds.relevanceThreshold ? topic : null;
}

const NO_SPAM: readonly string[] = [];

function spamIn(profile: Profile): readonly string[] {
  const markers = profile.bio ? spamMarkers(profile.bio) : [];
  if (profile.name) for (const m of spamMarkers(profile.name)) if (!markers.includes(m)) markers.push(m);
  return markers.length > 0 ? markers : NO_SPAM;
}

export function gatherFacts(account: FollowedAccount, ctx: AuditContext, botScorer: BotScorer): AccountFacts {
  const { input } = ctx;
  const profile = account.profile;
  const handle = account.handle?.toLowerCase() ?? profile?.handle?.toLowerCase() ?? null;
  const entry = ledgerEntry(account.id ?? profile?.id ?? null, handle, ctx);
  const gone = Boolean(profile?.gone);
  const alive = profile && !gone ? profile : null;
  const spam = alive ? spamIn(alive) : NO_SPAM;
  return {
    account,
    profile,
    gone,
    followsBack: followsBack(account, handle, ctx),
    entry,
    strength: relationshipStrength(entry, input.now),
    lastInteractionAt: lastInteraction(entry),
    bot: alive ? botScorer.score(alive, input.now) : null,
    onTopic: alive ? onTopic(alive, spam, ctx) : null,
    hasText: Boolean(alive?.bio?.trim()) || (alive?.recentPosts?.length ?? 0) > 0,
    spam,
    kept: inSet(input.keep, account, handle),
    muted: inSet(input.muted, account, handle),
  };
}
