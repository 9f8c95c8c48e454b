/**
 * A follower missing since the last audit is re-checked before being called lost, and the re-check is a
 * fresh lookup on X: the profile cache (shared, kept without any follow status) cannot say whether
 * someone still follows, so a cached profile never stands in for the re-check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import type { AuditJob } from '../../src/queues/payloads.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import { ProfileCache } from '../../src/store/profile-cache.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import {
  archiveJob,
  auditToEnd,
  ownerArchive,
  ownerNetwork,
  PERSON,
  serveFiles,
  startInProcess,
  type InProcess,
} from './audit-rig.js';

const db = useTestRedis('audit-followers-recheck');
const DAY = 86_400_000;
const FRESH_MS = 30 * DAY;
let files: Awaited<ReturnType<typeof serveFiles>>;
let base: string;
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;
let now = Date.parse('2026-11-20T12:00:00Z');
const archives = new Map<string, Buffer>();
let followers: string[];
/** Listed as a follower by the first archive, but X says they do not follow: they left. */
let leaver: string;
/** A follower missing from the second archive who still follows on X: a glitch of the list. */
let stayer: string;

beforeAll(async () => {
  fake = await startFakeX({ network: { seed: 46, following: 60, fans: 100 } });
  const network = ownerNetwork(fake);
  followers = network.followers;
  leaver = network.following.find((id) => !followers.includes(id))!;
  stayer = followers[0]!;
  archives.set('/week1.zip', await ownerArchive(fake, [...followers, leaver]));
  archives.set(
    '/week2.zip',
    await ownerArchive(
      fake,
      followers.filter((id) => id !== stayer),
    ),
  );
  files = await serveFiles(archives);
  base = files.base;
  running = await startInProcess(
    db,
    fake,
    { now: () => now, wallTimeOf: () => Date.now() },
    { freshMs: FRESH_MS },
  );
  events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events.close();
  await running.close();
  await fake.close();
  await files.close();
});

const job = (auditId: string, name: string, followersAsk: AuditJob['options']['followers']) =>
  archiveJob({ base, now }, auditId, name, followersAsk);
const audit = (data: AuditJob) => auditToEnd(running, events, data);

describe('re-checking a missing follower', () => {
  it('asks X afresh, though the cache holds their profile, and tells lost only whom X says left', async () => {
    // Week one looks every follower up, which leaves each profile in the cache for 30 days.
    await audit(job('week1', '/week1.zip', { sample: 'all', budgetCents: 10_000, seed: 1 }));
    const cached = await new ProfileCache(db.redis, db.prefix, FRESH_MS).fresh([leaver, stayer], now);
    expect([...cached.keys()].sort()).toEqual([leaver, stayer].sort());

    now += 7 * DAY;
    const calls = fake.callsTo('GET /2/users').length;
    const report = await audit(job('week2', '/week2.zip', { sample: 10, budgetCents: 10_000, seed: 1 }));
    const asked = fake
      .callsTo('GET /2/users')
      .slice(calls)
      .flatMap((c) => String(c.query.ids ?? '').split(','));
    expect(asked).toEqual(expect.arrayContaining([leaver, stayer]));

    const lost = report.followers!.followers.filter((f) => f.categories.includes('lost'));
    expect(lost.map((f) => f.id)).toEqual([leaver]);
    expect(lost[0]!.reasons.join(' ')).toMatch(/no longer does \(re-checked with the platform\)/);
    const summary = report.followers!.summary;
    expect(summary.unconfirmedLost).toBe(0);
    expect(summary.notes.join(' ')).toMatch(/1 follower missing from this read still follows you/);
  });

  it('a run that fails during the lookups and is retried reports what every run was billed', async () => {
    // A month on, the cache has let the profiles go: every follower is looked up again, in two calls.
    now += 31 * DAY;
    const LOOKUP = 'GET /2/users';
    const since = fake.callsTo(LOOKUP).length;
    fake.settings.latencyMs = 300;
    const { job: queued } = await enqueueAudit(
      running.queues.audit,
      job('week6', '/week2.zip', { sample: 'all', budgetCents: 10_000, seed: 1 }),
    );
    // The first lookup is on its way; the second is refused, and the attempt fails.
    await until(() => fake.callsTo(LOOKUP).length === since + 1, 15_000);
    fake.failNext({ status: 503, endpoint: LOOKUP });
    await until(() => fake.callsTo(LOOKUP)[since + 1]?.status === 503, 15_000);
    fake.settings.latencyMs = 0;
    await until(async () => (await queued.getState()) === 'delayed', 15_000);
    await queued.promote();
    await queued.waitUntilFinished(events, 30_000);
    const made = fake.callsTo(LOOKUP).slice(since);
    const users = made.reduce((n, c) => n + c.users.length, 0);
    expect(made.map((c) => c.status)).toEqual([200, 503, 200]);
    const summary = (await running.reports.latest(PERSON))!.report.followers!.summary;
    // The calls X answered, billed by the accounts read; the one it refused is counted apart.
    expect(summary.cost).toEqual({ calls: 2, users, dollars: users / 100, refused: 1 });
    // Every follower judged; the one more looked up is the re-check of the follower missing again.
    expect(summary.judged).toBe(users - 1);
    expect(summary.followers).toBe(users - 1);
  });
});
