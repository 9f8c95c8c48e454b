/**
 * What a person does that reaches the bot as INTERACTION_CREATE: a slash command, a button click, a modal
 * submission. Each is refused here when the person could not do it on Discord — an unregistered command, a
 * button that is not there or is disabled, a message they cannot see, a modal nobody showed them.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmissionComponent,
  type APIModalSubmitInteraction,
} from 'discord.js';
import type { FakeContext } from './context.js';
import type { FakeInteraction, InteractionRecord, NewInteraction } from './interactions.js';
import { MAX_UPLOAD_BYTES } from './limits.js';
import { commandOptions, type OptionInput } from './options.js';
import {
  BOT_PERMISSIONS,
  channelJson,
  memberJson,
  MEMBER_PERMISSIONS,
  messageJson,
  userJson,
} from './wire.js';
import { isEphemeral, type StoredMessage } from './world.js';

export interface CommandInput {
  subcommand?: string;
  options?: Record<string, OptionInput>;
  /** False: the person uses the command in their DM with the bot. Default: in the server's channel. */
  inGuild?: boolean;
}

function fail(message: string): never {
  throw new Error(`fake-discord: ${message}`);
}

function base(ctx: FakeContext, record: InteractionRecord) {
  const { world } = ctx;
  const user = world.user(record.userId);
  const common = {
    id: record.id,
    application_id: world.bot.id,
    token: record.token,
    version: 1 as const,
    app_permissions: BOT_PERMISSIONS,
    locale: Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: MAX_UPLOAD_BYTES,
    channel_id: record.channelId,
    channel: channelJson(world, world.channels.get(record.channelId)!),
  };
  if (record.guildId === null) {
    // A guild-installed app used in its bot's DMs is authorized by owner "0".
    return {
      ...common,
      user: userJson(user),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
      context: InteractionContextType.BotDM,
    };
  }
  return {
    ...common,
    guild_id: record.guildId,
    guild: { id: record.guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    member: { ...memberJson(world, user), permissions: MEMBER_PERMISSIONS },
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: record.guildId },
    context: InteractionContextType.Guild,
  };
}

function deliver(
  ctx: FakeContext,
  fields: NewInteraction,
  payload: (record: InteractionRecord) => APIInteraction,
): FakeInteraction {
  const record = ctx.interactions.open(fields);
  if (ctx.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload(record)) === 0) {
    fail(
      'no bot session is connected, so the person would see "This interaction failed": wait for the client to be ready',
    );
  }
  return { id: record.id, token: record.token };
}

export function sendCommand(
  ctx: FakeContext,
  userId: string,
  name: string,
  input: CommandInput = {},
): FakeInteraction {
  const { world } = ctx;
  world.user(userId);
  const inGuild = input.inGuild ?? true;
  const command =
    ctx.commands.find(name, inGuild ? world.guildId : null) ??
    fail(
      `/${name} is not registered ${inGuild ? 'in the server' : 'for DMs'}: register the bot's commands first`,
    );
  const channelId = inGuild ? world.channelId : world.openDm(userId).id;
  const data = {
    id: command.id,
    name,
    type: ApplicationCommandType.ChatInput as const,
    ...commandOptions(world, { channelId, inGuild }, command, input),
    ...(command.guild_id === undefined ? {} : { guild_id: command.guild_id }),
  };
  const fields = {
    type: InteractionType.ApplicationCommand,
    userId,
    channelId,
    guildId: inGuild ? world.guildId : null,
    sourceMessageId: null,
  };
  return deliver(
    ctx,
    fields,
    (record) =>
      ({
        ...base(ctx, record),
        type: InteractionType.ApplicationCommand,
        data,
      }) satisfies APIChatInputApplicationCommandInteraction,
  );
}

interface ComponentNode {
  type: ComponentType;
  custom_id?: string;
  disabled?: boolean;
  components?: unknown;
  component?: unknown;
  accessory?: unknown;
}

