import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AuditWatcher } from '../../src/bot/audit-watch.js';
import { forgetJobs } from '../../src/bot/forget-jobs.js';
import type { BotMessage } from '../../src/discord/message.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { createQueues, enqueueAudit } from '../../src/queues/queues.js';
import { AuditDeliveries } from '../../src/store/audit-deliveries.js';
import { forgetPerson } from '../../src/store/forget.js';
import { forgottenKey } from '../../src/store/keys.js';
import { ReviewStore } from '../../src/store/review-store.js';
import { ReportStore } from '../../src/store/reports.js';
import { startWorkers } from '../../workers/start.js';
import { startFakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { capturedLogger, linkOwner, PERSON, workerEnv } from './audit-rig.js';

const db = useTestRedis('audit-forget');
const FOLLOWING = 'GET /2/users/:id/following';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const audit = (auditId: string): AuditJob => ({
  personId: PERSON,
  source: 'x',
  auditId,
  requestedAt: Date.now(),
  options: {},
});

describe('/forget while the person’s audit runs', () => {
  it('stops the audit at its next page, and once it has ended nothing of the person is left but a short-lived tombstone', async () => {
    const fake = await startFakeX({ network: { seed: 41, following: 8_000 }, settings: { latencyMs: 200 } });
    open.push(fake);
    await linkOwner(db, fake, Date.now());
    // The worker as production wires it (ledger sync included), on this file's prefixes.
    const workers = startWorkers(
      { ...workerEnv(db, fake), TEND_INTERACTION_PAGES: '1' },
      { logger: capturedLogger().logger },
    );
    open.push(workers);
    const queues = createQueues(db.redis, db.queuePrefix);
    open.push(queues);
    // The bot's watcher of the audit, which tells the person how it ended and records that it did.
    const dms: BotMessage[] = [];
    const watcher = new AuditWatcher({
      queue: queues.audit,
      reports: new ReportStore(db.redis, db.prefix),
      deliveries: new AuditDeliveries(db.redis, db.prefix),
      reviews: new ReviewStore(db.redis, db.prefix),
      renderChart: async () => Buffer.alloc(0),
      now: () => Date.now(),
      logger: pino({ level: 'silent' }),
      pollMs: 50,
    });
    open.push({ close: async () => watcher.stop() });

    const { job } = await enqueueAudit(queues.audit, audit('forgotten'));
    const watching = watcher.watch(job.id!, PERSON, { dm: async (message) => void dms.push(message) });
    await until(() => {
      const calls = fake.callsTo(FOLLOWING);
      return calls.length >= 2 && calls.at(-1)!.status === 0;
    }, 30_000);

    // As the bot's /forget does it.
    await forgetPerson(db.redis, db.prefix, PERSON);
    const askedBefore = fake.callsTo(FOLLOWING).length;
    await forgetJobs(queues, PERSON);
    // The watcher ends when the job has ended; the worker then removes the job, which names the person.
    await watching;
    await until(async () => (await queues.audit.getJob(job.id!)) === undefined, 10_000).catch(
      () => undefined,
    );

    // The page on its way was the last: the audit asked X for nothing more.
    expect(fake.callsTo(FOLLOWING)).toHaveLength(askedBefore);
    expect(fake.calls.filter((c) => c.status === 0)).toEqual([]);
    expect(dms).toEqual([]);
    const everything = await db.dump();
    const tombstone = forgottenKey(db.prefix, PERSON);
    const theirs = [...everything.keys()].filter((key) => key.includes(PERSON));
    expect(theirs).toEqual([tombstone]);
    expect(everything.get(tombstone)).toEqual(['1']);
    // Nothing the store keeps names them or holds what their audit read: only public profiles stay, and
    // the operator's count of the day's X reads (a number, for everyone together).
    for (const [key, values] of everything) {
      if (!key.startsWith(db.prefix) || key === tombstone) continue;
      expect(key).toMatch(/:profile:x:\d+$|:x-reads:\d{4}-\d{2}-\d{2}$/);
      expect(values.join('\n')).not.toContain(PERSON);
    }
  });
});
