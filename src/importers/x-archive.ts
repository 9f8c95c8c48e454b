/**
 * Imports an X archive ZIP: the follow graph, blocks and mutes, and the interaction ledger built from the
 * owner's posts, likes and direct messages. Media is never inflated; data parts are streamed. Today's
 * layout (`data/` and its manifest) and 2018's (the parts at the ZIP's root, no manifest) are both read.
 */

import { UserError } from '../errors.js';
import { emptyLedger, learnAlias, recordEvent } from '../ledger.js';
import type { FollowedAccount, ImportedExport, InteractionEvent, Owner } from '../model.js';
import { dropAccounts } from './drop-accounts.js';
import { ExportKindVote, xTweetsOnlyError } from './export-kind.js';
import type { XLayout } from './export-kind.js';
import type { ImportOptions } from './options.js';
import { IMPLAUSIBLE_TIME, isPlausibleTime, latestTime } from './time.js';
import { UnreadableTally } from './unreadable.js';
import { conversationEvents } from './x-dms.js';
import { readAccount, readListedId, readProfileBio } from './x-entries.js';
import { likeInteraction, readLike } from './x-likes.js';
import { parseManifest, resolveParts, X_DATA_TYPES } from './x-manifest.js';
import type { ResolvedParts, XDataType, XManifest } from './x-manifest.js';
import { readTweet, tweetHandles, tweetInteractions } from './x-tweets.js';
import { ListedIdEntries } from './x-listed-ids.js';
import { MAX_ELEMENT_BYTES, readYtdPart } from './ytd.js';
import type { FastElements } from './ytd.js';
import { withZip } from './zip.js';
import type { ZipArchive } from './zip.js';

const MANIFEST = 'data/manifest.js';
const MAX_MANIFEST_BYTES = 16 * 1024 ** 2;
/** Parts in `data/` or at the root (2018), at the top or one folder down (an archive zipped again as its folder). */
const DATA_FILE_ANY_ROOT = /^(?:[^/]+\/)?(?:data\/)?[^/]+\.js$/;

/** Parts without which the audit would mislead: a broken one stops the import. */
const FATAL = new Set<XDataType>(['account', 'following', 'follower']);
/** Of those, the ones no other file can stand in for when the manifest lists them but the ZIP lacks them. */
const REQUIRED = new Set<XDataType>(['following', 'follower']);

/** What the user loses when a part of this type cannot be read, and what its entries are called. */
const DESCRIPTION: Record<XDataType, { noun: string; loss: string }> = {
  account: { noun: 'accounts', loss: 'your account details are taken from the manifest' },
  profile: { noun: 'profiles', loss: 'your bio is not used to infer your interests' },
  block: { noun: 'blocked accounts', loss: 'blocked accounts in it are not recognised' },
  mute: { noun: 'muted accounts', loss: 'muted accounts in it are not recognised' },
  following: { noun: 'accounts you follow', loss: 'the audit would be incomplete' },
  follower: { noun: 'followers', loss: 'the audit would be incomplete' },
  tweets: { noun: 'posts', loss: 'your posts in it are left out of the interaction history' },
  like: { noun: 'likes', loss: 'your likes in it are left out of the interaction history' },
  directMessages: {
    noun: 'conversations',
    loss: 'its direct messages are left out of the interaction history',
  },
  directMessageHeaders: {
    noun: 'conversations',
    loss: 'its direct messages are left out of the interaction history',
  },
  directMessagesGroup: {
    noun: 'group conversations',
    loss: 'its group messages are left out of the interaction history',
  },
  directMessageGroupHeaders: {
    noun: 'group conversations',
    loss: 'its group messages are left out of the interaction history',
  },
};

export async function importXArchive(
  source: string | Buffer,
  opts: ImportOptions = {},
): Promise<ImportedExport> {
  const vote = new ExportKindVote();
  const pick = (name: string): boolean => {
    vote.see(name);
    return DATA_FILE_ANY_ROOT.test(name);
  };
  return withZip(source, { pick, limits: opts.limits, name: opts.name }, (zip) => {
    const layout = vote.xLayout ?? { root: '', dataDir: 'data/' };
    return new XArchiveImport(rootedAt(zip, layout), layout.dataDir, vote, opts.onProgress).run();
  });
}

/**
 * The archive's data parts as if its folder were the top of the ZIP: `<root>data/x.js` is named `data/x.js`,
 * a 2018 archive's `<root>x.js` is `x.js`.
 */
