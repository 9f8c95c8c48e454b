/**
 * `TEND_UPLOAD_FETCH_SECONDS` is one deadline for all of a job's downloads: the profile snapshot fetched
 * after the export gets only what the export left of it, so one audit holds its worker slot no longer
 * than the setting says.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import { enqueueAudit } from '../../src/queues/queues.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { PERSON, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit-upload-deadline');
let files: Server;
let base: string;
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;
const open = new Set<ServerResponse>();

/** The export sent in ten parts over about a second; the snapshot a byte at a time, for ever. */
beforeAll(async () => {
  const exported = await readFile(new URL('../../samples/demo-instagram.zip', import.meta.url));
  files = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    res.writeHead(200);
    let part = 0;
    const drip = setInterval(() => {
      if (req.url === '/profiles.jsonl') return void res.write('{');
      const size = Math.ceil(exported.length / 10);
      res.write(exported.subarray(part * size, (part + 1) * size));
      if (++part === 10) {
        clearInterval(drip);
        res.end();
      }
    }, 100);
    res.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  fake = await startFakeX({ network: { seed: 41, following: 10 } });
  running = await startInProcess(
    db,
    fake,
    { now: () => Date.now(), wallTimeOf: () => Date.now() },
    { download: { maxBytes: 50 * 1024 ** 2, totalMs: 5_000, idleMs: 1_000, allowLoopback: true } },
  );
  events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events.close();
  await running.close();
  await fake.close();
  for (const res of open) res.destroy();
  await new Promise((resolve) => files.close(resolve));
});

describe('the fetch deadline of an upload with a profile snapshot', () => {
  it('gives the snapshot what the export left of the one deadline, and says so', async () => {
    const { job } = await enqueueAudit(running.queues.audit, {
      personId: PERSON,
      source: 'instagram',
      auditId: 'slow',
      requestedAt: Date.now(),
      options: {
        attachment: { url: `${base}/instagram.zip`, name: 'instagram.zip', bytes: 1000 },
        profiles: { url: `${base}/profiles.jsonl`, name: 'profiles.jsonl', bytes: 1000 },
      },
    });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(
      /^profiles\.jsonl and the file before it took longer than 5 s in all to fetch from Discord: upload them again/,
    );
    expect(await running.reports.latest(PERSON)).toBeNull();
  });
});
