import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import { fileURLToPath } from 'node:url';
import type { AuditReport } from '../../src/model.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { enqueueAudit } from '../../src/queues/queues.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { runCli } from '../support/run-cli.js';
import { PERSON, startInProcess, type InProcess } from './audit-rig.js';

const db = useTestRedis('audit-upload');
const INSTAGRAM_PROFILES = new URL('../../samples/demo-instagram-profiles.jsonl', import.meta.url);
const NOW = '2026-11-20T12:00:00Z';
let files: Server;
let base: string;
let fake: FakeX<FakeClock>;
let running: InProcess;
let events: QueueEvents;

/** Uploads as Discord's CDN would serve them: the demo archive, and a file that is no export. */
beforeAll(async () => {
  const archive = await readFile(new URL('../../samples/demo-x-archive.zip', import.meta.url));
  const instagram = await readFile(new URL('../../samples/demo-instagram.zip', import.meta.url));
  const served: Record<string, Buffer> = {
    '/archive.zip': archive,
    '/instagram.zip': instagram,
    '/notes.zip': Buffer.from('just some notes'),
    '/notes.jsonl': Buffer.from('just some notes'),
    // The companion's snapshot of the demo's Instagram account, and an X snapshot of its X archive.
    '/profiles.jsonl': await readFile(INSTAGRAM_PROFILES),
    '/x-profiles.jsonl': await readFile(new URL('../../samples/demo-profiles.jsonl', import.meta.url)),
  };
  served['/my%20x%20profiles.jsonl'] = served['/x-profiles.jsonl']!;
  files = createServer((req, res) => {
    if (req.url === '/stalled.zip') return void res.writeHead(200).write('PK\x03\x04');
    const body = served[req.url ?? ''];
    res.writeHead(body ? 200 : 404).end(body ?? undefined);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  fake = await startFakeX({ network: { seed: 41, following: 10 } });
  running = await startInProcess(db, fake, {
    now: () => Date.parse(NOW),
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

/** An Instagram export with `profiles` attached beside it, as /audit's profiles option queues it. */
const withProfiles = (auditId: string, name: string, profiles: string, bytes = 1000): AuditJob => {
  const job = upload(auditId, 'instagram', name);
  return {
    ...job,
    options: { ...job.options, profiles: { url: `${base}/${profiles}`, name: profiles, bytes } },
  };
};

/** The job with its profile snapshot named `name`, as Discord names an attachment apart from its address. */
const named = (job: AuditJob, name: string): AuditJob => ({
  ...job,
  options: { ...job.options, profiles: { ...job.options.profiles!, name } },
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

  it('audits an Instagram export with the companion snapshot beside it exactly as the CLI audits the two', async () => {
    const { job } = await enqueueAudit(
      running.queues.audit,
      withProfiles('insta-profiles', 'instagram.zip', 'profiles.jsonl'),
    );
    await job.waitUntilFinished(events, 20_000);
    const stored = (await running.reports.latest(PERSON))!;
    expect(stored.auditId).toBe('insta-profiles');
    const cli = await runCli([
      fileURLToPath(new URL('../../samples/demo-instagram.zip', import.meta.url)),
      fileURLToPath(INSTAGRAM_PROFILES),
      '--now',
      NOW,
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as AuditReport;
    expect(stored.report.accounts).toEqual(fromCli.accounts);
    expect(stored.report.summary).toEqual(fromCli.summary);
    expect(stored.report.warnings).toEqual(fromCli.warnings);
    // What only the profiles can tell: bots, the dormant and the gone, each said from the companion's profile.
    expect(stored.report.summary.byCategory).toMatchObject({ bot: 2, dormant: 2, gone: 1 });
    const f4f = stored.report.accounts.find((a) => a.handle === 'f4f_train_uk')!;
    expect(f4f.verdict).toBe('unfollow');
    expect(f4f.evidence).toMatch(/from the companion's profile of 2026-11-19/);
  });

  it('names a file attached in the wrong slot, and the slot it belongs in', async () => {
    const cases: [AuditJob, RegExp][] = [
      [
        withProfiles('profiles-is-export', 'instagram.zip', 'instagram.zip'),
        /instagram\.zip is an Instagram export, not a profile snapshot: attach the export as file, and as profiles the \.jsonl Tend’s browser companion saved/,
      ],
      [
        withProfiles('export-is-profiles', 'profiles.jsonl', 'profiles.jsonl'),
        /profiles\.jsonl is a profile snapshot, not an export: attach your export \(\.zip\) as file/,
      ],
      [
        withProfiles('profiles-is-notes', 'instagram.zip', 'notes.jsonl'),
        /notes\.jsonl is not a profile snapshot: attach as profiles the \.jsonl Tend’s browser companion saved/,
      ],
      [
        withProfiles('profiles-of-x', 'instagram.zip', 'x-profiles.jsonl'),
        /x-profiles\.jsonl holds X profiles; it cannot describe the accounts of an Instagram export/,
      ],
      [
        // Named as the person named it, not as it was saved on the server.
        named(
          withProfiles('profiles-named', 'instagram.zip', 'my%20x%20profiles.jsonl'),
          'my x profiles.jsonl',
        ),
        /^my x profiles\.jsonl holds X profiles; it cannot describe the accounts of an Instagram export$/,
      ],
      [
        withProfiles('x-archive-as-instagram', 'archive.zip', 'profiles.jsonl'),
        /^archive\.zip is an X archive, not an Instagram export: audit it with source x-archive$/,
      ],
      [
        withProfiles('profiles-gone', 'instagram.zip', 'gone.jsonl'),
        /gone\.jsonl could not be fetched from Discord \(HTTP 404\)/,
      ],
      [
        withProfiles('profiles-huge', 'instagram.zip', 'profiles.jsonl', 80 * 1024 ** 2),
        /^profiles\.jsonl is larger than the 50 MB Tend reads: save a snapshot of fewer profiles with the companion, or audit without one$/,
      ],
    ];
    for (const [data, reason] of cases) {
      const { job } = await enqueueAudit(running.queues.audit, data);
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(reason);
      expect((await running.queues.audit.getJob(job.id!))!.attemptsMade).toBe(1);
    }
    expect((await running.reports.latest(PERSON))!.auditId, 'none of them stored a report').toBe(
      'insta-profiles',
    );
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
