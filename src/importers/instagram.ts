/**
 * Imports an Instagram "Download your information" export (JSON). Files are found by name wherever they
 * are (the layout moved over the years). Most are small and parsed whole, under a size cap; activity
 * files large enough to matter (a heavy user's likes) are read an item at a time.
 */

import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { emptyLedger, recordEvent } from '../ledger.js';
import type { FollowedAccount, ImportedExport, InteractionEvent, Owner } from '../model.js';
import { dropAccounts } from './drop-accounts.js';
import { ExportKindVote } from './export-kind.js';
import { addThreadFile, ownerDisplayName, threadEvents } from './instagram-messages.js';
import type { NamePairs, Thread } from './instagram-messages.js';
import {
  readActivity,
  readPersonalInformation,
  readRelationship,
  relationshipItems,
  topicNames,
} from './instagram-records.js';
import type { Relationship } from './instagram-records.js';
import { mayHoldMojibake, repairMojibakeDeep } from './mojibake.js';
import type { ImportOptions } from './options.js';
import { IMPLAUSIBLE_TIME, isPlausibleTime, latestTime } from './time.js';
import { UnreadableTally } from './unreadable.js';
import { readYtdPart } from './ytd.js';
import { withZip } from './zip.js';
import type { ZipArchive } from './zip.js';

const MAX_JSON_BYTES = 64 * 1024 ** 2;
/** Activity files larger than this are read an item at a time rather than parsed whole. */
const STREAM_ABOVE_BYTES = 16 * 1024 ** 2;

type Role =
  | 'followers'
  | 'following'
  | 'closeFriends'
  | 'favorites'
  | 'pending'
  | 'blocked'
  | 'restricted'
  | 'hideStory'
  | 'unfollowed'
  | 'likes'
  | 'comments'
  | 'stories'
  | 'storyViews'
  | 'saved'
  | 'collections'
  | 'topics'
  | 'adInterests'
  | 'personal';

