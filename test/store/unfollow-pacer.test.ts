import { describe, expect, it } from 'vitest';
import { paceLimits } from '../../src/unfollows/pace.js';
import { UnfollowPacer } from '../../src/store/unfollow-pacer.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('unfollow-pacer');
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 8);

/** A clock the test moves: 15 minutes and a day pass in no time. */
function clock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('unfollow pacer (Redis)', () => {
  it('lets 50 through in 15 minutes, holds the 51st until the window has room', async () => {
    const pacer = new UnfollowPacer(db.redis, db.prefix, paceLimits(300));
    const time = clock(T0);
    for (let i = 0; i < 50; i++) {
      expect(await pacer.take('1', `a-${i}`, time.now())).toEqual({ ok: true });
      time.advance(1000);
    }
    expect(await pacer.take('1', 'a-50', time.now())).toEqual({
      ok: false,
      retryAt: T0 + 15 * MIN,
      reason: 'window',
    });
    expect(await pacer.take('2', 'a-0', time.now()), 'the pace is per person').toEqual({ ok: true });
    time.advance(T0 + 15 * MIN - time.now());
    expect(await pacer.take('1', 'a-50', time.now())).toEqual({ ok: true });
  });

  it('stops at the daily cap', async () => {
    const pacer = new UnfollowPacer(db.redis, db.prefix, paceLimits(120));
    const time = clock(T0);
    let taken = 0;
    for (let i = 0; i < 200; i++) {
      const decision = await pacer.take('3', `s-${i}`, time.now());
      if (decision.ok) taken++;
      else time.advance(decision.retryAt - time.now());
      if (time.now() - T0 >= 24 * 60 * MIN) break;
    }
    expect(taken).toBe(120);
    expect((await pacer.recent('3', time.now() - 1)).length).toBe(120);
    expect(await pacer.take('3', 'late', T0 + 24 * 60 * MIN - 1)).toMatchObject({
      ok: false,
      reason: 'daily',
    });
  });

  it('never lets concurrent workers past the limit', async () => {
    const pacer = new UnfollowPacer(db.redis, db.prefix, paceLimits(300));
    const others = [
      pacer,
      new UnfollowPacer(db.connection(), db.prefix, paceLimits(300)),
      new UnfollowPacer(db.connection(), db.prefix, paceLimits(300)),
    ];
    const decisions = await Promise.all(
      Array.from({ length: 80 }, (_, i) => others[i % 3]!.take('4', `c-${i}`, T0)),
    );
    expect(decisions.filter((d) => d.ok)).toHaveLength(50);
    expect(await pacer.recent('4', T0)).toHaveLength(50);
  });

  it('counts a retried slot once, and gives back a slot whose unfollow did not happen', async () => {
    const pacer = new UnfollowPacer(db.redis, db.prefix, { ...paceLimits(300), perWindow: 2 });
    expect(await pacer.take('5', 'x', T0)).toEqual({ ok: true });
    expect(await pacer.take('5', 'x', T0 + 1000)).toEqual({ ok: true });
    expect(await pacer.take('5', 'y', T0 + 2000)).toEqual({ ok: true });
    expect(await pacer.take('5', 'z', T0 + 3000)).toMatchObject({ ok: false, reason: 'window' });
    await pacer.giveBack('5', 'y');
    expect(await pacer.take('5', 'z', T0 + 3000)).toEqual({ ok: true });
    expect(await pacer.recent('5', T0 + 3000)).toEqual([T0, T0 + 3000]);
  });
});
