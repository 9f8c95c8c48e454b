import { describe, expect, it } from 'vitest';
import { handleBase, normalizeWebsite } from '../../src/engine/duplicate-keys.js';
import { findDuplicates } from '../../src/engine/duplicates.js';
import { daysAgo, followed, person } from './fixtures.js';

describe('findDuplicates', () => {
  it('flags an account whose bio says it moved, keeping the new one', () => {
    const old = followed(person('janedoe_old', { name: 'Jane', bio: 'Moved to @JaneDoeWrites' }));
    const current = followed(person('janedoewrites', { name: 'Jane D' }));
    const result = findDuplicates([old, current]);
    expect([...result.keys()]).toEqual([old.key]);
    expect(result.get(old.key)).toEqual({
      keepKey: current.key,
      keepHandle: 'janedoewrites',
      reason:
        'same owner as @janedoewrites (its bio says it moved to @janedoewrites) — keep @janedoewrites (the newer account)',
    });
  });

  it('keeps the main account over one that calls itself its backup', () => {
    const main = followed(person('operablog', { name: 'Opera Blog' }));
    const backup = followed(person('ob_spare', { name: 'OB', bio: 'Backup account of @operablog' }));
    const result = findDuplicates([backup, main]);
    expect(result.get(backup.key)?.keepKey).toBe(main.key);
    expect(result.get(backup.key)?.reason).toContain('(the main account)');
    expect(result.has(main.key)).toBe(false);
  });

  it('reads "no longer active, follow @x" as a move', () => {
    const old = followed(
      person('stagey', { bio: 'This account is no longer active, follow @stageyreviews' }),
    );
    const current = followed(person('stageyreviews'));
    expect(findDuplicates([old, current]).get(old.key)?.keepKey).toBe(current.key);
  });

  it('reads "old account" naming one other handle as a move to it', () => {
    const old = followed(person('janedoe', { bio: 'Old account. Follow @JaneDoeWrites for updates' }));
    const current = followed(person('janedoewrites'));
    expect(findDuplicates([old, current]).get(old.key)?.reason).toContain(
      '(its bio says it moved to @janedoewrites)',
    );
  });

  it('keeps the account that does not call itself old or a backup', () => {
    const old = followed(
      person('stagey_archive', { name: 'Stagey', url: 'https://stagey.blog', bio: 'Archived account' }),
    );
    const current = followed(person('stagey', { name: 'Stagey', url: 'https://stagey.blog' }));
    expect(findDuplicates([current, old]).get(old.key)?.reason).toBe(
      'same owner as @stagey (same website as @stagey: stagey.blog) — keep @stagey (this one calls itself old or a backup)',
    );
  });

  it('flags a move to an account the owner does not follow, naming it', () => {
    const old = followed(person('janedoe', { bio: 'New account: @janedoe_writes' }));
    const result = findDuplicates([old]);
    expect(result.get(old.key)).toEqual({
      keepKey: '@janedoe_writes',
      keepHandle: 'janedoe_writes',
      reason: 'its bio says it moved to @janedoe_writes, which you do not follow',
    });
  });

  it('groups accounts with the same website and keeps the one that follows back', () => {
    const a = followed(
      person('roh', { name: 'Royal Opera House', url: 'https://www.roh.org.uk/', followsOwner: false }),
    );
    const b = followed(person('rohcinema', { name: 'ROH Cinema', url: 'http://roh.org.uk?utm_source=x' }));
    const result = findDuplicates([a, b], { isMutual: (account) => account.key === b.key });
    expect(result.get(a.key)?.reason).toBe(
      'same owner as @rohcinema (same website as @rohcinema: roh.org.uk) — keep @rohcinema (it follows you back)',
    );
    expect(result.has(b.key)).toBe(false);
  });

  it('ignores generic link hosts and sites shared by many accounts', () => {
    const viaLinktree = ['ann', 'bob'].map((h) => followed(person(h, { url: 'https://linktr.ee/' })));
    const newsroom = Array.from({ length: 13 }, (_, i) =>
      followed(person(`desk${i}`, { url: 'https://bbc.co.uk' })),
    );
    expect(findDuplicates([...viaLinktree, ...newsroom]).size).toBe(0);
  });

  it('groups the same handle base with a similar name, keeping the one that posted last', () => {
    const main = followed(person('JaneDoe', { name: 'Jane Doe', lastPostAt: daysAgo(2) }));
    const backup = followed(
      person('jane_doe_backup', { name: 'Jane Doe (backup)', lastPostAt: daysAgo(40) }),
    );
    const result = findDuplicates([backup, main]);
    expect(result.get(backup.key)?.reason).toBe(
      'same owner as @JaneDoe (same name and handle as @JaneDoe) — keep @JaneDoe (it posted more recently)',
    );
  });

  it('does not take two people who share a name for one owner', () => {
    const photographer = followed(person('jsmith_photos', { name: 'John Smith' }));
    const teacher = followed(person('johnsmith', { name: 'John Smith' }));
    const namesake = followed(
      person('johnsmith84', { name: 'John Smith', url: 'https://smith-plumbing.co.uk' }),
    );
    const other = followed(person('john_smith', { name: 'John Smith', url: 'https://johnsmith.dev' }));
    expect(findDuplicates([photographer, teacher]).size).toBe(0);
    expect(findDuplicates([namesake, other]).size).toBe(0);
  });

  it('does not group similar handles of differently named accounts', () => {
    const a = followed(person('operanorth', { name: 'Opera North' }));
    const b = followed(person('operanorth2', { name: 'Northern Opera Fans Club' }));
    expect(findDuplicates([a, b]).size).toBe(0);
  });

  it('prefers more followers when nothing else differs', () => {
    const small = followed(person('annarts', { name: 'Anna Arts', followersCount: 100, lastPostAt: null }));
    const big = followed(
      person('annarts_official', { name: 'Anna Arts', followersCount: 9_000, lastPostAt: null }),
    );
    expect(findDuplicates([small, big]).get(small.key)?.reason).toContain(
      'keep @annarts_official (it has more followers)',
    );
  });
});

describe('normalizeWebsite', () => {
  it('ignores scheme, www, trailing slash and tracking, but not the path', () => {
    expect(normalizeWebsite('https://www.JaneDoe.com/?utm_source=x&fbclid=1')).toBe('janedoe.com');
    expect(normalizeWebsite('https://linktr.ee/janedoe/')).toBe('linktr.ee/janedoe');
    expect(normalizeWebsite('https://youtube.com/watch?v=abc')).toBe('youtube.com/watch?v=abc');
    expect(normalizeWebsite('https://instagram.com')).toBeNull();
  });
});

describe('handleBase', () => {
  it('strips digits, separators and the words people add for a second account', () => {
    expect(
      ['The_JaneDoe2', 'janedoe_backup', 'realjanedoe', 'jane.doe.official', 'JaneDoeHQ'].map(handleBase),
    ).toEqual(Array(5).fill('janedoe'));
    expect(handleBase('jd_2')).toBeNull();
  });

  it('gives no base for generated handles, so two bots named "News" are not one owner', () => {
    expect(handleBase('news48213377')).toBeNull();
    expect(handleBase('daily_12345')).toBeNull();
    expect(handleBase('janedoe1987')).toBe('janedoe');
    expect(handleBase('janedoe_99')).toBe('janedoe');
  });
});
