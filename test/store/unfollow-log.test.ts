import { describe, expect, it } from 'vitest';
import type { AccountReport } from '../../src/model.js';
import { UnfollowLog } from '../../src/store/unfollow-log.js';
import { UNDO_WINDOW_MS } from '../../src/unfollows/outcome.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('unfollow-log');
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 10);

function snapshot(id: string, handle: string): AccountReport {
  return {
    id,
    handle,
    name: handle,
    categories: ['bot', 'low_interaction'],
    reasons: ['bot score 0.93', 'no interaction'],
    verdict: 'unfollow',
    verdictReason: 'likely a bot',
    botScore: 0.93,
    lastActiveAt: null,
    lastInteractionAt: null,
    strength: 0,
    tier: null,
    duplicateOf: null,
  };
}

/** What the unfollow worker does for one job; `unfollow` stands for the X call. */
async function runJob(
  log: UnfollowLog,
  personId: string,
  auditId: string,
  targetId: string,
  at: number,
  unfollow: () => Promise<void>,
) {
  const claim = await log.begin(personId, auditId, targetId);
  if (claim !== 'go') return claim;
  try {
    await unfollow();
  } catch (error) {
    await log.release(personId, auditId, targetId);
    throw error;
  }
  await log.complete(personId, {
    targetId,
    handle: `h${targetId}`,
    auditId,
    at,
    snapshot: snapshot(targetId, `h${targetId}`),
  });
  return claim;
}

describe('unfollow log', () => {
  it('unfollows once when the same job runs twice, even at the same moment', async () => {
    const log = new UnfollowLog(db.redis, db.prefix);
    const other = new UnfollowLog(db.connection(), db.prefix);
    let calls = 0;
    const unfollow = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    const claims = await Promise.all([
      runJob(log, '1', 'a1', '500', T0, unfollow),
      runJob(other, '1', 'a1', '500', T0, unfollow),
    ]);
    expect(claims.sort()).toEqual(['busy', 'go']);
    expect(await runJob(log, '1', 'a1', '500', T0 + 1, unfollow)).toBe('done');
    expect(calls).toBe(1);
  });

  it('lets a retry go after a failed attempt', async () => {
    const log = new UnfollowLog(db.redis, db.prefix);
    await expect(runJob(log, '2', 'a1', '600', T0, () => Promise.reject(new Error('X 503')))).rejects.toThrow(
      'X 503',
    );
    expect(await runJob(log, '2', 'a1', '600', T0, async () => undefined)).toBe('go');
    expect(await log.get('2', '600')).toMatchObject({
      targetId: '600',
      auditId: 'a1',
      at: T0,
      undoneAt: null,
      snapshot: snapshot('600', 'h600'),
    });
  });

  it('offers undo for 7 days, newest first, and undoes each unfollow once', async () => {
    const log = new UnfollowLog(db.redis, db.prefix);
    await runJob(log, '3', 'a1', '701', T0, async () => undefined);
    await runJob(log, '3', 'a1', '702', T0 + DAY, async () => undefined);
    expect((await log.undoable('3', T0 + 2 * DAY)).map((r) => r.targetId)).toEqual(['702', '701']);
    expect((await log.undoable('3', T0 + UNDO_WINDOW_MS + 1)).map((r) => r.targetId)).toEqual(['702']);
    expect(UNDO_WINDOW_MS).toBe(7 * DAY);

    expect(await log.markUndone('3', '701', T0 + UNDO_WINDOW_MS + 1), 'too late to undo').toBeNull();
    const undos = await Promise.all([
      log.markUndone('3', '702', T0 + 2 * DAY),
      log.markUndone('3', '702', T0 + 2 * DAY),
    ]);
    expect(undos.filter(Boolean)).toHaveLength(1);
    expect(undos.find(Boolean)).toMatchObject({
      targetId: '702',
      undoneAt: T0 + 2 * DAY,
      snapshot: snapshot('702', 'h702'),
    });
    expect((await log.undoable('3', T0 + 2 * DAY)).map((r) => r.targetId)).toEqual(['701']);
  });

  it('after an undo, the account can be unfollowed again', async () => {
    const log = new UnfollowLog(db.redis, db.prefix);
    await runJob(log, '4', 'a1', '800', T0, async () => undefined);
    await log.markUndone('4', '800', T0 + 1);
    expect(await runJob(log, '4', 'a1', '800', T0 + 2, async () => undefined)).toBe('go');
    expect(await log.get('4', '800')).toMatchObject({ at: T0 + 2, undoneAt: null });
  });

  it('drops records older than the undo window as new ones come', async () => {
    const log = new UnfollowLog(db.redis, db.prefix);
    await runJob(log, '5', 'a1', '901', T0, async () => undefined);
    await runJob(log, '5', 'a2', '902', T0 + 8 * DAY, async () => undefined);
    expect(await log.get('5', '901')).toBeNull();
    expect(await log.get('5', '902')).not.toBeNull();
  });
});
