/**
 * Imports an Instagram "Download your information" export (JSON). Files are found by name wherever they
 * are (the layout moved over the years) and are small, so each is parsed whole, under a size cap.
 */

import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { emptyLedger, recordEvent } from '../ledger.js';
import type { FollowedAccount, ImportedExport, InteractionEvent, Owner } from '../model.js';
import { dropAccounts } from './drop-accounts.js';
import { ExportKindVote } from './export-kind.js';
import { addThreadFile, ownerDisplayName, threadEvents } from './instagram-messages.js';
import type { Thread } from './instagram-messages.js';
import {
  readComment,
  readPersonalInformation,
  readRelationship,
  relationshipItems,
} from './instagram-records.js';
import type { Relationship } from './instagram-records.js';
import { repairMojibakeDeep } from './mojibake.js';
import type { ImportOptions } from './options.js';
import { IMPLAUSIBLE_TIME, isPlausibleTime, latestTime } from './time.js';
import { UnreadableTally } from './unreadable.js';
import { withZip } from './zip.js';
import type { ZipArchive } from './zip.js';

const MAX_JSON_BYTES = 64 * 1024 ** 2;

type Role =
  | 'followers'
  | 'following'
  | 'closeFriends'
  | 'pending'
  | 'blocked'
  | 'restricted'
  | 'likes'
  | 'comments'
  | 'personal';

const ROLES: [RegExp, Role][] = [
  [/^followers(?:_\d+)?\.json$/, 'followers'],
  [/^following\.json$/, 'following'],
  [/^close_friends\.json$/, 'closeFriends'],
  [/^pending_follow_requests\.json$/, 'pending'],
  [/^blocked_(?:profiles|accounts)\.json$/, 'blocked'],
  [/^restricted_(?:profiles|accounts)\.json$/, 'restricted'],
  [/^liked_posts\.json$/, 'likes'],
  [/^post_comments(?:_\d+)?\.json$/, 'comments'],
  [/^personal_information\.json$/, 'personal'],
];
const MESSAGE_FILE = /(?:^|\/)messages\/inbox\/([^/]+)\/message_\d+\.json$/;
const HTML_FOLLOWING = /(?:^|\/)following\.html$/;

function roleOf(name: string): Role | null {
  const base = posix.basename(name);
  return ROLES.find(([pattern]) => pattern.test(base))?.[1] ?? null;
}

/**
 * When a name occurs in several folders, the files of one folder are used: today's
 * `followers_and_following/` first, else the shallowest (the old root layout).
 */
