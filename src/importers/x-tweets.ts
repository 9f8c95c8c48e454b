/** The owner's own posts (`data/tweets.js`): who they replied to, mentioned, reposted and quoted. */

import type { InteractionEvent, Owner } from '../model.js';
import { unescapeHtml } from './html.js';
import { asArray, asRecord, asString, unwrap } from './json.js';
import { capText, TEXT_LIMITS } from '../text-limits.js';
import { statusUrlHandle } from '../sources/x-status-url.js';

export interface XAccountRef {
  id: string | null;
  handle: string;
}

export interface Tweet {
  id: string;
  at: number;
  /** `full_text`, HTML-unescaped. */
  text: string;
  inReplyTo: { id: string; handle: string | null } | null;
  mentions: XAccountRef[];
  /** Expanded URLs of the links in the post. */
  urls: string[];
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/**
 * Parses X's `created_at` (`Sat Feb 18 12:33:11 +0000 2023`), honouring the offset, which is not always
 * +0000. Anything else is tried as an ISO date. NaN when neither works.
 */
export function parseXDate(value: string): number {
  return value.length === 30 ? (xDateOfFixedLayout(value) ?? parseXDateText(value)) : parseXDateText(value);
}

const X_DATE = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** `parseXDate` by its regular expression: for every layout the fixed one below leaves. */
export function parseXDateText(value: string): number {
  const m = X_DATE.exec(value.trim());
  if (!m) return Date.parse(value);
  const month = MONTHS[m[1]!];
  if (month === undefined) return Number.NaN;
  const local = Date.UTC(Number(m[9]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  const offset = (Number(m[7]) * 60 + Number(m[8])) * 60_000 * (m[6] === '-' ? -1 : 1);
  return local - offset;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isWordChar = (code: number) =>
  isDigit(code) || code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Where X's 30-character layout has a digit, a space and a colon: `Sat Feb 18 12:33:11 +0000 2023`. */
const DIGITS = [8, 9, 11, 12, 14, 15, 17, 18, 21, 22, 23, 24, 26, 27, 28, 29];
const SPACES = [3, 7, 10, 19, 25];
const two = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/**
 * The time of a `created_at` in exactly X's layout with a two-digit day, read by character codes: the
 * regular expression's groups cost about a tenth of a post's reading. The same numbers go into the same
 * `Date.UTC` as in `parseXDateText`, so the time is the same; null for anything else, which the regular
 * expression then reads (a property test compares the two on X's dates and near misses).
 */
function xDateOfFixedLayout(value: string): number | null {
  for (const at of DIGITS) if (!isDigit(value.charCodeAt(at))) return null;
  for (const at of SPACES) if (value.charCodeAt(at) !== 32) return null;
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return null;
  const sign = value.charCodeAt(20);
  if (sign !== 43 && sign !== 45) return null;
  for (let at = 0; at < 7; at++) if (at !== 3 && !isWordChar(value.charCodeAt(at))) return null;
  const month = MONTHS[value.slice(4, 7)];
  if (month === undefined) return null;
  const year = two(value, 26) * 100 + two(value, 28);
  const local = Date.UTC(year, month, two(value, 8), two(value, 11), two(value, 14), two(value, 17));
  const offset = (two(value, 21) * 60 + two(value, 23)) * 60_000 * (sign === 45 ? -1 : 1);
  return local - offset;
}

/** Reads one `tweets.js` element, wrapped (`{tweet: {...}}`) or not; null when a needed field is missing. */
export function readTweet(element: unknown): Tweet | null {
  const tweet = unwrap(element, 'tweet');
  if (!tweet) return null;
  const id = asString(tweet.id_str) ?? asString(tweet.id);
  const rawText = tweet.full_text ?? tweet.text;
  const created = asString(tweet.created_at);
  if (!id || typeof rawText !== 'string' || !created) return null;
  const at = parseXDate(created);
  if (!Number.isFinite(at)) return null;
  const entities = asRecord(tweet.entities);
  const mentions: XAccountRef[] = [];
  for (const m of asArray(entities?.user_mentions)) {
    const mention = asRecord(m);
    const handle = asString(mention?.screen_name);
    if (handle) mentions.push({ id: asString(mention?.id_str) ?? asString(mention?.id), handle });
  }
  const urls = asArray(entities?.urls)
    .map((u) => asString(asRecord(u)?.expanded_url))
    .filter((u): u is string => u !== null);
  const permalink = asString(asRecord(tweet.quoted_status_permalink)?.expanded);
  if (permalink) urls.push(permalink);
  const replyId = asString(tweet.in_reply_to_user_id_str) ?? asString(tweet.in_reply_to_user_id);
  return {
    id,
    at,
    text: unescapeHtml(capText(rawText, TEXT_LIMITS.post)),
    inReplyTo: replyId ? { id: replyId, handle: asString(tweet.in_reply_to_screen_name) } : null,
    mentions,
    urls,
  };
}

const RETWEET = /^RT @([A-Za-z0-9_]{1,15}):/;
/** Every handle ↔ id pair a post reveals, to name followed accounts the archive lists by id only. */
export function tweetHandles(tweet: Tweet): { id: string; handle: string }[] {
  const pairs = tweet.mentions.filter((m): m is { id: string; handle: string } => m.id !== null);
  if (tweet.inReplyTo?.handle) pairs.push({ id: tweet.inReplyTo.id, handle: tweet.inReplyTo.handle });
  return pairs;
}

function isOwner(owner: Owner, ref: { id?: string | null; handle?: string | null }): boolean {
  if (ref.id && owner.id) return ref.id === owner.id;
  return !!ref.handle && !!owner.handle && ref.handle.toLowerCase() === owner.handle.toLowerCase();
}

/**
 * What one of the owner's posts says about their relationships. A retweet is only a repost of its author
 * (the mentions in it are the author's). Replies to oneself continue one's own thread and are ignored.
 * The mention of the account replied to is the reply's automatic prefix, not a second interaction.
 */
export function tweetInteractions(
  tweet: Tweet,
  owner: Owner,
): { events: InteractionEvent[]; post: string | null } {
  const at = tweet.at;
  const retweeted = RETWEET.exec(tweet.text);
  if (retweeted) {
    const author = tweet.mentions[0] ?? { id: null, handle: retweeted[1]! };
    const events: InteractionEvent[] = isOwner(owner, author)
      ? []
      : [{ who: { id: author.id, handle: author.handle }, kind: 'repost', direction: 'out', at }];
    return { events, post: null };
  }
  const events: InteractionEvent[] = [];
  const reply = tweet.inReplyTo;
  if (reply && !isOwner(owner, reply)) {
    events.push({ who: { id: reply.id, handle: reply.handle }, kind: 'reply', direction: 'out', at });
  }
  const mentioned = new Set<string>();
  for (const m of tweet.mentions) {
    const key = m.id ?? `@${m.handle.toLowerCase()}`;
    if (isOwner(owner, m) || (reply && m.id === reply.id) || mentioned.has(key)) continue;
    mentioned.add(key);
    events.push({ who: { id: m.id, handle: m.handle }, kind: 'mention', direction: 'out', at });
  }
  const quoted = tweet.urls
    .map(statusUrlHandle)
    .find((h): h is string => h !== null && !isOwner(owner, { handle: h }));
  if (quoted) events.push({ who: { handle: quoted }, kind: 'quote', direction: 'out', at });
  return { events, post: tweet.text };
}
