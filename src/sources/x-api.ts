/**
 * Thin I/O over the X API v2, one request per call, so a caller can checkpoint between pages (the audit
 * worker saves the next token and resumes from it after a crash or a rate limit). Errors are never
 * caught here: they propagate as twitter-api-v2 throws them, for x-errors.ts to sort.
 */
import type { TwitterApi, TwitterRateLimit } from 'twitter-api-v2';
import type { Owner, Profile } from '../model.js';
import { UnexpectedXAnswer } from './x-errors.js';
import { goneFromXError, profileFromXUser, type XLookupError, type XUserV2 } from './x-user.js';

/** Every field the engine reads (x-user.ts), `connection_status` and `most_recent_tweet_id` included. */
export const USER_FIELDS = [
  'connection_status',
  'created_at',
  'description',
  'entities',
  'location',
  'most_recent_tweet_id',
  'name',
  'profile_image_url',
  'protected',
  'public_metrics',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
].join(',');
export const FOLLOWS_PAGE_SIZE = 1000;
export const LOOKUP_BATCH = 100;

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Epoch ms at which the window resets. */
  resetAt: number;
}

export function rateLimitInfo(limit: TwitterRateLimit | undefined): RateLimitInfo | null {
  return limit ? { limit: limit.limit, remaining: limit.remaining, resetAt: limit.reset * 1000 } : null;
}

export interface FollowingPage {
  /** X's user objects as read, for a profile snapshot or cache. */
  users: XUserV2[];
  profiles: Profile[];
  /** The token of the next page; null on the last. */
  nextToken: string | null;
  rateLimit: RateLimitInfo | null;
  /** Inline errors X sent with the page (about the listed user itself, were it gone). */
  errors: XLookupError[];
}

interface UsersBody {
  data?: XUserV2[];
  errors?: XLookupError[];
  meta?: { next_token?: string };
}

/**
 * X's answer as the JSON object its API sends. twitter-api-v2 hands a body of any other content type
 * (a proxy's HTML page) back as a string, with the success status it came with.
 */
export function apiObject<T extends object>(body: unknown, endpoint: string): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new UnexpectedXAnswer(endpoint);
  return body as T;
}

async function followsPage(
  client: TwitterApi,
  which: 'following' | 'followers',
  ownerId: string,
  token: string | null,
  fields: string,
  maxResults: number = FOLLOWS_PAGE_SIZE,
): Promise<FollowingPage> {
  const query: Record<string, string | number> = { max_results: maxResults, 'user.fields': fields };
  if (token !== null) query.pagination_token = token;
  const response = await client.v2.get<UsersBody>(`users/:id/${which}`, query, {
    fullResponse: true,
    params: { id: ownerId },
  });
  const body = apiObject<UsersBody>(response.data, `users/:id/${which}`);
  const users = body.data ?? [];
  return {
    users,
    profiles: users.map(profileFromXUser),
    nextToken: body.meta?.next_token ?? null,
    rateLimit: rateLimitInfo(response.rateLimit),
    errors: body.errors ?? [],
  };
}

/** One page (up to 1,000) of the accounts the owner follows, newest follow first, with full profiles. */
export function fetchFollowingPage(
  client: TwitterApi,
  ownerId: string,
  token: string | null,
): Promise<FollowingPage> {
  return followsPage(client, 'following', ownerId, token, USER_FIELDS);
}

/**
 * One page of the owner's followers. Only needed where `connection_status` did not come back; ids and
 * handles are all that is used, so no extra fields are asked for.
 */
export async function fetchFollowersPage(
  client: TwitterApi,
  ownerId: string,
  token: string | null,
): Promise<{ ids: string[]; handles: string[]; nextToken: string | null; rateLimit: RateLimitInfo | null }> {
  const page = await followsPage(client, 'followers', ownerId, token, 'username');
  return {
    ids: page.users.map((u) => u.id),
    handles: page.users.map((u) => u.username),
    nextToken: page.nextToken,
    rateLimit: page.rateLimit,
  };
}

/**
 * One page of the owner's followers with full profiles, newest first: the followers audit through the
 * API, which pays for every account read, so a page can be asked for fewer than 1,000.
 */
