import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../support/redis.js';
import { DAY, MINUTE, UNFOLLOW, useUnfollowRigs } from './unfollow-rig.js';

const db = useTestRedis('unfollow-pace');
const rig = useUnfollowRigs(db);

/** Jobs held back wait in BullMQ's delayed set, saying until when, and go through once the time has come. */
describe('unfollow worker pacing', () => {
  it('holds the 51st unfollow within 15 minutes until the window has room, then makes it', async () => {
    const r = await rig({ concurrency: 4 });
    const start = r.fake.clock.now();
    const targets = r.followed().slice(0, 51);
    const jobs = await r.confirm(targets.map((t) => r.job(t)));

    const states = await Promise.all(jobs.map((j) => j.getState()));
    expect(states.filter((s) => s === 'completed')).toHaveLength(50);
    const held = jobs.filter((_, i) => states[i] === 'delayed');
    expect(held).toHaveLength(1);
    expect(held[0]!.progress).toEqual({ reason: 'window', waitingUntil: start + 15 * MINUTE });
    expect(held[0]!.delay, 'BullMQ delays it for the rest of the window').toBeGreaterThan(15 * MINUTE - 5000);
    expect(held[0]!.delay).toBeLessThanOrEqual(15 * MINUTE);
    expect(r.unfollowCalls().map((call) => call.status)).toEqual(Array(50).fill(200));

    r.fake.clock.advance(15 * MINUTE);
    const [after] = await r.promote(held);
    expect(after!.returnvalue).toMatchObject({ status: 'unfollowed', at: start + 15 * MINUTE });
    expect(r.unfollowCalls()).toHaveLength(51);
    expect(targets.filter((t) => r.isFollowing(t.id))).toEqual([]);
  });

  it('holds unfollows past the daily cap until the next day, and skips one kept while it waited', async () => {
    const r = await rig({ dailyCap: 2 });
    const start = r.fake.clock.now();
    const [a, b, c] = r.followed();
    const jobs = await r.confirm([r.job(a!), r.job(b!), r.job(c!)]);
    expect(jobs[2]!.progress).toEqual({ reason: 'daily', waitingUntil: start + DAY });
    expect(await jobs[2]!.getState()).toBe('delayed');

    await r.keep.add(r.personId, [{ id: c!.id }]);
    r.fake.clock.advance(DAY);
    const [later] = await r.promote([jobs[2]!]);
    expect(later!.returnvalue.status).toBe('kept');
    expect(r.isFollowing(c!.id)).toBe(true);
    expect(r.unfollowCalls()).toHaveLength(2);
  });

  it("waits for X's own rate limit to reset, then unfollows", async () => {
    const r = await rig({ limits: { [UNFOLLOW]: { per15min: 1 } } });
    const start = r.fake.clock.now();
    const [a, b] = r.followed();
    const jobs = await r.confirm([r.job(a!), r.job(b!)]);
    expect(jobs[0]!.returnvalue.status).toBe('unfollowed');
    const progress = jobs[1]!.progress as { reason: string; waitingUntil: number };
    expect(progress.reason).toBe('rate_limited');
    expect(progress.waitingUntil).toBeGreaterThanOrEqual(start + 15 * MINUTE);
    expect(progress.waitingUntil, 'jitter stays under 30 s').toBeLessThan(start + 15 * MINUTE + 30_000);
    expect(await r.pacer.recent(r.personId, start), 'X refused it, so it used no pace').toHaveLength(1);

    r.fake.clock.advance(progress.waitingUntil - start);
    const [after] = await r.promote([jobs[1]!]);
    expect(after!.returnvalue.status).toBe('unfollowed');
    expect(r.unfollowCalls(b!.id).map((call) => call.status)).toEqual([429, 200]);
  });
});
