/**
 * What an audit run does before each X call, on a real BullMQ job in Redis: it counts the call into the
 * job's meter while it holds the job's lock; a run that has lost the lock leaves the meter to the live
 * run and stops; and a count Redis cannot take never stops a run that holds its lock.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Queue, Worker, type Job } from 'bullmq';
import { countBeforeCall } from '../../workers/audit-processor.js';
import { JobLease } from '../../workers/job-lease.js';
import { FencedOut } from '../../src/store/fence.js';
import { newMeter } from '../../src/sources/x-client.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';

const db = useTestRedis('audit-before-call');
const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const thing of open.reverse()) await thing.close();
});

const QUEUE = 'before-call';
const queue = () => {
  const q = new Queue<AuditJob>(QUEUE, { connection: db.connection(), prefix: db.queuePrefix });
  open.push(q);
  return q;
};

/** A job taken by a worker with `token`, as a run holds it. */
async function taken(name: string, token: string): Promise<Job<AuditJob>> {
  await queue().add(
    name,
    { personId: 'p', source: 'x', auditId: name, requestedAt: 0, options: {} } as AuditJob,
    {
      jobId: name,
    },
  );
  const worker = new Worker<AuditJob>(QUEUE, null, {
    connection: db.connection(),
    prefix: db.queuePrefix,
    lockDuration: 60_000,
  });
  open.push(worker);
  const job = (await worker.getNextJob(token)) as Job<AuditJob>;
  expect(job.id).toBe(name);
  return job;
}

const meterOf = async (id: string) =>
  ((await queue().getJob(id))!.progress as { meter?: { calls: number } }).meter;

describe('before each X call', () => {
  it('a run holding the lock counts the call into the job’s meter first', async () => {
    const job = await taken('held', 'live');
    const lease = new JobLease(job, 'live', { lockMs: 60_000, forgotten: async () => false });
    await countBeforeCall({ job, lease }, newMeter({ calls: 2, users: 1_000 }));
    lease.stop();
    // Counted as made and, until X answers it, as refused: a run resuming from this meter after a crash
    // mid-call counts two answered calls, not three, as the objects of the third were never counted.
    const saved = await meterOf('held');
    expect(saved).toEqual({ calls: 3, users: 1_000, posts: 0, refused: 1 });
    const resumed = newMeter(saved);
    expect(resumed.calls - (resumed.refused ?? 0)).toBe(2);
  });

  it('a run that lost the lock stops, and leaves the live run’s meter as it was', async () => {
    const job = await taken('stale', 'live');
    await job.updateProgress({ meter: { calls: 7, users: 3_000, posts: 0 } });
    // The stale run holds another token: its first renewal finds the lock not its own.
    const lease = new JobLease(job, 'stale-token', { lockMs: 400, forgotten: async () => false });
    await until(() => lease.signal.aborted, 5_000);
    await expect(countBeforeCall({ job, lease }, newMeter({ calls: 1 }))).rejects.toBeInstanceOf(FencedOut);
    lease.stop();
    expect(await meterOf('stale')).toEqual({ calls: 7, users: 3_000, posts: 0 });
  });

  it('a count Redis cannot take does not stop a run that holds its lock', async () => {
    const job = await taken('unreachable', 'live');
    const lease = new JobLease(job, 'live', { lockMs: 60_000, forgotten: async () => false });
    // The job's own connection is gone: its progress cannot be written.
    const gone = job as unknown as { updateProgress: Job['updateProgress'] };
    const writes: unknown[] = [];
    gone.updateProgress = async (progress) => {
      writes.push(progress);
      throw new Error('Connection is closed.');
    };
    await expect(countBeforeCall({ job, lease }, newMeter({ calls: 4 }))).resolves.toBeUndefined();
    lease.stop();
    expect(writes).toHaveLength(1);
  });
});
