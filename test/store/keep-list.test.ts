import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { KEEP_LIST_MAX, KeepList } from '../../src/store/keep-list.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('keep-list');
const keep = () => new KeepList(db.redis, db.prefix);

describe('keep list', () => {
  it('keeps accounts by id and by handle, the way the audit takes them', async () => {
    const list = keep();
    expect(
      await list.add('1', [
        { handle: '@BestFriend' },
        { id: '12345', handle: 'RoyalOperaHouse' },
        { id: '777' },
      ]),
    ).toBe(4);
    expect(await list.list('1')).toEqual({
      ids: ['12345', '777'],
      handles: ['bestfriend', 'royaloperahouse'],
    });
    expect(await list.add('1', [{ handle: 'bestfriend' }])).toBe(0);
  });

  it('finds a kept account by either its id or its handle, whatever the case', async () => {
    const list = keep();
    await list.add('2', [{ handle: 'Ottilie_Sings' }, { id: '4242' }]);
    expect(await list.has('2', { id: '999', handle: 'ottilie_sings' })).toBe(true);
    expect(await list.has('2', { id: '4242', handle: 'renamed' })).toBe(true);
    expect(await list.has('2', { id: '5', handle: 'stranger' })).toBe(false);
    expect(await list.has('3', { handle: 'ottilie_sings' }), "one person's keep list is not another's").toBe(
      false,
    );
  });

  it('does not take a handle made of digits for an id', async () => {
    const list = keep();
    await list.add('4', [{ handle: '12345' }]);
    expect(await list.has('4', { id: '12345' })).toBe(false);
    expect(await list.has('4', { handle: '12345' })).toBe(true);
  });

  it('removes accounts', async () => {
    const list = keep();
    await list.add('5', [{ id: '1', handle: 'one' }, { handle: 'two' }]);
    expect(await list.remove('5', [{ id: '1', handle: 'ONE' }])).toBe(2);
    expect(await list.list('5')).toEqual({ ids: [], handles: ['two'] });
  });

  it('refuses what is neither a handle nor an id, with a message for the person', async () => {
    const list = keep();
    for (const ref of [{ handle: 'not a handle' }, { id: 'abc' }, {}]) {
      const error = await list.add('6', [ref]).catch((e: unknown) => e);
      expect(isUserError(error)).toBe(true);
    }
    expect(await list.list('6')).toEqual({ ids: [], handles: [] });
  });

  it('holds at most 5,000 entries: an add that would pass the cap adds nothing and says why', async () => {
    const list = keep();
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from + i) }));
    expect(KEEP_LIST_MAX).toBe(5_000);
    expect(await list.add('7', ids(1, 4_998))).toBe(4_998);
    const refused = await list.add('7', [...ids(1, 10), ...ids(10_000, 3)]).catch((e: unknown) => e);
    expect(isUserError(refused)).toBe(true);
    expect((refused as Error).message).toBe(
      'Your keep list is full: it holds 4,998 entries of at most 5,000 (an id or a handle each), and this would add 3 entries. Nothing was added: /keep remove some first.',
    );
    expect((await list.list('7')).ids).toHaveLength(4_998);
    expect(
      await list.add('7', [...ids(1, 10), ...ids(10_000, 2)]),
      'entries already kept do not count twice',
    ).toBe(2);
    expect(await list.add('7', [{ id: '1' }])).toBe(0);
    expect(isUserError(await list.add('7', [{ handle: 'one_more' }]).catch((e: unknown) => e))).toBe(true);
  });
});
