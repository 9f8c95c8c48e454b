/**
 * The X-audit benchmarks, one per fresh process, each printing one JSON line:
 *   tsx bench/x-measure.ts rate-limited|throughput
 *
 * rate-limited: one audit of an account following 21,000, through BullMQ, Redis and the audit
 * processor as the worker wires them (startWorkers), against the fake X with X's own per-user limits
 * on a compressed clock.
 * throughput: 200 queued audits of 2,000 followings each, taken by two `npm run worker` processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import { loadServiceSettings } from '../src/config/service-settings.js';
import { createLogger } from '../src/log.js';
import { createQueues, enqueueAudit, QUEUE_NAMES } from '../src/queues/queues.js';
import type { AuditClock } from '../workers/audit-processor.js';
import type { AuditResult } from '../src/queues/payloads.js';
import { startWorkers } from '../workers/start.js';
import { manualClock, scaledClock, startFakeX, type FakeCall } from '../test/support/fake-x/index.js';
import { ACCESS_TOKEN_TTL } from '../test/support/fake-x/oauth.js';
import {
  apiCalls,
  benchRedis,
  callsLowerBound,
  FOLLOWING,
  pagesReadTwice,
  processUsage,
  redisUsage,
} from './x-rig.js';

const WINDOW_MS = 15 * 60_000;
/** The worker's default depth (TEND_INTERACTION_PAGES): up to 5 pages each of own posts, mentions and likes. */
const INTERACTION_PAGES = 5;
const ME = 'GET /2/users/me';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const count = (calls: readonly FakeCall[], test: (c: FakeCall) => boolean) => calls.filter(test).length;

/**
 * 300×: a window lasts 3 s of wall time. At 900× it would last 1 s, and Tend reads its 15 following
 * pages in about 0.9 s here: on a busier machine the window would reset before the 16th call, X's
 * limit would never bite, and the benchmark would measure something else.
 */
const FACTOR = 300;

