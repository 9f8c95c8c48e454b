import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import { capFollowing } from '../../src/audit/cap-following.js';
import type { FollowedAccount } from '../../src/model.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { PERSON, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit-upload-cap');
let files: Server;
let base: string;
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;

beforeAll(async () => {
  const archive = await readFile(new URL('../../samples/demo-x-archive.zip', import.meta.url));
  files = createServer((_req, res) => res.writeHead(200).end(archive));
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  fake = await startFakeX({ network: { seed: 43, following: 10 } });
  // The demo archive lists 108 follows: an operator's TEND_MAX_FOLLOWING of 40 takes 40 of them.
  running = await startInProcess(
    db,
    fake,
    { now: () => Date.parse('2026-11-20T12:00:00Z'), wallTimeOf: () => Date.now() },
    { maxFollowing: 40 },
  );
  events = new QueueEvents('audit', { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events.close();
  await running.close();
  await fake.close();
  await new Promise((resolve) => files.close(resolve));
});

describe('an upload listing more follows than TEND_MAX_FOLLOWING', () => {
  it('is audited on as many as an audit through X reads, and the report says how many were left out', async () => {
    const name = 'archive.zip';
    const { job } = await enqueueAudit(running.queues.audit, {
      personId: PERSON,
      source: 'x-archive',
      auditId: 'capped',
      requestedAt: Date.now(),
      options: { attachment: { url: `${base}/${name}`, name, bytes: 1000 } },
    });
    const result = await job.waitUntilFinished(events, 30_000);
    expect(result.accounts).toBe(40);
    const { report } = (await running.reports.latest(PERSON))!;
    expect(report.summary.following).toBe(40);
    expect(report.warnings).toContain(
      'The export lists 108 accounts you follow; Tend audits at most 40 at a time, so this audit covers 40 of them (the most recently followed where the export says when) and leaves out the other 68.',
    );
  });

  it('keeps the most recently followed where the export dates its follows', () => {
    const follow = (key: string, followedAt: number | null): FollowedAccount => ({
      key,
      id: null,
      handle: key,
      followedAt,
      profile: null,
    });
    const listed = [
      follow('old', 1_000),
      follow('undated', null),
      follow('newest', 3_000),
      follow('newer', 2_000),
    ];
    expect(capFollowing(listed, 2).following.map((f) => f.key)).toEqual(['newest', 'newer']);
    expect(capFollowing(listed, 4)).toEqual({ following: listed, warnings: [] });
  });
});
