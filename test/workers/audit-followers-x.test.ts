/**
 * The followers audit through the X API alone, in the worker against the fake X: the audit reads nothing
 * of the followers and says what reading the newest of them costs; the audit that completes it reads
 * exactly that (the pages and accounts shown), judges them, keeps a snapshot for the next audit; and a
 * run that fails half-way and is retried still reports every call it made.
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
import { startAudit } from '../../src/bot/start-audit.js';
import { loadServiceSettings } from '../../src/config/service-settings.js';
import { AuditAllowance, XReadBudget } from '../../src/store/audit-limits.js';
import { linkOwner, PERSON, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit-followers-x');
const FOLLOWERS = 'GET /2/users/:id/followers';
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;
let now = Date.parse('2026-11-20T12:00:00Z');

beforeAll(async () => {
  // 2,400 fans and the followed accounts that follow back: three pages of followers, and more.
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

async function finish(data: AuditJob, retry = false): Promise<AuditReport> {
  const { job: queued } = await enqueueAudit(running.queues.audit, data);
  if (retry) {
    // The failed attempt would be retried in 30 s; the operator's "retry now" is quicker.
    await until(async () => (await queued.getState()) === 'delayed', 15_000);
    await queued.promote();
  }
  await queued.waitUntilFinished(events, 30_000);
  const stored = (await running.reports.latest(PERSON))!;
  expect(stored.auditId).toBe(data.auditId);
  return stored.report;
}

const read = (since: number) => {
  const calls = fake.callsTo(FOLLOWERS).slice(since);
  return { calls: calls.length, users: calls.reduce((n, c) => n + c.users.length, 0) };
};
const snapshots = () => new FollowerSnapshots(db.redis, db.prefix);
const owner = () => `x:${fake.network.owners[0]!.id}`;

describe('the followers audit through the X API alone', () => {
  let offered: AuditReport;
  // X counts 2,425 followers: fewer than the 2,500 asked for, so all of them are offered, in three pages.
  const counted = () => fake.network.followersOf(0).length;

  it('reads nothing of the followers, and says what reading the newest of them costs', async () => {
    offered = await finish(job('offer', { sample: 2_500, budgetCents: 0, seed: 1 }));
    expect(fake.callsTo(FOLLOWERS)).toHaveLength(0);
    const summary = offered.followers!.summary;
    expect(summary).toMatchObject({ population: 'newest', sampled: 0, judged: 0, cost: null });
    expect(summary.followers).toBe(counted());
    expect(counted()).toBe(2_425);
    expect(summary.unpaid).toEqual({ calls: 3, users: 2_425, dollars: 24.25 });
    // X counts fewer than asked for: the offer is the whole list, and it says so rather than "the newest".
    expect(summary.notes.join(' ')).toMatch(
      /Reading all 2,425 X counts costs about \$24\.25, once you confirm it: the figures are then exact, and who left since the last audit can be told/,
    );
    expect(await snapshots().history(PERSON, 'x', owner())).toEqual([]);
  });

  it('a run that fails half-way and is retried reads what was shown and reports every call made', async () => {
    const calls = fake.calls.length;
    fake.settings.latencyMs = 300;
    const { job: queued } = await enqueueAudit(
      running.queues.audit,
      job('paid', {
        sample: 2_500,
        budgetCents: 2_500,
        seed: 1,
        asOf: Date.parse(offered.generatedAt),
        completes: 'offer',
      }),
    );
    // The first page is on its way; the second is refused, and the attempt fails.
    await until(() => fake.callsTo(FOLLOWERS).length === 1, 15_000);
    fake.failNext({ status: 503, endpoint: FOLLOWERS });
    await until(() => fake.callsTo(FOLLOWERS).length >= 2 && fake.callsTo(FOLLOWERS)[1]!.status === 503);
    fake.settings.latencyMs = 0;
    await until(async () => (await queued.getState()) === 'delayed', 15_000);
    await queued.promote();
    await queued.waitUntilFinished(events, 30_000);
    const report = (await running.reports.latest(PERSON))!.report;
    const summary = report.followers!.summary;
    // Three pages of followers, the refused one too, and nothing else: no users/me, no following list.
    expect(fake.calls.length - calls).toBe(4);
    expect(read(0)).toEqual({ calls: 4, users: 2_425 });
    // What was shown before is what X answered and billed; the call it refused is counted apart.
    const answered = fake.callsTo(FOLLOWERS).filter((c) => c.status === 200);
    expect({ calls: answered.length, users: answered.reduce((n, c) => n + c.users.length, 0) }).toEqual({
      calls: 3,
      users: 2_425,
    });
    expect(summary.cost).toEqual({ calls: 3, users: 2_425, dollars: 24.25, refused: 1 });
    const { refused: _refused, ...billed } = summary.cost!;
    expect(billed).toEqual(offered.followers!.summary.unpaid);
    expect(summary.unpaid).toBeNull();
    // The list ended within what was paid for: the figures are of every follower.
    expect(summary).toMatchObject({ population: 'all', sampled: 2_425, judged: 2_425 });
    expect(summary.shape.fake.exact).toBe(true);
    // The audit it completes keeps its accounts; its X usage now holds the followers read too.
    expect(report.accounts).toHaveLength(offered.accounts.length);
    expect(report.xUsage!.users).toBe(offered.xUsage!.users + 2_425);
    const history = await snapshots().history(PERSON, 'x', owner());
    expect(history.map((s) => [s.at, s.ids.length])).toEqual([[Date.parse(offered.generatedAt), 2_425]]);
  });

  it('a week later, tells who is new among the newest followers from the snapshot, reading only them', async () => {
    now += 7 * 86_400_000;
    // The last audit's snapshot, as if the newest 40 had not followed yet then.
    const [last] = await snapshots().history(PERSON, 'x', owner());
    const newest = fake.callsTo(FOLLOWERS)[0]!.users;
    const arrived = newest.slice(0, 40);
    // Three who followed then and not now: high in the list, one missed by that read already (missing
    // twice: lost), one not (missed once: not told yet); and one deep in it, beyond the newest 1,000.
    const [left, once, deep] = ['9100000000000000001', '9100000000000000002', '9100000000000000003'];
    expect(last!.depth).toBeDefined();
    // The read kept X's count of her followers at the offer: what the next read squares with.
    expect(last!.followersCount).toBe(counted());
    // A snapshot of the same time replaces the one kept; X counted those 40 fewer, and the three more.
    await snapshots().add(PERSON, 'x', {
      ...last!,
      ids: [...last!.ids.filter((id) => !arrived.includes(id)), left, once, deep],
      missing: [left],
      depth: { ...last!.depth, [left]: 0, [once]: 1, [deep]: 20 },
      followersCount: counted() - 40 + 3,
    });
    const week = await finish(job('week', { sample: 1_000, budgetCents: 0, seed: 2 }));
    expect(week.followers!.summary.unpaid).toEqual({ calls: 1, users: 1_000, dollars: 10 });
    // She presses the button two days after the offer: the followers are read, and judged, then.
    now += 2 * 86_400_000;
    const before = read(0).calls;
    const report = await finish(
      job('week-paid', {
        sample: 1_000,
        budgetCents: 1_000,
        seed: 2,
        asOf: Date.parse(week.generatedAt),
        completes: 'week',
      }),
    );
    expect(read(before)).toEqual({ calls: 1, users: 1_000 });
    expect(report.followers!.summary).toMatchObject({ population: 'newest', judged: 1_000 });
    expect(report.followers!.summary.cost).toEqual({ calls: 1, users: 1_000, dollars: 10 });
    expect(report.followers!.summary.notes.join(' ')).toMatch(/figures are for your newest 1,000 followers/);
    const fresh = report.followers!.followers.filter((f) => f.categories.includes('new'));
    expect(fresh.map((f) => f.id).sort()).toEqual([...arrived].sort());
    expect(report.followers!.summary.previousAuditAt).toBe(offered.generatedAt);
    // New by the day they were read, not by the day of the offer; the snapshot is of that day too.
    const readOn = new Date(now).toISOString().slice(0, 10);
    for (const f of fresh) expect(f.reasons.join(' ')).toContain(`by ${readOn} at the latest`);
    // Among the newest 1,000, who left is told where this read reaches: lost once missed twice.
    const lost = report.followers!.followers.filter((f) => f.categories.includes('lost'));
    expect(lost.map((f) => f.id)).toEqual([left]);
    expect(lost[0]!.reasons.join(' ')).toMatch(/no longer does \(missing from two reads in a row\)/);
    expect(report.followers!.summary.unconfirmedLost).toBe(1);
    expect(report.followers!.summary.notes.join(' ')).toMatch(
      /Who left is told among the [\d,]+ followers of the audit of \d{4}-\d\d-\d\d that this read reaches .*for your older followers, lost and churners are unknown until a read reaches the end of your list/,
    );
    const kept = await snapshots().history(PERSON, 'x', owner());
    expect(kept.map((s) => s.at)).toEqual([Date.parse(offered.generatedAt), now]);
    // The one who left is gone from the snapshot; the one missed once is kept, marked missing; the one
    // beyond the read is kept as it was: nothing is known of them.
    const latest = kept.at(-1)!;
    expect(latest.ids).not.toContain(left);
    expect(latest.ids).toEqual(expect.arrayContaining([once, deep]));
    expect(latest.missing).toEqual([once]);
    expect(latest.depth![deep]).toBeUndefined();
    expect(now).toBeGreaterThan(Date.parse(week.generatedAt));
  });

  it('a week on, takes no follower who left and followed again for a mark of how far the read reaches', async () => {
    now += 7 * 86_400_000;
    // The last read, as if: two of today's newest 1,000 (the 101st and 701st) were 6th and 351st
    // then, in the same order, and left and followed again since; around them were 398 followers who
    // still follow, now deep in the list, beyond today's read. 998 followed since: X counted 998 fewer.
    const [last] = (await snapshots().history(PERSON, 'x', owner())).slice(-1);
    const list = fake.network.followersOf(0).map((i) => fake.network.accountAt(i).id);
    const [again, later] = [list[100]!, list[700]!];
    const stayed = list.slice(1_500, 1_898);
    const then = [...stayed.slice(0, 5), again, ...stayed.slice(5, 349), later, ...stayed.slice(349)];
    await snapshots().add(PERSON, 'x', {
      at: last!.at,
      owner: last!.owner,
      ids: then,
      missing: [],
      depth: Object.fromEntries(then.map((id, i) => [id, Math.floor(i / 100)])),
      followersCount: counted() - 998,
    });
    const offer = await finish(job('refollow', { sample: 1_000, budgetCents: 0, seed: 4 }));
    expect(offer.followers!.summary.unpaid).toEqual({ calls: 1, users: 1_000, dollars: 10 });
    const report = await finish(
      job('refollow-paid', {
        sample: 1_000,
        budgetCents: 1_000,
        seed: 4,
        asOf: Date.parse(offer.generatedAt),
        completes: 'refollow',
      }),
    );
    const summary = report.followers!.summary;
    // Nobody below the read's end is said to have left, not even "may have left".
    expect(summary.byCategory.lost).toBe(0);
    expect(summary.unconfirmedLost).toBe(0);
    expect(summary.notes.join(' ')).toMatch(
      /cannot be told from this read: the followers it shares with that audit's do not square with X's counts/,
    );
    // The 998 others of the newest 1,000 followed since: new.
    const fresh = report.followers!.followers.filter((f) => f.categories.includes('new')).map((f) => f.id);
    expect(fresh.sort()).toEqual(
      list
        .slice(0, 1_000)
        .filter((id) => id !== again && id !== later)
        .sort(),
    );
    const latest = (await snapshots().history(PERSON, 'x', owner())).at(-1)!;
    expect(latest.ids).toEqual(expect.arrayContaining(stayed));
    expect(latest.missing).toEqual([]);
    expect(latest.followersCount).toBe(counted());
  });

  it('keeps no count X gave long before the read, which the followers since would put out', async () => {
    const late = async (auditId: string, days: number) => {
      now += 7 * 86_400_000;
      const offer = await finish(job(auditId, { sample: 1_000, budgetCents: 0, seed: 5 }));
      // Pressed days after the offer: whoever followed since is read, but not in the offer's count.
      now += days * 86_400_000;
      return finish(
        job(`${auditId}-paid`, {
          sample: 1_000,
          budgetCents: 1_000,
          seed: 5,
          asOf: Date.parse(offer.generatedAt),
          completes: auditId,
        }),
      );
    };
    expect((await late('late', 1)).followers!.summary.population).toBe('newest');
    expect((await snapshots().history(PERSON, 'x', owner())).at(-1)!.followersCount).toBeUndefined();
    // The next read says it cannot tell who left, rather than square with a count short by a day.
    const next = (await late('later', 0)).followers!.summary;
    expect(next.notes.join(' ')).toMatch(/count of your followers at one of the two audits is not known/);
    expect((await snapshots().history(PERSON, 'x', owner())).at(-1)!.followersCount).toBe(counted());
  });

  it('refuses to complete an audit that a newer one replaced', async () => {
    const before = fake.calls.length;
    const { job: queued } = await enqueueAudit(
      running.queues.audit,
      job('stale', { sample: 1_000, budgetCents: 1_000, seed: 2, asOf: now, completes: 'offer' }),
    );
    await expect(queued.waitUntilFinished(events, 30_000)).rejects.toThrow(/replaced by a newer one/);
    expect(fake.calls.length).toBe(before);
  });

  it('a read that failed for good half-way is carried on by the next press: no page paid for twice', async () => {
    const offer = await finish(job('again', { sample: 2_500, budgetCents: 0, seed: 3 }));
    const unpaid = offer.followers!.summary.unpaid!;
    expect(unpaid.calls).toBe(3);
    // The bot's start of an audit, as the button's press calls it.
    const deps = {
      queues: running.queues,
      accounts: await linkOwner(db, fake, now),
      settings: loadServiceSettings({}),
      now: () => now,
      allowance: new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 12 * 3_600_000, uploadsPerDay: 10 }),
      readBudget: new XReadBudget(db.redis, db.prefix, 1_000_000),
    };
    const press = () =>
      startAudit(deps, {
        personId: PERSON,
        source: 'x',
        file: null,
        lookupProfiles: false,
        followers: { sample: unpaid.users, budgetCents: 2_425, seed: 3, asOf: now, completes: 'again' },
      });
    const before = read(0).calls;
    fake.settings.latencyMs = 300;
    const first = await press();
    expect(first.resumed).toBeUndefined();
    // The first page is on its way; X refuses the second for good, and the job fails.
    await until(() => read(0).calls === before + 1, 15_000);
    fake.failNext({ status: 400, endpoint: FOLLOWERS });
    await expect(first.job.waitUntilFinished(events, 30_000)).rejects.toThrow(/X refused the request/);
    fake.settings.latencyMs = 0;
    expect(
      fake
        .callsTo(FOLLOWERS)
        .slice(before)
        .map((c) => c.status),
    ).toEqual([200, 400]);

    const second = await press();
    expect(second.job.id).toBe(first.job.id);
    expect(second.resumed).toEqual({ calls: 2, users: 1_000 });
    await second.job.waitUntilFinished(events, 30_000);
    // Pages one to three, each read once, and the refused call: what was offered, and the failed call.
    const made = fake.callsTo(FOLLOWERS).slice(before);
    expect(made.map((c) => c.status)).toEqual([200, 400, 200, 200]);
    expect(made.reduce((n, c) => n + c.users.length, 0)).toBe(unpaid.users);
    const stored = (await running.reports.latest(PERSON))!;
    expect(stored.auditId).toBe('again-followers');
    expect(stored.report.followers!.summary.cost).toEqual({ ...unpaid, refused: 1 });
  });
});
