import { createServer } from 'node:net';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { sharedKeys } from '../../src/store/keys.js';
import { ProfileCache } from '../../src/store/profile-cache.js';
import type { XUserV2 } from '../../src/sources/x-user.js';
import { findRedis, useTestRedis } from '../support/redis.js';

const db = useTestRedis('profile-cache');
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 9);

const user = (id: string, extra: Partial<XUserV2> = {}): XUserV2 => ({
  id,
  username: `u${id}`,
  name: `User ${id}`,
  public_metrics: { followers_count: 10 },
  ...extra,
});

describe('profile cache', () => {
  it('serves a profile within the freshness window and not after it', async () => {
    const cache = new ProfileCache(db.redis, db.prefix, 24 * HOUR);
    await cache.put([user('1'), user('2')], T0);
    const early = await cache.fresh(['1', '2', '3'], T0 + 23 * HOUR);
    expect([...early.keys()]).toEqual(['1', '2']);
    expect(early.get('1')).toEqual(user('1'));
    expect((await cache.fresh(['1', '2'], T0 + 24 * HOUR)).size).toBe(0);
  });

  it('lets Redis forget what can no longer be fresh', async () => {
    await new ProfileCache(db.redis, db.prefix, 2 * HOUR).put([user('10')], T0);
    const ttl = await db.redis.pttl(sharedKeys(db.prefix).profile('10'));
    expect(ttl).toBeGreaterThan(2 * HOUR - 60_000);
    expect(ttl).toBeLessThanOrEqual(2 * HOUR);
  });

  it('never caches connection_status: it says how the account relates to whoever fetched it', async () => {
    const cache = new ProfileCache(db.redis, db.prefix, HOUR);
    await cache.put([user('20', { connection_status: ['following', 'followed_by'] })], T0);
    const cached = (await cache.fresh(['20'], T0)).get('20');
    expect(cached).toEqual(user('20'));
    expect(cached).not.toHaveProperty('connection_status');
    expect(await db.redis.get(sharedKeys(db.prefix).profile('20'))).not.toContain('followed_by');
  });

  it("is shared by everyone: one person's fetch serves another's audit", async () => {
    await new ProfileCache(db.redis, db.prefix, HOUR).put([user('30')], T0);
    const elsewhere = new ProfileCache(db.connection(), db.prefix, HOUR);
    expect((await elsewhere.fresh(['30'], T0 + 1)).has('30')).toBe(true);
  });

  it('caches nothing when the window is zero', async () => {
    const cache = new ProfileCache(db.redis, db.prefix, 0);
    await cache.put([user('40')], T0);
    expect(await db.redis.exists(sharedKeys(db.prefix).profile('40'))).toBe(0);
    expect((await cache.fresh(['40'], T0)).size).toBe(0);
  });

  it('reads 20,000 profiles with MGETs of a thousand keys, not a GET per id', async () => {
    // A redis-server of this test's own: its command counts are this test's alone.
    const free = createServer().listen(0, '127.0.0.1');
    await once(free, 'listening');
    const { port } = free.address() as { port: number };
    free.close();
    const own = await findRedis(`redis://127.0.0.1:${port}`);
    const redis = new Redis(own.url, { maxRetriesPerRequest: null });
    try {
      const calls = async (): Promise<Record<string, number>> => {
        const stats = await redis.info('commandstats');
        return Object.fromEntries(
          [...stats.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].map(([, name, n]) => [name!, Number(n)]),
        );
      };
      const cache = new ProfileCache(redis, 'tend-test', HOUR);
      const ids = Array.from({ length: 20_000 }, (_, i) => String(1_000_000 + i));
      await cache.put(
        ids.map((id) => user(id)),
        T0,
      );
      const before = await calls();
      const found = await cache.fresh([...ids, '42'], T0 + 1);
      const after = await calls();
      expect(found.size).toBe(20_000);
      expect((after.mget ?? 0) - (before.mget ?? 0)).toBe(21);
      expect((after.get ?? 0) - (before.get ?? 0)).toBe(0);
      expect(before.set).toBe(20_000);
    } finally {
      await redis.quit();
      await own.stop();
    }
  });
});
