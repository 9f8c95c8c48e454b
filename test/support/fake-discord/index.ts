/**
 * A fake Discord on loopback for the real discord.js Client (docs/TESTING.md): the gateway over WebSocket and the
 * REST API under /api/v10, with Discord's payload shapes, limits and refusals, and a log of every REST call,
 * so a test reads what a person would have seen.
 *
 *   const discord = await startFakeDiscord({ users: [{ username: 'ada' }, { username: 'bob', dmsOpen: false }] });
 *   const client = new Client({ intents, partials, rest: { api: discord.apiUrl } });
 *   await client.login(discord.token); // then register the bot's commands through it
 *   const audit = discord.sendCommand(discord.users[0]!.id, 'audit', { options: { source: 'x' } });
 *   discord.interactionResponses(audit.id); // the deferral, each edit, the follow-ups, as the person saw them
 */
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApplicationFlags } from 'discord.js';
import { FakeClock } from './clock.js';
import { CommandRegistry, type RegisteredCommand } from './commands.js';
import type { FakeContext } from './context.js';
import { Gateway, type GatewayLogEntry } from './gateway.js';
import { appRoutes } from './app-routes.js';
import { channelRoutes } from './channel-routes.js';
import { interactionRoutes } from './interaction-routes.js';
import { InteractionBook, type FakeInteraction, type InteractionResponse } from './interactions.js';
import { addReaction, isEmoji, removeReaction } from './reactions.js';
import { RateLimiter, type RateLimit } from './rate-limits.js';
import { restServer, type Fault, type FakeDiscordCall } from './rest.js';
import { clickButton, sendCommand, submitModal, type CommandInput } from './triggers.js';
import { snapshot, type FakeMessage } from './views.js';
import { guildCreate, userJson } from './wire.js';
import { isEphemeral, World, type FakeUser, type StoredMessage, type UserSpec } from './world.js';

export interface FakeDiscordOptions {
  /** The people in the server besides the bot. Default: ada and bob. */
  users?: UserSpec[];
  token?: string;
  /** Discord's is 41.25 s; discord.js must be ACKed or it reconnects. */
  heartbeatIntervalMs?: number;
  /** How long an interaction waits for its callback before Discord answers 10062 Unknown interaction. Default 3 s. */
  interactionDeadlineMs?: number;
  /**
   * Per-route rate limits by bucket (`reactions`: adding and removing reactions, per channel), answered
   * with 429 as Discord does. Default: none, so tests that do not look at pacing run at full speed.
   */
  rateLimits?: Partial<Record<'reactions', RateLimit>>;
  /** How many servers the bot is in besides the people's one (none of them theirs). Default 0. */
  otherServers?: number;
  /** Privileged intents (GuildMembers, GuildPresences, MessageContent) enabled for the app; asking for others closes with 4014. */
  privilegedIntents?: number;
}

export interface FakeDiscord {
  /** For `new Client({ rest: { api } })`: discord.js adds `/v10`. */
  apiUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
  botUserId: string;
  /** The server's text channel, where commands are used by default. */
  channelId: string;
  users: readonly FakeUser[];
  /** Every REST call, in the order the fake answered them. */
  calls: readonly FakeDiscordCall[];
  /** Gateway sessions identified, resumed, refused and closed. */
  gatewayLog: readonly GatewayLogEntry[];
  sendCommand(userId: string, name: string, input?: CommandInput): FakeInteraction;
  clickButton(userId: string, message: { id: string }, customId: string): FakeInteraction;
  submitModal(userId: string, customId: string, fields: Record<string, string>): FakeInteraction;
  react(userId: string, channelId: string, messageId: string, emoji: string): void;
  unreact(userId: string, channelId: string, messageId: string, emoji: string): void;
  /** From now on the person refuses DMs from the server's members: the bot's DMs fail with 50007. */
  refuseDms(userId: string): void;
  /** The person leaves the server: they share none with the bot, and its DMs to them fail with 50007. */
  leaveServer(userId: string): void;
  /** The callback, each edit of @original and each follow-up, in order, with the message as it then was. */
  interactionResponses(interactionId: string): InteractionResponse[];
  dmChannelOf(userId: string): string | null;
  /** The channel's messages as everyone sees them now: after edits, without ephemeral ones. */
  messages(channelId: string): FakeMessage[];
  /** Emoji → ids of the users who reacted, the bot included. */
  reactionsOn(channelId: string, messageId: string): Record<string, string[]>;
  /** The commands registered globally, or for the server when given its id. */
  commands(guildId?: string): RegisteredCommand[];
  /** The first REST call matching, already made or still to come. */
  waitFor(matches: (call: FakeDiscordCall) => boolean, timeoutMs?: number): Promise<FakeDiscordCall>;
  /** Answers the next `times` REST calls that match with `status` (a 5xx: discord.js retries it, then gives up). */
  failNext(matches: Fault['matches'], times: number, status?: number): void;
  /**
   * Moves the fake's clock forward: an interaction not yet answered when its 3 s pass is forgotten, and its
   * callback answered 404 Unknown interaction (10062), as Discord does.
   */
  advanceClock(ms: number): void;
  /** Drops every gateway connection; resumable (default) clients resume and get what they missed, others identify anew. */
  disconnectClients(options?: { resumable?: boolean }): void;
  close(): Promise<void>;
}

function zlibSyncInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('zlib-sync');
    return true;
  } catch {
    return false;
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  if (zlibSyncInstalled()) {
    throw new Error(
      'fake-discord: zlib-sync is installed, so discord.js asks for zlib-stream compression, which the fake does not speak (docs/TESTING.md)',
    );
  }
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const token = options.token ?? `fake-discord.${Math.random().toString(36).slice(2)}`;
  const world = new World(
    `http://127.0.0.1:${port}`,
    options.users ?? [{ username: 'ada' }, { username: 'bob' }],
    options.otherServers ?? 0,
  );
  const gateway = new Gateway({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? 0,
    resumeUrl: `ws://127.0.0.1:${port}/resume`,
    ready: () => ({
      v: 10,
      user: userJson(world.bot),
      guilds: [{ id: world.guildId, unavailable: true }],
      shard: [0, 1],
      application: { id: world.bot.id, flags: 0 as ApplicationFlags, flags_new: '0' },
    }),
    guildCreate: () => guildCreate(world),
  });
  const clock = new FakeClock();
  const ctx: FakeContext = {
    world,
    gateway,
    clock,
    interactions: new InteractionBook(world.nextId, clock),
    commands: new CommandRegistry(world.bot.id, world.nextId),
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
  };
  const limiter = new RateLimiter(options.rateLimits ?? {}, clock);
  const rest = restServer(
    world,
    token,
    [...appRoutes(ctx, `ws://127.0.0.1:${port}/gateway`), ...channelRoutes(ctx), ...interactionRoutes(ctx)],
    limiter,
  );
  // Route failures are answered (and logged) inside serve; what is left is the socket failing under it.
  server.on('request', (req, res) => void rest.serve(req, res).catch(() => res.destroy()));
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', world.baseUrl).pathname;
    if (path === '/gateway' || path === '/resume') gateway.upgrade(req, socket, head);
    else socket.destroy();
  });

  /** A message a person reacts to: one they can see, in a channel they can see, and not ephemeral. */
  const reactable = (userId: string, channelId: string, messageId: string, emoji: string): StoredMessage => {
    const channel = world.channels.get(channelId);
    const message = world.messages.get(messageId);
    if (!channel || !world.canSee(world.user(userId).id, channel))
      throw new Error(`fake-discord: user ${userId} cannot see channel ${channelId}`);
    if (!message || message.channelId !== channelId || isEphemeral(message))
      throw new Error(`fake-discord: channel ${channelId} has no message ${messageId} to react to`);
    if (!isEmoji(emoji))
      throw new Error(`fake-discord: ${emoji} is not an emoji Discord takes as a reaction`);
    return message;
  };

  return {
    apiUrl: `${world.baseUrl}/api`,
    token,
    applicationId: world.bot.id,
    guildId: world.guildId,
    botUserId: world.bot.id,
    channelId: world.channelId,
    users: world.people(),
    calls: rest.calls,
    gatewayLog: gateway.log,
    sendCommand: (userId, name, input) => sendCommand(ctx, userId, name, input),
    clickButton: (userId, message, customId) => clickButton(ctx, userId, message.id, customId),
    submitModal: (userId, customId, fields) => submitModal(ctx, userId, customId, fields),
    react: (userId, channelId, messageId, emoji) =>
      addReaction(ctx, reactable(userId, channelId, messageId, emoji), userId, emoji),
    unreact: (userId, channelId, messageId, emoji) =>
      removeReaction(ctx, reactable(userId, channelId, messageId, emoji), userId, emoji),
    refuseDms: (userId) => void (world.user(userId).dmsOpen = false),
    leaveServer: (userId) => {
      const user = world.user(userId);
      user.member = false;
      user.dmsOpen = false;
    },
    interactionResponses: (interactionId) => [...(ctx.interactions.get(interactionId)?.responses ?? [])],
    dmChannelOf: (userId) => world.dmChannelOf(userId)?.id ?? null,
    messages: (channelId) =>
      [...world.messages.values()].filter((m) => m.channelId === channelId && !isEphemeral(m)).map(snapshot),
    reactionsOn: (channelId, messageId) => {
      const message = world.publicMessage(channelId, messageId);
      return Object.fromEntries(
        [...(message?.reactions ?? [])]
          .filter(([, users]) => users.length > 0)
          .map(([emoji, users]) => [emoji, [...users]]),
      );
    },
    commands: (guildId) => ctx.commands.list(guildId ?? 'global'),
    waitFor: rest.waitFor,
    advanceClock: (ms) => clock.advance(ms),
    failNext: (matches, times, status = 500) => rest.fail({ matches, times, status }),
    disconnectClients: ({ resumable = true } = {}) => gateway.disconnect(resumable),
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type { FakeDiscordCall, Fault } from './rest.js';
export type { RateLimit } from './rate-limits.js';
export type { FakeInteraction, InteractionResponse, ResponseKind } from './interactions.js';
export type { FakeMessage, FakeFile } from './views.js';
export type { CommandInput } from './triggers.js';
export type { FileInput, OptionInput } from './options.js';
export type { FakeUser, UserSpec } from './world.js';
export type { GatewayLogEntry } from './gateway.js';
export type { RegisteredCommand } from './commands.js';
export type { Upload } from './http.js';