function rootedAt(zip: ZipArchive, { root, dataDir }: XLayout): ZipArchive {
  const part = /^[^/]+\.js$/;
  const names = zip.names
    .filter((name) => name.startsWith(root + dataDir) && part.test(name.slice(root.length + dataDir.length)))
    .map((name) => name.slice(root.length));
  return {
    label: zip.label,
    names,
    sizeOf: (name) => zip.sizeOf(root + name),
    chunks: (name) => zip.chunks(root + name),
    readText: (name, maxBytes) => zip.readText(root + name, maxBytes),
    close: () => zip.close(),
  };
}

function notAnXArchive(label: string, vote: ExportKindVote): UserError {
  if (vote.kind === 'instagram') {
    return new UserError(
      `${label} is an Instagram export, not an X archive: import it as an Instagram export.`,
    );
  }
  if (vote.xTweetsOnly) return xTweetsOnlyError(label);
  return new UserError(
    `${label} is not an X archive: it has no data/manifest.js, data/account.js or data/following.js ` +
      '(nor account.js or following.js at its root, as archives from 2018). ' +
      'Tend expects the ZIP X sends from Settings → Your account → Download an archive of your data.',
  );
}

interface Named {
  taught: string | null;
  handle: string | null;
  /** The time of the post `handle` was seen in. */
  at: number;
}

/** The state of one import, filled part by part. */
class XArchiveImport {
  private readonly names: Set<string>;
  private readonly parts = new Map<XDataType, ResolvedParts>();
  private manifest: XManifest | null = null;
  private owner: Owner = { id: null, handle: null, name: null };
  private bio: string | null = null;
  private readonly following = new Map<string, FollowedAccount>();
  private readonly followerIds = new Set<string>();
  private readonly blocked = new Set<string>();
  private readonly muted = new Set<string>();
  private readonly ledger = emptyLedger();
  /**
   * What the posts say of each id: the handle last taught to the ledger, and the newest handle seen (with
   * its post's time), to name accounts the follow lists give by id only. One record an id, so a mention
   * costs one lookup.
   */
  private readonly named = new Map<string, Named>();
  private readonly posts: string[] = [];
  private readonly likes: string[] = [];
  private readonly seenMessages = new Set<string>();
  private readonly warnings: string[] = [];
  private readonly tally = new UnreadableTally();
  private done = 0;
  private total = 0;
  /** The newest time of a post, like or message read: a 2018 archive's only hint of when it was made. */
  private newest: number | null = null;
  /** Times after this are implausible (time.ts); set once the manifest is read. */
  private latest = latestTime(null);

  constructor(
    private readonly zip: ZipArchive,
    /** `data/`, or '' for a 2018 archive: how messages name the parts. */
    private readonly dataDir: XLayout['dataDir'],
    private readonly vote: ExportKindVote,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    this.names = new Set(zip.names);
  }

  async run(): Promise<ImportedExport> {
    if (this.names.has(MANIFEST)) this.manifest = await this.readManifest();
    this.latest = latestTime(this.manifest?.generatedAt ?? null);
    for (const type of Object.keys(X_DATA_TYPES) as XDataType[]) {
      this.parts.set(type, resolveParts(type, this.manifest, this.names, this.dataDir));
    }
    if (!this.manifest && !this.has('account') && !this.has('following')) {
      throw notAnXArchive(this.zip.label, this.vote);
    }
    const dmTypes: XDataType[] = [
      this.has('directMessages') ? 'directMessages' : 'directMessageHeaders',
      this.has('directMessagesGroup') ? 'directMessagesGroup' : 'directMessageGroupHeaders',
    ];
    const plan: XDataType[] = [
      'account',
      'profile',
      'block',
      'mute',
      'following',
      'follower',
      'tweets',
      'like',
      ...dmTypes,
    ];
    for (const type of plan) for (const f of this.partsOf(type).files) this.total += this.zip.sizeOf(f.name);

    await this.readOwner();
    await this.readType('profile', (el) => this.useProfile(el));
    await this.readIds('block', 'blocking', (id) => this.blocked.add(id));
    await this.readIds('mute', 'muting', (id) => this.muted.add(id));
    if (!this.has('following')) {
      throw new UserError(
        `${this.zip.label} has no ${this.dataDir}following.js, so there is nothing to audit. ` +
          'The archive may be incomplete; download it again.',
      );
    }
    await this.readIds('following', 'following', (id) => this.addFollowing(id));
    await this.readIds('follower', 'follower', (id) => this.followerIds.add(id));
    await this.readType('tweets', (el, file) => this.useTweet(el, file));
    await this.readType('like', (el, file) => this.useLike(el, file));
    for (const type of dmTypes) {
      const group = type === 'directMessagesGroup' || type === 'directMessageGroupHeaders';
      await this.readType(type, (el, file) => this.useConversation(el, file, group));
    }
    this.onProgress?.(this.total, this.total);
    return this.result();
  }

