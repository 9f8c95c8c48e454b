import type { AuditInput, FollowedAccount, PackedEntry, Profile } from '../model.js';
import { inCount, lookupPacked, outCount, packedLastInteraction, packedStrength } from '../ledger.js';
import type { BotScore, BotScorer } from './bot-score.js';
import {
  neighbourhoodOf,
  talkedWithCounts,
  EMPTY_NEIGHBOURHOOD,
  type Neighbourhood,
} from './interest-neighbourhood.js';
import { relevanceOfWords, type Relevance } from './interests.js';
import { foldedSpamMarkers } from './spam.js';
import { foldDiacritics, foldedWords } from './text.js';

/** Everything the checks need to know about one account, computed once. */
export interface AccountFacts {
  account: FollowedAccount;
  profile: Profile | null;
  gone: boolean;
  /** Null when neither the profile nor a followers list says. */
  followsBack: boolean | null;
  /** The ledger's entry, packed (ledger.ts): read it through `outCount`, `outLast`, `entryView`; never change it. */
  entry: PackedEntry | null;
  strength: number;
  lastInteractionAt: number | null;
  bot: BotScore | null;
  /** What the profile matched when it is about the interests (and not spam); null otherwise or unknown. */
  onTopic: Relevance | null;
  /** A bio or recent posts to judge the topic on (a name alone is too little to call off-topic). */
  hasText: boolean;
  /** Words in the bio and recent posts that carry meaning (interests.ts); 0 when not judged. */
  topicWords: number;
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
  /**
   * The ledger's entries by id, and the lowercased handles it has entries under (model.ts: `id:<id>`,
   * `@<handle>`): most accounts are answered without building a key string per account.
   */
  ledgerById: ReadonlyMap<string, PackedEntry>;
  ledgerHandles: ReadonlySet<string>;
  /** What the bios of the people the owner talks with say about their interests (interest-neighbourhood.ts). */
  neighbourhood: Neighbourhood;
}

/** The same set as `new Set([...handles].map(lowercase))`, without the two arrays of 100,000 in between. */
function lowered(handles: ReadonlySet<string>): Set<string> {
  const set = new Set<string>();
  for (const h of handles) set.add(h.toLowerCase());
  return set;
}

export function auditContext(input: AuditInput): AuditContext {
  const followers = input.followers;
  const ledgerById = new Map<string, PackedEntry>();
  const ledgerHandles = new Set<string>();
  for (const [key, entry] of input.ledger.entries) {
    // `lookupEntry` finds nothing under an empty id, and neither must this.
    if (key.startsWith('id:')) {
      if (key.length > 3) ledgerById.set(key.slice(3), entry);
    } else if (key.startsWith('@')) ledgerHandles.add(key.slice(1));
  }
  const ctx: AuditContext = {
    input,
    followerHandles: followers ? lowered(followers.handles) : null,
    hasLedger: input.ledger.sources.length > 0,
    hasInterests: input.interests.terms.length > 0,
    ledgerById,
    ledgerHandles,
    neighbourhood: EMPTY_NEIGHBOURHOOD,
  };
  if (ctx.hasInterests && input.ledger.entries.size > 0)
    ctx.neighbourhood = neighbourhoodOf(talkedWithBios(ctx));
  return ctx;
}

/** Enough people to learn from: more would cost an audit time and add words that recur by chance. */
const MAX_NEIGHBOURHOOD_BIOS = 2000;

/**
 * Bios of the followed accounts the owner talks with: the ones they keep and reach out to. The ledger's
 * conversations are found first (few), then the following is read once for them.
 */
function talkedWithBios(ctx: AuditContext): string[] {
  const { ledger } = ctx.input;
  const ids = new Set<string>();
  const handles = new Set<string>();
  for (const [key, entry] of ledger.entries) {
    if (!talkedWithCounts(outCount(entry), inCount(entry))) continue;
    if (key.startsWith('id:')) ids.add(key.slice(3));
    else if (key.startsWith('@')) handles.add(key.slice(1));
  }
  for (const [handle, id] of ledger.aliases) if (ids.has(id)) handles.add(handle);
  const bios: string[] = [];
  if (ids.size === 0 && handles.size === 0) return bios;
  for (const account of ctx.input.following) {
    const profile = account.profile;
    if (!profile?.bio || profile.gone) continue;
    const id = account.id ?? profile.id ?? null;
    let talked = id !== null && ids.has(id);
    if (!talked && handles.size > 0) {
      const handle = account.handle?.toLowerCase() ?? profile.handle?.toLowerCase() ?? null;
      talked = handle !== null && handles.has(handle);
    }
    if (talked) bios.push(profile.bio);
    if (bios.length >= MAX_NEIGHBOURHOOD_BIOS) break;
  }
  return bios;
}

/**
 * The ledger entry of an account, as `lookupPacked` finds it: straight from the entries by id unless the
 * handle can add something, which only a handle-keyed entry or an alias standing in for an unknown id
 * can. Most accounts are answered by a lookup or two.
 */
