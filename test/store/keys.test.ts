import { describe, expect, it } from 'vitest';
import { personKeys, personPattern, sharedKeys } from '../../src/store/keys.js';

/** The part of a key Redis Cluster hashes: what is inside the first non-empty `{…}`, else the whole key. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

function allKeys(personId: string): string[] {
  const keys = personKeys('tend', personId);
  return [
    keys.xAccount,
    keys.xRefreshLock,
    keys.keep,
    keys.settings,
    keys.report,
    keys.ledger,
    keys.checkpoint('a1'),
    keys.checkpointItems('a1', 'following'),
    keys.unfollowLog,
    keys.unfollowTimes,
    keys.unfollowDone('a1'),
    keys.unfollowClaim('a1', '42'),
    keys.unfollowPace,
  ];
}

describe('key layout', () => {
  it("puts all of a person's keys in one Redis Cluster slot, and under one SCAN pattern", () => {
    const keys = allKeys('123456789012345678');
    expect(new Set(keys.map(hashTag))).toEqual(new Set(['123456789012345678']));
    const pattern = new RegExp(
      `^${personPattern('tend', '123456789012345678').replace(/[{}.]/g, '\\$&').replace('*', '.*')}$`,
    );
    for (const key of keys) expect(key).toMatch(pattern);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps shared keys outside every person', () => {
    expect(sharedKeys('tend').profile('42')).toBe('tend:profile:x:42');
    expect(sharedKeys('tend').xAccountOwners).toBe('tend:index:x-account-owner');
  });

  it.each(['', 'a{b}', 'star*', 'has:colon', 'x'.repeat(65)])(
    'refuses the person id %j, which would break the layout',
    (id) => {
      expect(() => personKeys('tend', id)).toThrow(/Invalid person id/);
    },
  );

  it('refuses key segments that would escape their place', () => {
    expect(() => personKeys('tend', '1').checkpoint('a:b')).toThrow(/Invalid audit id/);
    expect(() => sharedKeys('te{nd}')).toThrow(/Invalid key prefix/);
  });
});
