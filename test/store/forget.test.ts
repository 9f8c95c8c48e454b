import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyLedger, recordEvent } from '../../src/ledger.js';
import { AuditCheckpoints } from '../../src/store/checkpoints.js';
import { SecretBox } from '../../src/store/crypto.js';
import { DEFAULT_TOMBSTONE_MS, forgetPerson } from '../../src/store/forget.js';
import { KeepList } from '../../src/store/keep-list.js';
import { FollowerSnapshots } from '../../src/store/follower-snapshots.js';
import { forgottenKey, personKeys, personPattern, sharedKeys } from '../../src/store/keys.js';
import { LedgerStore } from '../../src/store/ledger-store.js';
import { LinkedAccounts } from '../../src/store/linked-accounts.js';
import { PersonSettingsStore } from '../../src/store/person-settings.js';
import { ProfileCache } from '../../src/store/profile-cache.js';
import { ReportStore } from '../../src/store/reports.js';
import { UnfollowLog } from '../../src/store/unfollow-log.js';
import { paceLimits } from '../../src/unfollows/pace.js';
import { UnfollowPacer } from '../../src/store/unfollow-pacer.js';
import type { AccountReport, AuditReport } from '../../src/model.js';
import { LedgerSync } from '../../src/services/ledger-sync.js';
import { NudgeStore } from '../../src/store/nudge-store.js';
import { PauseStore } from '../../src/store/pause-store.js';
import { pino } from 'pino';
import { scanAll, useTestRedis } from '../support/redis.js';

const db = useTestRedis('forget');
const NOW = Date.UTC(2026, 10, 20);

/** Stores one of everything Tend keeps about a person. */
async function populate(personId: string, xUserId: string, target: { id: string; handle: string }) {
  const { redis, prefix } = db;
  await new LinkedAccounts(redis, prefix, new SecretBox(randomBytes(32))).link(personId, {
    xUserId,
    handle: `h${xUserId}`,
    linkedAt: NOW,
    tokens: { kind: 'oauth1', accessToken: 'tok', accessSecret: 'sec' },
  });
  await new KeepList(redis, prefix).add(personId, [{ handle: 'friend' }]);
  await new PersonSettingsStore(redis, prefix).update(personId, { interests: ['opera'] });
  // The report with its followers section, and the follower snapshot of that followers audit.
  const follower = { id: `${target.id}7`, handle: `${target.handle}_fan` };
  await new ReportStore(redis, prefix).save(personId, {
    auditId: 'a1',
    savedAt: NOW,
    report: {
      platform: 'x',
      followers: { summary: {}, followers: [{ ...follower, categories: ['loyal'] }] },
    } as unknown as AuditReport,
  });
  await new FollowerSnapshots(redis, prefix).add(personId, 'x', {
    at: NOW - 7 * 86_400_000,
    owner: `x:${xUserId}`,
    ids: [follower.id, `${target.id}8`],
    missing: [],
  });
  await new FollowerSnapshots(redis, prefix).add(personId, 'x', {
    at: NOW,
    owner: `x:${xUserId}`,
    ids: [follower.id],
    missing: [],
  });
  await new AuditCheckpoints(redis, prefix).savePage(personId, 'a1', 'following', {
    after: null,
    next: 'n',
    items: [{ id: '1' }],
  });
  const ledger = emptyLedger();
  recordEvent(ledger, { who: { id: '1' }, kind: 'reply', direction: 'out', at: NOW - 1 });
  await new LedgerStore(redis, prefix).save(personId, ledger);
  const log = new UnfollowLog(redis, prefix);
  await log.begin(personId, 'a1', target.id);
  const snapshot: AccountReport = {
    id: target.id,
    handle: target.handle,
    name: null,
    categories: ['gone'],
    reasons: ['suspended'],
    verdict: 'unfollow',
    verdictReason: 'gone',
    botScore: null,
    lastActiveAt: null,
    lastInteractionAt: null,
    strength: 0,
    tier: null,
    duplicateOf: null,
  };
  await log.complete(personId, {
    targetId: target.id,
    handle: target.handle,
    auditId: 'a1',
    at: NOW,
    snapshot,
  });
  await log.begin(personId, 'a1', `${target.id}9`);
  await new UnfollowPacer(redis, prefix, paceLimits(300)).take(personId, `a1-${target.id}`, NOW);
  const silent = pino({ level: 'silent' });
  await new LedgerSync({
    ledgers: new LedgerStore(redis, prefix),
    clientFor: () => Promise.reject(new Error('not linked')),
    logger: silent,
  }).afterAudit(personId, ledger);
  const nudges = new NudgeStore(redis, prefix);
  await nudges.updateSettings(personId, { enabled: true });
  await nudges.markNudged(personId, [`id:${target.id}`], NOW);
  const account = { key: `id:${target.id}`, id: target.id, handle: target.handle };
  for (const outcome of ['snooze', 'done', 'never'] as const)
    await nudges.applyOutcome(personId, [account], outcome, NOW);
  await nudges.setCadence(personId, `id:${target.id}`, 60);
  await new PauseStore(redis, prefix).pause(personId, 'dm_closed', NOW);
  // A /link under way, as LinkFlow.begin leaves it: the pending record, and the shared state key naming the person.
  const state = `state-of-${personId}`;
  await redis.set(personKeys(prefix, personId).linkPending, JSON.stringify({ state }), 'PX', 600_000);
  await redis.set(sharedKeys(prefix).linkState(state), personId, 'PX', 600_000);
}