function ledgerEntry(id: string | null, handle: string | null, ctx: AuditContext): PackedEntry | null {
  const { ledger } = ctx.input;
  const byHandle =
    handle !== null &&
    ((ctx.ledgerHandles.size > 0 && ctx.ledgerHandles.has(handle)) ||
      (id === null && ledger.aliases.has(handle)));
  if (byHandle) return lookupPacked(ledger, { id, handle });
  return (id === null ? undefined : ctx.ledgerById.get(id)) ?? null;
}

function inSet(set: ReadonlySet<string>, account: FollowedAccount, handle: string | null): boolean {
  if (set.size === 0) return false;
  return (
    (account.id !== null && set.has(account.id)) ||
    (handle !== null && set.has(handle)) ||
    set.has(account.key)
  );
}

/** Whether they follow the owner: the profile's own word first, else the followers list. */
export function followsBack(
  account: FollowedAccount,
  handle: string | null,
  ctx: AuditContext,
): boolean | null {
  const said = account.profile?.followsOwner;
  if (typeof said === 'boolean') return said;
  const followers = ctx.input.followers;
  if (!followers || !ctx.followerHandles) return null;
  if (account.id !== null && followers.ids.has(account.id)) return true;
  if (handle !== null && ctx.followerHandles.has(handle)) return true;
  return account.id !== null || handle !== null ? false : null;
}

/**
 * A bio or name folded once for both checks that read it: spam patterns read it lowercased (`foldText`),
 * the topic check cuts it into words.
 */
interface Folded {
  folded: string;
  lowered: string;
}

function foldedOf(text: string | null | undefined): Folded | null {
  if (!text) return null;
  const folded = foldDiacritics(text);
  return { folded, lowered: folded.toLowerCase() };
}

const wordsOfFolded = (text: Folded | null) => (text ? foldedWords(text.folded, text.lowered) : null);

function topicOf(
  profile: Profile,
  bio: Folded | null,
  name: Folded | null,
  spam: readonly string[],
  ctx: AuditContext,
): Relevance | null {
  if (!ctx.hasInterests || spam.length > 0) return null;
  const texts = {
    name: wordsOfFolded(name),
    bio: wordsOfFolded(bio),
    bioText: bio?.folded ?? null,
    nameText: name?.folded ?? null,
    handle: profile.handle,
    url: profile.url,
    location: profile.location,
    // Instagram's profile category ("Opera house") says what the account is about, as a post would.
    posts: profile.category ? [profile.category, ...(profile.recentPosts ?? [])] : profile.recentPosts,
  };
  return relevanceOfWords(texts, ctx.input.interests, ctx.neighbourhood);
}

const NO_SPAM: readonly string[] = [];
/** What `trim` leaves something of (the same white space), tested without making the trimmed copy. */
const NOT_BLANK = /\S/;

/**
 * The bio's markers, then the name's of kinds not already among them ("promises money" once), each
 * quoting the words as the account wrote them (`bioText`, `nameText`), not as folded to be read.
 */
function spamIn(
  bio: Folded | null,
  name: Folded | null,
  bioText: string | undefined,
  nameText: string | undefined,
): readonly string[] {
  const inBio = bio ? foldedSpamMarkers(bio.lowered, bioText) : NO_SPAM;
  const inName = name ? foldedSpamMarkers(name.lowered, nameText) : NO_SPAM;
  if (inName.length === 0) return inBio;
  if (inBio.length === 0) return inName;
  const markers = [...inBio];
  for (const m of inName) if (!markers.some((b) => markerKind(b) === markerKind(m))) markers.push(m);
  return markers;
}

/** "promises money" of `promises money ("earn $")`. */
const markerKind = (marker: string) => marker.replace(/ \(".*$/, '');

export function gatherFacts(account: FollowedAccount, ctx: AuditContext, botScorer: BotScorer): AccountFacts {
  const { input } = ctx;
  const profile = account.profile;
  const handle = account.handle?.toLowerCase() ?? profile?.handle?.toLowerCase() ?? null;
  const entry = ledgerEntry(account.id ?? profile?.id ?? null, handle, ctx);
  const gone = Boolean(profile?.gone);
  const alive = profile && !gone ? profile : null;
  const bio = foldedOf(alive?.bio);
  const name = foldedOf(alive?.name);
  const spam = spamIn(bio, name, alive?.bio ?? undefined, alive?.name ?? undefined);
  const topic = alive ? topicOf(alive, bio, name, spam, ctx) : null;
  return {
    account,
    profile,
    gone,
    followsBack: followsBack(account, handle, ctx),
    entry,
    strength: packedStrength(entry, input.now),
    lastInteractionAt: packedLastInteraction(entry),
    bot: alive ? botScorer.score(alive, input.now) : null,
    onTopic: topic && topic.score >= input.thresholds.relevanceThreshold ? topic : null,
    hasText: NOT_BLANK.test(alive?.bio ?? '') || (alive?.recentPosts?.length ?? 0) > 0,
    topicWords: topic?.words ?? 0,
    spam,
    kept: inSet(input.keep, account, handle),
    muted: inSet(input.muted, account, handle),
  };
}
