import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { startAudit } from '../../src/bot/start-audit.js';
import { loadServiceSettings } from '../../src/config/service-settings.js';
import { createQueues, QUEUE_NAMES, type TendQueues } from '../../src/queues/queues.js';
import { AuditAllowance, XReadBudget } from '../../src/store/audit-limits.js';
import { SecretBox } from '../../src/store/crypto.js';
import { LinkedAccounts } from '../../src/store/linked-accounts.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('start-audit');
const ADA = '200000000000000001';
const BOB = '200000000000000002';
let queues: TendQueues;
let events: QueueEvents;

beforeAll(async () => {
  queues = createQueues(db.redis, db.queuePrefix);
  events = new QueueEvents(QUEUE_NAMES.audit, { connection: db.connection(), prefix: db.queuePrefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events.close();
  await queues.audit.obliterate({ force: true });
  await queues.close();
});

const HOUR = 3_600_000;
const upload = (personId: string) => ({
  personId,
  source: 'x-archive' as const,
  file: { url: 'https://cdn.discordapp.com/attachments/1/2/twitter.zip', name: 'twitter.zip', bytes: 1000 },
  lookupProfiles: false,
});

describe('the order of waiting audits', () => {
  it('lets whoever audited least lately go first', async () => {
    const settings = loadServiceSettings({});
    const deps = {
      queues,
      accounts: null,
      settings,
      now: () => Date.now(),
      allowance: new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 12 * 3_600_000, uploadsPerDay: 10 }),
      readBudget: new XReadBudget(db.redis, db.prefix, 100_000),
    };
    const order: string[] = [];
    const worker = new Worker(
      QUEUE_NAMES.audit,
      async (job) => void order.push(job.data.personId as string),
      { connection: db.connection(), prefix: db.queuePrefix, concurrency: 1 },
    );
    try {
      // Ada has audited three uploads today, one after the other.
      for (let i = 0; i < 3; i++)
        await (await startAudit(deps, upload(ADA))).job.waitUntilFinished(events, 10_000);
      await worker.pause();
      order.length = 0;
      const adas = await startAudit(deps, upload(ADA));
      const bobs = await startAudit(deps, upload(BOB));
      expect([adas.queued, bobs.queued]).toEqual([true, true]);
      expect(adas.next).toBe('You can audit 6 more uploads in the next 24 hours.');
      worker.resume();
      await adas.job.waitUntilFinished(events, 10_000);
      expect(order).toEqual([BOB, ADA]);
    } finally {
      await worker.close();
    }
  });
});

describe('the cooldown between audits through X', () => {
  /** What /audit needs for a person linked to X, with the default 12-hour cooldown. */
  async function linkedDeps(personId: string, xUserId: string, handle: string) {
    const accounts = new LinkedAccounts(db.redis, db.prefix, new SecretBox(randomBytes(32)));
    await accounts.link(personId, {
      xUserId,
      handle,
      linkedAt: Date.now(),
      tokens: {
        kind: 'oauth2',
        accessToken: 'a',
        refreshToken: 'r',
        expiresAt: Date.now() + HOUR,
        scope: ['users.read'],
      },
    });
    return {
      queues,
      accounts,
      settings: loadServiceSettings({}),
      now: () => Date.now(),
      allowance: new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 12 * HOUR, uploadsPerDay: 10 }),
      readBudget: new XReadBudget(db.redis, db.prefix, 100_000),
    };
  }

  it('is not held by an audit that failed, so linking again and auditing works at once', async () => {
    const cy = '200000000000000003';
    const deps = await linkedDeps(cy, '42', 'cy');
    const ran: string[] = [];
    const worker = new Worker(
      QUEUE_NAMES.audit,
      async (job) => {
        ran.push(job.data.auditId as string);
        if (ran.length === 1)
          throw new UnrecoverableError('X no longer accepts Tend’s access to your account');
      },
      { connection: db.connection(), prefix: db.queuePrefix, concurrency: 1 },
    );
    const x = { personId: cy, source: 'x' as const, file: null, lookupProfiles: false };
    try {
      const failed = await startAudit(deps, x);
      await expect(failed.job.waitUntilFinished(events, 10_000)).rejects.toThrow(/no longer accepts/);
      const retried = await startAudit(deps, x);
      expect(retried.queued).toBe(true);
      await retried.job.waitUntilFinished(events, 10_000);
      await expect(startAudit(deps, x)).rejects.toThrow(/Your next audit through X is possible from/);
      expect(ran).toHaveLength(2);
    } finally {
      await worker.close();
    }
  });

  it('is held by an audit that failed after X billed much of the list, so revoking and linking again buys no audit', async () => {
    const dee = '200000000000000004';
    const deps = await linkedDeps(dee, '43', 'dee');
    const worker = new Worker(
      QUEUE_NAMES.audit,
      async (job) => {
        // Five following pages read, as the audit's progress records them, then access revoked.
        await job.updateProgress({ meter: { calls: 6, users: 5_000, posts: 0 } });
        throw new UnrecoverableError('X no longer accepts Tend’s access to your account');
      },
      { connection: db.connection(), prefix: db.queuePrefix, concurrency: 1 },
    );
    const x = { personId: dee, source: 'x' as const, file: null, lookupProfiles: false };
    try {
      const failed = await startAudit(deps, x);
      await expect(failed.job.waitUntilFinished(events, 10_000)).rejects.toThrow(/no longer accepts/);
      await expect(startAudit(deps, x)).rejects.toThrow(/Your next audit through X is possible from/);
    } finally {
      await worker.close();
    }
  });
});

describe('the size of an upload', () => {
  it('refuses an export or a snapshot larger than Tend reads', async () => {
    const settings = loadServiceSettings({});
    const deps = {
      queues,
      accounts: null,
      settings,
      now: () => Date.now(),
      allowance: new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 12 * 3_600_000, uploadsPerDay: 10 }),
      readBudget: new XReadBudget(db.redis, db.prefix, 100_000),
    };
    const huge = settings.maxUploadMb * 1024 ** 2 + 1;
    const eve = '200000000000000005';
    const file = {
      url: 'https://cdn.discordapp.com/attachments/1/2/insta.zip',
      name: 'insta.zip',
      bytes: 1000,
    };
    const profiles = {
      url: 'https://cdn.discordapp.com/attachments/1/3/p.jsonl',
      name: 'p.jsonl',
      bytes: huge,
    };
    const instagram = { personId: eve, source: 'instagram' as const, lookupProfiles: false };
    await expect(startAudit(deps, { ...instagram, file: { ...file, bytes: huge } })).rejects.toThrow(
      `insta.zip is larger than the ${settings.maxUploadMb} MB Tend reads.`,
    );
    await expect(startAudit(deps, { ...instagram, file, profiles })).rejects.toThrow(
      `p.jsonl is larger than the ${settings.maxUploadMb} MB Tend reads.`,
    );
  });
});
