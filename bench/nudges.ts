/**
 * `npm run bench:nudges`: time and Redis memory to plan the weekly digests of 10,000 people following
 * 2,000 accounts each, against the Redis at REDIS_URL.
 *
 * Each person's report and ledger are stored as the audit worker stores them, and twelve weeks of past
 * digests are replayed through the nudge store (bench/nudges-data.ts). The pass then does, per person, what the digest job
 * does: read the settings and the pause, claim the week, read the report, ledger and nudge state,
 * plan, render, save the digest and mark who it named. Reports take 0.6 MB each, so people go through
 * in batches of 1,000, their reports and ledgers written before the batch and deleted after it,
 * neither of which is timed; the nudge state stays, and is what the memory figures are about.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { AuditReport, Ledger } from '../src/model.js';
import { digestMessage } from '../src/nudges/digest-message.js';
import { DigestStore } from '../src/store/digest-store.js';
import { NudgeStore } from '../src/store/nudge-store.js';
import { PauseStore } from '../src/store/pause-store.js';
import { planDigest } from '../src/nudges/plan.js';
import { periodKey } from '../src/nudges/schedule.js';
import { personKeys } from '../src/store/keys.js';
import { LedgerStore } from '../src/store/ledger-store.js';
import { ReportStore } from '../src/store/reports.js';
import { NOW, benchPerson, pastNudges } from './nudges-data.js';
import { deleteMatching } from './redis-keys.js';

const PEOPLE = Number(process.env.BENCH_NUDGE_PEOPLE ?? 10_000);
const FOLLOWING = 2_000;
const BATCH = 1_000;
/** Digest jobs one worker process runs at once. */
const CONCURRENCY = 8;
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
const prefix = `tend-bench-nudges-${process.pid}`;
const nudges = new NudgeStore(redis, prefix);
const digests = new DigestStore(redis, prefix);
const pauses = new PauseStore(redis, prefix);
const reports = new ReportStore(redis, prefix);
const ledgers = new LedgerStore(redis, prefix);

async function usedMemory(): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
}

/** Seconds of CPU Redis has used, all its threads. */
async function redisCpu(): Promise<number> {
  const info = await redis.info('cpu');
  return Number(/used_cpu_user:([\d.]+)/.exec(info)![1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)![1]);
}

async function pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, run));
}

async function keysMemory(keys: readonly string[]): Promise<number> {
  const sizes = await Promise.all(keys.map((key) => redis.memory('USAGE', key, 'SAMPLES', '0')));
  return sizes.reduce<number>((sum, size) => sum + Number(size ?? 0), 0);
}

/**
 * Replays twelve past weeks through the nudge store, the last four digests kept as sent (they live 30
 * days) and the last two weeks' claims (15 days); returns the Redis memory it all takes.
 */
async function replayPast(
  index: number,
  personId: string,
  report: AuditReport,
  ledger: Ledger,
): Promise<number> {
  const past = pastNudges(index, report);
  const settings = await nudges.updateSettings(personId, {
    enabled: true,
    timeZone: ZONES[index % ZONES.length]!,
  });
  for (const { at, keys } of past.digests) await nudges.markNudged(personId, keys, at);
  for (const { key, id, outcome, at } of past.outcomes)
    await nudges.applyOutcome(personId, [{ key, id, handle: null }], outcome, at);
  for (const [key, days] of past.cadence) await nudges.setCadence(personId, key, days);
  const k = personKeys(prefix, personId);
  const sent: string[] = [];
  for (const { at } of past.digests.slice(0, 4)) {
    const period = periodKey(settings, at);
    if (sent.length < 2) await digests.claim(personId, period, at);
    const plan = planDigest({ report, ledger, nudgeState: new Map(), now: at });
    await digests.save(personId, `${personId}-${period}`, { periodKey: period, sentAt: at, plan });
    sent.push(k.nudgeDigestClaim(period), k.nudgeDigestMessage(`${personId}-${period}`));
  }
  return keysMemory([
    k.nudgeSettings,
    k.nudgeNudged,
    k.nudgeSnoozed,
    k.nudgeDone,
    k.nudgeNever,
    k.nudgeCadence,
    ...sent,
  ]);
}

const timings = {
  perPerson: [] as number[],
  pure: [] as number[],
  read: [] as number[],
  readBytes: 0,
  named: 0,
  sent: 0,
};

async function digestFor(personId: string, now: number): Promise<boolean> {
  const start = performance.now();
  const settings = await nudges.settings(personId);
  if (!settings.enabled || (await pauses.paused(personId)) !== null) return false;
  const period = periodKey(settings, now);
  if (!(await digests.claim(personId, period, now))) return false;
  const readStart = performance.now();
  const [stored, ledger, nudgeState, cadenceOverrides] = await Promise.all([
    reports.latest(personId),
    ledgers.load(personId),
    nudges.state(personId),
    nudges.cadenceOverrides(personId),
  ]);
  const planStart = performance.now();
  timings.read.push(planStart - readStart);
  if (stored === null) return false;
  const plan = planDigest({ report: stored.report, ledger, nudgeState, cadenceOverrides, now });
  digestMessage(plan, now);
  timings.pure.push(performance.now() - planStart);
  await digests.save(personId, `${personId}-${period}`, { periodKey: period, sentAt: now, plan });
  await nudges.markNudged(
    personId,
    plan.people.map((p) => p.key),
    now,
  );
  timings.perPerson.push(performance.now() - start);
  timings.named += plan.people.length;
  return true;
}