/** Finds a component by custom id wherever it sits: in action rows, or nested in sections, containers, labels. */
function findComponent(node: unknown, customId: string): ComponentNode | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findComponent(child, customId);
      if (found) return found;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;
  const component = node as ComponentNode;
  if (component.custom_id === customId) return component;
  return findComponent([component.components, component.component, component.accessory], customId);
}

function visibleMessage(ctx: FakeContext, userId: string, messageId: string): StoredMessage {
  const message = ctx.world.messages.get(messageId) ?? fail(`there is no message ${messageId}`);
  const channel = ctx.world.channels.get(message.channelId)!;
  const hidden =
    !ctx.world.canSee(userId, channel) || (isEphemeral(message) && message.interaction?.userId !== userId);
  return hidden ? fail(`user ${userId} cannot see message ${messageId}`) : message;
}

export function clickButton(
  ctx: FakeContext,
  userId: string,
  messageId: string,
  customId: string,
): FakeInteraction {
  const { world } = ctx;
  const message = visibleMessage(ctx, userId, messageId);
  const button =
    findComponent(message.components, customId) ?? fail(`message ${messageId} has no component ${customId}`);
  if (button.type !== ComponentType.Button)
    fail(`${customId} is a ${ComponentType[button.type]}, not a button`);
  if (button.disabled) fail(`button ${customId} is disabled, so nobody can click it`);
  const guildId = world.channels.get(message.channelId)!.recipientId === null ? world.guildId : null;
  const fields = {
    type: InteractionType.MessageComponent,
    userId,
    channelId: message.channelId,
    guildId,
    sourceMessageId: message.id,
  };
  return deliver(
    ctx,
    fields,
    (record) =>
      ({
        ...base(ctx, record),
        type: InteractionType.MessageComponent,
        message: messageJson(world, message),
        data: { custom_id: customId, component_type: ComponentType.Button },
      }) satisfies APIMessageComponentButtonInteraction,
  );
}

interface TextInputNode {
  type: ComponentType;
  custom_id: string;
  required?: boolean;
}

/** Submits the modal the bot showed the person, typing `fields` (custom id → text) into its text inputs. */
export function submitModal(
  ctx: FakeContext,
  userId: string,
  customId: string,
  fields: Record<string, string>,
): FakeInteraction {
  const origin =
    ctx.interactions.openModal(userId, customId) ?? fail(`no modal ${customId} is open for user ${userId}`);
  const typed = (input: TextInputNode) => {
    if (input.type !== ComponentType.TextInput)
      fail(`fake-discord does not implement ${ComponentType[input.type]} in modals`);
    const value = fields[input.custom_id] ?? '';
    if (value === '' && input.required !== false)
      fail(`text input ${input.custom_id} of modal ${customId} is required`);
    return { type: ComponentType.TextInput, custom_id: input.custom_id, value };
  };
  const components = origin.modal!.components.map((raw) => {
    const top = raw as { type: ComponentType; components?: TextInputNode[]; component?: TextInputNode };
    if (top.components) return { type: top.type, components: top.components.map(typed) };
    if (top.component) return { type: top.type, component: typed(top.component) };
    return { type: top.type };
  }) as APIModalSubmissionComponent[];
  for (const name of Object.keys(fields)) {
    if (!findComponent(origin.modal!.components, name)) fail(`modal ${customId} has no text input ${name}`);
  }
  origin.modal = null;
  const source =
    origin.sourceMessageId === null ? null : (ctx.world.messages.get(origin.sourceMessageId) ?? null);
  const next = {
    type: InteractionType.ModalSubmit,
    userId,
    channelId: origin.channelId,
    guildId: origin.guildId,
    sourceMessageId: source?.id ?? null,
  };
  return deliver(
    ctx,
    next,
    (record) =>
      ({
        ...base(ctx, record),
        type: InteractionType.ModalSubmit,
        data: { custom_id: customId, components },
        ...(source ? { message: messageJson(ctx.world, source) } : {}),
      }) satisfies APIModalSubmitInteraction,
  );
}
