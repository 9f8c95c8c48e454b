import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import { loadServiceSettings } from '../config/service-settings.js';
import { errorMessage, UserError } from '../errors.js';
import { createLogger, personRefKey, usePersonRefKey } from '../log.js';
import { createQueues, QUEUE_NAMES } from '../queues/queues.js';
import { createXAppClient } from '../sources/x-client.js';
import { SecretBox } from '../store/crypto.js';
import { StorageAlarm, storageWritable } from '../store/storage-health.js';
import { createHttpServer, listen } from './http-server.js';
import { interactionHandler } from './interactions.js';
import { botServices } from './services.js';
import { reactionHandler } from './reactions.js';
import { createStores } from '../services/stores.js';
import { followUnfollowEvents } from './review/unfollow-events.js';
import { loadAuditSettings } from '../config/audit-settings.js';

/** How often the bot records that it runs (BotPresence). */
const BEAT_MS = 30_000;

export interface StartOptions {
  /** Another Discord API base, such as a test server's (`http://127.0.0.1:PORT/api`). */
  discordApi?: string;
  logger?: Logger;
  /** How often a running audit's progress is looked at. */
  auditPollMs?: number;
  /** The bot's clock; a test moves it to where a digest's reactions land. */
  now?: () => number;
}

export interface RunningBot {
  client: Client;
  httpPort: number;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * The bot process, wired in one place: settings, Redis, queues, stores, the X app, the review, the
 * discord.js client and the HTTP server. Resolves once logged in to the gateway.
 */
export async function startBot(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningBot> {
  const settings = loadServiceSettings(env);
  const logger = options.logger ?? createLogger({ level: settings.logLevel });
  for (const warning of settings.warnings) logger.warn(warning);
  const token = settings.discord.token;
  if (!token)
    throw new UserError(
      'DISCORD_TOKEN (environment) is required to run the bot: the bot token from the Discord developer portal',
    );
  const prefix = settings.storePrefix;
  const now = options.now ?? (() => Date.now());
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  const eventsConnection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  const queues = createQueues(redis, settings.queuePrefix);

  const box = settings.encryptionKey ? new SecretBox(settings.encryptionKey.reveal()) : null;
  if (settings.encryptionKey) usePersonRefKey(personRefKey(settings.encryptionKey.reveal()));
  const stores = createStores(redis, settings, box);
  const clientOptions = { baseUrl: settings.xApiBaseUrl };
  const { clientId, clientSecret } = settings.xOAuth2;
  const app = clientId
    ? createXAppClient(
        { clientId, ...(clientSecret ? { clientSecret: clientSecret.reveal() } : {}) },
        clientOptions,
      )
    : null;
  const callbackUrl =
    settings.xOAuth2.redirectUri ?? `http://127.0.0.1:${settings.httpPort}/oauth/x/callback`;
  // X_REDIRECT_URI set means people's browsers reach the bot there; unset, they paste X's redirect into /link.
  const publicOrigin = settings.xOAuth2.redirectUri ? new URL(settings.xOAuth2.redirectUri).origin : null;

  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.DirectMessageReactions,
      GatewayIntentBits.GuildMessageReactions,
    ],
    // Reactions on DMs sent before a restart arrive as partials: the ids are all the review needs.
    partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    ...(options.discordApi ? { rest: { api: options.discordApi } } : {}),
  });

  const deps = botServices({
    settings,
    cadenceDays: loadAuditSettings(env).thresholds.cadenceDays,
    box,
    redis,
    stores,
    queues,
    client,
    app,
    clientOptions,
    callbackUrl,
    publicOrigin,
    now,
    logger,
    ...(options.auditPollMs ? { auditPollMs: options.auditPollMs } : {}),
  });
  const { nudges, review, audits, link } = deps;

  const storage = new StorageAlarm(logger, now);
  client.on(Events.InteractionCreate, interactionHandler(COMMANDS, deps, storage));
  client.on(Events.Raw, reactionHandler({ nudges, review }, storage, logger));
  client.on(Events.Error, (error) => logger.error({ reason: error.message }, 'discord client error'));

  const unfollowEvents = new QueueEvents(QUEUE_NAMES.unfollow, {
    connection: eventsConnection,
    prefix: settings.queuePrefix,
  });
  const stopFollowing = followUnfollowEvents(unfollowEvents, queues.unfollow, review, logger);

  const http = createHttpServer({
    link,
    callbackPath: new URL(callbackUrl).pathname,
    publicOrigin,
    logger,
    health: async () => {
      const gateway = client.isReady();
      const store = await storageWritable(redis, prefix, storage, now());
      return { ok: gateway && store, gateway, redis: store };
    },
  });
  const httpPort = await listen(http, settings.httpPort);
  await client.login(token.reveal());
  await new Promise<void>((resolve) =>
    client.isReady() ? resolve() : client.once(Events.ClientReady, () => resolve()),
  );
  logger.info({ httpPort, commands: COMMANDS.length, linking: link !== null }, 'bot started');
  // Audits that were running, or ended, while the bot was down: their outcome goes to the person's DMs.
  // The bot says every half minute that it runs, so the next start knows what it missed.
  const { presence } = stores;
  const lastSeen = await presence.lastSeen();
  const beat = () =>
    presence
      .beat(now())
      .catch((error: unknown) =>
        logger.warn({ reason: errorMessage(error) }, 'could not record that the bot runs'),
      );
  await beat();
  const beating = setInterval(() => void beat(), BEAT_MS);
  beating.unref();
  audits
    .resume(lastSeen, (personId) => async (message) => void (await client.users.send(personId, message)))
    .then(
      (followed) =>
        followed > 0 && logger.info({ audits: followed }, 'following audits started before this start'),
    )
    .catch((error: unknown) =>
      logger.warn({ reason: errorMessage(error) }, 'could not pick up earlier audits'),
    );

  return {
    client,
    httpPort,
    logger,
    close: async () => {
      clearInterval(beating);
      await beat();
      audits.stop();
      stopFollowing();
      // An outcome being shown goes out, and is recorded, before Discord and Redis are let go.
      await audits.drain();
      await client.destroy();
      await new Promise((resolve) => http.close(resolve));
      await unfollowEvents.close();
      await queues.close();
      await Promise.all([redis.quit(), eventsConnection.quit()]);
    },
  };
}
