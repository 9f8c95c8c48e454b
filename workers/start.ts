import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import {
  loadServiceSettings,
  requireEncryptionKey,
  type ServiceSettings,
} from '../src/config/service-settings.js';
import { loadAuditSettings } from '../src/config/audit-settings.js';
import { defaultBotScorer } from '../src/engine/default-bot-model.js';
import { createLogger, personRefKey, usePersonRefKey } from '../src/log.js';
import { nudgeRepeatStrategy, QUEUE_NAMES } from '../src/queues/queues.js';
import { createXAppClient, type XMeter } from '../src/sources/x-client.js';
import { keepUploadThreadReady, stopUploadThreadReady } from '../src/audit/read-upload.js';
import { createStores } from '../src/services/stores.js';
import { reactionSlots } from '../src/store/reaction-pace.js';
import { SecretBox } from '../src/store/crypto.js';
import { isForgotten } from '../src/store/fence.js';
import { isOutOfStorage, StorageAlarm } from '../src/store/storage-health.js';
import { linkedXClients } from '../src/services/x-clients.js';
import { LedgerSync } from '../src/services/ledger-sync.js';
import { AuditProcessor, auditWorker, type AuditClock } from './audit-processor.js';
import { removeForgottenJobs } from './forgotten-jobs.js';
import { restDigestDiscord } from '../src/discord/rest-adapter.js';
import { NudgeProcessor } from './nudge-processor.js';
import { UnfollowProcessor } from './unfollow-processor.js';

export interface RunningWorkers {
  /** Finishes the jobs in hand (up to the timeout), then closes the queues' and the store's connections. */
  close(): Promise<void>;
  logger: Logger;
}

export interface WorkerOptions {
  /** Time as X's rate limits follow it; the wall clock unless a benchmark compresses it. */
  clock?: AuditClock;
  logger?: Logger;
  /** Another Discord API base for the digests, such as a test server's (`http://127.0.0.1:PORT/api`). */
  discordApi?: string;
}

const WALL_CLOCK: AuditClock = { now: () => Date.now(), wallTimeOf: (t) => t };

/**
 * The worker process, wired in one place: settings, one Redis connection for the store and one per
 * BullMQ worker (blocking commands need their own), the stores, the X clients and the processors.
 */
