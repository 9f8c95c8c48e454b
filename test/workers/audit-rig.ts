/**
 * An audit worker as production wires it — real BullMQ on real Redis, the real twitter-api-v2 client
 * against the fake X — for one test file. `startInProcess` runs the processor here; `spawnWorker`
 * runs `npm run worker`'s entry point as its own process, so a test can kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QueueEvents } from 'bullmq';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import type { AuditReport } from '../../src/model.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import { GONE_ROLES } from '../support/fake-x/network.js';
import { tmpdir } from 'node:os';
import { DEFAULT_ZIP_LIMITS } from '../../src/importers/index.js';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { createQueues, type TendQueues } from '../../src/queues/queues.js';
import { createXAppClient, type XMeter } from '../../src/sources/x-client.js';
import { AuditCheckpoints } from '../../src/store/checkpoints.js';
import { SecretBox } from '../../src/store/crypto.js';
import { isForgotten } from '../../src/store/fence.js';
import { FollowingSnapshots } from '../../src/store/following-snapshots.js';
import { FollowerSnapshots } from '../../src/store/follower-snapshots.js';
import { KeepList } from '../../src/store/keep-list.js';
import { LinkedAccounts } from '../../src/store/linked-accounts.js';
import { PersonSettingsStore } from '../../src/store/person-settings.js';
import { ProfileCache } from '../../src/store/profile-cache.js';
import { ReportStore } from '../../src/store/reports.js';
import { linkedXClients } from '../../src/services/x-clients.js';
import {
  AuditProcessor,
  auditWorker,
  type AuditClock,
  type AuditProcessorDeps,
} from '../../workers/audit-processor.js';
import { removeForgottenJobs } from '../../workers/forgotten-jobs.js';
import type { FakeClock, FakeX } from '../support/fake-x/index.js';
import type { TestRedis } from '../support/redis.js';

export const PERSON = '111111111111111111';
export const KEY = randomBytes(32);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Links the fake's owner 0 to PERSON with a fresh OAuth 2.0 token, as /link would. */
export async function linkOwner(
  db: Pick<TestRedis, 'redis' | 'prefix'>,
  fake: FakeX<FakeClock>,
  now: number,
): Promise<LinkedAccounts> {
  const accounts = new LinkedAccounts(db.redis, db.prefix, new SecretBox(KEY));
  const owner = fake.owners[0]!;
  await accounts.link(PERSON, {
    xUserId: owner.userId,
    handle: 'owner',
    linkedAt: now,
    tokens: {
      kind: 'oauth2',
      accessToken: owner.accessToken,
      refreshToken: owner.refreshToken,
      expiresAt: now + 2 * 3_600_000,
      scope: ['users.read'],
    },
  });
  return accounts;
}

/** Every log line the worker writes, as text: to look for secrets in. */
export function capturedLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

export interface InProcess {
  queues: TendQueues;
  reports: ReportStore;
  logLines: string[];
  close(): Promise<void>;
}

export async function startInProcess(
  db: TestRedis,
  fake: FakeX<FakeClock>,
  clock: AuditClock,
  options: {
    interactionPages?: number;
    freshMs?: number;
    toldInteractions?: AuditProcessorDeps['toldInteractions'];
    /** The uploads' fetch limits, for a test of them; generous by default. */
    download?: AuditProcessorDeps['uploads']['download'];
  } & Pick<AuditProcessorDeps, 'maxFollowing' | 'readBudget'> = {},
): Promise<InProcess> {
  const accounts = await linkOwner(db, fake, clock.now());
  const app = createXAppClient({ clientId: 'tend-test' }, { baseUrl: fake.baseUrl });
  const reports = new ReportStore(db.redis, db.prefix);
  const { logger, lines } = capturedLogger();
  const processor = new AuditProcessor({
    checkpoints: new AuditCheckpoints(db.redis, db.prefix),
    reports,
    profileCache: new ProfileCache(db.redis, db.prefix, options.freshMs ?? 0),
    followingSnapshots: new FollowingSnapshots(db.redis, db.prefix, options.freshMs ?? 0),
    followerSnapshots: new FollowerSnapshots(db.redis, db.prefix),
    keepList: new KeepList(db.redis, db.prefix),
    personSettings: new PersonSettingsStore(db.redis, db.prefix),
    clientFor: (
      personId: string,
      meter: XMeter,
      { beforeCall, ...opts }: { now: number; force?: boolean; beforeCall: () => Promise<void> },
    ) => linkedXClients(accounts, app, { baseUrl: fake.baseUrl, meter, beforeCall })(personId, opts),
    forgotten: (personId) => isForgotten(db.redis, db.prefix, personId),
    lockMs: 30_000,
    botScorer: defaultBotScorer(),
    thresholds: DEFAULT_THRESHOLDS,
    interactionPages: options.interactionPages ?? 1,
    clock,
    logger,
    random: () => 0,
    uploads: {
      dir: tmpdir(),
      download: options.download ?? {
        maxBytes: 50 * 1024 ** 2,
        totalMs: 20_000,
        idleMs: 1_000,
        allowLoopback: true,
      },
      read: { zip: DEFAULT_ZIP_LIMITS, cpuMs: 60_000, memoryMb: 1024 },
    },
    ...(options.toldInteractions ? { toldInteractions: options.toldInteractions } : {}),
    ...(options.maxFollowing ? { maxFollowing: options.maxFollowing } : {}),
    ...(options.readBudget ? { readBudget: options.readBudget } : {}),
  });
  const queues = createQueues(db.redis, db.queuePrefix);
  const worker = auditWorker(processor, {
    connection: db.connection(),
    prefix: db.queuePrefix,
    concurrency: 2,
  });
  removeForgottenJobs(worker, logger);
  return {
    queues,
    reports,
    logLines: lines,
    close: async () => {
      await worker.close();
      await queues.audit.obliterate({ force: true });
      await queues.unfollow.obliterate({ force: true });
      await queues.close();
    },
  };
}