/** File names by role (docs/FORMATS.md: old and new names alike). */
const ROLES: [RegExp, Role][] = [
  [/^followers(?:_\d+)?\.json$/, 'followers'],
  [/^following\.json$/, 'following'],
  [/^close_friends\.json$/, 'closeFriends'],
  [/^(?:profiles|accounts)_you['’]ve_favorited\.json$/, 'favorites'],
  [/^pending_follow_requests\.json$/, 'pending'],
  [/^blocked_(?:profiles|accounts)\.json$/, 'blocked'],
  [/^restricted_(?:profiles|accounts)\.json$/, 'restricted'],
  [/^hide_story_from\.json$/, 'hideStory'],
  [/^recently_unfollowed_(?:profiles|accounts)\.json$/, 'unfollowed'],
  [/^liked_(?:posts|comments)(?:_\d+)?\.json$/, 'likes'],
  [/^(?:post_comments(?:_\d+)?|reels_comments|hype)\.json$/, 'comments'],
  [/^saved_posts(?:_\d+)?\.json$/, 'saved'],
  [/^saved_collections\.json$/, 'collections'],
  [/^(?:following_hashtags|your_topics)\.json$/, 'topics'],
  [/^(?:recommended_topics|ads?_interests|other_categories_used_to_reach_you)\.json$/, 'adInterests'],
  [/^personal_information\.json$/, 'personal'],
];
/** Story interactions: the folder was `story_sticker_interactions/` until 2024, `story_interactions/` since. */
const STORY_FOLDER = /(?:^|\/)story_(?:sticker_)?interactions\/([^/]+)\.json$/;
const STORY_FILES = new Set([
  'polls',
  'quizzes',
  'questions',
  'emoji_sliders',
  'emoji_story_reactions',
  'story_reaction_sticker_reactions',
  'countdowns',
  'story_likes',
]);
/** Inbox and message requests alike; a long thread is split over `message_1.json`, `message_2.json`, …. */
const MESSAGE_FILE = /(?:^|\/)messages\/(?:inbox|message_requests)\/([^/]+)\/message_\d+\.json$/;
/** A thread in a message folder Tend does not know (neither inbox nor requests): named, not read. */
const OTHER_MESSAGE_FILE = /(?:^|\/)messages\/[^/]+\/[^/]+\/message_\d+\.json$/;
const HTML_FOLLOWING = /(?:^|\/)following\.html$/;
/** Folders whose JSON files Tend reads by name: any other file there is named in a warning. */
const READ_FOLDERS =
  /(?:^|\/)(?:followers_and_following|likes|comments|story_interactions|story_sticker_interactions|saved|your_topics)\/[^/]+\.json$/;
/** Files in those folders that say nothing an audit uses: not read, and not worth a warning. */
const NOT_NEEDED =
  /^(?:follow_requests_you['’]ve_received|recent_follow_requests|removed_suggestions|comments_reported|recent_follow_requests_sent|accounts_you['’]re_not_interested_in)\.json$/;

function roleOf(name: string): Role | null {
  const story = STORY_FOLDER.exec(name)?.[1];
  if (story === 'stories_viewed') return 'storyViews';
  if (story !== undefined) return STORY_FILES.has(story) ? 'stories' : null;
  const base = posix.basename(name);
  return ROLES.find(([pattern]) => pattern.test(base))?.[1] ?? null;
}

/**
 * When a file occurs in several folders, the copy of one folder is used: today's
 * `followers_and_following/` first, else the shallowest (the old root layout). Files are grouped by name
 * without their `_N` part, so `post_comments_N.json` and `reels_comments.json` are chosen apart.
 */
function oneFolder(files: string[]): string[] {
  const byKind = new Map<string, string[]>();
  for (const f of files) {
    const kind = posix.basename(f).replace(/_\d+\.json$/, '.json');
    const group = byKind.get(kind);
    if (group) group.push(f);
    else byKind.set(kind, [f]);
  }
  const chosen: string[] = [];
  for (const group of byKind.values()) {
    const byDir = new Map<string, string[]>();
    for (const f of group) {
      const dir = byDir.get(posix.dirname(f));
      if (dir) dir.push(f);
      else byDir.set(posix.dirname(f), [f]);
    }
    const rank = (dir: string) => (dir.includes('followers_and_following') ? -1 : dir.split('/').length);
    const best = [...byDir.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0]!;
    chosen.push(...byDir.get(best)!);
  }
  return chosen.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * A date-range export ("Last year" instead of "All time") holds the followers of that range only, while
 * following looks complete. Nothing in the files says so: far fewer followers than followed accounts is
 * the visible sign.
 */
export function followersLookPartial(followers: number, following: number): boolean {
  return following >= 20 && followers < following / 5;
}

export async function importInstagram(
  source: string | Buffer,
  opts: ImportOptions = {},
): Promise<ImportedExport> {
  const vote = new ExportKindVote();
  let sawHtml = false;
  const unknown: string[] = [];
  const pick = (name: string): boolean => {
    vote.see(name);
    if (HTML_FOLLOWING.test(name)) sawHtml = true;
    const known = roleOf(name) !== null || MESSAGE_FILE.test(name);
    if (
      !known &&
      ((READ_FOLDERS.test(name) && !NOT_NEEDED.test(posix.basename(name))) || OTHER_MESSAGE_FILE.test(name))
    )
      unknown.push(name);
    return known;
  };
  return withZip(source, { pick, limits: opts.limits, name: opts.name }, async (zip) => {
    const files = new Map<Role, string[]>();
    for (const name of zip.names) {
      const role = roleOf(name);
      if (!role) continue;
      const named = files.get(role);
      if (named) named.push(name);
      else files.set(role, [name]);
    }
    for (const [role, names] of files) files.set(role, oneFolder(names));
    if (!files.has('following')) throw notAnInstagramExport(zip.label, vote, sawHtml);
    return new InstagramImport(zip, files, opts.onProgress, unknown).run();
  });
}

function notAnInstagramExport(label: string, vote: ExportKindVote, sawHtml: boolean): UserError {
  if (sawHtml) {
    return new UserError(
      `${label} is an Instagram export in HTML format, which Tend cannot read. Request it again in ` +
        'Accounts Centre → Your information and permissions → Download your information, choosing JSON and "All time".',
    );
  }
  if (vote.kind === 'x-archive')
    return new UserError(`${label} is an X archive, not an Instagram export: import it as an X archive.`);
  return new UserError(
    `${label} is not an Instagram export: it has no following.json. Tend expects the ZIP from Instagram's ` +
      '"Download your information", in JSON format, for "All time".',
  );
}

const DAY_MS = 86_400_000;
/** Names listed in a warning before "and N more". */
const NAMES_SHOWN = 5;

function listed(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN
    ? `${shown} and ${(names.length - NAMES_SHOWN).toLocaleString('en')} more`
    : shown;
}

class InstagramImport {
  private readonly warnings: string[] = [];
  private readonly tally = new UnreadableTally();
  private readonly ledger = emptyLedger();
  private readonly posts: string[] = [];
  private readonly liked: string[] = [];
  private readonly topics: string[] = [];
  /**
   * Display name → the one username the export pairs it with (2025–26 Owner blocks), lowercased, or null
   * once it pairs it with two.
   */
  private readonly names = new Map<string, string | null>();
  /** Lowercased username → a lower bound of their last activity (a story of theirs seen or reacted to). */
  private readonly seenActive = new Map<string, number>();
  private done = 0;
  private readonly total: number;
  /** Instagram exports do not say when they were made: times after now are implausible. */
  private readonly latest = latestTime(null);

  constructor(
    private readonly zip: ZipArchive,
    private readonly files: Map<Role, string[]>,
    private readonly onProgress?: (done: number, total: number) => void,
    private readonly unknown: readonly string[] = [],
  ) {
    this.total = zip.names.reduce((sum, name) => sum + zip.sizeOf(name), 0);
  }

  async run(): Promise<ImportedExport> {
    const following = new Map<string, FollowedAccount>();
    for (const r of await this.readRelationships('following', true)) {
      const key = `@${r.username.toLowerCase()}`;
      if (!following.has(key))
        following.set(key, { key, id: null, handle: r.username, followedAt: r.at, profile: null });
    }
    if (following.size === 0) {
      this.warnings.push(
        'The export lists no accounts you follow (following.json has none Tend can read), so there is no one to audit. ' +
          'If you do follow accounts, request the export again choosing "All time" and JSON.',
      );
    }
    const hasFollowers = this.files.has('followers');
    const followers = new Set(
      (await this.readRelationships('followers', true)).map((r) => r.username.toLowerCase()),
    );
    if (!hasFollowers) {
      this.warnings.push(
        'The export has no followers file: Tend cannot tell which accounts follow you back.',
      );
    } else if (followersLookPartial(followers.size, following.size)) {
      this.warnings.push(
        `The export lists only ${followers.size.toLocaleString('en')} followers against ` +
          `${following.size.toLocaleString('en')} accounts you follow. If you chose a date range when ` +
          'requesting it, request it again choosing "All time" and JSON: otherwise most accounts will look ' +
          'like they do not follow you back.',
      );
    }
    const lower = (rs: Relationship[]) => new Set(rs.map((r) => r.username.toLowerCase()));
    const closeFriends = lower(await this.readRelationships('closeFriends', false));
    const favorites = lower(await this.readRelationships('favorites', false));
    const keepCandidates = [...closeFriends].map((u) => `@${u}`);
    const pendingRequests = (await this.readRelationships('pending', false)).map((r) => ({
      handle: r.username,
      at: r.at,
    }));
    const blocked = lower(await this.readRelationships('blocked', false));
    const muted = lower(await this.readRelationships('restricted', false));
    for (const u of lower(await this.readRelationships('hideStory', false))) muted.add(u);
    const recentlyUnfollowed = this.unfollowedNoLongerFollowed(
      await this.readRelationships('unfollowed', false),
      following,
    );
    const owner = await this.readOwner();

    await this.readActivities('likes', owner, 'like', this.liked);
    await this.readActivities('comments', owner, 'comment', this.posts);
    // A save is private: it says what the owner is into, not that they reached out to anyone.
    await this.readActivities('saved', owner, null, this.liked);
    await this.readActivities('collections', owner, null, this.liked, false);
    await this.readActivities('stories', owner, 'story', null);
    await this.readActivities('storyViews', owner, null, null);
    await this.readTopics('topics', this.topics);
    await this.readTopics('adInterests', this.liked);
    const pairs = this.namePairs();
    await this.readMessages(owner, following, pairs);
    dropAccounts(this.ledger, blocked);
    this.annotate(following, pairs);
    this.warnUnknownFiles();
    this.ledger.sources = [
      this.files.has('likes') && 'likes',
      this.files.has('comments') && 'comments',
      this.files.has('stories') && 'story interactions',
      this.zip.names.some((n) => MESSAGE_FILE.test(n)) && 'direct messages',
    ].filter((s): s is string => typeof s === 'string');
    this.onProgress?.(this.total, this.total);
    return {
      platform: 'instagram',
      owner: { id: null, handle: owner.handle, name: owner.name },
      following: [...following.values()],
      followers: hasFollowers ? { ids: new Set(), handles: followers } : null,
      ledger: this.ledger,
      ownerTexts: {
        bio: owner.bio,
        posts: this.posts,
        likes: this.liked,
        ...(this.topics.length > 0 ? { topics: this.topics } : {}),
      },
      keepCandidates,
      ...(this.files.has('favorites') ? { favorites: [...favorites].map((u) => `@${u}`) } : {}),
      muted,
      blocked,
      pendingRequests,
      ...(this.files.has('unfollowed') ? { recentlyUnfollowed } : {}),
      generatedAt: null,
      warnings: [...this.warnings, ...this.tally.warnings()],
      unreadable: this.tally.list(),
    };
  }

  private record(event: InteractionEvent): void {
    recordEvent(this.ledger, event);
  }

  /**
   * Parses one file; null (with a warning, or a `UserError` when `fatal`) when it is not valid JSON or,
   * for a file the audit can do without, too large to read.
   */
  private async readJson(name: string, fatal: boolean, repair = true): Promise<unknown> {
    let text: string;
    try {
      text = await this.zip.readText(name, MAX_JSON_BYTES);
    } catch (error) {
      if (fatal || !(error instanceof UserError)) throw error;
      this.warnings.push(`${error.message} It is left out; the rest of the export is read.`);
      this.tally.addExplained(name, 'too large or unreadable');
      return null;
    } finally {
      this.done += this.zip.sizeOf(name);
      this.onProgress?.(this.done, this.total);
    }
    try {
      const json: unknown = JSON.parse(text);
      return repair && mayHoldMojibake(text) ? repairMojibakeDeep(json) : json;
    } catch (error) {
      const what =
        error instanceof RangeError
          ? `${name} could not be read: it is nested too deeply to be an export file`
          : `${name} could not be read: it is not valid JSON (${(error as Error).message})`;
      if (fatal) throw new UserError(`${what} — the export may be truncated; download it again.`);
      this.warnings.push(`${what}; it is left out.`);
      this.tally.addExplained(name, error instanceof RangeError ? 'nested too deeply' : 'not valid JSON');
      return null;
    }
  }

  /**
   * The items of one file, or null with a warning naming the file when its layout is not recognised;
   * `repair`: false for a reader that repairs the strings it reads itself (`readActivity`).
   */
  private async itemsOf(
    name: string,
    fatal: boolean,
    what: string,
    repair = true,
  ): Promise<unknown[] | null> {
    const json = await this.readJson(name, fatal, repair);
    if (json === null) return null;
    const items = relationshipItems(json);
    if (items !== null) return items;
    const layout = `${name} has a layout Tend does not recognise`;
    if (fatal)
      throw new UserError(`${layout}. Please report it; the export may be from a newer Instagram version.`);
    this.warnings.push(`${layout}; ${what} left out. Please report it: Instagram may have changed it.`);
    this.tally.addExplained(name, 'unrecognised layout');
    return null;
  }

  private async readRelationships(role: Role, fatal: boolean): Promise<Relationship[]> {
    const out: Relationship[] = [];
    for (const name of this.files.get(role) ?? []) {
      const items = await this.itemsOf(name, fatal, 'it is');
      if (items === null) continue;
      let badTimes = 0;
      for (const item of items) {
        const r = readRelationship(item);
        if (!r) {
          this.tally.add(name, 'no username found');
          continue;
        }
        if (r.at !== null && !isPlausibleTime(r.at, this.latest)) {
          badTimes++;
          r.at = null;
        }
        out.push(r);
      }
      if (badTimes > 0) {
        this.tally.addExplained(name, IMPLAUSIBLE_TIME, badTimes);
        this.warnings.push(
          `${name}: ${badTimes.toLocaleString('en')} ${badTimes === 1 ? 'time is' : 'times are'} implausible ` +
            '(before 2006 or after the export was made) and left out; the accounts are kept without a date.',
        );
      }
    }
    return out;
  }

  /**
   * Recently unfollowed accounts: shown, and never suggested again. One still in the following list with
   * no follow after the unfollow is a stale entry there, and is left out of the audit.
   */
  private unfollowedNoLongerFollowed(
    unfollowed: Relationship[],
    following: Map<string, FollowedAccount>,
  ): { handle: string; at: number | null }[] {
    const latest = new Map<string, Relationship>();
    for (const r of unfollowed) {
      const key = r.username.toLowerCase();
      const prev = latest.get(key);
      if (!prev || (r.at ?? 0) > (prev.at ?? 0)) latest.set(key, r);
    }
    let stale = 0;
    for (const [key, r] of latest) {
      const account = following.get(`@${key}`);
      if (!account) continue;
      const refollowed = r.at !== null && typeof account.followedAt === 'number' && account.followedAt > r.at;
      if (!refollowed) {
        following.delete(`@${key}`);
        stale++;
      }
    }
    const list = [...latest.values()].map((r) => ({ handle: r.username, at: r.at }));
    if (list.length > 0) {
      this.warnings.push(
        `You unfollowed ${list.length.toLocaleString('en')} ${list.length === 1 ? 'account' : 'accounts'} recently ` +
          `(${listed(list.map((u) => `@${u.handle}`))}); Tend does not suggest ${list.length === 1 ? 'it' : 'them'} again` +
          (stale > 0
            ? `, and leaves out the ${stale.toLocaleString('en')} the following list still shows.`
            : '.'),
      );
    }
    return list;
  }

  private async readOwner(): Promise<Owner & { bio: string | null }> {
    const name = this.files.get('personal')?.[0];
    const json = name ? await this.readJson(name, false) : null;
    const info = json === null ? { handle: null, name: null, bio: null } : readPersonalInformation(json);
    return { id: null, ...info };
  }

  /**
   * Likes, comments, saves and story interactions: each is an interaction of `kind` towards the owner of
   * the content (none for stories merely viewed), its text kept in `texts` for the owner's interests, its
   * Name↔Username pair kept for the message threads, and a story's time kept as proof its owner was active.
   */
  private async readActivities(
    role: Role,
    owner: Owner,
    kind: 'like' | 'comment' | 'story' | null,
    texts: string[] | null,
    titleIsOwner = true,
  ): Promise<void> {
    const story = role === 'stories' || role === 'storyViews';
    const ownHandle = owner.handle?.toLowerCase();
    for (const name of this.files.get(role) ?? []) {
      const use = (item: unknown): void => {
        const a = readActivity(item, titleIsOwner);
        if (!a || (a.username === null && !a.text)) {
          this.tally.add(name, 'no account or time found');
          return;
        }
        if (a.at !== null && !isPlausibleTime(a.at, this.latest)) {
          this.tally.add(name, IMPLAUSIBLE_TIME);
          return;
        }
        if (a.text && texts) texts.push(a.text);
        if (a.username && a.name) this.pair(a.name, a.username);
        if (!a.username || a.username.toLowerCase() === ownHandle) return;
        if (a.at === null) {
          if (kind) this.tally.add(name, 'no time found');
          return;
        }
        if (story) {
          const key = a.username.toLowerCase();
          const since = a.at - DAY_MS;
          if (since > (this.seenActive.get(key) ?? -Infinity)) this.seenActive.set(key, since);
        }
        if (kind) this.record({ who: { handle: a.username }, kind, direction: 'out', at: a.at });
      };
      if (this.zip.sizeOf(name) > STREAM_ABOVE_BYTES) {
        await this.streamItems(name, use);
        continue;
      }
      // readActivity repairs the strings it reads.
      const items = await this.itemsOf(name, false, 'its entries are', false);
      for (const item of items ?? []) use(item);
    }
  }

  /**
   * The items of a large activity file one at a time (ytd.ts splits the list), so no file is held whole:
   * a heavy user's liked_posts.json in the 2026 shape passes 64 MB at about 90,000 likes. Only lists are
   * that large, bare (shapes B, C) or in a wrapper (A), whose key is skipped up to the list's "[". Items
   * come as Meta wrote them: readActivity repairs the strings it reads.
   */
  private async streamItems(name: string, use: (item: unknown) => void): Promise<void> {
    const chunks = this.zip.chunks(name);
    let inList = false;
    async function* fromTheList(): AsyncGenerator<Buffer> {
      yield Buffer.from('=');
      for await (const chunk of chunks) {
        if (inList) {
          yield chunk;
          continue;
        }
        const open = chunk.indexOf(0x5b);
        if (open < 0) continue;
        inList = true;
        yield chunk.subarray(open);
      }
    }
    const counts = await readYtdPart(
      name,
      fromTheList(),
      (element) => {
        use(element);
        return true;
      },
      (bytes) => {
        this.done += bytes;
        this.onProgress?.(this.done, this.total);
      },
    );
    this.tally.add(name, 'not valid JSON', counts.invalid);
    this.tally.add(name, 'entry too large', counts.tooLarge);
    if (!inList) {
      this.warnings.push(
        `${name} has a layout Tend does not recognise; its entries are left out. Please report it: Instagram may have changed it.`,
      );
      this.tally.addExplained(name, 'unrecognised layout');
    } else if (counts.broken) {
      this.warnings.push(`${counts.broken.message}; what came before is read, the rest is left out.`);
      this.tally.addExplained(name, 'file cut short or broken');
    }
  }

  /** Topic, hashtag and ad-interest names into `into`, for the owner's interests. */
  private async readTopics(role: Role, into: string[]): Promise<void> {
    for (const name of this.files.get(role) ?? []) {
      const items = await this.itemsOf(name, false, 'its topics are');
      if (items === null) continue;
      for (const item of items) {
        const names = topicNames(item);
        if (names.length === 0) this.tally.add(name, 'no topic name found');
        into.push(...names);
      }
    }
  }

  private pair(name: string, username: string): void {
    const lower = username.toLowerCase();
    const known = this.names.get(name);
    if (known === undefined) this.names.set(name, lower);
    else if (known !== null && known !== lower) this.names.set(name, null);
  }

  /** Each display name with its one username, or null when two accounts share it. */
  private namePairs(): NamePairs {
    return this.names;
  }

  /** Story evidence and uniquely paired display names onto the followed accounts. */
  private annotate(following: Map<string, FollowedAccount>, pairs: NamePairs): void {
    const nameOf = new Map<string, string | null>();
    for (const [name, username] of pairs) {
      if (username === null) continue;
      nameOf.set(username, nameOf.has(username) ? null : name);
    }
    for (const account of following.values()) {
      const key = account.handle!.toLowerCase();
      const seen = this.seenActive.get(key);
      if (seen !== undefined) account.seenActiveAt = seen;
      const name = nameOf.get(key);
      if (name) account.displayName = name;
    }
  }

  private warnUnknownFiles(): void {
    if (this.unknown.length === 0) return;
    const n = this.unknown.length;
    this.warnings.push(
      `${n.toLocaleString('en')} ${n === 1 ? 'file' : 'files'} in folders Tend reads ${n === 1 ? 'has a name' : 'have names'} ` +
        `it does not know, so ${n === 1 ? 'it is' : 'they are'} left out: ${listed(this.unknown)}. ` +
        'Please report them: Instagram may have added or renamed files.',
    );
    for (const name of this.unknown) this.tally.addExplained(name, 'file not known to Tend');
  }

  private async readMessages(
    owner: Owner,
    following: Map<string, FollowedAccount>,
    pairs: NamePairs,
  ): Promise<void> {
    const threads = new Map<string, Thread>();
    for (const name of this.zip.names) {
      const folder = MESSAGE_FILE.exec(name)?.[1];
      if (!folder) continue;
      const json = await this.readJson(name, false);
      if (json === null) continue;
      const key = posix.dirname(name);
      const thread = threads.get(key) ?? { folder, participants: [], messages: [] };
      threads.set(key, thread);
      const unreadable = addThreadFile(thread, json, this.latest);
      if (unreadable === null) this.tally.add(name, 'not a message thread');
      else this.tally.add(name, 'messages without a sender or a plausible time', unreadable);
    }
    if (threads.size === 0) return;
    const followed = new Map([...following.values()].map((a) => [a.handle!.toLowerCase(), a.handle!]));
    const all = [...threads.values()];
    const ownerName =
      owner.name && all.some((t) => t.participants.includes(owner.name!))
        ? owner.name
        : ownerDisplayName(all);
    let untied = 0;
    for (const thread of threads.values()) {
      const events = threadEvents(thread, ownerName, followed, pairs);
      if (events === null) untied++;
      else for (const event of events) this.record(event);
    }
    if (untied > 0) {
      this.warnings.push(
        `${untied.toLocaleString('en')} of ${threads.size.toLocaleString('en')} message threads could not be tied to an ` +
          'account: Instagram gives display names only, and the export pairs none of these names with exactly one ' +
          'username, so their messages are left out of the interaction history.',
      );
    }
  }
}
