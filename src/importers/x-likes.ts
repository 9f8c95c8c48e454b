/**
 * The owner's likes (`data/like.js`): `{like: {tweetId, fullText, expandedUrl}}`, with no author and no
 * date.
 *
 * Dating: the liked post's id is a snowflake carrying the post's creation time, and a like cannot come
 * before the post, so that time is a lower bound for the like. Most likes happen soon after the post
 * (feeds show recent posts), so it is a fair estimate of when the owner paid attention; likes of posts
 * older than snowflakes (Nov 2010) get no date and no event.
 *
 * Author: a status URL naming the author (`x.com/<handle>/status/…`) is trusted; otherwise an `@mention`
 * opening the text is taken as a weak hint (it names whom the liked post addressed, usually the person the
 * owner was following the conversation of). Without either, the like feeds interests only.
 */

import type { InteractionEvent, Owner } from '../model.js';
import { snowflakeDate } from '../sources/x-user.js';
import { unescapeHtml } from './html.js';
import { asString, unwrap } from './json.js';
import { statusUrlHandle } from '../sources/x-status-url.js';
import { capOptional, TEXT_LIMITS } from '../text-limits.js';

export interface Like {
  tweetId: string;
  /** HTML-unescaped; null for likes of posts since deleted or protected. */
  text: string | null;
  url: string | null;
}

export function readLike(element: unknown): Like | null {
  const like = unwrap(element, 'like');
  const tweetId = asString(like?.tweetId);
  if (!like || !tweetId) return null;
  const text = capOptional(asString(like.fullText), TEXT_LIMITS.post);
  return { tweetId, text: text === null ? null : unescapeHtml(text), url: asString(like.expandedUrl) };
}

const LEADING_MENTION = /^\s*@([A-Za-z0-9_]{1,15})\b/;

export function likeInteraction(like: Like, owner: Owner): InteractionEvent | null {
  const at = snowflakeDate(like.tweetId);
  if (at === null) return null;
  const handle =
    (like.url && statusUrlHandle(like.url)) ?? (like.text && LEADING_MENTION.exec(like.text)?.[1]);
  if (!handle || (owner.handle && handle.toLowerCase() === owner.handle.toLowerCase())) return null;
  return { who: { handle }, kind: 'like', direction: 'out', at };
}
