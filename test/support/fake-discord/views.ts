/** How a test sees a message: plain data, frozen at the moment it was taken, with the files' bytes. */
import { MessageFlags, type APIEmbed, type APIMessageTopLevelComponent } from 'discord.js';
import type { StoredFile, StoredMessage } from './world.js';

export type FakeFile = Readonly<StoredFile>;

export interface FakeMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  attachments: FakeFile[];
  flags: number;
  /** Seen only by the person who used the command. */
  ephemeral: boolean;
  /** A deferred reply still showing "thinking…". */
  loading: boolean;
  editedAt: number | null;
  /** The interaction the message answers, for replies and follow-ups. */
  interactionId: string | null;
}

export const snapshot = (message: StoredMessage): FakeMessage => ({
  id: message.id,
  channelId: message.channelId,
  authorId: message.authorId,
  content: message.content,
  embeds: [...message.embeds],
  components: [...message.components],
  attachments: [...message.attachments],
  flags: message.flags,
  ephemeral: (message.flags & MessageFlags.Ephemeral) !== 0,
  loading: (message.flags & MessageFlags.Loading) !== 0,
  editedAt: message.editedAt,
  interactionId: message.interaction?.id ?? null,
});
