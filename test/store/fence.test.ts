import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../../src/ledger.js';
import type { AccountReport, AuditReport } from '../../src/model.js';
import { DigestStore } from '../../src/store/digest-store.js';
import type { DigestPlan } from '../../src/nudges/plan.js';
import { NudgeStore } from '../../src/store/nudge-store.js';
import { PauseStore } from '../../src/store/pause-store.js';
import { AuditDeliveries } from '../../src/store/audit-deliveries.js';
import { AuditCheckpoints } from '../../src/store/checkpoints.js';
import { FencedOut, type WriteFence } from '../../src/store/fence.js';
import { forgetPerson } from '../../src/store/forget.js';
import { FollowingSnapshots } from '../../src/store/following-snapshots.js';
import { forgottenKey, personPattern } from '../../src/store/keys.js';
import { LedgerStore } from '../../src/store/ledger-store.js';
import { ReportStore } from '../../src/store/reports.js';
import { UnfollowLog } from '../../src/store/unfollow-log.js';
import { paceLimits } from '../../src/unfollows/pace.js';
import { UnfollowPacer } from '../../src/store/unfollow-pacer.js';
import { scanAll, useTestRedis } from '../support/redis.js';

const db = useTestRedis('fence');
const NOW = Date.UTC(2026, 10, 20);
const report = { platform: 'x' } as AuditReport;
const snapshot = { id: '77', handle: 'gone' } as AccountReport;

/** Every write a job or the audit watcher makes for a person, each as its store makes it. */
function writes(personId: string, fence?: WriteFence): [string, () => Promise<unknown>][] {
  const { redis, prefix } = db;
  return [
    [
      'checkpoint page',
      () =>
        new AuditCheckpoints(redis, prefix).savePage(
          personId,
          'a1',
          'following',
          { after: null, next: 'n', items: [{ id: '1' }] },
          fence,
        ),
    ],
    [
      'report',
      () => new ReportStore(redis, prefix).save(personId, { auditId: 'a1', savedAt: NOW, report }, fence),
    ],
    ['ledger', () => new LedgerStore(redis, prefix).save(personId, emptyLedger(), fence)],
    [
      'following snapshot',
      () =>
        new FollowingSnapshots(redis, prefix, 60_000).save(
          personId,
          { fetchedAt: NOW, xUserId: '5', following: [] },
          fence,
        ),
    ],
    ['audit shown', () => new AuditDeliveries(redis, prefix).claim(personId, 'a1', 1)],
    ['unfollow claim', () => new UnfollowLog(redis, prefix).begin(personId, 'a1', '77')],
    [
      'unfollow log',
      () =>
        new UnfollowLog(redis, prefix).complete(personId, {
          targetId: '77',
          handle: 'gone',
          auditId: 'a1',
          at: NOW,
          snapshot,
        }),
    ],
    ['unfollow pace', () => new UnfollowPacer(redis, prefix, paceLimits(300)).take(personId, 'a1-77', NOW)],
    ['digest claim', () => new DigestStore(redis, prefix).claim(personId, '2026-W47', NOW)],
    [
      'digest record',
      () =>
        new DigestStore(redis, prefix).save(personId, '900', {
          periodKey: '2026-W47',
          sentAt: NOW,
          plan: {} as DigestPlan,
        }),
    ],
    ['nudged marks', () => new NudgeStore(redis, prefix).markNudged(personId, ['id:77'], NOW)],
    ['nudges paused', () => new PauseStore(redis, prefix).pause(personId, 'dm_closed', NOW)],
  ];
}

async function refusal(write: () => Promise<unknown>): Promise<string | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (error instanceof FencedOut) return error.reason;
    throw error;
  }
}

describe('fenced writes', () => {
  it('refuses every write for a person forgotten a moment ago, and stores nothing', async () => {
    await forgetPerson(db.redis, db.prefix, '3001');
    for (const [what, write] of writes('3001'))
      expect([what, await refusal(write)]).toEqual([what, 'forgotten']);
    expect(await scanAll(db.redis, personPattern(db.prefix, '3001'))).toEqual([]);
  });

  it('lets the same writes through for anyone else, and again once the tombstone has gone', async () => {
    for (const [what, write] of writes('3002')) expect([what, await refusal(write)]).toEqual([what, null]);
    await forgetPerson(db.redis, db.prefix, '3003', 50);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await db.redis.exists(forgottenKey(db.prefix, '3003'))).toBe(0);
    expect(
      await refusal(() =>
        new ReportStore(db.redis, db.prefix).save('3003', { auditId: 'a2', savedAt: NOW, report }),
      ),
    ).toBeNull();
  });

  it('refuses a job run’s writes once its lock holds another run’s token, or none', async () => {
    const lockKey = `${db.queuePrefix}:audit:job-1:lock`;
    const fence: WriteFence = { lock: { key: lockKey, token: 'run-a' } };
    await db.redis.set(lockKey, 'run-a', 'PX', 60_000);
    expect(
      await refusal(() =>
        new ReportStore(db.redis, db.prefix).save('3004', { auditId: 'a1', savedAt: NOW, report }, fence),
      ),
    ).toBeNull();
    await db.redis.set(lockKey, 'run-b', 'PX', 60_000);
    const jobWrites = writes('3005', fence).slice(0, 4);
    for (const [what, write] of jobWrites) expect([what, await refusal(write)]).toEqual([what, 'lock_lost']);
    await db.redis.del(lockKey);
    for (const [what, write] of jobWrites) expect([what, await refusal(write)]).toEqual([what, 'lock_lost']);
    expect(await scanAll(db.redis, personPattern(db.prefix, '3005'))).toEqual([]);
  });
});