  private partsOf(type: XDataType): ResolvedParts {
    return this.parts.get(type) ?? { files: [], manifestCount: null, missing: [] };
  }

  private has(type: XDataType): boolean {
    return this.partsOf(type).files.length > 0;
  }

  private async readManifest(): Promise<XManifest> {
    const text = await this.zip.readText(MANIFEST, MAX_MANIFEST_BYTES);
    try {
      return parseManifest(text);
    } catch (error) {
      throw new UserError(
        `${MANIFEST} could not be read: ${(error as Error).message} — the archive may be truncated; download it again.`,
      );
    }
  }

  private async readOwner(): Promise<void> {
    await this.readType('account', (el) => {
      const account = readAccount(el);
      if (account && !this.owner.id) this.owner = account;
      return account !== null;
    });
    const m = this.manifest;
    if (!this.owner.id && m?.accountId)
      this.owner = { id: m.accountId, handle: m.userName, name: m.displayName };
    if (!this.owner.id) {
      throw new UserError(
        `${this.zip.label} does not say whose archive it is (no readable ${this.dataDir}account.js or manifest). ` +
          'The archive may be incomplete; download it again.',
      );
    }
  }

  /**
   * Streams every part of one type through `use`. Unreadable entries are counted; a broken part stops the
   * import for the types the audit cannot do without, and is a warning for the others.
   */
  private async readType(
    type: XDataType,
    use: (element: unknown, file: string) => boolean,
    fast?: FastElements,
  ): Promise<void> {
    const parts = this.partsOf(type);
    const { noun, loss } = DESCRIPTION[type];
    // A broken account.js is not fatal when the manifest names the owner: they are taken from it.
    const fatal = FATAL.has(type) && !(type === 'account' && this.manifest?.accountId);
    for (const file of parts.missing) {
      const what = `${file} is listed in the archive's manifest but missing from the ZIP`;
      if (REQUIRED.has(type)) throw new UserError(`${what}: the archive is incomplete; download it again.`);
      this.warnings.push(`${what}: ${loss}.`);
    }
    /** Entries of the parts the manifest lists: the ones its count is about. */
    let found = 0;
    let complete = parts.missing.length === 0;
    for (const { name: file, count: listed } of parts.files) {
      const counts = await readYtdPart(
        file,
        this.zip.chunks(file),
        (el) => use(el, file),
        (bytes) => this.progress(bytes),
        MAX_ELEMENT_BYTES,
        fast,
      );
      if (listed !== null) found += counts.elements;
      this.tally.add(file, 'not valid JSON', counts.invalid);
      this.tally.add(file, 'missing the expected fields', counts.unusable);
      this.tally.add(file, `entry too large (over ${MAX_ELEMENT_BYTES / 1024 ** 2} MB)`, counts.tooLarge);
      if (counts.broken) {
        if (fatal) {
          throw new UserError(`${counts.broken.message} — the archive may be truncated; download it again.`);
        }
        complete = false;
        this.warnings.push(`${counts.broken.message}; ${loss}. The archive may be truncated.`);
        const lost = listed === null ? 1 : Math.max(1, listed - counts.elements);
        this.tally.addExplained(file, `the file breaks off: ${counts.broken.reason}`, lost);
      }
    }
    if (complete && parts.manifestCount !== null && found !== parts.manifestCount) {
      const listedFiles = parts.files.filter((f) => f.count !== null);
      const where = listedFiles.map((f) => f.name).join(', ') || 'the ZIP';
      this.warnings.push(
        `The archive's manifest lists ${parts.manifestCount.toLocaleString('en')} ${noun}, but ${where} ` +
          `${listedFiles.length > 1 ? 'hold' : 'holds'} ${found.toLocaleString('en')}: the archive may be incomplete.`,
      );
    }
  }

  private progress(bytes: number): void {
    this.done += bytes;
    this.onProgress?.(this.done, this.total);
  }

  /**
   * Reads an id list (`{<key>: {accountId, userLink}}` entries). Entries of X's usual shape are read from
   * their bytes (x-listed-ids.ts), the rest parsed; both hand `add` the same id.
   */
  private readIds(type: XDataType, key: string, add: (id: string) => void): Promise<void> {
    const use = (element: unknown): boolean => {
      const id = readListedId(element, key);
      if (id) add(id);
      return id !== null;
    };
    return this.readType(type, use, new ListedIdEntries(key, add));
  }

  private useProfile(element: unknown): boolean {
    const profile = readProfileBio(element);
    if (profile) this.bio ??= profile.bio;
    return profile !== null;
  }

  private addFollowing(id: string): void {
    if (!this.following.has(id))
      this.following.set(id, { key: id, id, handle: null, followedAt: null, profile: null });
  }

