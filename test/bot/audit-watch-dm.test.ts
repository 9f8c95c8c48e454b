/**
 * The outcome of an audit that goes by DM is recorded as shown before it is sent: a DM Discord refused
 * gives the record back, so the bot that looks next sends it; a DM whose answer never came keeps it,
 * as it may have been delivered (a second DM of one outcome is what the record is there to prevent).
 */
import type { Job, Queue } from 'bullmq';
import { DiscordAPIError, HTTPError } from 'discord.js';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AuditWatcher } from '../../src/bot/audit-watch.js';
import type { AuditJob } from '../../src/queues/payloads.js';
import { AuditDeliveries } from '../../src/store/audit-deliveries.js';
import { ReportStore } from '../../src/store/reports.js';
import { ReviewStore } from '../../src/store/review-store.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';

const db = useTestRedis('audit-watch-dm');
const ENDED_AT = Date.parse('2026-12-01T12:00:00Z');

/** A watcher of one audit that failed, as the queue shows it: its outcome is the reason, sent by DM. */
function watcherOf(auditId: string) {
  const job = {
    id: auditId,
    data: { personId: 'ada', auditId, source: 'x', requestedAt: ENDED_AT - 60_000, options: {} },
    finishedOn: ENDED_AT,
    failedReason: 'X refused the request',
    getState: async () => 'failed',
  } as unknown as Job<AuditJob>;
  const queue = {
    getJob: async () => job,
    getJobs: async (types: string[]) => (types.includes('completed') ? [job] : []),
  } as unknown as Queue<AuditJob>;
  const deliveries = new AuditDeliveries(db.redis, db.prefix);
  let looks = 0;
  const shownOf = deliveries.shown.bind(deliveries);
  deliveries.shown = async (...args) => {
    looks += 1;
    return shownOf(...args);
  };
  const watcher = new AuditWatcher({
    queue,
    reports: new ReportStore(db.redis, db.prefix),
    deliveries,
    reviews: new ReviewStore(db.redis, db.prefix),
    renderChart: async () => Buffer.alloc(0),
    now: () => ENDED_AT,
    logger: pino({ level: 'silent' }),
    pollMs: 10,
    recheckMs: 20,
  });
  return {
    watcher,
    deliveries,
    looks: () => looks,
    shown: () => shownOf('ada', auditId, ENDED_AT),
  };
}

const refusal = () =>
  new DiscordAPIError(
    { code: 50_001, message: 'Missing Access' },
    50_001,
    403,
    'POST',
    '/channels/1/messages',
    {},
  );
const serverError = () => new HTTPError(500, 'Internal Server Error', 'POST', '/channels/1/messages', {});
const gatewayTimeout = () => new HTTPError(504, 'Gateway Timeout', 'POST', '/channels/1/messages', {});
const timeout = () => new DOMException('This operation was aborted', 'AbortError');
const dropped = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });

describe('an outcome whose DM fails', () => {
  it.each([
    ['Discord refused it', refusal, false],
    ['Discord failed it with a 500', serverError, false],
    ['a gateway gave up waiting for Discord (504)', gatewayTimeout, true],
    ['its answer timed out', timeout, true],
    ['the connection dropped under it', dropped, true],
  ])('is recorded as shown only where it may have been delivered: %s', async (_, error, kept) => {
    const auditId = `dm-${String(error.name)}-${kept}`;
    const { watcher, shown } = watcherOf(auditId);
    let tried = 0;
    const dm = async () => {
      tried += 1;
      throw error();
    };
    await expect(watcher.watch(auditId, 'ada', { dm })).rejects.toBeDefined();
    expect(tried).toBe(1);
    expect(await shown()).toBe(kept);
  });
});

describe('a closing bot', () => {
  it('waits for an outcome being sent by DM before it lets go of Discord and Redis', async () => {
    const { watcher, shown } = watcherOf('closing');
    let deliver!: () => void;
    let asked = false;
    const dm = () =>
      new Promise<void>((resolve) => {
        asked = true;
        deliver = resolve;
      });
    const watching = watcher.watch('closing', 'ada', { dm });
    while (!asked) await new Promise((resolve) => setImmediate(resolve));
    watcher.stop();
    let drained = false;
    const draining = watcher.drain().then(() => (drained = true));
    // A few turns of the event loop: still waiting on the DM under way.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    deliver();
    await draining;
    await watching;
    expect(await shown()).toBe(true);
  });
});

describe('a bot starting while the one it replaces is showing an outcome', () => {
  it('sends it, once, when the other bot’s DM was refused and the record given back', async () => {
    const { watcher, deliveries, shown } = watcherOf('handover');
    // The closing bot has claimed the outcome and is sending it.
    expect(await deliveries.claim('ada', 'handover', ENDED_AT)).toBe(true);
    const sent: unknown[] = [];
    const dmTo = () => async (message: unknown) => void sent.push(message);
    expect(await watcher.resume(ENDED_AT - 60_000, dmTo)).toBe(0);
    // Discord refuses the closing bot's DM: it gives the record back.
    await deliveries.unclaim('ada', 'handover', ENDED_AT);
    await until(() => sent.length === 1);
    expect(await shown()).toBe(true);
    watcher.stop();
  });

  it('sends nothing when the other bot’s DM went out', async () => {
    const { watcher, deliveries, looks } = watcherOf('delivered');
    expect(await deliveries.claim('ada', 'delivered', ENDED_AT)).toBe(true);
    const sent: unknown[] = [];
    expect(await watcher.resume(ENDED_AT - 60_000, () => async (m) => void sent.push(m))).toBe(0);
    // The second look, once the other bot's DM has had its answer, finds it shown.
    await until(() => looks() >= 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]);
    watcher.stop();
  });
});
