/**
 * X's count of the person's followers is kept with the read of the newest followers that completes an
 * offer only while fresh, timed from when X gave it (the offer's first `users/me`, checkpointed), not
 * from the report: a retry, a wait on X's limits or on the daily budget can leave it hours older. On
 * the fake clock (deps.clock), against the fake X.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import type { AuditReport } from '../../src/model.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import { FollowerSnapshots } from '../../src/store/follower-snapshots.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { PERSON, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit-followers-count-age');
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;
let now = Date.parse('2026-11-20T12:00:00Z');

beforeAll(async () => {
  // 2,400 fans: more followers than the 1,000 asked for, so the read stops short of the end.
  fake = await startFakeX({ network: { seed: 45, following: 60, fans: 2_400 } });
  running = await startInProcess(db, fake, { now: () => now, wallTimeOf: () => Date.now() });
  events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events.close();
  await running.close();
  await fake.close();
});

const job = (auditId: string, followers: AuditJob['options']['followers']): AuditJob => ({
  personId: PERSON,
  source: 'x',
  auditId,
  requestedAt: now,
  options: { followers },
});

/** Runs the audit; where `retryAfterMs` is given its first run fails and is retried that long after. */
async function finish(data: AuditJob, retryAfterMs?: number): Promise<AuditReport> {
  if (retryAfterMs !== undefined) fake.failNext({ status: 503, endpoint: 'GET /2/users/:id/mentions' });
  const { job: queued } = await enqueueAudit(running.queues.audit, data);
  if (retryAfterMs !== undefined) {
    await until(async () => (await queued.getState()) === 'delayed', 15_000);
    now += retryAfterMs;
    await queued.promote();
  }
  await queued.waitUntilFinished(events, 30_000);
  const stored = (await running.reports.latest(PERSON))!;
  expect(stored.auditId).toBe(data.auditId);
  return stored.report;
}

const keptCount = async () =>
  (
    await new FollowerSnapshots(db.redis, db.prefix).history(PERSON, 'x', `x:${fake.network.owners[0]!.id}`)
  ).at(-1)!.followersCount;

describe('X’s follower count kept with a read of the newest followers', () => {
  it('keeps a count read minutes before the press', async () => {
    const countedAt = now;
    const offer = await finish(job('fresh', { sample: 1_000, budgetCents: 0, seed: 5 }));
    expect(offer.followers!.summary.followersCountedAt).toBe(new Date(countedAt).toISOString());
    now += 10 * 60_000;
    const asOf = Date.parse(offer.generatedAt);
    await finish(job('fresh-paid', { sample: 1_000, budgetCents: 1_000, seed: 5, asOf, completes: 'fresh' }));
    expect(await keptCount()).toBe(fake.network.followersOf(0).length);
  });

  it('keeps no count read hours before the press, though the report of the offer is minutes old', async () => {
    now += 7 * 86_400_000;
    const countedAt = now;
    // The offer reads users/me (X's count), then a timeline call fails: the run is retried 3 h later,
    // and reads the count from its checkpoint.
    const me = fake.callsTo('GET /2/users/me').length;
    const offer = await finish(job('late', { sample: 1_000, budgetCents: 0, seed: 5 }), 3 * 3_600_000);
    expect(fake.callsTo('GET /2/users/me').length).toBe(me + 1);
    expect(Date.parse(offer.generatedAt) - countedAt).toBe(3 * 3_600_000);
    expect(offer.followers!.summary.followersCountedAt).toBe(new Date(countedAt).toISOString());
    now += 10 * 60_000;
    const asOf = Date.parse(offer.generatedAt);
    await finish(job('late-paid', { sample: 1_000, budgetCents: 1_000, seed: 5, asOf, completes: 'late' }));
    expect(await keptCount()).toBeUndefined();
  });
});
