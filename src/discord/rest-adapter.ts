/**
 * The nudge worker's way to Discord: plain REST with the bot's token. The worker holds no gateway
 * connection (only one process may keep the bot's session), and a DM needs none.
 */
import {
  DiscordAPIError,
  REST,
  RESTJSONErrorCodes,
  Routes,
  type APIChannel,
  type APIGuild,
  type APIMessage,
} from 'discord.js';
import type { BotMessage } from './message.js';
import { CANNOT_DM_USER, DmClosedError, type ReviewDiscord } from './port.js';

/** What a digest needs of Discord: the review's port, less what only the bot does. */
export interface DigestDiscord extends Pick<ReviewDiscord, 'sendDm' | 'addReactions'> {
  /** Whether the person is still in a server the bot is in: a DM refused to someone who left them all is no closed-DMs matter. */
  sharesAServer(userId: string): Promise<boolean>;
}

const UNKNOWN_MEMBER = RESTJSONErrorCodes.UnknownMember;
/** The most servers GET /users/@me/guilds returns at once. */
const GUILD_PAGE = 200;

export interface DiscordRestOptions {
  token: string;
  /** Another Discord API base, such as a test server's (`http://127.0.0.1:PORT/api`). */
  api?: string;
  /** Awaited before each reaction: the channel's turn in the pace the worker shares with the bot. */
  slot?: (channelId: string) => Promise<void>;
}

export function restDigestDiscord({ token, api, slot }: DiscordRestOptions): DigestDiscord {
  const rest = new REST(api ? { api } : {}).setToken(token);
  return {
    async sendDm(userId: string, message: BotMessage) {
      // Digests carry no files: the body is the message's JSON parts.
      const body = {
        content: message.content,
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: { parse: [] },
      };
      try {
        const channel = (await rest.post(Routes.userChannels(), {
          body: { recipient_id: userId },
        })) as APIChannel;
        const sent = (await rest.post(Routes.channelMessages(channel.id), { body })) as APIMessage;
        return { channelId: channel.id, messageId: sent.id };
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === CANNOT_DM_USER)
          throw new DmClosedError(userId);
        throw error;
      }
    },
    async sharesAServer(userId) {
      // Discord lists a bot's servers 200 at a time, by ascending id: page on with `after` to the last.
      for (let after: string | null = null; ;) {
        const query = new URLSearchParams({
          limit: String(GUILD_PAGE),
          ...(after === null ? {} : { after }),
        });
        const guilds = (await rest.get(Routes.userGuilds(), { query })) as APIGuild[];
        for (const guild of guilds) {
          try {
            await rest.get(Routes.guildMember(guild.id, userId));
            return true;
          } catch (error) {
            if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER)) throw error;
          }
        }
        if (guilds.length < GUILD_PAGE) return false;
        after = guilds.at(-1)!.id;
      }
    },
    async addReactions(channelId, messageId, emojis) {
      // One after the other: Discord shows reactions in the order they were added.
      for (const emoji of emojis) {
        await slot?.(channelId);
        await rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)));
      }
    },
  };
}