/** Every nudge key's MEMORY USAGE, by kind of key (`nudged`, `digest-message`, …). */
async function nudgeKeyMemory(): Promise<Map<string, { keys: number; bytes: number }>> {
  const kinds = new Map<string, { keys: number; bytes: number }>();
  for await (const found of redis.scanStream({
    match: `${prefix}:person:*:nudge:*`,
    count: 1000,
  }) as AsyncIterable<string[]>) {
    const sizes = await Promise.all(found.map((key) => keysMemory([key])));
    found.forEach((key, i) => {
      const kind = /:nudge:([a-z-]+)/.exec(key)![1]!;
      const total = kinds.get(kind) ?? { keys: 0, bytes: 0 };
      kinds.set(kind, { keys: total.keys + 1, bytes: total.bytes + sizes[i]! });
    });
  }
  return kinds;
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const n = (x: number) => Math.round(x).toLocaleString('en');
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;

try {
  const baseline = await usedMemory();
  let pastBytes = 0;
  let passMs = 0;
  let nodeCpuMs = 0;
  let redisCpuMs = 0;
  let repeats = 0;
  let nurture = 0;
  for (let first = 0; first < PEOPLE; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, PEOPLE - first) }, (_, i) => first + i);
    const personId = (index: number) => `bench${index}`;
    // Generated one at a time, not held: a report of 2,000 accounts takes about 3 MB as objects.
    await pool(batch, async (index) => {
      const { report, ledger } = benchPerson(index, FOLLOWING);
      nurture += report.summary.byVerdict.nurture;
      // `x += await …` would add to the total as it was before the await, losing other jobs' additions.
      const past = await replayPast(index, personId(index), report, ledger);
      pastBytes += past;
      await reports.save(personId(index), { auditId: 'bench', savedAt: NOW, report });
      await ledgers.save(personId(index), ledger);
      const keys = personKeys(prefix, personId(index));
      const stored = (await redis.strlen(keys.report)) + (await redis.strlen(keys.ledger));
      timings.readBytes += stored;
    });
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const redisStart = await redisCpu();
    await pool(batch, async (index) => {
      if (await digestFor(personId(index), NOW)) timings.sent += 1;
    });
    passMs += performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    nodeCpuMs += (cpu.user + cpu.system) / 1000;
    redisCpuMs += ((await redisCpu()) - redisStart) * 1000;
    // A second worker, or the same one restarted, an hour later in the same week.
    await pool(batch, async (index) => {
      if (await digestFor(personId(index), NOW + 3_600_000)) repeats += 1;
    });
    await pool(
      batch,
      async (index) =>
        void (await redis.unlink(
          personKeys(prefix, personId(index)).report,
          personKeys(prefix, personId(index)).ledger,
        )),
    );
    process.stderr.write(`${n(first + batch.length)} / ${n(PEOPLE)} people\n`);
  }
  const kinds = await nudgeKeyMemory();
  const kept = [...kinds.values()].reduce((a, b) => ({ keys: a.keys + b.keys, bytes: a.bytes + b.bytes }));
  const byKind = [...kinds]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([kind, k]) => `${kind} ${n(k.bytes / PEOPLE)}`)
    .join(', ');
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `Nudges: ${n(PEOPLE)} people × ${n(FOLLOWING)} followings (${n(nurture / PEOPLE)} nurture accounts each on average), Node ${process.version}, ${CONCURRENCY} digest jobs at a time`,
  );
  const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(1)} ms`;
  console.log(
    `Planning pass       ${(passMs / 1000).toFixed(1)} s, ${n(PEOPLE / (passMs / 1000))} people/s   per person p50 ${ms(timings.perPerson, 0.5)}, p95 ${ms(timings.perPerson, 0.95)}   CPU: bench ${(nodeCpuMs / 1000).toFixed(1)} s, Redis ${(redisCpuMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `                    per person, p50: reading report, ledger and nudge state ${ms(timings.read, 0.5)} (${mb(timings.readBytes / PEOPLE)} stored, gzipped JSON; ${CONCURRENCY} people at a time), planning and rendering ${ms(timings.pure, 0.5)} (p95 ${ms(timings.pure, 0.95)})`,
  );
  console.log(
    `Digests             ${n(timings.sent)} sent, ${(timings.named / Math.max(1, timings.sent)).toFixed(1)} people named in each; the second pass an hour later sent ${repeats}`,
  );
  console.log(
    `Redis, nudge state  ${mb(kept.bytes)} by MEMORY USAGE over ${n(kept.keys)} keys, ${n(kept.bytes / PEOPLE)} bytes a person: twelve past weeks ${mb(pastBytes)}, this week's pass ${mb(kept.bytes - pastBytes)}; used_memory +${mb((await usedMemory()) - baseline)} with reports and ledgers deleted`,
  );
  console.log(`                    bytes a person by key: ${byKind}`);
  console.log(`Bench process       peak RSS ${mb(rss)}`);
} finally {
  await deleteMatching(redis, `${prefix}:*`);
  redis.disconnect();
}
