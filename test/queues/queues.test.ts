import { Worker, type Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditJob, UnfollowJob } from '../../src/queues/payloads.js';
import {
  checkQueuePrefix,
  createQueues,
  enqueueAudit,
  enqueueUnfollows,
  personJobIds,
  QUEUE_NAMES,
  unfollowJobId,
  type TendQueues,
} from '../../src/queues/queues.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('queues');
const T0 = Date.UTC(2026, 10, 20);
const audit = (personId: string, auditId: string): AuditJob => ({
  personId,
  source: 'x',
  auditId,
  requestedAt: T0,
  options: {},
});
const unfollow = (targetId: string): UnfollowJob => ({
  personId: '7',
  auditId: 'a1',
  target: { id: targetId, handle: `h${targetId}` },
  xUserId: '1',
  confirmedAt: T0,
});

const opened: TendQueues[] = [];
function queues(): TendQueues {
  const created = createQueues(db.redis, db.queuePrefix);
  opened.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(opened.map((q) => q.close()));
});

/** The hash tag Redis Cluster would hash: what is inside the first non-empty `{…}`. */
const hashTag = (key: string) => /\{([^}]+)\}/.exec(key)?.[1] ?? key;

describe('queues', () => {
  it('names the queues, and refuses a prefix without a hash tag', () => {
    expect(QUEUE_NAMES).toEqual({ audit: 'audit', unfollow: 'unfollow', nudge: 'nudge' });
    expect(() => createQueues(db.redis, 'tend')).toThrow(/hash tag such as \{tend\}/);
    expect(checkQueuePrefix('{tend}')).toBe('{tend}');
  });

  it('keeps every queue key in one Redis Cluster slot', async () => {
    const { audit: auditQueue, unfollow: unfollowQueue } = queues();
    await enqueueAudit(auditQueue, audit('1', 'a1'));
    await enqueueUnfollows(unfollowQueue, [unfollow('100')]);
    const keys = (await db.keys()).filter((key) => key.startsWith(db.queuePrefix));
    expect(
      keys.some((key) => key.includes(':audit:')) && keys.some((key) => key.includes(':unfollow:')),
    ).toBe(true);
    expect(new Set(keys.map(hashTag)).size).toBe(1);
  });

  it('refuses a job carrying a token and stores nothing of it', async () => {
    const { audit: auditQueue } = queues();
    const before = await db.keys();
    const poisoned = {
      ...audit('2', 'a2'),
      options: { accessToken: 'bWVzc2FnZXM6MTpPYXV0aDJBY2Nlc3NUb2tlbjpYeVo5OHF3ZXJ0eQ' },
    };
    await expect(enqueueAudit(auditQueue, poisoned as AuditJob)).rejects.toThrow(/looks like a secret/);
    expect(await db.keys()).toEqual(before);
    const stored = [...(await db.dump()).values()].flat().join('\n');
    expect(stored).not.toContain('bWVzc2FnZXM6MTpPYXV0aDJBY2Nlc3NUb2tlbjpYeVo5OHF3ZXJ0eQ');
  });

  it('runs one audit per person at a time', async () => {
    const { audit: auditQueue } = queues();
    const first = await enqueueAudit(auditQueue, audit('3', 'first'));
    const second = await enqueueAudit(auditQueue, audit('3', 'second'));
    const other = await enqueueAudit(auditQueue, audit('4', 'other'));
    expect(first.queued).toBe(true);
    expect(second).toMatchObject({ queued: false });
    expect(second.job.id).toBe(first.job.id);
    expect(other.queued).toBe(true);

    const processed: string[] = [];
    const worker = new Worker<AuditJob>(
      QUEUE_NAMES.audit,
      async (job: Job<AuditJob>) => {
        processed.push(job.data.auditId);
      },
      { connection: db.connection(), prefix: db.queuePrefix, concurrency: 2 },
    );
    await new Promise<void>((resolve) => {
      worker.on('completed', async () => {
        const counts = await auditQueue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
        if (Object.values(counts).every((count) => count === 0)) resolve();
      });
    });
    expect(processed.filter((id) => id !== 'a1').sort(), 'the second audit of person 3 never ran').toEqual([
      'first',
      'other',
    ]);

    const after = await enqueueAudit(auditQueue, audit('3', 'third'));
    expect(after.queued, 'once the audit is done, the person may audit again').toBe(true);
    await worker.close();
  });

  it('queues each confirmation once, however often it is delivered', async () => {
    const { unfollow: unfollowQueue } = queues();
    await enqueueUnfollows(unfollowQueue, [unfollow('200'), unfollow('201')]);
    await enqueueUnfollows(unfollowQueue, [unfollow('201'), unfollow('202')]);
    const waiting = await unfollowQueue.getJobs(['waiting']);
    const targets = waiting.map((job) => job.data.target.id).filter((id) => id.startsWith('20'));
    expect(targets.sort()).toEqual(['200', '201', '202']);
    expect(
      waiting.find((job) => job.data.target.id === '200')?.id,
      'named by the confirmation, not by the person or the account',
    ).toBe(unfollowJobId(await personJobIds(unfollowQueue, '7'), unfollow('200')));

    await enqueueUnfollows(unfollowQueue, [{ ...unfollow('200'), confirmedAt: T0 + 60_000 }]);
    const again = (await unfollowQueue.getJobs(['waiting'])).filter((job) => job.data.target.id === '200');
    expect(again, 'a new confirmation (after an undo) is a new job').toHaveLength(2);
  });
});
