/**
 * Reactions, stored per message and dispatched as MESSAGE_REACTION_ADD / _REMOVE. The bot's own reactions
 * are dispatched to it too, as Discord does: a bot that does not ignore them reacts to itself.
 */
import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  ReactionType,
  type GatewayMessageReactionAddDispatchData,
  type GatewayMessageReactionRemoveDispatchData,
} from 'discord.js';
import type { FakeContext } from './context.js';
import { memberJson } from './wire.js';
import type { StoredMessage } from './world.js';

const PICTOGRAPH = String.raw`[\p{Extended_Pictographic}\p{Regional_Indicator}]`;
const EMOJI = new RegExp(
  String.raw`^(?:[#*0-9]\uFE0F?\u20E3|${PICTOGRAPH}(?:[\uFE0F\u200D\p{Emoji_Modifier}]|${PICTOGRAPH})*)$`,
  'u',
);

/** Whether Discord would take this as a reaction: a unicode emoji (the fake server has no custom emojis). */
export const isEmoji = (name: string): boolean => EMOJI.test(name);

const inGuild = (ctx: FakeContext, message: StoredMessage): boolean =>
  ctx.world.channels.get(message.channelId)!.type === ChannelType.GuildText;

function event(
  ctx: FakeContext,
  message: StoredMessage,
  userId: string,
  emoji: string,
): GatewayMessageReactionRemoveDispatchData {
  return {
    user_id: userId,
    channel_id: message.channelId,
    message_id: message.id,
    emoji: { id: null, name: emoji },
    burst: false,
    type: ReactionType.Normal,
    ...(inGuild(ctx, message) ? { guild_id: ctx.world.guildId } : {}),
  };
}

const intentFor = (ctx: FakeContext, message: StoredMessage): GatewayIntentBits =>
  inGuild(ctx, message) ? GatewayIntentBits.GuildMessageReactions : GatewayIntentBits.DirectMessageReactions;

/** Reacting twice with the same emoji changes nothing and dispatches nothing, as on Discord. */
export function addReaction(ctx: FakeContext, message: StoredMessage, userId: string, emoji: string): void {
  const users = message.reactions.get(emoji) ?? [];
  if (users.includes(userId)) return;
  message.reactions.set(emoji, [...users, userId]);
  const data: GatewayMessageReactionAddDispatchData = {
    ...event(ctx, message, userId, emoji),
    message_author_id: message.authorId,
    burst_colors: [],
    ...(inGuild(ctx, message) ? { member: memberJson(ctx.world, ctx.world.user(userId)) } : {}),
  };
  ctx.gateway.dispatch(GatewayDispatchEvents.MessageReactionAdd, data, intentFor(ctx, message));
}

export function removeReaction(
  ctx: FakeContext,
  message: StoredMessage,
  userId: string,
  emoji: string,
): void {
  const users = message.reactions.get(emoji) ?? [];
  if (!users.includes(userId)) return;
  message.reactions.set(
    emoji,
    users.filter((id) => id !== userId),
  );
  ctx.gateway.dispatch(
    GatewayDispatchEvents.MessageReactionRemove,
    event(ctx, message, userId, emoji),
    intentFor(ctx, message),
  );
}
