import { describe, expect, it } from 'vitest';
import { AuditCheckpoints, CHECKPOINT_TTL_MS } from '../../src/store/checkpoints.js';
import { personKeys } from '../../src/store/keys.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('checkpoints');
const users = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: String(from + i), username: `user${from + i}` }));

/**
 * A paginated list read the way the audit worker reads it: from the checkpoint's cursor, saving each
 * page as it comes. `stopAfter` pages, it "crashes"; `pagesRead` records every page fetched.
 */
async function readFollowing(
  checkpoints: AuditCheckpoints,
  pages: Map<string, { next: string | null; items: unknown[] }>,
  pagesRead: string[],
  stopAfter = Infinity,
) {
  let state = await checkpoints.stream('1', 'audit-1', 'following');
  let fetched = 0;
  while (!state.done && fetched < stopAfter) {
    const cursor = state.cursor ?? 'first';
    pagesRead.push(cursor);
    const page = pages.get(cursor)!;
    await checkpoints.savePage('1', 'audit-1', 'following', {
      after: state.cursor,
      next: page.next,
      items: page.items,
    });
    fetched++;
    state = await checkpoints.stream('1', 'audit-1', 'following');
  }
}

describe('audit checkpoints', () => {
  const pages = new Map([
    ['first', { next: 'p2', items: users(0, 3) }],
    ['p2', { next: 'p3', items: users(3, 3) }],
    ['p3', { next: null, items: users(6, 2) }],
  ]);

  it('resumes an interrupted audit where it stopped, never reading a page twice', async () => {
    const checkpoints = new AuditCheckpoints(db.redis, db.prefix);
    const pagesRead: string[] = [];
    await readFollowing(checkpoints, pages, pagesRead, 2);
    expect(await checkpoints.stream('1', 'audit-1', 'following')).toEqual({
      cursor: 'p3',
      done: false,
      pages: 2,
      items: 6,
    });

    await readFollowing(new AuditCheckpoints(db.connection(), db.prefix), pages, pagesRead);
    expect(pagesRead).toEqual(['first', 'p2', 'p3']);
    expect(await checkpoints.stream('1', 'audit-1', 'following')).toEqual({
      cursor: null,
      done: true,
      pages: 3,
      items: 8,
    });
    expect(await checkpoints.items('1', 'audit-1', 'following')).toEqual(users(0, 8));
  });

  it('stores a page once even when two workers save it', async () => {
    const checkpoints = new AuditCheckpoints(db.redis, db.prefix);
    const page = { after: null, next: 'm2', items: users(100, 2) };
    const saved = await Promise.all([
      checkpoints.savePage('1', 'audit-2', 'mentions', page),
      checkpoints.savePage('1', 'audit-2', 'mentions', page),
    ]);
    expect(saved.sort()).toEqual([false, true]);
    expect(await checkpoints.items('1', 'audit-2', 'mentions')).toEqual(users(100, 2));
    expect(
      await checkpoints.savePage('1', 'audit-2', 'mentions', { after: 'm2', next: null, items: [] }),
    ).toBe(true);
    expect(
      await checkpoints.savePage('1', 'audit-2', 'mentions', { after: 'm2', next: null, items: users(1, 1) }),
      'a finished stream takes no more',
    ).toBe(false);
  });

  it('keeps streams of one audit apart, and audits apart', async () => {
    const checkpoints = new AuditCheckpoints(db.redis, db.prefix);
    await checkpoints.savePage('2', 'a', 'following', { after: null, next: 'x', items: users(0, 1) });
    await checkpoints.savePage('2', 'a', 'likes', { after: null, next: null, items: users(5, 2) });
    expect(await checkpoints.state('2', 'a')).toEqual({
      following: { cursor: 'x', done: false, pages: 1, items: 1 },
      likes: { cursor: null, done: true, pages: 1, items: 2 },
    });
    expect(await checkpoints.state('2', 'b')).toEqual({});
    expect(await checkpoints.stream('2', 'b', 'following')).toEqual({
      cursor: null,
      done: false,
      pages: 0,
      items: 0,
    });
  });

  it('expires on its own when abandoned, and is cleared when the audit ends', async () => {
    const checkpoints = new AuditCheckpoints(db.redis, db.prefix);
    await checkpoints.savePage('3', 'a', 'following', { after: null, next: 'x', items: users(0, 2) });
    const keys = personKeys(db.prefix, '3');
    for (const key of [keys.checkpoint('a'), keys.checkpointItems('a', 'following')]) {
      const ttl = await db.redis.pttl(key);
      expect(ttl).toBeGreaterThan(CHECKPOINT_TTL_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(CHECKPOINT_TTL_MS);
    }
    await checkpoints.clear('3', 'a');
    expect(await db.redis.exists(keys.checkpoint('a'), keys.checkpointItems('a', 'following'))).toBe(0);
  });
});
