import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/store/lock.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('lock');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis lock', () => {
  it('lets one holder in at a time, and the next in once it is released', async () => {
    const key = `${db.prefix}:lock:one`;
    let whileHeld: unknown;
    const first = await withLock(db.redis, key, 5000, async () => {
      whileHeld = await withLock(db.connection(), key, 5000, async () => 'b');
      return 'a';
    });
    expect(first).toEqual({ acquired: true, value: 'a' });
    expect(whileHeld, 'a second holder is refused while the first holds the lock').toEqual({
      acquired: false,
    });
    expect(await db.redis.exists(key)).toBe(0);
    expect(await withLock(db.connection(), key, 5000, async () => 'c')).toEqual({
      acquired: true,
      value: 'c',
    });
  });

  it('lets exactly one of two racing callers in', async () => {
    const key = `${db.prefix}:lock:race`;
    const results = await Promise.all([
      withLock(db.redis, key, 5000, () => sleep(50).then(() => 'a')),
      withLock(db.connection(), key, 5000, () => sleep(50).then(() => 'b')),
    ]);
    expect(results.filter((result) => result.acquired)).toHaveLength(1);
    expect(await db.redis.exists(key)).toBe(0);
  });

  it('does not release a lock that expired and was taken by another: the release checks its token', async () => {
    const key = `${db.prefix}:lock:expired`;
    let second: Promise<unknown> = Promise.resolve();
    await withLock(db.redis, key, 30, async () => {
      await sleep(80);
      second = withLock(db.connection(), key, 5000, () => sleep(100));
      await sleep(20);
    });
    expect(await db.redis.exists(key), "the second holder's lock survives the first one's release").toBe(1);
    await second;
    expect(await db.redis.exists(key)).toBe(0);
  });
});
