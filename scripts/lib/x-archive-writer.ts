/**
 * Writes X archive ZIPs that look like real ones (FORMATS.md), for tests, the demo and the benchmark:
 * `Your archive.html`, `data/manifest.js`, `data/*.js` parts as `window.YTD.<type>.partN = [...]`, every
 * number and id a string, `created_at` in X's format, `full_text` HTML-escaped, media under
 * `data/tweets_media/`. Entries are generated while the ZIP is written, so archives of any size stream to
 * disk without being held in memory.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

export interface XArchiveSpec {
  account: { accountId: string; username: string; displayName: string; createdAt?: string; bio?: string };
  /** ISO. */
  generationDate: string;
  following: string[];
  followers: string[];
  tweets: {
    id: string;
    createdAt: Date;
    text: string;
    inReplyTo?: { userId: string; screenName: string };
    mentions?: { id: string; screenName: string }[];
    quotedUrl?: string;
    /** e.g. '+0100'. */
    utcOffset?: string;
  }[];
  likes: { tweetId: string; fullText: string; expandedUrl?: string }[];
  dms: {
    conversationId: string;
    messages: { id: string; senderId: string; recipientId: string; text: string; createdAt: Date }[];
  }[];
  groupDms?: {
    conversationId: string;
    participants: string[];
    messages: { id: string; senderId: string; text: string; createdAt: Date }[];
  }[];
  blocks?: string[];
  mutes?: string[];
  options?: {
    /** `tweet.js` / `YTD.tweet.partN`, as archives before about Dec 2022. */
    legacyTweetNames?: boolean;
    /** Tweets without the `{tweet: {...}}` wrapper, as some older archives. */
    unwrappedTweets?: boolean;
    /** Split each type into parts of this many entries, written in shuffled order. */
    partSize?: number;
    /** Part sizes per type (key as in the manifest: `tweets`, `like` …), over `partSize`. */
    partSizes?: Record<string, number>;
    media?: { files: number; bytesEach: number };
    omitManifest?: boolean;
    /** Override a manifest data type's count (key as in the manifest: `following`, `tweets` …). */
    manifestCounts?: Record<string, number>;
    /** Added as given; an extra entry replaces a generated one of the same name. */
    extraEntries?: { name: string; content: string | Buffer }[];
    /** Generated entries to leave out, e.g. 'data/follower.js' (the manifest still lists them). */
    omitEntries?: string[];
    /**
     * Put every entry under this folder (`<folder>/data/manifest.js` …), as when someone unzips the archive
     * and zips the folder again. Names in `extraEntries` and `omitEntries` are given without it.
     */
    rootFolder?: string;
    /** Which DM files to write: the full ones, the text-less headers, or both (the default, as X does). */
    dmFiles?: 'both' | 'full' | 'headers';
  };
}

type Spec = XArchiveSpec;

