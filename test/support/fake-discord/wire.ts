/** How the fake's server, people, channels and messages look on the wire, typed by discord-api-types. */
import {
  ApplicationIntegrationType,
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type RoleFlags,
  type APIAttachment,
  type APIChannel,
  type APIGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';
import type { Channel, FakeUser, StoredFile, StoredMessage, World } from './world.js';

const grant = (...flags: bigint[]): string => flags.reduce((all, flag) => all | flag, 0n).toString();

/** What @everyone may do in the fake server: a plain member can use commands and react, nothing more. */
export const MEMBER_PERMISSIONS = grant(
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.UseApplicationCommands,
);

/** What the bot's role adds: what an admin grants Tend when inviting it. */
export const BOT_PERMISSIONS = grant(
  BigInt(MEMBER_PERMISSIONS),
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ManageMessages,
);

export const userJson = (user: FakeUser): APIUser => ({
  id: user.id,
  username: user.username,
  discriminator: '0',
  global_name: user.globalName,
  avatar: null,
  ...(user.bot ? { bot: true } : {}),
});

export function memberJson(world: World, user: FakeUser): APIGuildMember {
  return {
    user: userJson(user),
    roles: user.bot ? [world.botRoleId] : [],
    joined_at: world.joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    nick: null,
    avatar: null,
    banner: null,
    pending: false,
    premium_since: null,
  };
}

export function channelJson(world: World, channel: Channel): APIChannel {
  if (channel.type === ChannelType.DM) {
    return {
      id: channel.id,
      type: ChannelType.DM,
      name: null,
      recipients: [userJson(world.user(channel.recipientId!))],
      last_message_id: null,
    };
  }
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: world.guildId,
    name: channel.name!,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
  };
}

export const attachmentJson = (file: StoredFile): APIAttachment => ({
  id: file.id,
  filename: file.filename,
  size: file.data.length,
  url: file.url,
  proxy_url: file.url,
  content_type: file.contentType,
  ...(file.description === null ? {} : { description: file.description }),
});

export function messageJson(world: World, message: StoredMessage): APIMessage {
  const reactions = [...message.reactions].filter(([, users]) => users.length > 0);
  return {
    id: message.id,
    channel_id: message.channelId,
    author: userJson(world.user(message.authorId)),
    content: message.content,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    type: message.type,
    flags: message.flags,
    embeds: message.embeds,
    components: message.components,
    attachments: message.attachments.map(attachmentJson),
    ...(reactions.length === 0
      ? {}
      : {
          reactions: reactions.map(([name, users]) => ({
            emoji: { id: null, name },
            count: users.length,
            count_details: { burst: 0, normal: users.length },
            me: users.includes(world.bot.id),
            me_burst: false,
            burst_colors: [],
          })),
        }),
    ...(message.interaction === null
      ? {}
      : {
          webhook_id: world.bot.id,
          application_id: world.bot.id,
          interaction_metadata: {
            id: message.interaction.id,
            type: message.interaction.type,
            user: userJson(world.user(message.interaction.userId)),
            authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: world.guildId },
          } as APIMessageInteractionMetadata,
        }),
  };
}

const role = (id: string, name: string, permissions: string, position: number): APIRole => ({
  id,
  name,
  permissions,
  position,
  color: 0,
  colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
  hoist: false,
  managed: false,
  mentionable: false,
  flags: 0 as RoleFlags,
});

/** The server as the gateway delivers it after READY: with its channel, members and roles, all available. */
export function guildCreate(world: World): GatewayGuildCreateDispatchData {
  const members = [...world.users.values()];
  return {
    id: world.guildId,
    name: 'Tend test server',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.people()[0]?.id ?? world.bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    mfa_level: GuildMFALevel.None,
    nsfw_level: GuildNSFWLevel.Default,
    premium_tier: GuildPremiumTier.None,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    roles: [
      role(world.guildId, '@everyone', MEMBER_PERMISSIONS, 0),
      role(world.botRoleId, 'Tend', BOT_PERMISSIONS, 1),
    ],
    emojis: [],
    stickers: [],
    features: [],
    application_id: null,
    system_channel_id: world.channelId,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    hub_type: null,
    incidents_data: null,
    joined_at: world.joinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
    members: members.map((user) => memberJson(world, user)),
    channels: [
      channelJson(world, world.channels.get(world.channelId)!),
    ] as GatewayGuildCreateDispatchData['channels'],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
