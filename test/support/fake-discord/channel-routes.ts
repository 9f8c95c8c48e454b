/** Channels, messages, reactions, DMs and users, as the bot reaches them with its own token. */
import { ChannelType } from 'discord.js';
import type { FakeContext } from './context.js';
import { NO_CONTENT, ok, refuse, type Route } from './http.js';
import { createMessage, editMessage } from './messages.js';
import { addReaction, isEmoji, removeReaction } from './reactions.js';
import { channelJson, memberJson, messageJson, userJson } from './wire.js';
import type { Channel, FakeUser, StoredMessage } from './world.js';

/** Adding and taking off reactions share one bucket per channel on Discord. */
const REACTIONS = { name: 'reactions', resource: 'channel_id' };

const byId = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

export function channelRoutes(ctx: FakeContext): Route[] {
  const { world } = ctx;

  const channel = (id: string): Channel => {
    const found = world.channels.get(id);
    if (!found) throw refuse.unknownChannel();
    return found;
  };
  const message = (params: Record<string, string>): StoredMessage => {
    const found = world.publicMessage(channel(params.channel_id!).id, params.message_id!);
    if (!found) throw refuse.unknownMessage();
    return found;
  };
  const user = (id: string): FakeUser => {
    const found = id === '@me' ? world.bot : world.users.get(id);
    if (!found) throw refuse.unknownUser();
    return found;
  };
  const emoji = (raw: string): string => {
    if (!isEmoji(raw)) throw refuse.unknownEmoji();
    return raw;
  };

  return [
    {
      method: 'GET',
      path: '/users/:user_id',
      auth: true,
      handle: ({ params }) => ok(userJson(user(params.user_id!))),
    },
    // The servers the bot is in, and whether someone is still a member of one: how a bot tells "left every server" from "closed DMs".
    {
      // Paged as Discord pages it: ascending ids, at most `limit` (default and most 200) after `after` or before `before`.
      method: 'GET',
      path: '/users/@me/guilds',
      auth: true,
      handle: ({ query }) => {
        const limit = Math.min(Math.max(Number(query.get('limit') ?? 200), 1), 200);
        const after = query.get('after');
        const before = query.get('before');
        let ids = world.guildIds.filter(
          (id) => (after === null || byId(id, after) > 0) && (before === null || byId(id, before) < 0),
        );
        ids = before !== null && after === null ? ids.slice(-limit) : ids.slice(0, limit);
        return ok(
          ids.map((id) => ({
            id,
            name: id === world.guildId ? 'Opera lovers' : `Server ${id}`,
            icon: null,
            banner: null,
            owner: false,
            permissions: '0',
            features: [],
          })),
        );
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guild_id/members/:user_id',
      auth: true,
      handle: ({ params }) => {
        const who = user(params.user_id!);
        if (!world.guildIds.includes(params.guild_id!)) throw refuse.unknownGuild();
        if (params.guild_id !== world.guildId || !who.member) throw refuse.unknownMember();
        return ok(memberJson(world, who));
      },
    },
    {
      method: 'POST',
      path: '/users/@me/channels',
      auth: true,
      handle: ({ body }) =>
        ok(
          channelJson(
            world,
            world.openDm(user(String((body as { recipient_id?: unknown })?.recipient_id)).id),
          ),
        ),
    },
    {
      method: 'GET',
      path: '/channels/:channel_id',
      auth: true,
      handle: ({ params }) => ok(channelJson(world, channel(params.channel_id!))),
    },
    {
      method: 'POST',
      path: '/channels/:channel_id/messages',
      auth: true,
      handle: ({ params, body, files }) => {
        const target = channel(params.channel_id!);
        // Opening the DM channel always works; it is the message that a person with closed DMs refuses.
        if (target.type === ChannelType.DM && !world.user(target.recipientId!).dmsOpen)
          throw refuse.cannotMessageUser();
        return ok(
          messageJson(
            world,
            createMessage(world, { channelId: target.id, authorId: world.bot.id }, body, files),
          ),
        );
      },
    },
    {
      method: 'GET',
      path: '/channels/:channel_id/messages/:message_id',
      auth: true,
      handle: ({ params }) => ok(messageJson(world, message(params))),
    },
    {
      method: 'PATCH',
      path: '/channels/:channel_id/messages/:message_id',
      auth: true,
      handle: ({ params, body, files }) => {
        const target = message(params);
        if (target.authorId !== world.bot.id) throw refuse.notAuthor();
        return ok(messageJson(world, editMessage(world, target, body, files)));
      },
    },
    {
      method: 'PUT',
      path: '/channels/:channel_id/messages/:message_id/reactions/:emoji/@me',
      auth: true,
      bucket: REACTIONS,
      handle: ({ params }) => {
        addReaction(ctx, message(params), world.bot.id, emoji(params.emoji!));
        return NO_CONTENT;
      },
    },
    {
      method: 'DELETE',
      path: '/channels/:channel_id/messages/:message_id/reactions/:emoji/:user_id',
      auth: true,
      bucket: REACTIONS,
      handle: ({ params }) => {
        const target = message(params);
        const who = user(params.user_id!);
        // Nobody may remove another's reaction in a DM, not even a bot with Manage Messages.
        if (who.id !== world.bot.id && world.channels.get(target.channelId)!.type === ChannelType.DM)
          throw refuse.dmChannelAction();
        removeReaction(ctx, target, who.id, emoji(params.emoji!));
        return NO_CONTENT;
      },
    },
    {
      method: 'GET',
      path: '/channels/:channel_id/messages/:message_id/reactions/:emoji',
      auth: true,
      handle: ({ params, query }) => {
        const after = query.get('after') ?? '0';
        const limit = Number(query.get('limit') ?? 25);
        const ids = (message(params).reactions.get(emoji(params.emoji!)) ?? [])
          .filter((id) => byId(id, after) > 0)
          .sort(byId);
        return ok(ids.slice(0, limit).map((id) => userJson(world.user(id))));
      },
    },
  ];
}
