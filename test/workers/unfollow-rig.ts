/**
 * The unfollow worker as production wires it, on a test's own fake X: real Redis stores, the real
 * queue and a BullMQ Worker, the real twitter-api-v2 client, the production logger writing into a
 * buffer. The processor's clock is the fake's, so X's windows and Tend's pace pass when the test says.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Worker, type Job } from 'bullmq';
import { afterEach, expect } from 'vitest';
import { UnfollowProcessor } from '../../workers/unfollow-processor.js';
import { createLogger } from '../../src/log.js';
import type { UnfollowJob } from '../../src/queues/payloads.js';
import { createQueues, enqueueUnfollows, QUEUE_NAMES, type TendQueues } from '../../src/queues/queues.js';
import { createXAppClient } from '../../src/sources/x-client.js';
import { SecretBox } from '../../src/store/crypto.js';
import { KeepList } from '../../src/store/keep-list.js';
import { LinkedAccounts, type OAuth2Tokens } from '../../src/store/linked-accounts.js';
import { ReportStore } from '../../src/store/reports.js';
import { UnfollowLog } from '../../src/store/unfollow-log.js';
import { paceLimits } from '../../src/unfollows/pace.js';
import { UnfollowPacer } from '../../src/store/unfollow-pacer.js';
import type { UnfollowResult } from '../../src/unfollows/outcome.js';
import { linkedXClients, type XClientFor } from '../../src/services/x-clients.js';
import {
  GONE_ROLES,
  startFakeX,
  usernameOf,
  type FakeCall,
  type FakeX,
  type FakeXOptions,
  type ManualClock,
  type OwnerCredentials,
} from '../support/fake-x/index.js';
import type { TestRedis } from '../support/redis.js';

export const UNFOLLOW = 'DELETE /2/users/:source_user_id/following/:target_user_id';
export const FOLLOW = 'POST /2/users/:id/following';
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export interface RigOptions extends FakeXOptions<ManualClock> {
  dailyCap?: number;
  concurrency?: number;
}

export interface Target {
  id: string;
  handle: string;
}

let people = 0;

export async function unfollowRig(db: TestRedis, options: RigOptions = {}) {
  const fake: FakeX<ManualClock> = await startFakeX({ network: { seed: 11, following: 80 }, ...options });
  const owner: OwnerCredentials = fake.owners[0]!;
  const personId = `person-${++people}`;
  const auditId = 'audit-1';
  const now = () => fake.clock.now();
  const accounts = new LinkedAccounts(db.redis, db.prefix, new SecretBox(randomBytes(32)));
  const tokens: OAuth2Tokens = {
    kind: 'oauth2',
    accessToken: owner.accessToken,
    refreshToken: owner.refreshToken,
    expiresAt: now() + 2 * 60 * MINUTE,
    scope: ['tweet.read', 'users.read', 'follows.write', 'offline.access'],
  };
  await accounts.link(personId, { xUserId: owner.userId, handle: 'tend_owner0', linkedAt: now(), tokens });
  const clients: XClientFor = linkedXClients(
    accounts,
    createXAppClient({ clientId: 'tend-test' }, { baseUrl: fake.baseUrl }),
    { baseUrl: fake.baseUrl },
  );
  const log = new UnfollowLog(db.redis, db.prefix);
  const pacer = new UnfollowPacer(db.redis, db.prefix, paceLimits(options.dailyCap ?? 300));
  const keep = new KeepList(db.redis, db.prefix);
  const reports = new ReportStore(db.redis, db.prefix);

  let logged = '';
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => (logged += chunk.toString()));
  const logger = createLogger({ level: 'debug', destination: out });
  const processor = new UnfollowProcessor({ log, pacer, keep, reports, clients, now, logger });

  const queues: TendQueues = createQueues(db.redis, db.queuePrefix);
  const worker = new Worker<UnfollowJob, UnfollowResult>(
    QUEUE_NAMES.unfollow,
    (job, token) => processor.process(job, token),
    {
      connection: db.connection(),
      prefix: db.queuePrefix,
      concurrency: options.concurrency ?? 1,
    },
  );

  const net = fake.network;
  /** Accounts owner 0 follows, of a kind, as a review page would list them. */
  const followed = (kind?: string): Target[] =>
    net
      .followingOf(0)
      .filter((i) => (kind ? net.kindAt(i) === kind : !GONE_ROLES.has(net.kindAt(i))))
      .map((i) => net.accountAt(i))
      .map((account) => ({ id: account.id, handle: usernameOf(net, account) }));

  const job = (target: Target, confirmedAt = now()): UnfollowJob => ({
    personId,
    auditId,
    target,
    xUserId: owner.userId,
    confirmedAt,
  });

  /** Waits until every job has ended or is delayed: the states an operator would see. */
  async function settle(ids: string[]): Promise<Job<UnfollowJob, UnfollowResult>[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const states = await Promise.all(ids.map((id) => queues.unfollow.getJobState(id)));
      if (states.every((state) => state === 'completed' || state === 'failed' || state === 'delayed')) break;
      if (Date.now() > deadline) throw new Error(`Jobs did not settle: ${states.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Promise.all(
      ids.map(async (id) => (await queues.unfollow.getJob(id)) as Job<UnfollowJob, UnfollowResult>),
    );
  }

  return {
    fake,
    owner,
    personId,
    auditId,
    accounts,
    clients,
    log,
    pacer,
    keep,
    reports,
    queue: queues.unfollow,
    followed,
    job,
    settle,
    /** Queues the confirmations as the bot does and waits for them to settle. */
    async confirm(data: UnfollowJob[]) {
      const jobs = await enqueueUnfollows(queues.unfollow, data);
      return settle(jobs.map((j) => j.id!));
    },
    /** Lets a delayed job run now (BullMQ's delay is wall time; the test has moved the fake's clock). */
    async promote(jobs: Job[]) {
      for (const delayed of jobs) await delayed.promote();
      return settle(jobs.map((j) => j.id!));
    },
    isFollowing: (targetId: string) => net.isFollowing(0, net.account(targetId)!.index),
    /** X's log of the unfollow calls for one account (or all). */
    unfollowCalls: (targetId?: string): FakeCall[] =>
      fake.callsTo(UNFOLLOW).filter((call) => targetId === undefined || call.path.endsWith(`/${targetId}`)),
    /** Calls to X's OAuth 2.0 token endpoint (refreshes): the fake logs them by path only. */
    tokenCalls: (): FakeCall[] => fake.calls.filter((call) => call.path === '/2/oauth2/token'),
    logLines: (): Record<string, unknown>[] =>
      logged
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    logged: () => logged,
    async close() {
      await worker.close();
      await queues.unfollow.obliterate({ force: true });
      await queues.close();
      await fake.close();
    },
  };
}

export type UnfollowRig = Awaited<ReturnType<typeof unfollowRig>>;

/** Call at the top of a test file: gives rigs that are closed, queue emptied, after each test. */
export function useUnfollowRigs(db: TestRedis): (options?: RigOptions) => Promise<UnfollowRig> {
  let open: UnfollowRig[] = [];
  afterEach(async () => {
    await Promise.all(open.map((r) => r.close()));
    open = [];
  });
  return async (options = {}) => {
    const created = await unfollowRig(db, options);
    open.push(created);
    return created;
  };
}

/** Every token the person's account has had, first and current: none may show anywhere. */
export async function tokensOf(rig: UnfollowRig): Promise<string[]> {
  const current = (await rig.accounts.get(rig.personId))?.tokens.reveal() as OAuth2Tokens | undefined;
  return [
    rig.owner.accessToken,
    rig.owner.refreshToken,
    current?.accessToken,
    current?.refreshToken ?? undefined,
  ].filter((t): t is string => Boolean(t));
}

export async function expectNoTokens(rig: UnfollowRig, db: TestRedis, jobs: Job[]): Promise<void> {
  const tokens = await tokensOf(rig);
  const stored = [...(await db.dump()).values()].flat().join('\n');
  const seen = jobs
    .map((j) =>
      JSON.stringify({
        data: j.data,
        result: j.returnvalue,
        failed: j.failedReason,
        stack: j.stacktrace,
        progress: j.progress,
      }),
    )
    .join('\n');
  for (const token of tokens) {
    expect(stored, 'a token is stored in the clear in Redis').not.toContain(token);
    expect(seen, 'a token is in job data, result or error').not.toContain(token);
    expect(rig.logged(), 'a token is in a log line').not.toContain(token);
  }
}