  private seeTime(at: number): void {
    if (this.newest === null || at > this.newest) this.newest = at;
  }

  private namedOf(id: string): Named {
    let named = this.named.get(id);
    if (named === undefined) {
      named = { taught: null, handle: null, at: 0 };
      this.named.set(id, named);
    }
    return named;
  }

  private record(events: InteractionEvent[]): void {
    for (const event of events) {
      this.seeTime(event.at);
      const { id, handle } = event.who;
      // Posts name the same people again and again: teach the ledger each pair once, not on every event.
      if (id && handle) {
        const named = this.namedOf(id);
        if (named.taught === handle) event.who.handle = null;
        else named.taught = handle;
      }
      recordEvent(this.ledger, event);
    }
  }

  private useTweet(element: unknown, file: string): boolean {
    const tweet = readTweet(element);
    if (!tweet) return false;
    if (!isPlausibleTime(tweet.at, this.latest)) {
      this.tally.add(file, IMPLAUSIBLE_TIME);
      return true;
    }
    this.seeTime(tweet.at);
    for (const { id, handle } of tweetHandles(tweet)) {
      const named = this.namedOf(id);
      if (named.taught !== handle) {
        learnAlias(this.ledger, handle, id);
        named.taught = handle;
      }
      if (named.handle === null || named.at < tweet.at) {
        named.handle = handle;
        named.at = tweet.at;
      }
    }
    const { events, post } = tweetInteractions(tweet, this.owner);
    this.record(events);
    if (post !== null) this.posts.push(post);
    return true;
  }

  private useLike(element: unknown, file: string): boolean {
    const like = readLike(element);
    if (!like) return false;
    if (like.text !== null) this.likes.push(like.text);
    const event = likeInteraction(like, this.owner);
    // The like still tells the owner's interests; only its event is left out.
    if (event && !isPlausibleTime(event.at, this.latest)) this.tally.add(file, IMPLAUSIBLE_TIME);
    else if (event) this.record([event]);
    return true;
  }

  private useConversation(element: unknown, file: string, group: boolean): boolean {
    const result = conversationEvents(element, this.owner.id ?? '', group, this.seenMessages, this.latest);
    if (!result) return false;
    this.record(result.events);
    this.tally.add(
      file,
      'messages without a sender or a plausible time, or from outside the conversation',
      result.unreadableMessages,
    );
    return true;
  }

  /**
   * A 2018 archive is years old by now, yet the audit cannot say so from a generation date: without this,
   * everyone would look quiet for no stated reason.
   */
  private undatedWarning(): string {
    const newest =
      this.newest === null
        ? 'it holds no dated post, like or message'
        : `the newest post, like or message in it is from ${new Date(this.newest).toISOString().slice(0, 10)}`;
    return (
      `This archive is in X's 2018 layout, which does not say when it was made; ${newest}. ` +
      'Anything since is not in it: for an audit as of today, download a new archive from X.'
    );
  }

  private result(): ImportedExport {
    for (const account of this.following.values())
      account.handle = this.named.get(account.key)?.handle ?? null;
    dropAccounts(this.ledger, this.blocked);
    const sources: [XDataType[], string][] = [
      [['tweets'], 'own posts'],
      [['like'], 'likes'],
      [
        ['directMessages', 'directMessageHeaders', 'directMessagesGroup', 'directMessageGroupHeaders'],
        'direct messages',
      ],
    ];
    this.ledger.sources = sources
      .filter(([types]) => types.some((t) => this.has(t)))
      .map(([, label]) => label);
    const warnings = [...this.warnings, ...this.tally.warnings()];
    if (this.manifest?.partial)
      warnings.unshift('X marked this archive as partial: some of your data may be missing.');
    if (this.dataDir === '') warnings.unshift(this.undatedWarning());
    if (!this.has('follower')) {
      warnings.push(
        `The archive has no ${this.dataDir}follower.js: Tend cannot tell which accounts follow you back.`,
      );
    }
    if (this.following.size === 0) {
      warnings.push(
        `The archive lists no accounts you follow (${this.dataDir}following.js has none Tend can read), so there is no one to audit. ` +
          'If you do follow accounts, the archive is incomplete: download a new one.',
      );
    }
    return {
      platform: 'x',
      owner: this.owner,
      following: [...this.following.values()],
      followers: this.has('follower') ? { ids: this.followerIds, handles: new Set() } : null,
      ledger: this.ledger,
      ownerTexts: { bio: this.bio, posts: this.posts, likes: this.likes },
      keepCandidates: [],
      muted: this.muted,
      blocked: this.blocked,
      pendingRequests: [],
      generatedAt: this.manifest?.generatedAt ?? null,
      warnings,
      unreadable: this.tally.list(),
    };
  }
}