async function measureRateLimited(): Promise<Record<string, number>> {
  const fake = await startFakeX({ network: { seed: 21, following: 21_000 }, clock: scaledClock(FACTOR) });
  const ns = await benchRedis('x-audit');
  const clock: AuditClock = {
    now: () => fake.clock.now(),
    wallTimeOf: (t) => Date.now() + (t - fake.clock.now()) / FACTOR,
  };
  // X's two-hour token, which the compressed clock runs through in 24 s: the worker renews it as on X.
  await ns.link('bench-owner', fake.owners[0]!, fake.clock.now() + ACCESS_TOKEN_TTL);
  const workers = startWorkers(ns.workerEnv(fake, INTERACTION_PAGES), {
    clock,
    logger: createLogger({ level: 'warn', destination: process.stderr }),
  });
  const queues = createQueues(ns.redis, ns.queuePrefix);
  const events = new QueueEvents(QUEUE_NAMES.audit, { connection: ns.connection(), prefix: ns.queuePrefix });
  try {
    await events.waitUntilReady();
    const fakeStart = fake.clock.now();
    const wallStart = performance.now();
    const { job } = await enqueueAudit(queues.audit, {
      personId: 'bench-owner',
      source: 'x',
      auditId: 'bench',
      requestedAt: Date.now(),
      options: {},
    });
    const result = (await job.waitUntilFinished(events, 300_000)) as AuditResult;
    const ms = performance.now() - wallStart;
    const fakeEnd = fake.clock.now();
    const fakeMs = fakeEnd - fakeStart;

    const calls = apiCalls(fake);
    const served = calls.filter((c) => c.status === 200);
    const bound = callsLowerBound(fake, 0, INTERACTION_PAGES);
    // The interaction pages, each once: the posts on them are what the depth setting asked for.
    const timeline = [
      ...new Map(
        served
          .filter((c) => c.endpoint !== FOLLOWING && c.endpoint !== ME)
          .reverse()
          .map((c) => [`${c.endpoint} ${c.query.pagination_token ?? ''}`, c]),
      ).values(),
    ];
    // Authors of mentioned and liked posts come as user objects (`expansions=author_id`): how many the audit had read already.
    const earlier = new Set(
      served.filter((c) => c.endpoint === FOLLOWING || c.endpoint === ME).flatMap((c) => c.users),
    );
    const expanded = timeline.flatMap((c) => c.users);
    // Where the audit waited in BullMQ's delayed set, out of any worker slot: after a 429, or after the
    // 15th following page of a window, whose answer says the window is spent (Tend waits without asking again).
    const followingServed = fake.calls.filter((c) => c.endpoint === FOLLOWING && c.status === 200);
    const resumed = fake.calls.filter(
      (c, i) =>
        fake.calls[i - 1]?.status === 429 ||
        (c.endpoint === FOLLOWING &&
          c.status === 200 &&
          followingServed.indexOf(c) > 0 &&
          followingServed.indexOf(c) % 15 === 0),
    );
    const waitedMs = sum(resumed.map((c) => c.at - fake.calls[fake.calls.indexOf(c) - 1]!.at));
    return {
      ms,
      factor: FACTOR,
      windows: fakeMs / WINDOW_MS,
      waitedWindows: waitedMs / WINDOW_MS,
      workMs: (fakeMs - waitedMs) / FACTOR,
      // What the audit still had to do once X let it go on: at X's own pace, the time it takes after the reset.
      afterWaitMs: (fakeEnd - (resumed.at(-1)?.at ?? fakeStart)) / FACTOR,
      // Following pages past the 15th wait for the first window to reset.
      windowsBound: Math.floor((bound.following - 1) / 15),
      followed: fake.network.followingOf(0).length,
      listed: bound.listed,
      accounts: result.accounts,
      calls: calls.length,
      served: served.length,
      callsBound: 1 + bound.following + bound.interaction,
      followingCalls: count(calls, (c) => c.endpoint === FOLLOWING),
      followingBound: bound.following,
      interactionCalls: count(calls, (c) => c.endpoint !== FOLLOWING && c.endpoint !== ME),
      interactionBound: bound.interaction,
      tooMany: count(calls, (c) => c.status === 429),
      otherFailures: count(calls, (c) => c.status !== 200 && c.status !== 429),
      users: sum(calls.map((c) => c.users.length)),
      posts: sum(calls.map((c) => c.posts.length)),
      usersBound: bound.listed + 1,
      postsBound: sum(timeline.map((c) => c.posts.length)),
      expandedUsers: expanded.length,
      expandedAlreadyRead: expanded.filter((id, i) => earlier.has(id) || expanded.indexOf(id) < i).length,
      pagesTwice: pagesReadTwice(calls),
      meterCalls: result.xUsage.calls,
      meterUsers: result.xUsage.users,
      meterPosts: result.xUsage.posts,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await events.close();
    await workers.close();
    await ns.cleanup(queues);
    await fake.close();
  }
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function until(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs: number,
  output: string[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}. Worker output:\n${output.join('').slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measureThroughput(): Promise<Record<string, number>> {
  const audits = 200;
  const following = 2_000;
  const workerCount = 2;
  // The spawned workers keep the wall clock. The fake's clock stands still where it starts, so no window
  // ever resets; none needs to: one audit of 2,000 makes 2 of its person's 15 following calls and at
  // most 5 of the 75 likes calls. X's per-user limits stay in force and are never met.
  const fake = await startFakeX({
    network: { seed: 22, owners: audits, following },
    clock: manualClock(Date.now()),
  });
  const ns = await benchRedis('x-throughput');
  const people = Array.from({ length: audits }, (_, k) => `bench-${k}`);
  for (const [k, person] of people.entries())
    await ns.link(person, fake.owners[k]!, Date.now() + ACCESS_TOKEN_TTL);
  const env = ns.workerEnv(fake, INTERACTION_PAGES);
  const queues = createQueues(ns.redis, ns.queuePrefix);
  const output: string[] = [];
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < workerCount; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'workers/worker.ts'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      children.push(child);
    }
    // Latency counts from enqueueing: the workers' start-up (tsx compiling them) is not part of it.
    await until(
      'the worker processes to connect',
      async () => (await queues.audit.getWorkersCount()) >= workerCount,
      60_000,
      output,
    );
    const redisBefore = await redisUsage(ns.redis);
    const workersBefore = await Promise.all(children.map((child) => processUsage(child.pid!)));
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    for (const personId of people)
      await enqueueAudit(queues.audit, {
        personId,
        source: 'x',
        auditId: 'bench',
        requestedAt: Date.now(),
        options: {},
      });
    await until(
      'the audits to finish',
      async () => {
        const counts = await queues.audit.getJobCounts('completed', 'failed');
        return (counts.completed ?? 0) + (counts.failed ?? 0) >= audits;
      },
      300_000,
      output,
    );
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    const redisAfter = await redisUsage(ns.redis);
    const usage = await Promise.all(children.map((child) => processUsage(child.pid!)));

    const failed = await queues.audit.getJobs(['failed']);
    if (failed.length > 0)
      throw new Error(`${failed.length} of ${audits} audits failed, the first: ${failed[0]!.failedReason}`);
    const jobs = await queues.audit.getJobs(['completed']);
    const latencies = jobs.map((job) => job.finishedOn! - job.timestamp).sort((a, b) => a - b);
    const inSlot = jobs.map((job) => job.finishedOn! - job.processedOn!).sort((a, b) => a - b);
    const span =
      Math.max(...jobs.map((job) => job.finishedOn!)) - Math.min(...jobs.map((job) => job.timestamp));
    const calls = apiCalls(fake);
    const bounds = people.map((_, k) => callsLowerBound(fake, k, INTERACTION_PAGES));
    return {
      ms,
      audits,
      following,
      workers: workerCount,
      concurrency: loadServiceSettings(env).workerConcurrency,
      auditsPerMinute: audits / (span / 60_000),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      slotP50Ms: percentile(inSlot, 50),
      slotP95Ms: percentile(inSlot, 95),
      // -1: no /proc on this system, so no figure.
      workerPeakRssMb: usage.every((u) => u !== null) ? Math.max(...usage.map((u) => u!.peakRssMb)) : -1,
      workerCpuSeconds: usage.every((u) => u !== null)
        ? sum(usage.map((u, i) => u!.cpuSeconds - workersBefore[i]!.cpuSeconds))
        : -1,
      fakeCpuSeconds: (cpu.user + cpu.system) / 1e6,
      redisCpuSeconds: redisAfter.cpuSeconds - redisBefore.cpuSeconds,
      redisMb: redisAfter.usedMb - redisBefore.usedMb,
      calls: calls.length,
      callsBound: sum(bounds.map((b) => 1 + b.following + b.interaction)),
      tooMany: count(calls, (c) => c.status === 429),
      pagesTwice: pagesReadTwice(calls),
    };
  } finally {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await ns.cleanup(queues);
    await fake.close();
  }
}

const which = process.argv[2];
const run = { 'rate-limited': measureRateLimited, throughput: measureThroughput }[which ?? ''];
if (!run) {
  console.error('usage: tsx bench/x-measure.ts rate-limited|throughput');
  process.exit(2);
}
console.log(JSON.stringify(await run()));
