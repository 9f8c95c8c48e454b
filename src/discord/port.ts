/**
 * What the review needs of Discord, and no more: the bot's discord.js wiring implements it, tests
 * record it. Messages are what the renderers return.
 */
import type { BotMessage } from './message.js';

/** Discord's answer when a user does not take DMs from the bot (closed DMs, or no server shared). */
export const CANNOT_DM_USER = 50007;

/** The person's DMs are closed to the bot: explained in the channel, not treated as a failure. */
export class DmClosedError extends Error {
  override readonly name = 'DmClosedError';
  constructor(userId: string) {
    super(`Discord will not deliver DMs from the bot to user ${userId} (code ${CANNOT_DM_USER})`);
  }
}

/**
 * How long the reactions of a message just sent may still be on their way (13 at Discord's pace of about
 * four a second a channel, more slowly when the bot and the nudge worker share a DM's limit). Only after
 * this does a person's reaction on a message whose reactions did not all go on make the bot add them again.
 */
export const REACTIONS_SETTLE_MS = 60_000;

export interface SentMessage {
  channelId: string;
  messageId: string;
}

export interface ReviewDiscord {
  /** The bot's own user id: its pre-added reactions come back as reaction events, and are not the person's. */
  botUserId(): string;
  /** Opens (or reuses) the DM channel and sends; throws DmClosedError when Discord answers 50007. */
  sendDm(userId: string, message: BotMessage): Promise<SentMessage>;
  editMessage(channelId: string, messageId: string, message: BotMessage): Promise<void>;
  /** Adds the bot's own reactions, in this order (Discord shows them in the order they were added). */
  addReactions(channelId: string, messageId: string, emojis: readonly string[]): Promise<void>;
  /** Takes off another user's reaction; Discord refuses it where the bot lacks the right, as in DMs. */
  removeReaction(channelId: string, messageId: string, emoji: string, userId: string): Promise<void>;
}
