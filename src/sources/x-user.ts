import { z } from 'zod';
import type { GoneKind, Profile } from '../model.js';
import { capOptional, capText, TEXT_LIMITS } from '../text-limits.js';

/** The X API v2 user object with the `user.fields` Tend asks for (docs/X-API.md). Every field may be missing. */
export interface XUserV2 {
  id: string;
  username: string;
  name?: string;
  description?: string;
  location?: string;
  url?: string;
  created_at?: string;
  protected?: boolean;
  verified?: boolean;
  verified_type?: 'none' | 'blue' | 'business' | 'government' | string;
  profile_image_url?: string;
  pinned_tweet_id?: string;
  most_recent_tweet_id?: string;
  public_metrics?: {
    followers_count?: number;
    following_count?: number;
    tweet_count?: number;
    listed_count?: number;
    like_count?: number;
    media_count?: number;
  };
  entities?: {
    url?: { urls?: XUrlEntity[] };
    description?: { urls?: XUrlEntity[] };
  };
  connection_status?: string[];
  withheld?: { country_codes?: string[] };
}

export interface XUrlEntity {
  url?: string;
  expanded_url?: string;
  display_url?: string;
}

/** An inline error of a user lookup (`GET /2/users?ids=`), returned with HTTP 200. */
export interface XLookupError {
  title?: string;
  detail?: string;
  type?: string;
  resource_id?: string;
  value?: string;
}

/** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z). */
export const SNOWFLAKE_EPOCH = 1_288_834_974_657;

const DECIMAL_ID = /^\d{1,20}$/;
const TWO_TO_22 = 4_194_304;
/** A day past the epoch: ids whose time falls before it are pre-2010 sequential ids, not snowflakes. */
const FIRST_SNOWFLAKE_TIME = SNOWFLAKE_EPOCH + 86_400_000;

/**
 * `floor(id / 2^22)` of a decimal id of up to 20 digits, in Numbers and exact: the ids X hands out are
 * read by the million in an archive, and BigInt cost most of a like's dating. Up to 15 digits the id
 * itself is an exact Number (below 2^53) and dividing by a power of two rounds nothing. Longer ids are
 * split into `hi · 10^9 + lo` (hi of at most 11 digits): with `hi = q · 2^22 + r`,
 * `floor(id / 2^22) = q · 10^9 + floor((r · 10^9 + lo) / 2^22)`, where `r · 10^9 + lo < 2^22 · 10^9 + 10^9`,
 * about 4.2 · 10^15, is still exact. A property test compares it with the BigInt shift over every length.
 */
function shiftedId(id: string): number {
  if (id.length <= 15) return Math.floor(Number(id) / TWO_TO_22);
  const hi = Number(id.slice(0, -9));
  const lo = Number(id.slice(-9));
  const q = Math.floor(hi / TWO_TO_22);
  return q * 1e9 + Math.floor(((hi - q * TWO_TO_22) * 1e9 + lo) / TWO_TO_22);
}

/**
 * The creation time (epoch ms) carried by a snowflake id, or NaN when `id` is not a decimal id.
 * Ids issued before snowflakes (before Nov 2010) give a time within seconds of the epoch: callers that
 * need a real date must check for that (`snowflakeDate` does).
 */
export function snowflakeTime(id: string): number {
  if (!DECIMAL_ID.test(id)) return Number.NaN;
  return shiftedId(id) + SNOWFLAKE_EPOCH;
}

/** The creation time of a snowflake id, or null when it is not one (not decimal, or a pre-2010 id). */
export function snowflakeDate(id: string): number | null {
  const time = snowflakeTime(id);
  return time > FIRST_SNOWFLAKE_TIME ? time : null;
}

/** True when the id is a snowflake, i.e. its time is a real date and not a pre-2010 sequential id. */
export function hasSnowflakeTime(id: string): boolean {
  return snowflakeDate(id) !== null;
}

const optionalString = z.string().optional();
const urlEntities = z.object({
  urls: z
    .array(z.object({ url: optionalString, expanded_url: optionalString, display_url: optionalString }))
    .optional(),
});
const optionalCount = z.number().optional();

/** The types `XUserV2` promises, checked on data read back from a file (unknown fields are dropped). */
const X_USER_SCHEMA = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  name: optionalString,
  description: optionalString,
  location: optionalString,
  url: optionalString,
  created_at: optionalString,
  protected: z.boolean().optional(),
  verified: z.boolean().optional(),
  verified_type: optionalString,
  profile_image_url: optionalString,
  pinned_tweet_id: optionalString,
  most_recent_tweet_id: optionalString,
  public_metrics: z
    .object({
      followers_count: optionalCount,
      following_count: optionalCount,
      tweet_count: optionalCount,
      listed_count: optionalCount,
      like_count: optionalCount,
      media_count: optionalCount,
    })
    .optional(),
  entities: z.object({ url: urlEntities.optional(), description: urlEntities.optional() }).optional(),
  connection_status: z.array(z.string()).optional(),
  withheld: z.object({ country_codes: z.array(z.string()).optional() }).optional(),
});

/**
 * Checks that a value is an X API v2 user object whose fields have the types Tend relies on. On failure,
 * `problem` names the first bad field, e.g. `user.description is not a string`.
 */
