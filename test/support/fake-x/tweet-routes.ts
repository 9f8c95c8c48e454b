/** The owner's posts, the posts mentioning them, the posts they liked: 100 a page, with expansions. */
import { idParam, listParam, maxResults, page } from './params.js';
import { GONE_ROLES } from './network.js';
import { ok, pathUser, userOut, type Route, type RouteContext } from './routes.js';
import type { FakeTweet, Timelines } from './tweets.js';
import { USER_FIELDS } from './users.js';

const TWEET_FIELDS: ReadonlySet<string> = new Set([
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'text',
  'withheld',
]);
const EXPANSIONS: ReadonlySet<string> = new Set([
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'entities.note.mentions.username',
  'referenced_tweets.id',
  'referenced_tweets.id.author_id',
]);
const FIELD_PARAMS = [
  'expansions',
  'tweet.fields',
  'user.fields',
  'media.fields',
  'place.fields',
  'poll.fields',
];

type Tweet = Record<string, unknown>;

function selectTweetFields(tweet: Tweet, fields: ReadonlySet<string>): Tweet {
  const out: Tweet = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: tweet.edit_history_tweet_ids };
  for (const field of fields) if (field in tweet) out[field] = tweet[field];
  return out;
}

/** X's `includes`: the users and posts the requested expansions name. Gone users are left out. */
function includesOf(
  ctx: RouteContext,
  tweets: Tweet[],
  referenced: Timelines['referenced'],
  expansions: ReadonlySet<string>,
): Tweet {
  const userIds = new Set<string>();
  const refs = new Map<string, Tweet>();
  for (const tweet of tweets) {
    if (expansions.has('author_id')) userIds.add(tweet.author_id as string);
    if (expansions.has('in_reply_to_user_id') && typeof tweet.in_reply_to_user_id === 'string')
      userIds.add(tweet.in_reply_to_user_id);
    if (expansions.has('entities.mentions.username')) {
      for (const m of (tweet.entities as { mentions?: { id: string }[] } | undefined)?.mentions ?? [])
        userIds.add(m.id);
    }
    for (const ref of (tweet.referenced_tweets as { id: string }[] | undefined) ?? []) {
      const original = referenced.get(ref.id);
      if (!original) continue;
      if (expansions.has('referenced_tweets.id')) refs.set(ref.id, original);
      if (expansions.has('referenced_tweets.id.author_id')) userIds.add(original.author_id as string);
    }
  }
  const userFields = listParam(ctx.query, 'user.fields', USER_FIELDS);
  const tweetFields = listParam(ctx.query, 'tweet.fields', TWEET_FIELDS);
  const users = [...userIds]
    .map((id) => ctx.net.account(id))
    .filter((a) => a !== null && !GONE_ROLES.has(a.kind))
    .map((a) => userOut(ctx, a!, userFields));
  const includes: Tweet = {};
  if (users.length > 0) includes.users = users;
  if (refs.size > 0) includes.tweets = [...refs.values()].map((t) => selectTweetFields(t, tweetFields));
  return includes;
}

function timeline(
  which: 'tweets' | 'mentions' | 'liked_tweets',
  list: keyof Omit<Timelines, 'referenced'>,
  latest: number,
): Route {
  const sinceId = which !== 'liked_tweets';
  return {
    method: 'GET',
    endpoint: `GET /2/users/:id/${which}`,
    pattern: new RegExp(`^/2/users/([^/]+)/${which}$`),
    accepts: ['max_results', 'pagination_token', ...FIELD_PARAMS, ...(sinceId ? ['since_id'] : [])],
    unsupported: sinceId
      ? ['until_id', 'start_time', 'end_time', ...(which === 'tweets' ? ['exclude'] : [])]
      : [],
    data: 'posts',
    handle(ctx) {
      const user = pathUser(ctx, ctx.params[0]!);
      const size = maxResults(ctx.query, which === 'liked_tweets' ? 10 : 5, 100, 10);
      const expansions = listParam(ctx.query, 'expansions', EXPANSIONS);
      const tweetFields = listParam(ctx.query, 'tweet.fields', TWEET_FIELDS);
      const timelines = user.kind === 'owner' ? ctx.timelines(user.index) : null;
      let items: FakeTweet[] = timelines ? timelines[list].slice(0, latest) : [];
      const since = ctx.query.get('since_id');
      if (since !== null) {
        const floor = BigInt(idParam('since_id', since));
        items = items.filter((t) => BigInt(t.tweet.id as string) > floor);
      }
      const { items: slice, meta } = page(items, ctx.query, which, size);
      if (slice.length === 0) return ok({ meta });
      meta.newest_id = slice[0]!.tweet.id;
      meta.oldest_id = slice.at(-1)!.tweet.id;
      const tweets = slice.map((t) => t.tweet);
      const includes = includesOf(ctx, tweets, timelines!.referenced, expansions);
      const data = tweets.map((t) => selectTweetFields(t, tweetFields));
      return ok({ data, ...(Object.keys(includes).length > 0 ? { includes } : {}), meta });
    },
  };
}

/** X serves at most the latest 3,200 own posts and 800 mentions. */
export const TWEET_ROUTES: Route[] = [
  timeline('tweets', 'posts', 3200),
  timeline('mentions', 'mentions', 800),
  timeline('liked_tweets', 'likes', Infinity),
];