function oneFolder(files: string[]): string[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(posix.dirname(f), [...(byDir.get(posix.dirname(f)) ?? []), f]);
  const rank = (dir: string) => (dir.includes('followers_and_following') ? -1 : dir.split('/').length);
  const best = [...byDir.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  return best === undefined
    ? []
    : (byDir.get(best) ?? []).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
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
  const pick = (name: string): boolean => {
    vote.see(name);
    if (HTML_FOLLOWING.test(name)) sawHtml = true;
    return roleOf(name) !== null || MESSAGE_FILE.test(name);
  };
  return withZip(source, { pick, limits: opts.limits, name: opts.name }, async (zip) => {
    const files = new Map<Role, string[]>();
    for (const name of zip.names) {
      const role = roleOf(name);
      if (role) files.set(role, [...(files.get(role) ?? []), name]);
    }
    for (const [role, names] of files) files.set(role, oneFolder(names));
    if (!files.has('following')) throw notAnInstagramExport(zip.label, vote, sawHtml);
    return new InstagramImport(zip, files, opts.onProgress).run();
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

class InstagramImport {
  private readonly warnings: string[] = [];
  private readonly tally = new UnreadableTally();
  private readonly ledger = emptyLedger();
  private readonly posts: string[] = [];
  private done = 0;
  private readonly total: number;
  /** Instagram exports do not say when they were made: times after now are implausible. */
  private readonly latest = latestTime(null);

  constructor(
    private readonly zip: ZipArchive,
    private readonly files: Map<Role, string[]>,
    private readonly onProgress?: (done: number, total: number) => void,
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
    const keepCandidates = [...lower(await this.readRelationships('closeFriends', false))].map(
      (u) => `@${u}`,
    );
    const pendingRequests = (await this.readRelationships('pending', false)).map((r) => ({
      handle: r.username,
      at: r.at,
    }));
    const blocked = lower(await this.readRelationships('blocked', false));
    const muted = lower(await this.readRelationships('restricted', false));
    const owner = await this.readOwner();

    for (const r of await this.readRelationships('likes', false)) {
      if (r.at !== null)
        this.record({ who: { handle: r.username }, kind: 'like', direction: 'out', at: r.at });
    }
    await this.readComments(owner);
    await this.readMessages(owner, following);
    dropAccounts(this.ledger, blocked);
    this.ledger.sources = [
      this.files.has('likes') && 'likes',
      this.files.has('comments') && 'comments',
      this.zip.names.some((n) => MESSAGE_FILE.test(n)) && 'direct messages',
    ].filter((s): s is string => typeof s === 'string');
    this.onProgress?.(this.total, this.total);
    return {
      platform: 'instagram',
      owner: { id: null, handle: owner.handle, name: owner.name },
      following: [...following.values()],
      followers: hasFollowers ? { ids: new Set(), handles: followers } : null,
      ledger: this.ledger,
      ownerTexts: { bio: owner.bio, posts: this.posts, likes: [] },
      keepCandidates,
      muted,
      blocked,
      pendingRequests,
      generatedAt: null,
      warnings: [...this.warnings, ...this.tally.warnings()],
      unreadable: this.tally.list(),
    };
  }

  private record(event: InteractionEvent): void {
    recordEvent(this.ledger, event);
  }

  /** Parses one file; null (with a warning, or a `UserError` when `fatal`) when it is not valid JSON. */
  private async readJson(name: string, fatal: boolean): Promise<unknown> {
    const text = await this.zip.readText(name, MAX_JSON_BYTES);
    this.done += this.zip.sizeOf(name);
    this.onProgress?.(this.done, this.total);
    try {
      return repairMojibakeDeep(JSON.parse(text));
    } catch (error) {
      const what = `${name} could not be read: it is not valid JSON (${(error as Error).message})`;
      if (fatal) throw new UserError(`${what} — the export may be truncated; download it again.`);
      this.warnings.push(`${what}; it is left out.`);
      this.tally.addExplained(name, 'not valid JSON');
      return null;
    }
  }

  private async readRelationships(role: Role, fatal: boolean): Promise<Relationship[]> {
    const out: Relationship[] = [];
    for (const name of this.files.get(role) ?? []) {
      const json = await this.readJson(name, fatal);
      if (json === null) continue;
      const items = relationshipItems(json);
      if (items === null) {
        const what = `${name} has a layout Tend does not recognise`;
        if (fatal)
          throw new UserError(`${what}. Please report it; the export may be from a newer Instagram version.`);
        this.warnings.push(`${what}; it is left out.`);
        this.tally.addExplained(name, 'unrecognised layout');
        continue;
      }
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
          // A like is only its time; an account followed is kept, without the date.
          if (role === 'likes') continue;
        }
        out.push(r);
      }
      if (badTimes > 0 && role === 'likes') this.tally.add(name, IMPLAUSIBLE_TIME, badTimes);
      else if (badTimes > 0) {
        this.tally.addExplained(name, IMPLAUSIBLE_TIME, badTimes);
        this.warnings.push(
          `${name}: ${badTimes.toLocaleString('en')} ${badTimes === 1 ? 'time is' : 'times are'} implausible ` +
            '(before 2006 or after the export was made) and left out; the accounts are kept without a date.',
        );
      }
    }
    return out;
  }

  private async readOwner(): Promise<Owner & { bio: string | null }> {
    const name = this.files.get('personal')?.[0];
    const json = name ? await this.readJson(name, false) : null;
    const info = json === null ? { handle: null, name: null, bio: null } : readPersonalInformation(json);
    return { id: null, ...info };
  }

  private async readComments(owner: Owner): Promise<void> {
    for (const name of this.files.get('comments') ?? []) {
      const json = await this.readJson(name, false);
      if (json === null) continue;
      const items = relationshipItems(json);
      if (items === null) {
        this.warnings.push(
          `${name} has a layout Tend does not recognise; its comments are left out of the interaction history.`,
        );
        this.tally.addExplained(name, 'unrecognised layout');
        continue;
      }
      for (const item of items) {
        const comment = readComment(item);
        if (!comment) {
          this.tally.add(name, 'no media owner or time found');
          continue;
        }
        if (!isPlausibleTime(comment.at, this.latest)) {
          this.tally.add(name, IMPLAUSIBLE_TIME);
          continue;
        }
        if (comment.text) this.posts.push(comment.text);
        if (comment.mediaOwner.toLowerCase() === owner.handle?.toLowerCase()) continue;
        this.record({
          who: { handle: comment.mediaOwner },
          kind: 'comment',
          direction: 'out',
          at: comment.at,
        });
      }
    }
  }

  private async readMessages(owner: Owner, following: Map<string, FollowedAccount>): Promise<void> {
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
      const events = threadEvents(thread, ownerName, followed);
      if (events === null) untied++;
      else for (const event of events) this.record(event);
    }
    if (untied > 0) {
      this.warnings.push(
        `${untied.toLocaleString('en')} of ${threads.size.toLocaleString('en')} message threads could not be tied to an ` +
          'account: Instagram gives display names only, not usernames, so their messages are left out of the interaction history.',
      );
    }
  }
}
