/**
 * The reaction pace the bot and the nudge worker share: each reservation in a channel comes one
 * interval after the last, whichever process made it; other channels are not held up.
 */
import { describe, expect, it } from 'vitest';
import { ReactionPace } from '../../src/store/reaction-pace.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('reaction-pace');
const T = 1_800_000_000_000;

describe('the shared reaction pace', () => {
  it('spaces reservations in one channel by the interval, across connections', async () => {
    const bot = new ReactionPace(db.redis, db.prefix, 250);
    const worker = new ReactionPace(db.connection(), db.prefix, 250);
    const waits = [
      await bot.reserve('100', T),
      await worker.reserve('100', T),
      await bot.reserve('100', T + 100),
      await worker.reserve('100', T + 100),
    ];
    expect(waits).toEqual([0, 250, 400, 650]);
    expect(await bot.reserve('200', T + 100), 'another channel').toBe(0);
  });

  it('lets a channel go at once again after a quiet while, and forgets it soon after', async () => {
    const pace = new ReactionPace(db.redis, db.prefix, 250);
    expect(await pace.reserve('300', T)).toBe(0);
    expect(await pace.reserve('300', T + 1_000)).toBe(0);
    const ttl = await db.redis.pttl(`${db.prefix}:reaction-pace:300`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_250);
  });
});
