import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import type { AuditJob } from '../../src/queues/payloads.js';
import { FollowerSnapshots } from '../../src/store/follower-snapshots.js';
import { ownerKey } from '../../src/audit/followers-audit.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
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

const db = useTestRedis('audit-followers');
let files: Awaited<ReturnType<typeof serveFiles>>;
let base: string;
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;
let now = Date.parse('2026-11-20T12:00:00Z');
const archives = new Map<string, Buffer>();
let followers: string[] = [];
let joined: string;

beforeAll(async () => {
  fake = await startFakeX({ network: { seed: 43, following: 60, fans: 240 } });
  const network = ownerNetwork(fake);
  followers = network.followers;
  // Next week someone the owner follows starts following her, and nobody leaves.
  joined = network.following.find((id) => !followers.includes(id))!;
  archives.set('/week1.zip', await ownerArchive(fake, followers));
  archives.set('/week2.zip', await ownerArchive(fake, [...followers, joined]));
  archives.set(
    '/instagram.zip',
    await readFile(new URL('../../samples/demo-instagram.zip', import.meta.url)),
  );
  files = await serveFiles(archives);
  base = files.base;
  running = await startInProcess(db, fake, { now: () => now, wallTimeOf: () => Date.now() });
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

const lookedUp = () => fake.callsTo('GET /2/users').reduce((n, c) => n + c.users.length, 0);

describe('the audit worker’s followers audit', () => {
  const snapshots = () => new FollowerSnapshots(db.redis, db.prefix);
  const owner = () => `x:${fake.network.owners[0]!.id}`;

  it('without a confirmed budget, looks nothing up on X and says what the lookups would cost', async () => {
    const report = await audit(job('free', '/week1.zip', { sample: 100, budgetCents: 0, seed: 7 }));
    const summary = report.followers!.summary;
    expect(fake.calls).toHaveLength(0);
    expect(summary).toMatchObject({ followers: followers.length, population: 'sample', sampled: 100 });
    expect(summary.judged).toBe(0);
    expect(summary.cost).toBeNull();
    expect(summary.unpaid).toEqual({ calls: 1, users: 100, dollars: 1 });
    expect(summary.notes.join(' ')).toMatch(/would cost about \$1\.00 to look up, once you confirm it/);
    const history = await snapshots().history(PERSON, 'x', owner());
    expect(history.map((s) => s.at)).toEqual([now]);
  });

  it('with the budget confirmed, spends what was shown and judges the sample as of the audit it completes', async () => {
    const free = (await running.reports.latest(PERSON))!.report;
    const offered = free.followers!.summary.unpaid!;
    const asOf = now;
    now += 5 * 60_000;
    const report = await audit(
      job('paid', '/week1.zip', { sample: 100, budgetCents: offered.dollars * 100, seed: 7, asOf }),
    );
    const summary = report.followers!.summary;
    const lookups = fake.callsTo('GET /2/users');
    expect(summary.cost).toEqual({ calls: lookups.length, users: lookedUp(), dollars: offered.dollars });
    expect(summary.cost).toEqual(offered);
    expect(summary.judged).toBeGreaterThan(90);
    expect(summary.unpaid).toBeNull();
    expect(summary.shape.fake.exact).toBe(false);
    // The audit it completes is replaced, not compared with.
    expect(summary.previousAuditAt).toBeNull();
    expect((await snapshots().history(PERSON, 'x', owner())).map((s) => s.at)).toEqual([asOf]);
  });

  it('a week later, tells who is new for nothing', async () => {
    const before = fake.calls.length;
    const firstAt = now - 5 * 60_000;
    now += 7 * 86_400_000;
    const report = await audit(job('week2', '/week2.zip', { sample: 100, budgetCents: 0, seed: 7 }));
    expect(fake.calls.length).toBe(before);
    const summary = report.followers!.summary;
    expect(summary.previousAuditAt).toBe(new Date(firstAt).toISOString());
    const fresh = report.followers!.followers.filter((f) => f.categories.includes('new'));
    expect(fresh.map((f) => f.id)).toEqual([joined]);
    expect((await snapshots().history(PERSON, 'x', owner())).map((s) => s.at)).toEqual([firstAt, now]);
  });

  it('audits the followers of an Instagram export for nothing: usernames, which X cannot look up', async () => {
    const before = fake.calls.length;
    const data: AuditJob = {
      ...job('insta', '/instagram.zip', { sample: 1000, budgetCents: 500, seed: 7 }),
      source: 'instagram',
    };
    const report = await audit(data);
    expect(fake.calls.length).toBe(before);
    const summary = report.followers!.summary;
    expect(summary.followers).toBeGreaterThan(0);
    expect(summary.cost).toBeNull();
    expect(summary.unpaid).toBeNull();
    const owner = ownerKey({ platform: 'instagram', owner: report.owner });
    expect((await snapshots().history(PERSON, 'instagram', owner)).map((s) => s.ids.length)).toEqual([
      summary.followers,
    ]);
  });
});
