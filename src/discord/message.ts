/**
 * The shape every renderer returns: plain data that discord.js takes as message options (reply, edit,
 * DM), and the limits Discord enforces on it.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

export interface BotFile {
  attachment: Buffer;
  name: string;
}

export interface BotMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: BotFile[];
}

/** Discord rejects a message over any of these (characters, not bytes). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all a message's embeds together. */
  embedTotal: 6000,
} as const;
