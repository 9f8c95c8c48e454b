/**
 * What pages of X API v2 posts say about the owner's relationships, as ledger events (model.ts). Pure.
 * The same reading as the archive importer (importers/x-tweets.ts, x-likes.ts), over v2 shapes:
 * - own posts: replies, mentions, quotes and reposts by the owner (`out`);
 * - mentions timeline: replies to and mentions of the owner by others (`in`);
 * - liked posts: a like of the author (`out`), dated by the post, a lower bound for the like.
 */
import type { InteractionEvent, InteractionKind, Owner } from '../model.js';
import { statusUrlHandle } from './x-status-url.js';
import { snowflakeTime, type XUserV2 } from './x-user.js';
import { capText, TEXT_LIMITS } from '../text-limits.js';

export const TIMELINE_KINDS = ['posts', 'mentions', 'likes'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** A post with the `tweet.fields` Tend asks for (x-timelines.ts). */
export interface XTweetV2 {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted' | string; id: string }[];
  entities?: {
    mentions?: { username: string; id?: string; start?: number; end?: number }[];
    urls?: { url?: string; expanded_url?: string }[];
  };
}

export interface TimelineInteractions {
  events: InteractionEvent[];
  /** The owner's own words (posts, reposts excluded) or the posts they liked: material for their interests. */
  texts: string[];
}

const RETWEET = /^RT @([A-Za-z0-9_]{1,15}):/;

function timeOf(tweet: XTweetV2): number {
  const parsed = tweet.created_at ? Date.parse(tweet.created_at) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : snowflakeTime(tweet.id);
}

function isOwner(owner: Owner, who: { id?: string | null; handle?: string | null }): boolean {
  if (who.id && owner.id) return who.id === owner.id;
  return !!who.handle && !!owner.handle && who.handle.toLowerCase() === owner.handle.toLowerCase();
}

/** What one of the owner's posts says. A repost is only a repost of its author; self-replies are thread. */
function ownPostEvents(tweet: XTweetV2, owner: Owner, at: number): InteractionEvent[] {
  const event = (
    kind: InteractionKind,
    who: { id?: string | null; handle?: string | null },
  ): InteractionEvent => ({ who, kind, direction: 'out', at });
  const mentions = tweet.entities?.mentions ?? [];
  const refs = tweet.referenced_tweets ?? [];
  const retweeted = RETWEET.exec(tweet.text);
  if (refs.some((r) => r.type === 'retweeted') || retweeted) {
    // X puts the reposted author first among the mentions of "RT @author: …".
    const author = mentions[0]
      ? { id: mentions[0].id ?? null, handle: mentions[0].username }
      : { handle: retweeted?.[1] ?? null };
    return author.handle && !isOwner(owner, author) ? [event('repost', author)] : [];
  }
  const events: InteractionEvent[] = [];
  const replyId = tweet.in_reply_to_user_id ?? null;
  if (replyId && !isOwner(owner, { id: replyId })) {
    events.push(
      event('reply', { id: replyId, handle: mentions.find((m) => m.id === replyId)?.username ?? null }),
    );
  }
  const seen = new Set<string>();
  for (const m of mentions) {
    const key = m.id ?? `@${m.username.toLowerCase()}`;
    // The replied-to account's mention is the reply's automatic prefix, not a second interaction.
    if (
      isOwner(owner, { id: m.id, handle: m.username }) ||
      (replyId !== null && m.id === replyId) ||
      seen.has(key)
    )
      continue;
    seen.add(key);
    events.push(event('mention', { id: m.id ?? null, handle: m.username }));
  }
  if (refs.some((r) => r.type === 'quoted')) {
    const quoted = (tweet.entities?.urls ?? [])
      .map((u) => (u.expanded_url ? statusUrlHandle(u.expanded_url) : null))
      .find((h): h is string => h !== null && !isOwner(owner, { handle: h }));
    if (quoted) events.push(event('quote', { handle: quoted }));
  }
  return events;
}

/**
 * The events and texts of one page of a timeline. `users` are the page's `includes.users` (the authors,
 * when the `author_id` expansion was asked for), used to name the accounts behind ids.
 */
export function timelineInteractions(
  kind: TimelineKind,
  tweets: readonly XTweetV2[],
  users: readonly XUserV2[],
  owner: Owner,
): TimelineInteractions {
  const handles = new Map(users.map((u) => [u.id, u.username]));
  const events: InteractionEvent[] = [];
  const texts: string[] = [];
  for (const tweet of tweets) {
    const at = timeOf(tweet);
    if (!Number.isFinite(at)) continue;
    if (kind === 'posts') {
      events.push(...ownPostEvents(tweet, owner, at));
      if (!RETWEET.test(tweet.text)) texts.push(capText(tweet.text, TEXT_LIMITS.post));
      continue;
    }
    const who = {
      id: tweet.author_id ?? null,
      handle: (tweet.author_id && handles.get(tweet.author_id)) || null,
    };
    if ((!who.id && !who.handle) || isOwner(owner, who)) continue;
    if (kind === 'likes') {
      events.push({ who, kind: 'like', direction: 'out', at });
      texts.push(capText(tweet.text, TEXT_LIMITS.post));
    } else {
      const reply = owner.id !== null && tweet.in_reply_to_user_id === owner.id;
      events.push({ who, kind: reply ? 'reply' : 'mention', direction: 'in', at });
    }
  }
  return { events, texts };
}
