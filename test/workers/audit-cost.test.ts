import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { QueueEvents, type Job } from 'bullmq';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import type { AuditProgress, AuditResult } from '../../src/queues/payloads.js';
import { baseSpec } from '../fixtures/x-archive-spec.js';
import { startFakeX, type FakeX, type ManualClock } from '../support/fake-x/index.js';
import { scanAll, useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { PERSON, startInProcess, type InProcess } from './audit-rig.js';
import { XReadBudget } from '../../src/store/audit-limits.js';
import { auditProgressText } from '../../src/bot/render/progress.js';

const db = useTestRedis('audit-cost');
const FOLLOWING = 'GET /2/users/:id/following';
const LOOKUP = 'GET /2/users';
const HOUR = 3_600_000;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function fakeX(options: Parameters<typeof startFakeX<ManualClock>>[0]): Promise<FakeX<ManualClock>> {
  const fake = await startFakeX(options);
  open.push(fake);
  return fake;
}

/** X's clock stands still until the test moves it; a wait of 15 minutes on it takes a second of the wall's. */
const clockOf = (fake: FakeX<ManualClock>) => ({
  now: () => fake.clock.now(),
  wallTimeOf: (t: number) => Date.now() + Math.max(0, t - fake.clock.now()) / 900,
});

async function rig(
  fake: FakeX<ManualClock>,
  options: Parameters<typeof startInProcess>[3],
  clock = clockOf(fake),
): Promise<InProcess> {
  const running = await startInProcess(db, fake, clock, options);
  open.push(running);
  return running;
}

async function queueEvents(): Promise<QueueEvents> {
  const events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
  open.push(events);
  return events;
}

/** Serves one file as Discord's CDN would. */
async function serve(body: Buffer): Promise<string> {
  const server: Server = createServer((_req, res) => res.writeHead(200).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/twitter-2026.zip`;
}

const xAudit = (auditId: string): AuditJob => ({
  personId: PERSON,
  source: 'x',
  auditId,
  requestedAt: Date.now(),
  options: {},
});
const archiveAudit = (auditId: string, url: string): AuditJob => ({
  personId: PERSON,
  source: 'x-archive',
  auditId,
  requestedAt: Date.now(),
  options: { hydrateProfiles: true, attachment: { url, name: 'twitter-2026.zip', bytes: 1000 } },
});

const billedUsers = (fake: FakeX<ManualClock>) => fake.calls.reduce((n, c) => n + c.users.length, 0);

describe('what an X audit keeps and reads', () => {
  it('reads at most TEND_MAX_FOLLOWING accounts, the newest follows, says so, and checkpoints ids rather than profiles', async () => {
    const fake = await fakeX({
      network: { seed: 61, following: 3_500 },
      limits: { [FOLLOWING]: { per15min: 1 } },
    });
    const running = await rig(fake, { interactionPages: 0, maxFollowing: 2_000, freshMs: 24 * HOUR });
    const events = await queueEvents();
    const { job } = await enqueueAudit(running.queues.audit, xAudit('capped'));

    // One page a window: after the first, the audit waits, with its checkpoint in Redis.
    await until(
      async () =>
        (await job.getState()) === 'delayed' && (await running.queues.audit.getJob(job.id!))!.progress !== 0,
    );
    const [itemsKey] = await scanAll(
      db.redis,
      `${db.prefix}:person:{${PERSON}}:checkpoint:*:items:following`,
    );
    const items = (await db.redis.lrange(itemsKey!, 0, -1)).map(
      (raw) => JSON.parse(raw) as Record<string, unknown>,
    );
    expect(items).toHaveLength(1000);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['followsOwner', 'id']);

    const waited = ((await running.queues.audit.getJob(job.id!))!.progress as AuditProgress).waitingUntil!;
    fake.clock.set(waited);
    const result = (await job.waitUntilFinished(events, 30_000)) as AuditResult;

    expect(fake.callsTo(FOLLOWING).filter((c) => c.status === 200)).toHaveLength(2);
    expect(result.accounts).toBe(2_000);
    const { report } = (await running.reports.latest(PERSON))!;
    expect(report.accounts.map((a) => a.id).sort()).toEqual(
      fake
        .callsTo(FOLLOWING)
        .flatMap((c) => c.users)
        .sort(),
    );
    // Every profile came back from the cache: no account is judged without one.
    expect(report.accounts.every((a) => a.handle !== null && a.botScore !== null)).toBe(true);
    expect(report.summary.skippedChecks).not.toContainEqual(expect.stringMatching(/no profiles/));
    expect(report.warnings).toContainEqual(
      'You follow 3,500 accounts; Tend audits at most 2,000 accounts at a time, so this audit covers the 2,000 you followed most recently.',
    );
    expect(fake.callsTo(LOOKUP)).toHaveLength(0);
  });
});

describe('the operator’s daily budget of X reads', () => {
  it('holds an audit that spent it until the next UTC day, says so, and carries on from there', async () => {
    const fake = await fakeX({ network: { seed: 64, following: 3_000 } });
    const budget = new XReadBudget(db.redis, db.prefix, 1_500);
    // Half a day of X's clock takes about a second of the wall's.
    const clock = {
      now: () => fake.clock.now(),
      wallTimeOf: (t: number) => Date.now() + Math.max(0, t - fake.clock.now()) / 36_000,
    };
    const running = await rig(fake, { interactionPages: 0, readBudget: budget }, clock);
    const events = await queueEvents();
    const { job } = await enqueueAudit(running.queues.audit, xAudit('budget'));

    // The profile and two pages (2,001 objects) spend the 1,500: the third page waits for the next day.
    await until(async () => (await job.getState()) === 'delayed');
    const progress = (await running.queues.audit.getJob(job.id!))!.progress as AuditProgress;
    const midnight = Date.UTC(2026, 10, 21);
    expect(progress).toMatchObject({ waitingOn: 'read_budget', waitingUntil: midnight, pages: 3 });
    expect(auditProgressText(progress, 'delayed', fake.clock.now())).toBe(
      "Waiting for Tend's daily budget of X reads, which renews at 2026-11-21 00:00 UTC — 3 pages, 2,000 accounts read so far; the audit carries on from there.",
    );
    expect(fake.callsTo(FOLLOWING)).toHaveLength(2);
    expect(await budget.used(fake.clock.now())).toBe(2_001);

    fake.clock.set(midnight);
    const result = (await job.waitUntilFinished(events, 30_000)) as AuditResult;
    const pages = fake.callsTo(FOLLOWING).map((c) => c.query.pagination_token ?? '');
    expect(pages).toHaveLength(3);
    expect(new Set(pages).size).toBe(3);
    expect(result.accounts).toBe(fake.callsTo(FOLLOWING).reduce((n, c) => n + c.users.length, 0));
    expect(await budget.used(midnight)).toBe(result.accounts - 2_000);
  });
});

describe('lookup_profiles on an uploaded archive', () => {
  it('looks up no more ids than the linked account follows, and tells the cost before the first lookup', async () => {
    const fake = await fakeX({ network: { seed: 62, following: 40, fans: 20_000 } });
    const net = fake.network;
    const owner = fake.owners[0]!;
    const followed = net.followingOf(0).map((i) => net.accountAt(i).id);
    // 20,000 ids the person does not follow (real accounts on X), after the ones they do.
    const strangers = net
      .followersOf(0)
      .slice(0, 20_000)
      .map((i) => net.accountAt(i).id);
    const url = await serve(
      await buildXArchive(
        baseSpec({
          account: { accountId: owner.userId, username: 'tend_owner0', displayName: 'Owner' },
          following: [...followed, ...strangers],
        }),
      ),
    );
    const running = await rig(fake, { interactionPages: 0 });
    const events = await queueEvents();
    const seen: AuditProgress[] = [];
    events.on('progress', ({ jobId, data }) => {
      if (jobId.includes('told')) seen.push(data as AuditProgress);
    });
    const { job } = await enqueueAudit(running.queues.audit, archiveAudit('told', url));
    await job.waitUntilFinished(events, 30_000);

    expect(fake.callsTo('GET /2/users/me')).toHaveLength(1);
    expect(fake.callsTo(LOOKUP)).toHaveLength(1);
    expect(fake.callsTo(LOOKUP)[0]!.query.ids!.split(',')).toEqual(followed);
    expect(billedUsers(fake)).toBeLessThanOrEqual(41);
    const { report } = (await running.reports.latest(PERSON))!;
    expect(report.xUsage).toEqual({ calls: 2, users: billedUsers(fake), posts: 0 });
    expect(report.warnings).toContainEqual(
      'The archive lists 20,040 followed accounts, but your X account follows 40 accounts now: Tend looked up the 40 most recent and judged the others without a profile.',
    );
    // The plan (40 ids, one call) is in the progress before any account was looked up.
    const firstLookup = seen.find((p) => p.phase === 'profiles')!;
    expect(firstLookup).toMatchObject({ lookup: { ids: 40, cached: 0, calls: 1 }, accounts: 0 });
  });

  it('looks up nothing for an archive of another X account than the linked one, and says why', async () => {
    const fake = await fakeX({ network: { seed: 63, following: 40, owners: 2 } });
    const net = fake.network;
    const other = fake.owners[1]!;
    const url = await serve(
      await buildXArchive(
        baseSpec({
          account: { accountId: other.userId, username: 'tend_owner1', displayName: 'Someone else' },
          following: net.followingOf(1).map((i) => net.accountAt(i).id),
        }),
      ),
    );
    const running = await rig(fake, { interactionPages: 0 });
    const events = await queueEvents();
    const { job } = await enqueueAudit(running.queues.audit, archiveAudit('other', url));
    await (job as Job).waitUntilFinished(events, 30_000);

    expect(fake.callsTo(LOOKUP)).toHaveLength(0);
    const { report } = (await running.reports.latest(PERSON))!;
    expect(report.warnings).toContainEqual(
      expect.stringMatching(
        /^This archive is not of your linked X account \(@tend_owner0\), so Tend looked up none of its accounts' profiles/,
      ),
    );
    expect(report.accounts).toHaveLength(40);
  });
});