/** One data type of the archive: its manifest key, file base name, YTD global and entries. */
interface DataType {
  key: string;
  base: string;
  global: string;
  items: readonly unknown[];
  toEntry: (item: never) => unknown;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** X's `created_at`: `Sat Feb 18 12:33:11 +0000 2023`, in the local time of the offset. */
export function formatXDate(date: Date, offset = '+0000'): string {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(offset);
  if (!m) throw new Error(`bad UTC offset ${offset}`);
  const shift = (Number(m[2]) * 60 + Number(m[3])) * 60_000 * (m[1] === '-' ? -1 : 1);
  const d = new Date(date.getTime() + shift);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} ${offset} ${d.getUTCFullYear()}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const userLink = (id: string): string => `https://twitter.com/intent/user?user_id=${id}`;

function tweetEntry(tweet: Spec['tweets'][number]): Record<string, unknown> {
  const mentions = (tweet.mentions ?? []).map((m) => {
    const start = Math.max(0, tweet.text.indexOf(`@${m.screenName}`));
    return {
      name: m.screenName,
      screen_name: m.screenName,
      indices: [String(start), String(start + m.screenName.length + 1)],
      id_str: m.id,
      id: m.id,
    };
  });
  const urls = tweet.quotedUrl
    ? [{ url: 'https://t.co/q' + tweet.id.slice(-8), expanded_url: tweet.quotedUrl, display_url: tweet.quotedUrl.replace(/^https?:\/\//, '').slice(0, 26) + '…', indices: [String(tweet.text.length), String(tweet.text.length + 23)] }]
    : [];
  // The replied-to post is not in the spec: a snowflake just before this one stands in for its id.
  const repliedTo = tweet.inReplyTo && /^\d+$/.test(tweet.id) ? String(BigInt(tweet.id) - (1n << 22n)) : undefined;
  const reply = tweet.inReplyTo
    ? {
        in_reply_to_status_id_str: repliedTo,
        in_reply_to_status_id: repliedTo,
        in_reply_to_user_id: tweet.inReplyTo.userId,
        in_reply_to_user_id_str: tweet.inReplyTo.userId,
        in_reply_to_screen_name: tweet.inReplyTo.screenName,
      }
    : {};
  return {
    edit_info: {
      initial: {
        editTweetIds: [tweet.id],
        editableUntil: new Date(tweet.createdAt.getTime() + 3_600_000).toISOString(),
        editsRemaining: '5',
        isEditEligible: false,
      },
    },
    retweeted: false,
    source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    entities: { hashtags: [], symbols: [], user_mentions: mentions, urls },
    display_text_range: ['0', String(tweet.text.length)],
    favorite_count: '0',
    id_str: tweet.id,
    truncated: false,
    retweet_count: '0',
    id: tweet.id,
    created_at: formatXDate(tweet.createdAt, tweet.utcOffset),
    favorited: false,
    full_text: escapeHtml(tweet.text),
    lang: 'en',
    ...reply,
  };
}

function dmEntry(conversation: Spec['dms'][number], withText: boolean): unknown {
  return {
    dmConversation: {
      conversationId: conversation.conversationId,
      messages: conversation.messages.map((m) => ({
        messageCreate: {
          id: m.id,
          senderId: m.senderId,
          recipientId: m.recipientId,
          createdAt: m.createdAt.toISOString(),
          ...(withText ? { text: m.text, reactions: [], urls: [], mediaUrls: [] } : {}),
        },
      })),
    },
  };
}

function groupDmEntry(conversation: NonNullable<Spec['groupDms']>[number], withText: boolean): unknown {
  const first = conversation.messages.reduce<Date | null>((a, m) => (a && a < m.createdAt ? a : m.createdAt), null);
  return {
    dmConversation: {
      conversationId: conversation.conversationId,
      messages: [
        ...conversation.messages.map((m) => ({
          messageCreate: {
            id: m.id,
            senderId: m.senderId,
            createdAt: m.createdAt.toISOString(),
            ...(withText ? { text: m.text, reactions: [], urls: [], mediaUrls: [] } : {}),
          },
        })),
        {
          joinConversation: {
            initiatingUserId: conversation.participants[0] ?? '0',
            participantsSnapshot: conversation.participants,
            createdAt: (first ?? new Date(0)).toISOString(),
          },
        },
      ],
    },
  };
}

function dataTypes(spec: Spec): DataType[] {
  const o = spec.options ?? {};
  const tweetBase = o.legacyTweetNames ? 'tweet' : 'tweets';
  const dmFiles = o.dmFiles ?? 'both';
  const full = dmFiles !== 'headers';
  const headers = dmFiles !== 'full';
  const listed = (key: string) => (id: string) => ({ [key]: { accountId: id, userLink: userLink(id) } });
  const types: (DataType | false)[] = [
    { key: 'account', base: 'account', global: 'account', items: [spec.account], toEntry: (a: Spec['account']) => ({
      account: {
        email: `${a.username}@example.com`,
        createdVia: 'web',
        username: a.username,
        accountId: a.accountId,
        createdAt: a.createdAt ?? '2015-01-01T00:00:00.000Z',
        accountDisplayName: a.displayName,
      },
    }) },
    spec.account.bio !== undefined && { key: 'profile', base: 'profile', global: 'profile', items: [spec.account.bio], toEntry: (bio: string) => ({
      profile: { description: { bio, website: '', location: '' }, avatarMediaUrl: '' },
    }) },
    { key: 'following', base: 'following', global: 'following', items: spec.following, toEntry: listed('following') },
    { key: 'follower', base: 'follower', global: 'follower', items: spec.followers, toEntry: listed('follower') },
    { key: 'block', base: 'block', global: 'block', items: spec.blocks ?? [], toEntry: listed('blocking') },
    { key: 'mute', base: 'mute', global: 'mute', items: spec.mutes ?? [], toEntry: listed('muting') },
    { key: tweetBase, base: tweetBase, global: tweetBase, items: spec.tweets, toEntry: (t: Spec['tweets'][number]) =>
      o.unwrappedTweets ? tweetEntry(t) : { tweet: tweetEntry(t) } },
    { key: 'like', base: 'like', global: 'like', items: spec.likes, toEntry: (l: Spec['likes'][number]) => ({
      like: { tweetId: l.tweetId, fullText: l.fullText, expandedUrl: l.expandedUrl ?? `https://twitter.com/i/web/status/${l.tweetId}` },
    }) },
    full && { key: 'directMessages', base: 'direct-messages', global: 'direct_messages', items: spec.dms, toEntry: (c: Spec['dms'][number]) => dmEntry(c, true) },
    headers && { key: 'directMessageHeaders', base: 'direct-message-headers', global: 'direct_message_headers', items: spec.dms, toEntry: (c: Spec['dms'][number]) => dmEntry(c, false) },
    full && { key: 'directMessagesGroup', base: 'direct-messages-group', global: 'direct_messages_group', items: spec.groupDms ?? [], toEntry: (c: NonNullable<Spec['groupDms']>[number]) => groupDmEntry(c, true) },
    headers && { key: 'directMessageGroupHeaders', base: 'direct-message-group-headers', global: 'direct_message_group_headers', items: spec.groupDms ?? [], toEntry: (c: NonNullable<Spec['groupDms']>[number]) => groupDmEntry(c, false) },
  ];
  return types.filter((t): t is DataType => t !== false);
}

interface Part {
  type: DataType;
  index: number;
  fileName: string;
  items: readonly unknown[];
}

function splitIntoParts(type: DataType, partSize: number | undefined): Part[] {
  const size = partSize && partSize > 0 ? partSize : Math.max(1, type.items.length);
  const parts: Part[] = [];
  for (let start = 0, index = 0; index === 0 || start < type.items.length; start += size, index++) {
    parts.push({
      type,
      index,
      fileName: index === 0 ? `data/${type.base}.js` : `data/${type.base}-part${index}.js`,
      items: type.items.slice(start, start + size),
    });
  }
  return parts;
}

/** JSON laid out the way X writes its archives: `"key" : value`, two-space steps, `[ ]` for empty lists. */
export function xJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + xJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${xJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The text of one part, produced in slices of about 64 KB. */
function* partText(part: Part): Generator<Buffer> {
  let text = `window.YTD.${part.type.global}.part${part.index} = [`;
  for (let i = 0; i < part.items.length; i++) {
    text += `${i === 0 ? '\n  ' : ',\n  '}${xJson(part.type.toEntry(part.items[i] as never), '  ')}`;
    if (text.length > 65_536) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(part.items.length === 0 ? `${text} ]` : `${text}\n]`);
}

function manifest(spec: Spec, parts: Part[], media: boolean): string {
  const o = spec.options ?? {};
  const dataTypesOut: Record<string, unknown> = {};
  for (const part of parts) {
    const entry = (dataTypesOut[part.type.key] ??= { files: [] }) as { files: Record<string, string>[] };
    entry.files.push({
      fileName: part.fileName,
      globalName: `YTD.${part.type.global}.part${part.index}`,
      count: String(part.items.length),
    });
  }
  for (const [key, count] of Object.entries(o.manifestCounts ?? {})) {
    const files = (dataTypesOut[key] as { files: Record<string, string>[] } | undefined)?.files;
    if (!files?.[0]) continue;
    const others = files.slice(1).reduce((sum, f) => sum + Number(f.count), 0);
    files[0].count = String(count - others);
  }
  if (media) dataTypesOut.tweetsMedia = { mediaDirectory: 'data/tweets_media' };
  const config = {
    userInfo: { accountId: spec.account.accountId, userName: spec.account.username, displayName: spec.account.displayName },
    archiveInfo: {
      sizeBytes: '0',
      generationDate: spec.generationDate,
      isPartialArchive: false,
      maxPartSizeBytes: '53687091200',
    },
    readmeInfo: { fileName: 'data/README.txt', directory: 'data/', name: 'README.txt' },
    dataTypes: dataTypesOut,
  };
  return `window.__THAR_CONFIG = ${xJson(config)}`;
}

/** A deterministic order that is not the natural one, so readers cannot rely on parts arriving in order. */
function shuffled<T extends { fileName: string }>(parts: T[]): T[] {
  const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);
  return [...parts].sort((a, b) => hash(a.fileName) - hash(b.fileName));
}

/** Bytes that do not compress, generated once and reused for every media file. */
function noise(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  let state = 0x9e3779b9;
  for (let i = 0; i + 4 <= bytes; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    buffer.writeUInt32LE(state >>> 0, i);
  }
  return buffer;
}

function buildZip(spec: Spec): yazl.ZipFile {
  const o = spec.options ?? {};
  const mtime = new Date(spec.generationDate);
  const zip = new yazl.ZipFile();
  const extra = new Map((o.extraEntries ?? []).map((e) => [e.name, e.content]));
  const omit = new Set(o.omitEntries ?? []);
  const skip = (name: string): boolean => extra.has(name) || omit.has(name);
  const root = o.rootFolder ? `${o.rootFolder.replace(/\/+$/, '')}/` : '';
  const add = (name: string, content: string | Buffer): void => {
    if (!skip(name)) zip.addBuffer(Buffer.from(content), root + name, { mtime });
  };

  add('Your archive.html', `<!DOCTYPE html><html><head><title>Your archive</title></head><body><p>${escapeHtml(spec.account.username)}</p></body></html>`);
  const parts = dataTypes(spec).flatMap((type) => splitIntoParts(type, o.partSizes?.[type.key] ?? o.partSize));
  if (!o.omitManifest) add('data/manifest.js', manifest(spec, parts, !!o.media));
  for (const part of shuffled(parts)) {
    if (skip(part.fileName)) continue;
    zip.addReadStreamLazy(root + part.fileName, { mtime }, (cb) => cb(null, Readable.from(partText(part))));
  }
  if (o.media && o.media.files > 0) {
    const bytes = noise(o.media.bytesEach);
    const tweetIds = spec.tweets.map((t) => t.id);
    for (let i = 0; i < o.media.files; i++) {
      const name = `data/tweets_media/${tweetIds[i % Math.max(1, tweetIds.length)] ?? i}-m${i}.jpg`;
      zip.addReadStreamLazy(root + name, { mtime, compress: false, size: bytes.length }, (cb) => cb(null, Readable.from([bytes])));
    }
  }
  for (const [name, content] of extra) zip.addBuffer(Buffer.from(content), root + name, { mtime });
  zip.end();
  return zip;
}

/** Writes the archive to `outPath`, streaming. */
export async function writeXArchive(spec: XArchiveSpec, outPath: string): Promise<void> {
  await pipeline(buildZip(spec).outputStream, createWriteStream(outPath));
}

export async function buildXArchive(spec: XArchiveSpec): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of buildZip(spec).outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
