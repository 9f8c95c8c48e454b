import { DiscordAPIError, Routes, type Client } from 'discord.js';
import type { BotMessage } from './message.js';
import { CANNOT_DM_USER, DmClosedError, type ReviewDiscord, type SentMessage } from './port.js';

/**
 * The review's port to Discord, through the bot's discord.js client. `slot` is awaited before each
 * reaction: the channel's turn in the pace the bot shares with the nudge worker.
 */
export function discordReview(
  client: Client,
  slot: (channelId: string) => Promise<void> = async () => undefined,
): ReviewDiscord {
  const textChannel = async (channelId: string) => {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isTextBased() || !('messages' in channel))
      throw new Error(`channel ${channelId} takes no messages`);
    return channel;
  };
  return {
    botUserId: () => client.user!.id,
    async sendDm(userId: string, message: BotMessage): Promise<SentMessage> {
      try {
        const user = await client.users.fetch(userId);
        const sent = await user.send(message);
        return { channelId: sent.channelId, messageId: sent.id };
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === CANNOT_DM_USER)
          throw new DmClosedError(userId);
        throw error;
      }
    },
    async editMessage(channelId, messageId, message) {
      await (await textChannel(channelId)).messages.edit(messageId, message);
    },
    async addReactions(channelId, messageId, emojis) {
      // One after the other: Discord shows reactions in the order they were added.
      for (const emoji of emojis) {
        await slot(channelId);
        await client.rest.put(
          Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)),
        );
      }
    },
    async removeReaction(channelId, messageId, emoji, userId) {
      await client.rest.delete(
        Routes.channelMessageUserReaction(channelId, messageId, encodeURIComponent(emoji), userId),
      );
    },
  };
}
