import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Job } from 'bullmq';
import type { AuditJob } from '../../src/queues/payloads.js';
import { createQueues, enqueueAudit, type TendQueues } from '../../src/queues/queues.js';
import { ReportStore } from '../../src/store/reports.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import { startFakeX, type FakeX, type ManualClock } from '../support/fake-x/index.js';
import { startOwnRedis, type OwnRedis } from '../support/own-redis.js';
import { until } from '../support/until.js';
import { capturedLogger, linkOwner, PERSON, workerEnv } from './audit-rig.js';

/**
 * Redis goes away in the middle of an X audit, as it does when its host restarts: a clean shutdown,
 * nothing lost, then back. The worker runs as production wires it (startWorkers), against a Redis of
 * this file's own, with a job lock of three seconds: a machine too busy to run the worker for that long
 * would lose it without any outage.
 */
const FOLLOWING = 'GET /2/users/:id/following';
const LOCK_SECONDS = 3;
const LATENCY_MS = 300;
/** Each test waits out an outage and a restart of Redis. */
const TIMEOUT = { timeout: 90_000 };

let server: OwnRedis;
const open: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  server = await startOwnRedis();
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

interface Rig {
  fake: FakeX<ManualClock>;
  queues: TendQueues;
  reports: ReportStore;
  redis: Redis;
  prefix: string;
  logLines: string[];
}

async function rig(seed: number): Promise<Rig> {
  // The following endpoint's window is widened: what is counted here is pages read, not waits.
  const fake = await startFakeX({
    network: { seed, following: 12_000 },
    settings: { latencyMs: LATENCY_MS },
    limits: { [FOLLOWING]: { per15min: 1_000 } },
  });
  open.push(fake);
  const run = randomBytes(4).toString('hex');
  const prefix = `tend-outage:${run}`;
  const queuePrefix = `{tend-outage-${run}}`;
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  open.push({ close: async () => void redis.disconnect() });
  await linkOwner({ redis, prefix }, fake, Date.now());
  const { logger, lines } = capturedLogger();
  const workers: RunningWorkers = startWorkers(
    {
      ...workerEnv({ url: server.url, prefix, queuePrefix }, fake),
      TEND_INTERACTION_PAGES: '0',
      TEND_PROFILE_FRESH_HOURS: '0',
      TEND_JOB_LOCK_SECONDS: String(LOCK_SECONDS),
    },
    { logger },
  );
  open.push(workers);
  const queues = createQueues(redis, queuePrefix);
  for (const queue of [queues.audit, queues.unfollow, queues.nudge]) queue.on('error', () => undefined);
  open.push(queues);
  return { fake, queues, reports: new ReportStore(redis, prefix), redis, prefix, logLines: lines };
}

const audit = (auditId: string): AuditJob => ({
  personId: PERSON,
  source: 'x',
  auditId,
  requestedAt: Date.now(),
  options: {},
});

/** Every following page served, by the pagination token it was asked with ('' for the first). */
const pagesServed = (fake: FakeX<ManualClock>) =>
  fake
    .callsTo(FOLLOWING)
    .filter((c) => c.status === 200)
    .map((c) => c.query.pagination_token ?? '');
/** A following page asked for and not yet answered. */
const pageInFlight = (fake: FakeX<ManualClock>) => {
  const calls = fake.callsTo(FOLLOWING);
  return calls.length >= 3 && calls.at(-1)!.status === 0;
};
const count = (lines: string[], msg: string) =>
  lines.filter((line) => (JSON.parse(line) as { msg: string }).msg === msg).length;

/** Takes Redis away while a page is on its way, for `ms`, then brings it back. */
async function outage(r: Rig, ms: number): Promise<string> {
  await until(() => pageInFlight(r.fake), 30_000);
  const asked = r.fake.callsTo(FOLLOWING).at(-1)!.query.pagination_token ?? '';
  await server.stop();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await server.start();
  return asked;
}

async function finishedJob(r: Rig, jobId: string) {
  let finished: Job<AuditJob> | null = null;
  await until(async () => {
    const job = await r.queues.audit.getJob(jobId);
    if (job?.finishedOn) finished = job;
    return finished !== null;
  }, 60_000);
  return finished! as Job<AuditJob>;
}

describe('an X audit when Redis goes away mid-way', () => {
  it(
    'longer than the job lock: one run carries on from the checkpoint — every page read once but the one in flight, one report, completed once',
    TIMEOUT,
    async () => {
      const r = await rig(31);
      const { job } = await enqueueAudit(r.queues.audit, audit('long-outage'));
      const inFlight = await outage(r, 2.5 * LOCK_SECONDS * 1000);
      const done = await finishedJob(r, job.id!);

      expect(await done.getState()).toBe('completed');
      const accounts = (done.returnvalue as { accounts: number }).accounts;
      const pages = Math.ceil(accounts / 1000);
      const served = pagesServed(r.fake);
      expect(new Set(served).size).toBe(pages);
      // The page answered while Redis was away could not be saved by a run whose lock had run out: the run
      // that took the job over reads it again. Every other page is read once.
      const twice = served.filter((token, i) => served.indexOf(token) !== i);
      expect(twice).toEqual([inFlight]);
      expect(served).toHaveLength(pages + 1);
      expect(count(r.logLines, 'audit done')).toBe(1);
      expect(
        r.logLines.filter((line) => line.includes('audit run stopped: its job lock ran out')).length,
      ).toBeGreaterThanOrEqual(1);
      expect((await r.reports.latest(PERSON))?.auditId).toBe('long-outage');
      // Nothing of the audit's checkpoint is left once it is done.
      expect(await r.redis.keys(`${r.prefix}:*:checkpoint*`)).toEqual([]);
    },
  );

  it(
    'shorter than the job lock: the run waits for Redis and carries on, every page read once',
    TIMEOUT,
    async () => {
      const r = await rig(32);
      const { job } = await enqueueAudit(r.queues.audit, audit('short-outage'));
      await outage(r, (LOCK_SECONDS * 1000) / 4);
      const done = await finishedJob(r, job.id!);

      expect(await done.getState()).toBe('completed');
      const pages = Math.ceil((done.returnvalue as { accounts: number }).accounts / 1000);
      const served = pagesServed(r.fake);
      expect(served).toHaveLength(pages);
      expect(new Set(served).size).toBe(pages);
      expect(count(r.logLines, 'audit running')).toBe(1);
      expect(count(r.logLines, 'audit done')).toBe(1);
    },
  );
});
