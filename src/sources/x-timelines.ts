/**
 * The interaction history, one page (100 posts) per call: the owner's posts, the posts mentioning them,
 * the posts they liked. Posts are what X bills after profiles, so how deep to read is the caller's
 * setting (`TimelineDepth`): a number of pages, and the newest post read by the previous audit.
 */
import type { TwitterApi } from 'twitter-api-v2';
import type { InteractionEvent, Owner } from '../model.js';
import { apiObject, rateLimitInfo, type RateLimitInfo } from './x-api.js';
import { timelineInteractions, type TimelineKind, type XTweetV2 } from './x-interactions.js';
import type { XUserV2 } from './x-user.js';

const TIMELINE_PAGE_SIZE = 100;

const ENDPOINTS: Record<TimelineKind, string> = {
  posts: 'users/:id/tweets',
  mentions: 'users/:id/mentions',
  likes: 'users/:id/liked_tweets',
};

/**
 * No expansions: every post names its author by id (`author_id`), which is all the ledger needs to
 * join an interaction to a followed account. Expanding authors would read again, and pay for, user
 * objects the following list has already returned.
 */
const QUERIES: Record<TimelineKind, Record<string, string>> = {
  posts: { 'tweet.fields': 'created_at,in_reply_to_user_id,referenced_tweets,entities' },
  mentions: { 'tweet.fields': 'created_at,author_id,in_reply_to_user_id' },
  likes: { 'tweet.fields': 'created_at,author_id' },
};

export interface TimelineDepth {
  /** At most this many pages per timeline and audit. */
  maxPages: number;
  /** Per timeline, the newest post id the previous audit read: reading stops there. */
  sinceIds?: Partial<Record<TimelineKind, string>>;
}

export interface TimelinePage {
  events: InteractionEvent[];
  texts: string[];
  tweets: XTweetV2[];
  nextToken: string | null;
  /** The newest post of the page: the `sinceId` of the next audit when this is the first page. */
  newestId: string | null;
  /** True when the page reached the previous audit's newest post: nothing older is new. */
  reachedSince: boolean;
  rateLimit: RateLimitInfo | null;
}

interface TimelineBody {
  data?: XTweetV2[];
  includes?: { users?: XUserV2[] };
  meta?: { next_token?: string; newest_id?: string };
}

/**
 * One page of a timeline. X filters own posts and mentions by `since_id` itself; it does not for likes
 * (ordered by when they were liked), so there the page is cut where the previous audit's newest is met.
 */
export async function fetchTimelinePage(
  client: TwitterApi,
  kind: TimelineKind,
  owner: Owner & { id: string },
  token: string | null,
  depth: TimelineDepth,
): Promise<TimelinePage> {
  const sinceId = depth.sinceIds?.[kind] ?? null;
  const query: Record<string, string | number> = { max_results: TIMELINE_PAGE_SIZE, ...QUERIES[kind] };
  if (token !== null) query.pagination_token = token;
  if (sinceId !== null && kind !== 'likes') query.since_id = sinceId;
  const response = await client.v2.get<TimelineBody>(ENDPOINTS[kind], query, {
    fullResponse: true,
    params: { id: owner.id },
  });
  const body = apiObject<TimelineBody>(response.data, ENDPOINTS[kind]);
  let tweets = body.data ?? [];
  const cut = sinceId !== null && kind === 'likes' ? tweets.findIndex((t) => t.id === sinceId) : -1;
  if (cut >= 0) tweets = tweets.slice(0, cut);
  const { events, texts } = timelineInteractions(kind, tweets, body.includes?.users ?? [], owner);
  return {
    events,
    texts,
    tweets,
    nextToken: cut >= 0 ? null : (body.meta?.next_token ?? null),
    newestId: body.data?.[0]?.id ?? null,
    reachedSince: cut >= 0,
    rateLimit: rateLimitInfo(response.rateLimit),
  };
}

/** The token to read next, or null when the timeline is read as deep as the setting allows. */
export function nextTimelineToken(
  depth: TimelineDepth,
  pagesRead: number,
  page: TimelinePage,
): string | null {
  if (page.reachedSince || pagesRead >= depth.maxPages) return null;
  return page.nextToken;
}
