import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, Worker, type Job } from 'bullmq';
import type { AuditJob } from '../../src/queues/payloads.js';
import { createQueues, enqueueAudit, QUEUE_NAMES, type TendQueues } from '../../src/queues/queues.js';
import type { AuditProgress } from '../../src/queues/payloads.js';
import { rawZip } from '../fixtures/raw-zip.js';
import { repeatedPart } from '../fixtures/repeated-part.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { PERSON, linkOwner, spawnWorker } from './audit-rig.js';

/**
 * A worker process, as `npm run worker` runs (four jobs at once), given uploads
 * that are valid but a great deal of work: every upload is read and classified in a thread of its own,
 * with a deadline on its working time and a cap on its memory, so the worker's own event loop goes on
 * renewing locks and running other people's audits.
 */
const db = useTestRedis('audit-isolation');
/** People other than PERSON (whose X is linked), one upload each: a person has one audit queued at a time. */
const HOSTILE = { busy: '222222222222222222', hungry: '333333333333333333' };
const OWNER = '1000';
const OTHER = '2000';
const CPU_SECONDS = 10;
/**
 * The job lock: the upload's 10 s of work outlast it several times over, so a lock not renewed while the
 * thread works would be lost and the job taken by the idle second worker. Not shorter: on a loaded machine
 * a child process can miss a one-second renewal for reasons of its own.
 */
const LOCK_SECONDS = '4';
const MEMORY_MB = 64;
/** Each test's worker: one limit tight, the other out of the way, so what stops the upload is the one tested. */
const TIGHT_CPU = { TEND_UPLOAD_CPU_SECONDS: String(CPU_SECONDS), TEND_UPLOAD_MEMORY_MB: '1024' };
const TIGHT_MEMORY = { TEND_UPLOAD_CPU_SECONDS: '600', TEND_UPLOAD_MEMORY_MB: String(MEMORY_MB) };

/** The smallest X archive Tend audits, plus one enormous part. */
const archiveWith = (part: ReturnType<typeof repeatedPart>) =>
  rawZip([
    {
      name: 'data/account.js',
      data: `window.YTD.account.part0 = [{"account":{"accountId":"${OWNER}","username":"hostile"}}]`,
    },
    {
      name: 'data/following.js',
      data: `window.YTD.following.part0 = [{"following":{"accountId":"${OTHER}"}}]`,
    },
    { name: 'data/follower.js', data: 'window.YTD.follower.part0 = []' },
    part,
  ]);

/** 1.5 GB of direct messages with one person: memory stays flat, and reading it takes far longer than the deadline. */
const message = `{"messageCreate":{"senderId":"${OTHER}","recipientId":"${OWNER}","createdAt":"2026-01-01T00:00:00.000Z"}}`;
const busy = archiveWith(
  repeatedPart(
    'direct-messages.js',
    'direct_messages',
    `{"dmConversation":{"conversationId":"${OWNER}-${OTHER}","messages":[${Array(500).fill(message).join(',')}]}}`,
    1.5 * 1024 ** 3,
  ),
);
/** 400 MB of liked posts, each text kept for the interests: far more than the thread's memory. */
const hungry = archiveWith(
  repeatedPart(
    'like.js',
    'like',
    `{"like":{"tweetId":"1","fullText":"${'opera '.repeat(300)}"}}`,
    400 * 1024 ** 2,
  ),
);

let files: Server;
let base: string;
let fake: FakeX<FakeClock>;
let worker: ChildProcess | null = null;
const output: string[] = [];
let queues: TendQueues;
let events: QueueEvents;
const stalled: string[] = [];

