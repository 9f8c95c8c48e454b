/**
 * One ending for a job Tend refuses, in all three queues: a malformed payload fails at once, with the
 * refusal's words, and is not retried (a retry would only be refused again, minutes later, up to five
 * times). Real queues with their production defaults, real BullMQ workers running the real processors.
 */
import { Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditProcessor } from '../../workers/audit-processor.js';
import { NudgeProcessor } from '../../workers/nudge-processor.js';
import { UnfollowProcessor } from '../../workers/unfollow-processor.js';
import { createQueues, QUEUE_NAMES, type TendQueues } from '../../src/queues/queues.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('job-errors');
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const closing of opened.reverse()) await closing.close();
});

// A refused payload ends the job before the processor uses any of its dependencies.
const unused = {} as never;
const processors = {
  audit: new AuditProcessor(unused),
  unfollow: new UnfollowProcessor(unused),
  nudge: new NudgeProcessor(unused),
};

async function endOf(queues: TendQueues, name: keyof typeof processors, data: object): Promise<Job> {
  const processor = processors[name];
  const worker = new Worker(
    QUEUE_NAMES[name],
    (job, token) =>
      (processor as { process(job: Job, token?: string): Promise<unknown> }).process(job, token),
    { connection: db.redis.duplicate({ maxRetriesPerRequest: null }), prefix: db.queuePrefix },
  );
  opened.push(worker);
  const queue = queues[name] as unknown as { add(name: string, data: object): Promise<Job> };
  const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
  const job = await queue.add('refused', data);
  await failed;
  return (await (queues[name] as unknown as { getJob(id: string): Promise<Job> }).getJob(job.id!))!;
}

describe('a job whose payload Tend refuses', () => {
  let queues: TendQueues;
  beforeAll(() => {
    queues = createQueues(db.redis, db.queuePrefix);
    opened.push(queues);
  });

  for (const [name, data, refusal] of [
    [
      'audit',
      { personId: '7', source: 'bluesky', auditId: 'a1', requestedAt: 1, options: {} },
      /^Refused audit job: source/,
    ],
    ['unfollow', { personId: '7', auditId: 'a1', target: { id: 'x' } }, /^Refused unfollow job/],
    ['nudge', { personId: 'a:b' }, /^Refused nudge job: personId/],
  ] as const) {
    it(`ends the ${name} job at once, saying why, with no retry`, async () => {
      const job = await endOf(queues, name, data);
      expect(job.failedReason).toMatch(refusal);
      expect(job.attemptsMade).toBe(1);
      expect(await job.getState()).toBe('failed');
    });
  }
});