/** A worker's settings on a test's Redis and prefixes, with the X app the rig links people through. */
export function workerEnv(
  db: Pick<TestRedis, 'url' | 'prefix' | 'queuePrefix'>,
  fake: { baseUrl: string },
): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    REDIS_URL: db.url,
    TEND_STORE_PREFIX: db.prefix,
    TEND_QUEUE_PREFIX: db.queuePrefix,
    TEND_ENCRYPTION_KEY: KEY.toString('base64'),
    X_API_BASE_URL: fake.baseUrl,
    X_CLIENT_ID: 'tend-test',
  };
}

/** `npm run worker`, as its own process, configured through the environment as an operator would. */
export function spawnWorker(
  db: TestRedis,
  fake: FakeX<FakeClock>,
  output: string[],
  settings: NodeJS.ProcessEnv = {},
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...workerEnv(db, fake),
      TEND_INTERACTION_PAGES: '0',
      TEND_PROFILE_FRESH_HOURS: '0',
      TEND_JOB_LOCK_SECONDS: '2',
      LOG_LEVEL: 'debug',
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return child;
}

/** The fake X's first owner's accounts, as ids: the live ones of a list of network indexes. */
function liveIds(fake: FakeX<FakeClock>, list: number[]): string[] {
  return list
    .map((i) => fake.network.accountAt(i))
    .filter((a) => !GONE_ROLES.has(a.kind))
    .map((a) => a.id);
}

/** Who follows the fake X's first owner (the live accounts), and whom she follows. */
export function ownerNetwork(fake: FakeX<FakeClock>): { followers: string[]; following: string[] } {
  return {
    followers: liveIds(fake, fake.network.followersOf(0)),
    following: liveIds(fake, fake.network.followingOf(0)),
  };
}

/** An X archive of the fake X's first owner, listing `followerIds` as her followers. */
export function ownerArchive(fake: FakeX<FakeClock>, followerIds: string[]): Promise<Buffer> {
  return buildXArchive({
    account: { accountId: fake.network.owners[0]!.id, username: 'owner0', displayName: 'Owner' },
    generationDate: '2026-11-19T12:00:00.000Z',
    following: ownerNetwork(fake).following,
    followers: followerIds,
    tweets: [],
    likes: [],
    dms: [],
  });
}

/** Serves `files` by path on loopback, as Discord serves attachments: the base URL to fetch them at. */
export async function serveFiles(
  files: ReadonlyMap<string, Buffer>,
): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body ?? undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** PERSON's audit of the X archive served at `base` + `name`, with the followers audit `followers` asks. */
export function archiveJob(
  at: { base: string; now: number },
  auditId: string,
  name: string,
  followers: AuditJob['options']['followers'],
): AuditJob {
  return {
    personId: PERSON,
    source: 'x-archive',
    auditId,
    requestedAt: at.now,
    options: { attachment: { url: `${at.base}${name}`, name, bytes: 1000 }, followers },
  };
}

/** Queues the audit, waits for it to finish, and returns the report it stored. */
export async function auditToEnd(
  running: InProcess,
  events: QueueEvents,
  data: AuditJob,
): Promise<AuditReport> {
  const { job: queued } = await enqueueAudit(running.queues.audit, data);
  await queued.waitUntilFinished(events, 30_000);
  const stored = await running.reports.latest(data.personId);
  if (stored?.auditId !== data.auditId)
    throw new Error(`the latest report is of ${stored?.auditId ?? 'nothing'}, not of ${data.auditId}`);
  return stored.report;
}
