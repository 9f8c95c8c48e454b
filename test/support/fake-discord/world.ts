/** What the fake Discord holds: one server with one text channel, its members, DM channels, messages, files. */
import {
  ChannelType,
  MessageFlags,
  MessageType,
  type APIEmbed,
  type APIMessageTopLevelComponent,
  type InteractionType,
} from 'discord.js';
import { snowflakes } from './snowflake.js';

export interface UserSpec {
  username: string;
  id?: string;
  globalName?: string;
  /** False: the person does not accept DMs from server members, so the bot's DMs fail with 50007. */
  dmsOpen?: boolean;
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly globalName: string | null;
  readonly bot: boolean;
  dmsOpen: boolean;
  /** False once the person has left the server: they share no server with the bot any more. */
  member: boolean;
}

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
  description: string | null;
  /** Served by the fake itself, as Discord's CDN serves attachments. */
  url: string;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  attachments: StoredFile[];
  flags: number;
  type: MessageType;
  createdAt: number;
  editedAt: number | null;
  /** The interaction a webhook message answers; null for messages sent through the channel. */
  interaction: { id: string; type: InteractionType; userId: string } | null;
  /** Emoji → ids of the users who reacted with it, in the order they did. */
  reactions: Map<string, string[]>;
}

export interface Channel {
  id: string;
  type: ChannelType.GuildText | ChannelType.DM;
  name: string | null;
  /** The person a DM channel is with; null for the server's channel. */
  recipientId: string | null;
}

export type NewMessage = Pick<StoredMessage, 'channelId' | 'authorId'> & Partial<StoredMessage>;

export class World {
  readonly nextId = snowflakes();
  readonly bot: FakeUser;
  readonly guildId = this.nextId();
  readonly botRoleId = this.nextId();
  readonly channelId = this.nextId();
  readonly joinedAt = new Date().toISOString();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, Channel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly files = new Map<string, StoredFile>();
  /**
   * Every server the bot is in, by id: the people's server, and `otherServers` more that none of them is
   * in. Those sort before it (smaller ids), so a bot reading only a first page of its servers misses it.
   */
  readonly guildIds: readonly string[];

  constructor(
    readonly baseUrl: string,
    specs: readonly UserSpec[],
    otherServers = 0,
  ) {
    this.guildIds = [
      ...Array.from({ length: otherServers }, (_, i) =>
        (BigInt(this.guildId) - BigInt(otherServers - i)).toString(),
      ),
      this.guildId,
    ];
    this.bot = {
      id: this.nextId(),
      username: 'Tend',
      globalName: null,
      bot: true,
      dmsOpen: true,
      member: true,
    };
    this.users.set(this.bot.id, this.bot);
    for (const spec of specs) {
      const user = {
        id: spec.id ?? this.nextId(),
        username: spec.username,
        globalName: spec.globalName ?? null,
        bot: false,
        dmsOpen: spec.dmsOpen ?? true,
        member: true,
      };
      this.users.set(user.id, user);
    }
    this.channels.set(this.channelId, {
      id: this.channelId,
      type: ChannelType.GuildText,
      name: 'general',
      recipientId: null,
    });
  }

  /** For the driving API: a test naming a user the server does not have is a mistake in the test. */
  user(id: string): FakeUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`fake-discord has no user ${id}`);
    return user;
  }

  /** The people: every member but the bot. */
  people(): FakeUser[] {
    return [...this.users.values()].filter((user) => !user.bot);
  }

  dmChannelOf(userId: string): Channel | null {
    return [...this.channels.values()].find((channel) => channel.recipientId === userId) ?? null;
  }

  /** Discord keeps one DM channel per person: opening it again answers the same channel. */
  openDm(userId: string): Channel {
    const existing = this.dmChannelOf(userId);
    if (existing) return existing;
    const channel: Channel = { id: this.nextId(), type: ChannelType.DM, name: null, recipientId: userId };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Whether a person can see the channel: the server's channel, or their own DM with the bot. */
  canSee(userId: string, channel: Channel): boolean {
    return channel.type === ChannelType.GuildText || channel.recipientId === userId;
  }

  addFile(channelId: string, file: Omit<StoredFile, 'id' | 'url'>): StoredFile {
    const id = this.nextId();
    const url = `${this.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    const stored = { ...file, id, url };
    this.files.set(id, stored);
    return stored;
  }

  addMessage(fields: NewMessage): StoredMessage {
    const message: StoredMessage = {
      id: this.nextId(),
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      type: MessageType.Default,
      createdAt: Date.now(),
      editedAt: null,
      interaction: null,
      reactions: new Map(),
      ...fields,
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** A message as GET /channels/{c}/messages/{m} finds it: in that channel, and not ephemeral. */
  publicMessage(channelId: string, messageId: string): StoredMessage | null {
    const message = this.messages.get(messageId);
    if (!message || message.channelId !== channelId || isEphemeral(message)) return null;
    return message;
  }
}

export const isEphemeral = (message: StoredMessage): boolean =>
  (message.flags & MessageFlags.Ephemeral) !== 0;
