import type { GoneKind, Profile } from '../model.js';

/** The X API v2 user object with the `user.fields` Tend asks for (X-API.md). Every field may be missing. */
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

/**
 * The creation time (epoch ms) carried by a snowflake id, or NaN when `id` is not a decimal id.
 * Ids issued before snowflakes (before Nov 2010) give a time within seconds of the epoch: callers that
 * need a real date must check for that.
 */
export function snowflakeTime(id: string): number {
  if (!/^\d{1,20}$/.test(id)) return Number.NaN;
  return Number(BigInt(id) >> 22n) + SNOWFLAKE_EPOCH;
}

/** True when the id is a snowflake, i.e. its time is a real date and not a pre-2010 sequential id. */
export function hasSnowflakeTime(id: string): boolean {
  return snowflakeTime(id) > SNOWFLAKE_EPOCH + 86_400_000;
}

function timeOrNull(iso: string | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function countOrNull(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** t.co links in a bio say nothing about the person; the expanded URLs do. */
function expandLinks(text: string, urls: XUrlEntity[] | undefined): string {
  let out = text;
  for (const u of urls ?? []) {
    if (u.url && u.expanded_url) out = out.split(u.url).join(u.expanded_url);
  }
  return out;
}

export function profileFromXUser(user: XUserV2): Profile {
  const metrics = user.public_metrics ?? {};
  const verifiedType = user.verified_type;
  const verified =
    typeof user.verified === 'boolean'
      ? user.verified || (verifiedType !== undefined && verifiedType !== 'none')
      : verifiedType !== undefined
        ? verifiedType !== 'none'
        : null;
  const lastPost = user.most_recent_tweet_id ? snowflakeTime(user.most_recent_tweet_id) : Number.NaN;
  return {
    id: user.id,
    handle: user.username,
    name: user.name ?? null,
    bio: user.description === undefined ? null : expandLinks(user.description, user.entities?.description?.urls),
    url: user.entities?.url?.urls?.[0]?.expanded_url ?? user.url ?? null,
    location: user.location ?? null,
    createdAt: timeOrNull(user.created_at),
    protected: user.protected ?? null,
    verified,
    defaultAvatar:
      user.profile_image_url === undefined ? null : user.profile_image_url.includes('default_profile_images'),
    followersCount: countOrNull(metrics.followers_count),
    followingCount: countOrNull(metrics.following_count),
    postCount: countOrNull(metrics.tweet_count),
    likeCount: countOrNull(metrics.like_count),
    listedCount: countOrNull(metrics.listed_count),
    mediaCount: countOrNull(metrics.media_count),
    lastPostAt: Number.isFinite(lastPost) ? lastPost : null,
    followsOwner: user.connection_status ? user.connection_status.includes('followed_by') : null,
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