export function parseXUser(value: unknown): { user: XUserV2 } | { problem: string } {
  const result = X_USER_SCHEMA.safeParse(value);
  if (result.success) return { user: result.data };
  const issue = result.error.issues[0]!;
  const field = ['user', ...issue.path.map(String)].join('.');
  const expected = 'expected' in issue && typeof issue.expected === 'string' ? issue.expected : null;
  if (issue.code === 'too_small') return { problem: `${field} is empty` };
  return {
    problem: expected
      ? `${field} is not ${expected === 'array' || expected === 'object' ? 'an' : 'a'} ${expected}`
      : `${field} is invalid`,
  };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

function timeOrNull(iso: unknown): number | null {
  if (typeof iso !== 'string' || iso === '') return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function countOrNull(n: unknown): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The URL entities of `entities.<key>.urls`, keeping only well-formed ones. */
function urlsOf(entities: unknown, key: 'url' | 'description'): XUrlEntity[] {
  const group =
    typeof entities === 'object' && entities !== null ? (entities as Record<string, unknown>)[key] : null;
  const urls = typeof group === 'object' && group !== null ? (group as Record<string, unknown>).urls : null;
  if (!Array.isArray(urls)) return [];
  return urls.filter((u): u is XUrlEntity => typeof u === 'object' && u !== null);
}

/** X lists one URL entity per link, and a bio holds at most seven t.co links. */
const MAX_BIO_LINKS = 16;

/**
 * t.co links in a bio say nothing about the person; the expanded URLs do. The bio is read once for all
 * its links, so an expansion is never searched for more links (a file whose expansions held the short
 * links again grew the bio without end).
 */
function expandLinks(text: string, urls: XUrlEntity[]): string {
  const expansions = new Map<string, string>();
  for (const u of urls.slice(0, MAX_BIO_LINKS)) {
    const short = str(u.url);
    const expanded = str(u.expanded_url);
    if (short && expanded && !expansions.has(short))
      expansions.set(short, capText(expanded, TEXT_LIMITS.url));
  }
  if (expansions.size === 0) return text;
  const links = new RegExp([...expansions.keys()].map(escapeRegExp).join('|'), 'g');
  return capText(
    text.replace(links, (short) => expansions.get(short)!),
    TEXT_LIMITS.expandedBio,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Maps a user object to a profile. Defensive: the object may come from a file or an API answer whose
 * fields do not have the promised types; a field of the wrong type is treated as missing.
 */
export function profileFromXUser(user: XUserV2): Profile {
  const metrics: Record<string, unknown> =
    typeof user.public_metrics === 'object' && user.public_metrics !== null ? user.public_metrics : {};
  const verifiedType = str(user.verified_type) ?? undefined;
  const verifiedFlag = bool(user.verified);
  const verified =
    verifiedFlag !== null
      ? verifiedFlag || (verifiedType !== undefined && verifiedType !== 'none')
      : verifiedType !== undefined
        ? verifiedType !== 'none'
        : null;
  const mostRecent = str(user.most_recent_tweet_id);
  const lastPost = mostRecent ? snowflakeTime(mostRecent) : Number.NaN;
  const description = capOptional(str(user.description), TEXT_LIMITS.bio);
  const avatar = str(user.profile_image_url);
  const connection = Array.isArray(user.connection_status) ? (user.connection_status as unknown[]) : null;
  return {
    id: str(user.id) ?? (typeof user.id === 'number' ? String(user.id) : null),
    handle: str(user.username),
    name: capOptional(str(user.name), TEXT_LIMITS.name),
    bio: description === null ? null : expandLinks(description, urlsOf(user.entities, 'description')),
    url: capOptional(str(urlsOf(user.entities, 'url')[0]?.expanded_url) ?? str(user.url), TEXT_LIMITS.url),
    location: capOptional(str(user.location), TEXT_LIMITS.location),
    createdAt: timeOrNull(user.created_at),
    protected: bool(user.protected),
    verified,
    defaultAvatar: avatar === null ? null : avatar.includes('default_profile_images'),
    followersCount: countOrNull(metrics.followers_count),
    followingCount: countOrNull(metrics.following_count),
    postCount: countOrNull(metrics.tweet_count),
    likeCount: countOrNull(metrics.like_count),
    listedCount: countOrNull(metrics.listed_count),
    mediaCount: countOrNull(metrics.media_count),
    lastPostAt: Number.isFinite(lastPost) ? lastPost : null,
    followsOwner: connection ? connection.includes('followed_by') : null,
    gone: null,
  };
}

/**
 * Sorts an inline lookup error into why the account is gone, or null when the error says nothing about
 * the account (a transient or unknown problem, to be retried rather than reported). X answers "Could not
 * find user" for both deactivated and deleted accounts; it is reported as deactivated, the state every
 * deleted account passes through, and the detail keeps X's own words.
 */
export function goneFromXError(error: XLookupError): { kind: GoneKind; detail: string } | null {
  const detail = error.detail ?? error.title ?? '';
  const text = detail.toLowerCase();
  let kind: GoneKind | null = null;
  if (text.includes('suspended')) kind = 'suspended';
  else if (text.includes('withheld')) kind = 'withheld';
  else if (text.includes('not authorized')) kind = 'unauthorized';
  else if (text.includes('could not find user')) kind = 'deactivated';
  return kind ? { kind, detail } : null;
}