export function fetchFollowerProfilesPage(
  client: TwitterApi,
  ownerId: string,
  token: string | null,
  maxResults: number = FOLLOWS_PAGE_SIZE,
): Promise<FollowingPage> {
  if (!(maxResults >= 1 && maxResults <= FOLLOWS_PAGE_SIZE))
    throw new RangeError(`X reads 1 to ${FOLLOWS_PAGE_SIZE} followers a page, not ${maxResults}`);
  return followsPage(client, 'followers', ownerId, token, USER_FIELDS, maxResults);
}

export interface Hydrated {
  users: XUserV2[];
  /** One per id X answered for: a full profile, or one saying why the account is gone. */
  profiles: Profile[];
  /** Inline errors that say nothing about the account (to retry, not to report). */
  unresolved: XLookupError[];
  /** Ids X neither returned nor explained. */
  missing: string[];
  rateLimit: RateLimitInfo | null;
}

/** Profiles for up to 100 ids (an archive lists ids only); the inline errors become gone profiles. */
export async function hydrateIds(client: TwitterApi, ids: readonly string[]): Promise<Hydrated> {
  if (ids.length === 0 || ids.length > LOOKUP_BATCH)
    throw new RangeError(`X looks up 1 to ${LOOKUP_BATCH} ids a call, not ${ids.length}`);
  const response = await client.v2.get<UsersBody>(
    'users',
    { ids: ids.join(','), 'user.fields': USER_FIELDS },
    { fullResponse: true },
  );
  const body = apiObject<UsersBody>(response.data, 'users');
  const users = body.data ?? [];
  const profiles = users.map(profileFromXUser);
  const unresolved: XLookupError[] = [];
  const answered = new Set(users.map((u) => u.id));
  for (const error of body.errors ?? []) {
    const id = error.resource_id ?? error.value;
    const gone = goneFromXError(error);
    if (id && gone) profiles.push({ id, handle: null, gone });
    else unresolved.push(error);
    if (id) answered.add(id);
  }
  return {
    users,
    profiles,
    unresolved,
    missing: ids.filter((id) => !answered.has(id)),
    rateLimit: rateLimitInfo(response.rateLimit),
  };
}

/** The person the credentials speak for, with their bio (material for their interests). */
export async function fetchMe(
  client: TwitterApi,
): Promise<{ owner: Owner; user: XUserV2; bio: string | null }> {
  const response = await client.v2.get<{ data?: XUserV2 }>(
    'users/me',
    { 'user.fields': 'description,entities,public_metrics,created_at' },
    { fullResponse: true },
  );
  const user = apiObject<{ data?: XUserV2 }>(response.data, 'users/me').data;
  if (typeof user?.id !== 'string' || typeof user.username !== 'string')
    throw new UnexpectedXAnswer('users/me');
  const profile = profileFromXUser(user);
  return {
    owner: { id: user.id, handle: user.username, name: user.name ?? null },
    user,
    bio: profile.bio ?? null,
  };
}

/** Unfollows; "not following" is success too (X answers the same), so a retried job is harmless. */
export async function unfollow(
  client: TwitterApi,
  sourceId: string,
  targetId: string,
): Promise<{ following: boolean; rateLimit: RateLimitInfo | null }> {
  const response = await client.v2.delete<{ data: { following: boolean } }>(
    'users/:source_user_id/following/:target_user_id',
    undefined,
    {
      fullResponse: true,
      params: { source_user_id: sourceId, target_user_id: targetId },
    },
  );
  return { following: response.data.data.following, rateLimit: rateLimitInfo(response.rateLimit) };
}

/** Follows again (undo); already following is success. A protected account answers with a pending request. */
export async function follow(
  client: TwitterApi,
  sourceId: string,
  targetId: string,
): Promise<{ following: boolean; pending: boolean; rateLimit: RateLimitInfo | null }> {
  const response = await client.v2.post<{ data: { following: boolean; pending_follow?: boolean } }>(
    'users/:id/following',
    { target_user_id: targetId },
    { fullResponse: true, params: { id: sourceId } },
  );
  const { following, pending_follow } = response.data.data;
  return { following, pending: pending_follow === true, rateLimit: rateLimitInfo(response.rateLimit) };
}
