import type { Client } from 'discord.js';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TwitterApi } from 'twitter-api-v2';
import type { ServiceSettings } from '../config/service-settings.js';
import type { Thresholds } from '../model.js';
import type { SecretBox } from '../store/crypto.js';
import { discordReview } from '../discord/gateway-adapter.js';
import { errorMessage, UserError } from '../errors.js';
import type { TendQueues } from '../queues/queues.js';
import type { Stores } from '../services/stores.js';
import { undoUnfollow } from '../services/undo.js';
import { linkedXClients } from '../services/x-clients.js';
import type { XClientOptions } from '../sources/x-client.js';
import { forgetPerson, TOMBSTONE_JOB_LOCKS } from '../store/forget.js';
import { reactionSlots } from '../store/reaction-pace.js';
import { AuditWatcher } from './audit-watch.js';
import type { BotDeps } from './deps.js';
import { forgetJobs } from './forget-jobs.js';
import { LinkFlow } from './link-flow.js';
import { NudgeService } from './nudge-service.js';
import { renderAuditChart } from './render/chart.js';
import { ReviewService } from './review/service.js';

export interface BotServiceOptions {
  settings: ServiceSettings;
  cadenceDays: Thresholds['cadenceDays'];
  /** Seals tokens during /link; null without TEND_ENCRYPTION_KEY. */
  box: SecretBox | null;
  /** For /forget, which deletes every key of the person's. */
  redis: Redis;
  stores: Stores;
  queues: TendQueues;
  client: Client;
  /** The app's OAuth 2.0 client, where X_CLIENT_ID is set. */
  app: TwitterApi | null;
  clientOptions: XClientOptions;
  callbackUrl: string;
  publicOrigin: string | null;
  now: () => number;
  logger: Logger;
  auditPollMs?: number;
}

/**
 * The bot's services over its stores and queues — undo, the nudges, the review, /link and the audit
 * watcher — and the dependencies every command and component receives. Made once, by startBot.
 */
export function botServices({
  settings,
  cadenceDays,
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
  auditPollMs,
}: BotServiceOptions): BotDeps {
  const prefix = settings.storePrefix;
  const { accounts, reports, keepList, unfollowLog } = stores;
  const undo = (personId: string, targetId: string) => {
    if (!accounts || !app)
      throw new UserError('Undo needs the X app and encryption key this bot is not configured with.');
    return undoUnfollow(
      { log: unfollowLog, clients: linkedXClients(accounts, app, clientOptions), now },
      personId,
      targetId,
    );
  };
  const discord = discordReview(client, reactionSlots(stores.reactionPace));
  const nudges = new NudgeService({
    reports,
    ledgers: stores.ledgers,
    nudges: stores.nudges,
    digests: stores.digests,
    pauses: stores.pauses,
    cadenceDays,
    queue: queues.nudge,
    discord,
    now,
    logger,
  });
  const review = new ReviewService({
    reviews: stores.reviews,
    reports,
    keep: keepList,
    unfollowQueue: queues.unfollow,
    undo,
    discord,
    now,
    logger,
  });
  const tell = async (personId: string, message: string) => {
    await client.users
      .send(personId, message)
      .catch((error: unknown) => logger.warn({ reason: errorMessage(error) }, 'could not send a DM'));
  };
  const link =
    app && box && accounts
      ? new LinkFlow({
          pendingLinks: stores.pendingLinks,
          box,
          accounts,
          app,
          redirectUri: callbackUrl,
          publicOrigin,
          clientOptions,
          unfollows: { unfollowQueue: queues.unfollow, review, logger },
          tell,
          now,
        })
      : null;
  const audits = new AuditWatcher({
    reviews: stores.reviews,
    queue: queues.audit,
    reports,
    deliveries: stores.deliveries,
    renderChart: renderAuditChart,
    now,
    logger,
    ...(auditPollMs ? { pollMs: auditPollMs } : {}),
  });
  const deps: BotDeps = {
    settings,
    queues,
    reports,
    keepList,
    personSettings: stores.personSettings,
    unfollowLog,
    accounts,
    link,
    review,
    nudges,
    audits,
    undo,
    allowance: stores.allowance,
    readBudget: stores.readBudget,
    // The tombstone first: a job that starts or runs meanwhile writes nothing back.
    forget: async (personId) =>
      (await forgetPerson(redis, prefix, personId, TOMBSTONE_JOB_LOCKS * settings.jobLockSeconds * 1000)) +
      (await forgetJobs(queues, personId)),
    renderChart: renderAuditChart,
    logger,
    now,
  };
  return deps;
}