beforeAll(async () => {
  files = createServer((req, res) => {
    const body = req.url === '/busy.zip' ? busy : req.url === '/hungry.zip' ? hungry : null;
    res.writeHead(body ? 200 : 404).end(body ?? undefined);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  fake = await startFakeX({ network: { seed: 23, following: 10 } });
  await linkOwner(db, fake, Date.now());
  queues = createQueues(db.redis, db.queuePrefix);
  events = new QueueEvents(QUEUE_NAMES.audit, { connection: db.connection(), prefix: db.queuePrefix });
  events.on('stalled', ({ jobId }) => stalled.push(jobId));
  await events.waitUntilReady();
});

/** The one worker process of a test, with `settings`; the previous test's is stopped first. */
async function startWorker(settings: NodeJS.ProcessEnv): Promise<ChildProcess> {
  await stopWorker();
  worker = spawnWorker(db, fake, output, {
    TEND_WORKER_CONCURRENCY: '4',
    TEND_JOB_LOCK_SECONDS: LOCK_SECONDS,
    ...settings,
  });
  return worker;
}

async function stopWorker(): Promise<void> {
  const running = worker;
  worker = null;
  if (!running || running.exitCode !== null) return;
  running.kill('SIGKILL');
  await new Promise((resolve) => running.once('exit', resolve));
}

afterAll(async () => {
  await stopWorker();
  await events.close();
  await queues.audit.obliterate({ force: true });
  await queues.close();
  await fake.close();
  await new Promise((resolve) => files.close(resolve));
});

const hostileUpload = (auditId: 'busy' | 'hungry', name: string): AuditJob => ({
  personId: HOSTILE[auditId],
  source: 'x-archive',
  auditId,
  requestedAt: Date.now(),
  options: {
    attachment: { url: `${base}/${name}`, name, bytes: (name === 'busy.zip' ? busy : hungry).length },
  },
});
const xAudit = (auditId: string): AuditJob => ({
  personId: PERSON,
  source: 'x',
  auditId,
  requestedAt: Date.now(),
  options: {},
});

async function beingRead(job: Job): Promise<boolean> {
  const now = await queues.audit.getJob(job.id!);
  return (now?.progress as Partial<AuditProgress> | undefined)?.phase === 'reading';
}

/** How many times a worker started the audit `auditId`, from its log. */
const runsOf = (auditId: string) =>
  output
    .join('')
    .split('\n')
    .filter((line) => line.includes('"audit running"') && line.includes(`"audit":"${auditId}"`)).length;

// Reading a gigabyte takes its time on a loaded machine; what is asserted is the order of events, not how long.
describe('an upload that is a great deal of work', { timeout: 120_000 }, () => {
  it('does not hold up another person’s audit, keeps its lock, and ends telling the person it took too long to read', async () => {
    await startWorker(TIGHT_CPU);
    const { job: hostile } = await enqueueAudit(queues.audit, hostileUpload('busy', 'busy.zip'));
    await until(() => beingRead(hostile), 30_000);

    const { job: other } = await enqueueAudit(queues.audit, xAudit('meanwhile'));
    await expect(other.waitUntilFinished(events, 60_000)).resolves.toMatchObject({ auditId: 'meanwhile' });
    expect(
      await hostile.getState(),
      'the hostile upload is still being read when the other audit is done',
    ).toBe('active');

    // A second worker, idle: it would take the hostile job if its lock ran out.
    const taken: string[] = [];
    const second = new Worker(QUEUE_NAMES.audit, async (job) => void taken.push(job.id!), {
      connection: db.connection(),
      prefix: db.queuePrefix,
      lockDuration: 1000,
      stalledInterval: 1000,
    });
    try {
      await expect(hostile.waitUntilFinished(events, 60_000)).rejects.toThrow(
        `busy.zip: your export took too long to read (Tend gives one upload ${CPU_SECONDS} s of work), so Tend stopped reading it`,
      );
    } finally {
      await second.close();
    }
    const ended = (await queues.audit.getJob(hostile.id!))!;
    expect(ended.attemptsMade).toBe(1);
    expect(ended.stalledCounter).toBe(0);
    expect(stalled).toEqual([]);
    expect(taken).toEqual([]);
    expect(runsOf('busy')).toBe(1);
  });

  it('refuses an upload that needs more memory than an upload is given, and the worker goes on', async () => {
    const running = await startWorker(TIGHT_MEMORY);
    const { job: hostile } = await enqueueAudit(queues.audit, hostileUpload('hungry', 'hungry.zip'));
    await expect(hostile.waitUntilFinished(events, 60_000)).rejects.toThrow(
      `hungry.zip: your export needs more memory to read than Tend gives one upload (${MEMORY_MB} MB), so Tend stopped reading it`,
    );
    expect((await queues.audit.getJob(hostile.id!))!.attemptsMade).toBe(1);
    const { job: next } = await enqueueAudit(queues.audit, xAudit('after'));
    await expect(next.waitUntilFinished(events, 60_000)).resolves.toMatchObject({ auditId: 'after' });
    expect(running.exitCode).toBeNull();
  });
});
