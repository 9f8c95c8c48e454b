/**
 * The review's Discord port as a test double: it keeps every DM as the person would see it now (sent,
 * then edited), the reactions the bot put on each, and the reactions it tried to take off. The fake
 * Discord server of the bot's end-to-end tests drives the real discord.js client instead.
 */
import type { BotMessage } from '../../../src/discord/message.js';
import { DmClosedError, type ReviewDiscord, type SentMessage } from '../../../src/discord/port.js';

export const BOT_ID = '900000000000000001';

export interface RecordedDm extends SentMessage {
  userId: string;
  /** As sent, then as last edited. */
  message: BotMessage;
  edits: number;
  reactions: string[];
}

export class RecordingDiscord implements ReviewDiscord {
  readonly dms: RecordedDm[] = [];
  readonly removed: { messageId: string; emoji: string; userId: string }[] = [];
  /** People whose DMs are closed to the bot. */
  readonly closed = new Set<string>();
  private nextId = 700000000000000000n;

  botUserId(): string {
    return BOT_ID;
  }

  async sendDm(userId: string, message: BotMessage): Promise<SentMessage> {
    if (this.closed.has(userId)) throw new DmClosedError(userId);
    const sent = { channelId: `5${userId.slice(1)}`, messageId: String(this.nextId++) };
    this.dms.push({ ...sent, userId, message, edits: 0, reactions: [] });
    return sent;
  }

  async editMessage(channelId: string, messageId: string, message: BotMessage): Promise<void> {
    const dm = this.dm(messageId);
    if (dm.channelId !== channelId) throw new Error(`Message ${messageId} is not in channel ${channelId}`);
    dm.message = message;
    dm.edits++;
  }

  async addReactions(channelId: string, messageId: string, emojis: readonly string[]): Promise<void> {
    this.dm(messageId).reactions.push(...emojis);
  }

  async removeReaction(_channelId: string, messageId: string, emoji: string, userId: string): Promise<void> {
    this.removed.push({ messageId, emoji, userId });
  }

  dm(messageId: string): RecordedDm {
    const dm = this.dms.find((d) => d.messageId === messageId);
    if (!dm) throw new Error(`No DM ${messageId} was sent`);
    return dm;
  }

  /** A DM's words as the person reads them: embed titles, descriptions and fields. */
  text(messageId: string): string {
    const { content, embeds = [] } = this.dm(messageId).message;
    const parts = embeds.flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]);
    return [content, ...parts].filter((part): part is string => typeof part === 'string').join('\n');
  }
}