export function startWorkers(env: NodeJS.ProcessEnv, options: WorkerOptions = {}): RunningWorkers {
  const settings: ServiceSettings = loadServiceSettings(env);
  const logger = options.logger ?? createLogger({ level: settings.logLevel });
  for (const warning of settings.warnings) logger.warn(warning);
  const clock = options.clock ?? WALL_CLOCK;
  const prefix = settings.storePrefix;
  const connections: Redis[] = [];
  const connect = () => {
    const connection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  };
  const store = connect();
  const { thresholds, zip } = loadAuditSettings(env);

  const box = new SecretBox(requireEncryptionKey(settings));
  usePersonRefKey(personRefKey(requireEncryptionKey(settings)));
  const stores = createStores(store, settings, box);
  const accounts = stores.accounts!;
  const clientOptions = { baseUrl: settings.xApiBaseUrl };
  const app = createXAppClient(
    {
      clientId: settings.xOAuth2.clientId ?? '',
      ...(settings.xOAuth2.clientSecret ? { clientSecret: settings.xOAuth2.clientSecret.reveal() } : {}),
    },
    clientOptions,
  );
  const { reports, keepList, nudges } = stores;
  const personClients = linkedXClients(accounts, app, clientOptions);
  const ledgerSync = new LedgerSync({
    ledgers: stores.ledgers,
    clientFor: (personId, now) => personClients(personId, { now }),
    logger,
  });
  const audit = new AuditProcessor({
    checkpoints: stores.checkpoints,
    reports,
    profileCache: stores.profileCache,
    followingSnapshots: stores.followingSnapshots,
    followerSnapshots: stores.followerSnapshots,
    keepList,
    personSettings: stores.personSettings,
    clientFor: (
      personId: string,
      meter: XMeter,
      { beforeCall, ...opts }: { now: number; force?: boolean; beforeCall: () => Promise<void> },
    ) => linkedXClients(accounts, app, { ...clientOptions, meter, beforeCall })(personId, opts),
    forgotten: (personId) => isForgotten(store, prefix, personId),
    lockMs: settings.jobLockSeconds * 1000,
    botScorer: defaultBotScorer(thresholds.botThreshold),
    thresholds,
    interactionPages: settings.interactionPages,
    clock,
    logger,
    uploads: {
      dir: tmpdir(),
      download: {
        maxBytes: settings.maxUploadMb * 1024 ** 2,
        totalMs: settings.uploadFetchSeconds * 1000,
        idleMs: settings.uploadIdleSeconds * 1000,
        allowLoopback: settings.nodeEnv !== 'production',
      },
      read: { zip, cpuMs: settings.uploadCpuSeconds * 1000, memoryMb: settings.uploadMemoryMb },
    },
    ledgerSync,
    ledgers: stores.ledgers,
    toldInteractions: (personId) => nudges.doneEvents(personId),
    maxFollowing: settings.auditLimits.maxFollowing,
    readBudget: stores.readBudget,
  });
  const unfollow = new UnfollowProcessor({
    log: stores.unfollowLog,
    pacer: stores.pacer,
    keep: keepList,
    reports,
    clients: linkedXClients(accounts, app, clientOptions),
    now: () => clock.now(),
    logger,
  });

  // A job whose worker died is found stalled once its lock has run out, and taken back: its checkpoint
  // lets the next worker carry on from the last saved page.
  const lockMs = settings.jobLockSeconds * 1000;
  const common = {
    prefix: settings.queuePrefix,
    concurrency: settings.workerConcurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 3,
  };
  const workers = [
    auditWorker(audit, { ...common, connection: connect() }),
    new Worker(QUEUE_NAMES.unfollow, (job, token) => unfollow.process(job, token), {
      ...common,
      connection: connect(),
    }),
  ];
  const discordToken = settings.discord.token;
  if (discordToken) {
    const nudge = new NudgeProcessor({
      reports,
      ledgers: stores.ledgers,
      nudges,
      digests: stores.digests,
      pauses: stores.pauses,
      cadenceDays: thresholds.cadenceDays,
      sync: ledgerSync,
      discord: restDigestDiscord({
        token: discordToken.reveal(),
        slot: reactionSlots(stores.reactionPace),
        ...(options.discordApi ? { api: options.discordApi } : {}),
      }),
      now: () => clock.now(),
      logger,
    });
    workers.push(
      new Worker(QUEUE_NAMES.nudge, (job) => nudge.process(job), {
        ...common,
        connection: connect(),
        settings: { repeatStrategy: nudgeRepeatStrategy },
      }),
    );
  } else {
    logger.warn(
      'DISCORD_TOKEN is not set: the nudge worker does not start, and no digest is sent from this process',
    );
  }
  // A full Redis fails every worker at every turn: one line a minute says so.
  const storage = new StorageAlarm(logger, () => clock.now());
  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      logger.warn({ queue: worker.name, audit: job?.data.auditId, reason: error.message }, 'job failed'),
    );
    worker.on('error', (error) =>
      isOutOfStorage(error)
        ? storage.raise(error)
        : logger.error({ queue: worker.name, reason: error.message }, 'worker error'),
    );
    removeForgottenJobs(worker, logger);
  }
  // An upload's thread started ahead: the next upload does not wait for the importers and the engine to load.
  keepUploadThreadReady(settings.uploadMemoryMb);
  logger.info(
    { queues: workers.map((w) => w.name), concurrency: settings.workerConcurrency },
    'worker started',
  );

  return {
    logger,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await stopUploadThreadReady();
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
}
