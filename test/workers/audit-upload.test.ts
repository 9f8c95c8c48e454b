import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import type { AuditJob } from '../../src/queues/payloads.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { PERSON, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit-upload');
let files: Server;
let base: string;
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;

/** Uploads as Discord's CDN would serve them: the demo archive, and a file that is no export. */
beforeAll(async () => {
  const archive = await readFile(new URL('../../samples/demo-x-archive.zip', import.meta.url));
  const instagram = await readFile(new URL('../../samples/demo-instagram.zip', import.meta.url));
  files = createServer((req, res) => {
    if (req.url === '/stalled.zip') return void res.writeHead(200).write('PK\x03\x04');
    const body =
      req.url === '/archive.zip'
        ? archive
        : req.url === '/instagram.zip'
          ? instagram
          : req.url === '/notes.zip'
            ? Buffer.from('just some notes')
            : null;
    res.writeHead(body ? 200 : 404).end(body ?? undefined);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  fake = await startFakeX({ network: { seed: 41, following: 10 } });
  running = await startInProcess(db, fake, {
    now: () => Date.parse('2026-11-20T12:00:00Z'),
    wallTimeOf: () => Date.now(),
  });
  events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events.close();
  await running.close();
  await fake.close();
  await new Promise((resolve) => files.close(resolve));
});

const upload = (
  auditId: string,
  source: 'x-archive' | 'instagram',
  name: string,
  bytes = 1000,
): AuditJob => ({
  personId: PERSON,
  source,
  auditId,
  requestedAt: Date.now(),
  options: { attachment: { url: `${base}/${name}`, name, bytes } },
});

describe('the audit worker on uploaded exports', () => {
  it('fetches an uploaded X archive, audits it and stores the report, costing nothing on X', async () => {
    const { job } = await enqueueAudit(running.queues.audit, upload('archive', 'x-archive', 'archive.zip'));
    const result = await job.waitUntilFinished(events, 20_000);
    expect(result.accounts).toBe(108);
    const stored = (await running.reports.latest(PERSON))!;
    expect(stored.auditId).toBe('archive');
    expect(stored.report.owner.handle).toBe('ottilie_at_the_opera');
    expect(stored.report.xUsage).toBeUndefined();
    expect(fake.calls).toHaveLength(0);
  });

  it('audits an Instagram export', async () => {
    const { job } = await enqueueAudit(running.queues.audit, upload('insta', 'instagram', 'instagram.zip'));
    await job.waitUntilFinished(events, 20_000);
    expect((await running.reports.latest(PERSON))!.report.platform).toBe('instagram');
  });

  it('ends the job with a clear reason for a file that is no export, the wrong kind, or missing', async () => {
    const cases: [AuditJob, RegExp][] = [
      [upload('notes', 'x-archive', 'notes.zip'), /notes\.zip/],
      [upload('wrong-kind', 'instagram', 'archive.zip'), /archive\.zip is an X archive.*source x-archive/],
      [upload('gone', 'x-archive', 'gone.zip'), /could not be fetched from Discord \(HTTP 404\)/],
      [upload('huge', 'x-archive', 'archive.zip', 80 * 1024 ** 2), /larger than the 50 MB/],
      [
        upload('stalled', 'x-archive', 'stalled.zip'),
        /stalled\.zip stopped arriving from Discord \(nothing for 1 s\): upload it again/,
      ],
    ];
    for (const [data, reason] of cases) {
      const { job } = await enqueueAudit(running.queues.audit, data);
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(reason);
      expect((await running.queues.audit.getJob(job.id!))!.attemptsMade).toBe(1);
    }
  });
});
