import { afterEach, describe, expect, it } from 'vitest';
import { QueueEvents, type Job } from 'bullmq';
import type { AuditJob } from '../../src/queues/payloads.js';
import { createQueues, enqueueAudit } from '../../src/queues/queues.js';
import { NudgeStore } from '../../src/store/nudge-store.js';
import type { AuditProgress, AuditResult } from '../../src/queues/payloads.js';
import {
  scaledClock,
  startFakeX,
  type FakeClock,
  type FakeX,
  type ManualClock,
} from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { KEY, PERSON, linkOwner, spawnWorker, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit');
const FOLLOWING = 'GET /2/users/:id/following';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function fakeX<C extends FakeClock>(options: Parameters<typeof startFakeX<C>>[0]): Promise<FakeX<C>> {
  const fake = await startFakeX(options);
  open.push(fake);
  return fake;
}

async function rig(
  fake: FakeX<FakeClock>,
  clock: Parameters<typeof startInProcess>[2],
  options?: Parameters<typeof startInProcess>[3],
): Promise<InProcess> {
  const running = await startInProcess(db, fake, clock, options);
  open.push(running);
  return running;
}

const audit = (auditId: string): AuditJob => ({
  personId: PERSON,
  source: 'x',
  auditId,
  requestedAt: Date.now(),
  options: {},
});

async function finished(job: Job, events: QueueEvents, timeoutMs = 20_000): Promise<AuditResult> {
  return (await job.waitUntilFinished(events, timeoutMs)) as AuditResult;
}

async function queueEvents(): Promise<QueueEvents> {
  const events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
  open.push(events);
  return events;
}

/** Every following page served, by the pagination token it was asked with ('' for the first). */
function followingPagesServed(fake: FakeX<FakeClock>): string[] {
  return fake
    .callsTo(FOLLOWING)
    .filter((c) => c.status === 200)
    .map((c) => c.query.pagination_token ?? '');
}

describe('the audit worker', () => {
  it('audits a person’s X following end to end through the queue, at one call per 1,000 accounts', async () => {
    const fake = await fakeX({ network: { seed: 11, following: 2_500 } });
    const clock = { now: () => fake.clock.now(), wallTimeOf: () => Date.now() };
    const running = await rig(fake, clock);
    const events = await queueEvents();
    const { job } = await enqueueAudit(running.queues.audit, audit('first'));
    const result = await finished(job, events);

    const listed = fake.callsTo(FOLLOWING).flatMap((c) => c.users);
    expect(result.accounts).toBe(listed.length);
    expect(followingPagesServed(fake)).toHaveLength(Math.ceil(listed.length / 1000));
    const stored = (await running.reports.latest(PERSON))!;
    expect(stored.auditId).toBe('first');
    // Who follows back comes from connection_status: the followers list is never paid for.
    expect(fake.callsTo('GET /2/users/:id/followers')).toHaveLength(0);
    const owner = fake.network.owners[0]!;
    for (const account of stored.report.accounts.slice(0, 200)) {
      const truth = fake.network.account(account.id!)!;
      expect(account.categories.includes('not_following_back'), account.id!).toBe(
        !fake.network.isFollowing(truth.index, owner.index),
      );
    }
    // What it cost is in the report, and it is what the fake served.
    expect(stored.report.xUsage).toEqual({
      calls: fake.calls.length,
      users: fake.calls.reduce((n, c) => n + c.users.length, 0),
      posts: fake.calls.reduce((n, c) => n + c.posts.length, 0),
    });
    expect(result.xUsage).toEqual(stored.report.xUsage);
  });

  it('counts a ✅ from a digest as the interaction it stands for when the person audits again', async () => {
    const fake = await fakeX({ network: { seed: 13, following: 300 } });
    const clock = { now: () => fake.clock.now(), wallTimeOf: () => Date.now() };
    const nudges = new NudgeStore(db.redis, db.prefix);
    const running = await rig(fake, clock, { toldInteractions: (personId) => nudges.doneEvents(personId) });
    const events = await queueEvents();
    await finished((await enqueueAudit(running.queues.audit, audit('before'))).job, events);
    const quiet = (await running.reports.latest(PERSON))!.report.accounts.find(
      (a) => a.categories.includes('low_interaction') && a.id,
    )!;
    expect(quiet.lastInteractionAt).toBeNull();

    const gotInTouch = fake.clock.now() - 86_400_000;
    await nudges.applyOutcome(
      PERSON,
      [{ key: `id:${quiet.id}`, id: quiet.id, handle: quiet.handle }],
      'done',
      gotInTouch,
    );
    await finished((await enqueueAudit(running.queues.audit, audit('after'))).job, events);
    const again = (await running.reports.latest(PERSON))!.report.accounts.find((a) => a.id === quiet.id)!;
    expect(again.lastInteractionAt).toBe(new Date(gotInTouch).toISOString());
    expect(again.categories).not.toContain('low_interaction');
  });

  it('waits out X’s rate limit mid-pagination as a delayed job, then resumes without reading a page twice', async () => {
    // X's real limit, 15 following pages per 15 minutes. X's clock stands still until Tend says it
    // waits, then jumps to the time it waits for, however fast or slow the machine: the limit always
    // bites at the 15th page. A wait of 15 minutes takes a second of the wall's.
    const fake = await fakeX<ManualClock>({ network: { seed: 12, following: 20_000 } });
    const clock = {
      now: () => fake.clock.now(),
      wallTimeOf: (t: number) => Date.now() + Math.max(0, t - fake.clock.now()) / 900,
    };
    const running = await rig(fake, clock, { interactionPages: 0 });
    const events = await queueEvents();
    const waits: number[] = [];
    events.on('progress', ({ data }) => {
      const until = (data as AuditProgress).waitingUntil;
      if (until === null || waits.includes(until)) return;
      waits.push(until);
      if (until > fake.clock.now()) fake.clock.set(until);
    });
    const { job } = await enqueueAudit(running.queues.audit, audit('limited'));
    const result = await finished(job, events, 30_000);

    // X's answer to the 15th page says the window is spent: Tend waits then, without asking for a 429.
    expect(fake.callsTo(FOLLOWING).filter((c) => c.status === 429)).toEqual([]);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    const listed = fake.network
      .followingOf(0)
      .filter((i) => fake.network.accountAt(i).kind !== 'suspended').length;
    const pages = followingPagesServed(fake);
    expect(pages.length).toBeGreaterThan(15);
    expect(pages).toHaveLength(Math.ceil(result.accounts / 1000));
    expect(new Set(pages).size).toBe(pages.length);
    expect(result.accounts).toBe(fake.callsTo(FOLLOWING).reduce((n, c) => n + c.users.length, 0));
    expect(result.accounts).toBeLessThanOrEqual(listed);
  });

  it('takes a 429 X sends anyway mid-pagination (another app spent the limit): waits, resumes, reads no page twice', async () => {
    const fake = await fakeX({
      network: { seed: 16, following: 4_000 },
      clock: scaledClock(900),
      settings: { latencyMs: 50 },
    });
    const clock = {
      now: () => fake.clock.now(),
      wallTimeOf: (t: number) => Date.now() + Math.max(0, t - fake.clock.now()) / 900,
    };
    const running = await rig(fake, clock, { interactionPages: 0 });
    const events = await queueEvents();
    let injected = false;
    events.on('progress', ({ data }) => {
      if (!injected && (data as AuditProgress).phase === 'following' && (data as AuditProgress).pages >= 2) {
        injected = true;
        fake.failNext({ status: 429, endpoint: FOLLOWING });
      }
    });
    const { job } = await enqueueAudit(running.queues.audit, audit('refused'));
    const result = await finished(job, events, 30_000);
    expect(fake.callsTo(FOLLOWING).filter((c) => c.status === 429)).toHaveLength(1);
    const pages = followingPagesServed(fake);
    expect(pages).toHaveLength(Math.ceil(result.accounts / 1000));
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('ends an audit whose X access was revoked with a clear reason, and does not retry it', async () => {
    const fake = await fakeX({ network: { seed: 13, following: 300 } });
    const clock = { now: () => fake.clock.now(), wallTimeOf: () => Date.now() };
    const running = await rig(fake, clock);
    fake.revoke(fake.owners[0]!.accessToken);
    fake.revoke(fake.owners[0]!.refreshToken);
    const events = await queueEvents();
    const { job } = await enqueueAudit(running.queues.audit, audit('revoked'));
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/link|access/i);
    const failed = (await running.queues.audit.getJob(job.id!))!;
    expect(await failed.getState()).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect((await running.reports.latest(PERSON))?.auditId).not.toBe('revoked');
  });

  it('keeps tokens out of job data and log lines', async () => {
    const fake = await fakeX({ network: { seed: 14, following: 1_200 } });
    const clock = { now: () => fake.clock.now(), wallTimeOf: () => Date.now() };
    const running = await rig(fake, clock);
    fake.failNext({ status: 503, endpoint: FOLLOWING });
    const events = await queueEvents();
    const { job } = await enqueueAudit(running.queues.audit, audit('secrets'));
    // The 503 fails the first attempt; BullMQ would retry in 30 s, the operator's "retry now" is quicker.
    await until(async () => (await job.getState()) === 'delayed', 10_000);
    await job.promote();
    await finished(job, events);
    const secrets = [fake.owners[0]!.accessToken, fake.owners[0]!.refreshToken, KEY.toString('base64')];
    const everything = [...(await db.dump()).values()].flat().join('\n') + running.logLines.join('');
    expect(running.logLines.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  // Two worker processes boot here, several seconds each on a busy machine: the file's default timeout is too short.
  it(
    'resumes an audit whose worker process was killed mid-way in another worker, reading no page twice',
    { timeout: 90_000 },
    async () => {
      const fake = await fakeX({ network: { seed: 15, following: 9_000 }, settings: { latencyMs: 400 } });
      await linkOwner(db, fake, Date.now());
      const output: string[] = [];
      const queues = createQueues(db.redis, db.queuePrefix);
      const events = await queueEvents();
      const first = spawnWorker(db, fake, output);
      // Whatever happens in the test, no worker process outlives it.
      open.push({ close: async () => void first.kill('SIGKILL') });
      const { job } = await enqueueAudit(queues.audit, audit('killed'));
      // Killed while a page is on the way (asked, not yet answered): every page answered before it was
      // saved, since the worker asks for the next page only after saving the last.
      const inFlight = () => {
        const calls = fake.callsTo(FOLLOWING);
        return calls.length >= 3 && calls.at(-1)!.status === 0;
      };
      await until(inFlight, 30_000);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      const killedAt = fake.callsTo(FOLLOWING).length;
      const readBeforeKill = fake
        .callsTo(FOLLOWING)
        .slice(0, killedAt - 1)
        .map((c) => c.query.pagination_token ?? '');

      const second = spawnWorker(db, fake, output);
      open.push({ close: async () => void second.kill('SIGKILL') });
      try {
        const result = await finished(job, events, 60_000);
        const pages = Math.ceil(result.accounts / 1000);
        const readAfter = fake
          .callsTo(FOLLOWING)
          .slice(killedAt)
          .map((c) => c.query.pagination_token ?? '');
        expect(readAfter.filter((token) => readBeforeKill.includes(token))).toEqual([]);
        expect(readBeforeKill.length + readAfter.length).toBe(pages);
        expect(new Set([...readBeforeKill, ...readAfter]).size).toBe(pages);
      } finally {
        second.kill('SIGTERM');
        await new Promise((resolve) => second.once('exit', resolve));
        await queues.audit.obliterate({ force: true });
        await queues.close();
      }
      expect(output.join('')).not.toContain(fake.owners[0]!.accessToken);
    },
  );
});
