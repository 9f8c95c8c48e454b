/**
 * Writes X archive ZIPs that look like real ones (docs/FORMATS.md), for tests, the demo and the benchmark:
 * `Your archive.html`, `data/manifest.js`, `data/*.js` parts as `window.YTD.<type>.partN = [...]`, every
 * number and id a string, `created_at` in X's format, `full_text` HTML-escaped, media under
 * `data/tweets_media/`. Entries are generated while the ZIP is written, so archives of any size stream to
 * disk without being held in memory. `options.layout` writes the older layouts X used: 2018's and 2016's.
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
    /**
     * `2018`: the `.js` files at the ZIP's root, no manifest, no `data/` folder, `tweet.js` unwrapped,
     * `direct-message.js` (singular, no headers file) with `createdAt` in epoch milliseconds as a string,
     * id lists without `userLink`. `2016`: the tweets-only archive (`tweets.csv`, `data/js/tweets/YYYY_MM.js`,
     * `data/js/tweet_index.js`, `data/js/user_details.js`), which holds no follow lists, likes or DMs.
     */
    layout?: '2018' | '2016';
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
    ? [
        {
          url: 'https://t.co/q' + tweet.id.slice(-8),
          expanded_url: tweet.quotedUrl,
          display_url: tweet.quotedUrl.replace(/^https?:\/\//, '').slice(0, 26) + '…',
          indices: [String(tweet.text.length), String(tweet.text.length + 23)],
        },
      ]
    : [];
  // The replied-to post is not in the spec: a snowflake just before this one stands in for its id.
  const repliedTo =
    tweet.inReplyTo && /^\d+$/.test(tweet.id) ? String(BigInt(tweet.id) - (1n << 22n)) : undefined;
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

/** A message's `createdAt`: ISO 8601 today, epoch milliseconds written as a string in 2018 archives. */
function dmTime(at: Date, epochMs: boolean): string {
  return epochMs ? String(at.getTime()) : at.toISOString();
}

function dmEntry(conversation: Spec['dms'][number], withText: boolean, epochMs: boolean): unknown {
  return {
    dmConversation: {
      conversationId: conversation.conversationId,
      messages: conversation.messages.map((m) => ({
        messageCreate: {
          id: m.id,
          senderId: m.senderId,
          recipientId: m.recipientId,
          createdAt: dmTime(m.createdAt, epochMs),
          ...(withText ? { text: m.text, reactions: [], urls: [], mediaUrls: [] } : {}),
        },
      })),
    },
  };
}

function groupDmEntry(
  conversation: NonNullable<Spec['groupDms']>[number],
  withText: boolean,
  epochMs: boolean,
): unknown {
  const first = conversation.messages.reduce<Date | null>(
    (a, m) => (a && a < m.createdAt ? a : m.createdAt),
    null,
  );
  return {
    dmConversation: {
      conversationId: conversation.conversationId,
      messages: [
        ...conversation.messages.map((m) => ({
          messageCreate: {
            id: m.id,
            senderId: m.senderId,
            createdAt: dmTime(m.createdAt, epochMs),
            ...(withText ? { text: m.text, reactions: [], urls: [], mediaUrls: [] } : {}),
          },
        })),
        {
          joinConversation: {
            initiatingUserId: conversation.participants[0] ?? '0',
            participantsSnapshot: conversation.participants,
            createdAt: dmTime(first ?? new Date(0), epochMs),
          },
        },
      ],
    },
  };
}

function dataTypes(spec: Spec): DataType[] {
  const o = spec.options ?? {};
  const of2018 = o.layout === '2018';
  const tweetBase = o.legacyTweetNames || of2018 ? 'tweet' : 'tweets';
  const unwrapped = o.unwrappedTweets || of2018;
  const dmFiles = o.dmFiles ?? (of2018 ? 'full' : 'both');
  const full = dmFiles !== 'headers';
  const headers = dmFiles !== 'full';
  const dm = of2018
    ? { key: 'directMessages', base: 'direct-message', global: 'direct_message' }
    : { key: 'directMessages', base: 'direct-messages', global: 'direct_messages' };
  const groupDm = of2018
    ? { key: 'directMessagesGroup', base: 'direct-message-group', global: 'direct_message_group' }
    : { key: 'directMessagesGroup', base: 'direct-messages-group', global: 'direct_messages_group' };
  const listed = (key: string) => (id: string) => ({
    [key]: of2018 ? { accountId: id } : { accountId: id, userLink: userLink(id) },
  });
  const types: (DataType | false)[] = [
    {
      key: 'account',
      base: 'account',
      global: 'account',
      items: [spec.account],
      toEntry: (a: Spec['account']) => ({
        account: {
          email: `${a.username}@example.com`,
          createdVia: 'web',
          username: a.username,
          accountId: a.accountId,
          createdAt: a.createdAt ?? '2015-01-01T00:00:00.000Z',
          accountDisplayName: a.displayName,
        },
      }),
    },
    spec.account.bio !== undefined && {
      key: 'profile',
      base: 'profile',
      global: 'profile',
      items: [spec.account.bio],
      toEntry: (bio: string) => ({
        profile: { description: { bio, website: '', location: '' }, avatarMediaUrl: '' },
      }),
    },
    {
      key: 'following',
      base: 'following',
      global: 'following',
      items: spec.following,
      toEntry: listed('following'),
    },
    {
      key: 'follower',
      base: 'follower',
      global: 'follower',
      items: spec.followers,
      toEntry: listed('follower'),
    },
    { key: 'block', base: 'block', global: 'block', items: spec.blocks ?? [], toEntry: listed('blocking') },
    { key: 'mute', base: 'mute', global: 'mute', items: spec.mutes ?? [], toEntry: listed('muting') },
    {
      key: tweetBase,
      base: tweetBase,
      global: tweetBase,
      items: spec.tweets,
      toEntry: (t: Spec['tweets'][number]) => (unwrapped ? tweetEntry(t) : { tweet: tweetEntry(t) }),
    },
    {
      key: 'like',
      base: 'like',
      global: 'like',
      items: spec.likes,
      toEntry: (l: Spec['likes'][number]) => ({
        like: {
          tweetId: l.tweetId,
          fullText: l.fullText,
          expandedUrl: l.expandedUrl ?? `https://twitter.com/i/web/status/${l.tweetId}`,
        },
      }),
    },
    full && { ...dm, items: spec.dms, toEntry: (c: Spec['dms'][number]) => dmEntry(c, true, of2018) },
    headers && {
      key: 'directMessageHeaders',
      base: 'direct-message-headers',
      global: 'direct_message_headers',
      items: spec.dms,
      toEntry: (c: Spec['dms'][number]) => dmEntry(c, false, of2018),
    },
    full && {
      ...groupDm,
      items: spec.groupDms ?? [],
      toEntry: (c: NonNullable<Spec['groupDms']>[number]) => groupDmEntry(c, true, of2018),
    },
    headers && {
      key: 'directMessageGroupHeaders',
      base: 'direct-message-group-headers',
      global: 'direct_message_group_headers',
      items: spec.groupDms ?? [],
      toEntry: (c: NonNullable<Spec['groupDms']>[number]) => groupDmEntry(c, false, of2018),
    },
  ];
  return types.filter((t): t is DataType => t !== false);
}

interface Part {
  type: DataType;
  index: number;
  fileName: string;
  items: readonly unknown[];
}

/** `dir` is where the parts go: `data/`, or the ZIP's root ('') in 2018 archives. */
function splitIntoParts(type: DataType, partSize: number | undefined, dir: string): Part[] {
  const size = partSize && partSize > 0 ? partSize : Math.max(1, type.items.length);
  const parts: Part[] = [];
  for (let start = 0, index = 0; index === 0 || start < type.items.length; start += size, index++) {
    parts.push({
      type,
      index,
      fileName: index === 0 ? `${dir}${type.base}.js` : `${dir}${type.base}-part${index}.js`,
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
    userInfo: {
      accountId: spec.account.accountId,
      userName: spec.account.username,
      displayName: spec.account.displayName,
    },
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
  const hash = (s: string) =>
    [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);
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

const csvField = (value: string): string => `"${value.replace(/"/g, '""')}"`;

/** The classic archive's time: `2016-01-05 12:00:00 +0000`. */
function classicTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

/**
 * The tweets-only archive X sent until 2018 (the "Grailbird" viewer): `tweets.csv` at the root and one
 * `data/js/tweets/YYYY_MM.js` per month (`Grailbird.data.tweets_YYYY_MM = [...]`), indexed by
 * `data/js/tweet_index.js`. It has no follow lists, likes or messages.
 */
function addTweetsOnlyArchive(spec: Spec, add: (name: string, content: string) => void): void {
  const { account } = spec;
  add(
    'index.html',
    `<!DOCTYPE html><html><head><title>Your Twitter archive</title></head><body>${escapeHtml(account.username)}</body></html>`,
  );
  const header = [
    'tweet_id',
    'in_reply_to_status_id',
    'in_reply_to_user_id',
    'timestamp',
    'source',
    'text',
    'retweeted_status_id',
    'retweeted_status_user_id',
    'retweeted_status_timestamp',
    'expanded_urls',
  ];
  const rows = spec.tweets.map((t) =>
    [
      t.id,
      '',
      t.inReplyTo?.userId ?? '',
      classicTime(t.createdAt),
      'web',
      t.text,
      '',
      '',
      '',
      t.quotedUrl ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  add('tweets.csv', `${header.map(csvField).join(',')}\n${rows.join('\n')}\n`);
  const months = new Map<string, Spec['tweets']>();
  for (const t of spec.tweets) {
    const month = `${t.createdAt.getUTCFullYear()}_${pad(t.createdAt.getUTCMonth() + 1)}`;
    months.set(month, [...(months.get(month) ?? []), t]);
  }
  const user = {
    name: account.displayName,
    screen_name: account.username,
    id_str: account.accountId,
    id: Number(account.accountId),
  };
  const index = [...months].map(([month, tweets]) => ({
    file_name: `data/js/tweets/${month}.js`,
    year: Number(month.slice(0, 4)),
    var_name: `tweets_${month}`,
    tweet_count: tweets.length,
    month: Number(month.slice(5)),
  }));
  add('data/js/tweet_index.js', `var tweet_index = ${JSON.stringify(index, null, 2)}`);
  add(
    'data/js/user_details.js',
    `var user_details = ${JSON.stringify({ screen_name: account.username, full_name: account.displayName, id: account.accountId, created_at: account.createdAt ?? '2010-01-01 00:00:00 +0000' }, null, 2)}`,
  );
  add(
    'data/js/payload_details.js',
    `var payload_details = ${JSON.stringify({ tweets: spec.tweets.length, created_at: classicTime(new Date(spec.generationDate)), lang: 'en' }, null, 2)}`,
  );
  for (const [month, tweets] of months) {
    const entries = tweets.map((t) => ({
      source: 'web',
      entities: {
        user_mentions: (t.mentions ?? []).map((m) => ({
          screen_name: m.screenName,
          name: m.screenName,
          id_str: m.id,
          id: Number(m.id),
        })),
        media: [],
        hashtags: [],
        urls: [],
      },
      id_str: t.id,
      text: t.text,
      id: Number(t.id),
      created_at: classicTime(t.createdAt),
      ...(t.inReplyTo
        ? { in_reply_to_user_id_str: t.inReplyTo.userId, in_reply_to_screen_name: t.inReplyTo.screenName }
        : {}),
      user,
    }));
    add(
      `data/js/tweets/${month}.js`,
      `Grailbird.data.tweets_${month} = \n${JSON.stringify(entries, null, 2)}`,
    );
  }
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

  if (o.layout === '2016') {
    addTweetsOnlyArchive(spec, add);
    for (const [name, content] of extra) zip.addBuffer(Buffer.from(content), root + name, { mtime });
    zip.end();
    return zip;
  }
  const of2018 = o.layout === '2018';
  if (of2018) {
    add(
      'README.txt',
      `Your Twitter data\n\nThe .js files hold your data as window.YTD.<type>.part0 = [ ... ].\n`,
    );
    // A data type Tend does not read, beside the ones it does.
    add('ageinfo.js', `window.YTD.ageinfo.part0 = ${xJson([{ ageMeta: { ageInfo: { age: ['13-54'] } } }])}`);
  } else {
    add(
      'Your archive.html',
      `<!DOCTYPE html><html><head><title>Your archive</title></head><body><p>${escapeHtml(spec.account.username)}</p></body></html>`,
    );
  }
  const parts = dataTypes(spec).flatMap((type) =>
    splitIntoParts(type, o.partSizes?.[type.key] ?? o.partSize, of2018 ? '' : 'data/'),
  );
  if (!o.omitManifest && !of2018) add('data/manifest.js', manifest(spec, parts, !!o.media));
  for (const part of shuffled(parts)) {
    if (skip(part.fileName)) continue;
    zip.addReadStreamLazy(root + part.fileName, { mtime }, (cb) => cb(null, Readable.from(partText(part))));
  }
  if (o.media && o.media.files > 0) {
    const bytes = noise(o.media.bytesEach);
    const tweetIds = spec.tweets.map((t) => t.id);
    for (let i = 0; i < o.media.files; i++) {
      const name = `${of2018 ? 'tweet_media' : 'data/tweets_media'}/${tweetIds[i % Math.max(1, tweetIds.length)] ?? i}-m${i}.jpg`;
      zip.addReadStreamLazy(root + name, { mtime, compress: false, size: bytes.length }, (cb) =>
        cb(null, Readable.from([bytes])),
      );
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