const TARGET = { id: '7700000000000000001', handle: 'gone_one' };

const keysOf = async (personId: string) =>
  (await scanAll(db.redis, personPattern(db.prefix, personId))).sort();

describe('forget', () => {
  it("deletes every key of the person and their link in the shared index; another person's data stays", async () => {
    await populate('1001', '5001', TARGET);
    await populate('1002', '5002', { id: '7700000000000000002', handle: 'gone_two' });
    await new ProfileCache(db.redis, db.prefix, 3_600_000).put([{ id: '5001', username: 'public' }], NOW);
    const before = await keysOf('1001');
    expect(before.length).toBeGreaterThanOrEqual(12);
    const othersBefore = await keysOf('1002');

    // Her followers are stored: the one in her report and snapshots, and the one who left (an older snapshot's delta).
    const mine = [...(await db.dump())].filter(([key]) => key.includes('1001'));
    for (const trace of [`${TARGET.id}7`, `${TARGET.id}8`, `${TARGET.handle}_fan`])
      expect(
        mine.some(([, values]) => values.some((v) => v.includes(trace))),
        `${trace} is stored before /forget`,
      ).toBe(true);

    expect(await forgetPerson(db.redis, db.prefix, '1001')).toBe(before.length);

    expect(await keysOf('1001')).toEqual([]);
    // Her Discord id, X id and handle, and the id and handle of the account she unfollowed, in no key's name
    // or contents; public profiles are shared by everyone who follows the account, and expire. Only the
    // tombstone names her, holding nothing, for a few minutes: a job still running writes nothing back.
    const tombstone = forgottenKey(db.prefix, '1001');
    const traces = ['1001', '5001', 'h5001', TARGET.id, TARGET.handle, `${TARGET.id}7`, `${TARGET.id}8`];
    const left = [...(await db.dump())].filter(
      ([key]) => !key.startsWith(`${db.prefix}:profile:x:`) && key !== tombstone,
    );
    expect(
      left.flatMap(([key, values]) =>
        traces
          .filter((t) => key.includes(t) || values.some((v) => v.includes(t)))
          .map((t) => `${t} in ${key}`),
      ),
    ).toEqual([]);
    expect(await db.redis.get(tombstone)).toBe('1');
    expect(await db.redis.pttl(tombstone)).toBeGreaterThan(0);
    expect(await db.redis.pttl(tombstone)).toBeLessThanOrEqual(DEFAULT_TOMBSTONE_MS);
    expect(await db.redis.hget(sharedKeys(db.prefix).xAccountOwners, '5001')).toBeNull();
    expect(await keysOf('1002')).toEqual(othersBefore);
    expect(await db.redis.hget(sharedKeys(db.prefix).xAccountOwners, '5002')).toBe('1002');
    expect(
      await db.redis.exists(sharedKeys(db.prefix).profile('5001')),
      'public profiles are not theirs',
    ).toBe(1);
    expect(await new KeepList(db.redis, db.prefix).list('1002')).toEqual({ ids: [], handles: ['friend'] });
  });

  it('deletes nothing and says so for a person Tend never knew', async () => {
    expect(await forgetPerson(db.redis, db.prefix, '404')).toBe(0);
  });

  it('does not touch a person whose id starts like another', async () => {
    await new KeepList(db.redis, db.prefix).add('20', [{ handle: 'a' }]);
    await new KeepList(db.redis, db.prefix).add('200', [{ handle: 'b' }]);
    expect(await forgetPerson(db.redis, db.prefix, '20')).toBe(1);
    expect(await new KeepList(db.redis, db.prefix).list('200')).toEqual({ ids: [], handles: ['b'] });
  });

  it('lets every key of a person expire but the choices they made, which last until /forget', async () => {
    await populate('3001', '6001', { id: '7700000000000000003', handle: 'gone_three' });
    const keys = personKeys(db.prefix, '3001');
    const choices = [
      keys.xAccount,
      keys.keep,
      keys.settings,
      keys.nudgeSettings,
      keys.nudgeNever,
      keys.nudgeCadence,
      keys.nudgePaused,
    ];
    const forever: string[] = [];
    for (const key of await keysOf('3001')) if ((await db.redis.pttl(key)) < 0) forever.push(key);
    expect(forever.sort()).toEqual(choices.sort());
    await forgetPerson(db.redis, db.prefix, '3001');
  });
});
