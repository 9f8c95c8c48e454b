import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { emptyLedger, lookupEntry, recordEvent } from '../../src/ledger.js';
import { DigestStore } from '../../src/store/digest-store.js';
import { NudgeStore } from '../../src/store/nudge-store.js';
import { PauseStore } from '../../src/store/pause-store.js';
import { planDigest } from '../../src/nudges/plan.js';
import { digestRepeat, nextDigestAt } from '../../src/nudges/schedule.js';
import { forgetPerson } from '../../src/store/forget.js';
import { personPattern } from '../../src/store/keys.js';
import { LedgerStore } from '../../src/store/ledger-store.js';
import { scanAll, useTestRedis } from '../support/redis.js';
import { DAY, NOW, digestPerson, nurtured, planOf, reportOf } from './fixtures.js';

const db = useTestRedis('nudges-store');

const account = (handle: string) => ({ key: `id:id-${handle}`, id: `id-${handle}`, handle });

const keysOf = async (personId: string) =>
  (await scanAll(db.redis, personPattern(db.prefix, personId))).sort();

describe('one digest per period', () => {
  it('lets exactly one of many workers claim a period, and no restarted one after it', async () => {
    const workers = Array.from({ length: 12 }, () => new DigestStore(db.connection(), db.prefix));
    const claims = await Promise.all(workers.map((store) => store.claim('p1', '2026-W23', NOW)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const restarted = new DigestStore(db.connection(), db.prefix);
    expect(await restarted.claim('p1', '2026-W23', NOW + 60_000)).toBe(false);
    expect(await restarted.claim('p1', '2026-W24', NOW + 7 * DAY)).toBe(true);
    expect(await restarted.claim('p2', '2026-W23', NOW)).toBe(true);
  });

  it('gives a period back when its digest could not be sent', async () => {
    const store = new DigestStore(db.redis, db.prefix);
    expect(await store.claim('p3', '2026-06-01', NOW)).toBe(true);
    await store.release('p3', '2026-06-01');
    expect(await store.claim('p3', '2026-06-01', NOW)).toBe(true);
    expect(await db.redis.pttl((await keysOf('p3'))[0]!)).toBeGreaterThan(14 * DAY);
  });

  it('fires through BullMQ’s job scheduler when nextDigestAt says', async () => {
    const queue = new Queue('nudges', { connection: db.connection(), prefix: db.queuePrefix });
    const settings = {
      enabled: true,
      period: 'weekly' as const,
      day: 3,
      time: '07:15',
      timeZone: 'America/New_York',
      quietHours: null,
    };
    await queue.upsertJobScheduler('digest-p1', digestRepeat(settings), {
      name: 'digest',
      data: { personId: 'p1' },
    });
    const scheduler = await queue.getJobScheduler('digest-p1');
    expect(scheduler?.next).toBe(nextDigestAt(settings, Date.now()));
    await queue.obliterate({ force: true });
    await queue.close();
  });
});

describe('nudge state', () => {
  it('survives a new store, and holds back who it should in the next plan', async () => {
    const first = new NudgeStore(db.redis, db.prefix);
    await first.updateSettings('p4', {
      enabled: true,
      timeZone: 'Europe/London',
      quietHours: { from: '22:00', to: '07:00' },
    });
    await first.markNudged('p4', ['id:id-nudged'], NOW - 5 * DAY);
    await first.applyOutcome('p4', [account('snoozed')], 'snooze', NOW);
    await first.applyOutcome('p4', [account('muted')], 'never', NOW);
    await first.applyOutcome('p4', [account('done')], 'done', NOW);
    await first.setCadence('p4', 'id:id-due', 7);

    const second = new NudgeStore(db.connection(), db.prefix);
    expect(await second.settings('p4')).toEqual({
      enabled: true,
      period: 'weekly',
      day: 1,
      time: '09:00',
      timeZone: 'Europe/London',
      quietHours: { from: '22:00', to: '07:00' },
    });
    const state = await second.state('p4');
    expect(state.get('id:id-snoozed')).toEqual({
      lastNudgedAt: null,
      snoozedUntil: NOW + 30 * DAY,
      never: false,
      doneAt: null,
    });
    expect(state.get('id:id-muted')?.never).toBe(true);
    const report = reportOf(['nudged', 'snoozed', 'muted', 'done', 'due', 'other'].map((h) => nurtured(h)));
    const cadenceOverrides = await second.cadenceOverrides('p4');
    expect(cadenceOverrides).toEqual(new Map([['id:id-due', 7]]));
    const plan = (now: number) => planDigest({ report, nudgeState: state, cadenceOverrides, now });
    expect(
      plan(NOW)
        .people.map((p) => p.handle)
        .sort(),
    ).toEqual(['due', 'other']);
    expect(
      plan(NOW + 31 * DAY)
        .people.map((p) => p.handle)
        .sort(),
    ).toEqual(['done', 'due', 'nudged', 'other', 'snoozed']);
  });

  it('refuses settings and cadences that would not work, saving nothing', async () => {
    const store = new NudgeStore(db.redis, db.prefix);
    await expect(store.updateSettings('p5', { timeZone: 'Nowhere/Else' })).rejects.toThrow(UserError);
    await expect(store.setCadence('p5', 'id:1', 0)).rejects.toThrow(
      'Cadence: a whole number of days from 1 to 365',
    );
    expect(await keysOf('p5')).toEqual([]);
  });

  it('writes ✅ into the stored ledger, so the clock resets there too, even with many at once', async () => {
    const ledgers = new LedgerStore(db.redis, db.prefix);
    const ledger = emptyLedger();
    ledger.sources.push('own posts');
    recordEvent(ledger, {
      who: { id: 'id-h0', handle: 'h0' },
      kind: 'reply',
      direction: 'in',
      at: NOW - 90 * DAY,
    });
    await ledgers.save('p6', ledger);
    const handles = Array.from({ length: 8 }, (_, i) => `h${i}`);
    await Promise.all(
      handles.map((h) =>
        new NudgeStore(db.connection(), db.prefix).applyOutcome('p6', [account(h)], 'done', NOW),
      ),
    );
    const saved = (await ledgers.load('p6'))!;
    for (const h of handles) expect(lookupEntry(saved, { id: `id-${h}` })?.out.last).toBe(NOW);
    expect(lookupEntry(saved, { handle: 'h0' })?.in.count).toBe(1);

    await new NudgeStore(db.redis, db.prefix).applyOutcome('p7', [account('x')], 'done', NOW);
    expect(await ledgers.load('p7')).toBeNull();
  });
});

describe('pauses', () => {
  it('tells the person once, on the next command reply, and ends when resumed', async () => {
    const pauses = new PauseStore(db.redis, db.prefix);
    await pauses.pause('p8', 'dm_closed', NOW);
    expect(await pauses.paused('p8')).toEqual({ reason: 'dm_closed', at: NOW });
    const notices = await Promise.all([pauses.takeNotice('p8'), pauses.takeNotice('p8')]);
    expect(notices.sort()).toEqual(['dm_closed', null]);
    expect(await pauses.paused('p8')).not.toBeNull();
    await pauses.resume('p8');
    expect(await pauses.paused('p8')).toBeNull();
    expect(await pauses.takeNotice('p8')).toBeNull();
  });
});

describe('a sent digest', () => {
  it('keeps its people, what is picked and what was done, for its reactions; only under its person', async () => {
    const digests = new DigestStore(db.redis, db.prefix);
    const plan = planOf([digestPerson('a'), digestPerson('b')], 3);
    await digests.save('p9', 'm1', { periodKey: '2026-W23', sentAt: NOW, plan });
    await digests.pick('p9', 'm1', 1, true);
    await digests.pick('p9', 'm1', 0, true);
    await digests.pick('p9', 'm1', 0, false);
    await digests.recordOutcome('p9', 'm1', [1], 'snooze', NOW);
    const loaded = await new DigestStore(db.connection(), db.prefix).load('p9', 'm1');
    expect(loaded).toEqual({
      periodKey: '2026-W23',
      sentAt: NOW,
      plan,
      selected: [1],
      outcomes: new Map([[1, { outcome: 'snooze', at: NOW }]]),
    });
    expect(await digests.load('someone-else', 'm1')).toBeNull();
    await digests.pick('p9', 'gone', 0, true);
    expect(await digests.load('p9', 'gone')).toBeNull();
  });
});

describe('forget', () => {
  it('leaves no nudge key behind', async () => {
    const nudges = new NudgeStore(db.redis, db.prefix);
    const digests = new DigestStore(db.redis, db.prefix);
    await nudges.updateSettings('p10', { enabled: true });
    await nudges.markNudged('p10', ['id:id-a'], NOW);
    for (const outcome of ['done', 'snooze', 'never'] as const)
      await nudges.applyOutcome('p10', [account('a')], outcome, NOW);
    await nudges.setCadence('p10', 'id:id-a', 10);
    await new PauseStore(db.redis, db.prefix).pause('p10', 'left_servers', NOW);
    await digests.claim('p10', '2026-W23', NOW);
    await digests.save('p10', 'm1', {
      periodKey: '2026-W23',
      sentAt: NOW,
      plan: planOf([digestPerson('a')]),
    });
    expect((await keysOf('p10')).map((k) => k.slice(k.indexOf('}:') + 2))).toEqual([
      'nudge:cadence',
      'nudge:digest-message:m1',
      'nudge:digest:2026-W23',
      'nudge:done',
      'nudge:never',
      'nudge:nudged',
      'nudge:paused',
      'nudge:settings',
      'nudge:snoozed',
    ]);
    await forgetPerson(db.redis, db.prefix, 'p10');
    expect(await keysOf('p10')).toEqual([]);
  });
});
