import { describe, it, expect } from 'vitest';
import { auditProgressText } from '../../../src/bot/render/progress.js';
import type { AuditProgress } from '../../../src/queues/payloads.js';

const NOW = Date.parse('2026-11-20T14:02:00.000Z');

function progress(overrides: Partial<AuditProgress>): AuditProgress {
  return {
    phase: 'following',
    pages: 0,
    accounts: 0,
    waitingUntil: null,
    meter: { calls: 0, users: 0, posts: 0 },
    ...overrides,
  };
}

describe('the live progress of /audit', () => {
  it('says the audit is queued until a worker takes it', () => {
    expect(auditProgressText(null, 'waiting', NOW)).toBe(
      'Queued: your audit starts as soon as a worker is free.',
    );
    expect(auditProgressText(null, 'active', NOW)).toBe('Starting your audit…');
  });

  it('tells what a profile lookup will read, and X bill, before it reads it', () => {
    const lookup = { ids: 1_250, cached: 50, calls: 12 };
    expect(
      auditProgressText(progress({ phase: 'profiles', pages: 0, accounts: 0, lookup }), 'active', NOW),
    ).toBe(
      'Looking up 1,200 profiles through X: 12 calls, at most 1,200 accounts billed (50 profiles known already) — 0 pages, 0 accounts so far',
    );
  });

  it('says whose profiles it looks up when they are a sample of the followers', () => {
    const lookup = { ids: 1_000, cached: 0, calls: 10 };
    expect(
      auditProgressText(
        progress({ phase: 'follower-profiles', pages: 2, accounts: 200, lookup }),
        'active',
        NOW,
      ),
    ).toBe(
      'Looking up 1,000 profiles of your followers through X: 10 calls, at most 1,000 accounts billed — 2 pages, 200 accounts so far',
    );
  });

  it('names each phase in words, with the pages and accounts read while reading the following', () => {
    const at = (phase: AuditProgress['phase'], pages = 3, accounts = 3000) =>
      auditProgressText(progress({ phase, pages, accounts }), 'active', NOW);
    expect(at('downloading')).toBe('Downloading your export…');
    expect(at('reading')).toBe('Reading your export…');
    expect(at('profile')).toBe('Reading your X profile…');
    expect(at('following')).toBe('Reading the accounts you follow: 3 pages, 3,000 accounts');
    expect(at('following', 1, 1)).toBe('Reading the accounts you follow: 1 page, 1 account');
    expect(at('followers')).toBe('Reading who follows you back…');
    expect(at('posts')).toBe('Reading your posts…');
    expect(at('mentions')).toBe('Reading your mentions…');
    expect(at('likes')).toBe('Reading your likes…');
    expect(at('profiles', 4, 350)).toBe(
      'Looking up the profiles of the accounts you follow: 4 pages, 350 accounts',
    );
    expect(at('classifying')).toBe('Classifying 3,000 accounts…');
    expect(at('classifying', 0, 0)).toBe('Classifying…');
  });

  it('says until when it waits on X’s rate limit, with the date when that is not today', () => {
    const waiting = progress({
      phase: 'mentions',
      pages: 12,
      accounts: 3000,
      waitingUntil: Date.parse('2026-11-20T14:35:10.000Z'),
    });
    expect(auditProgressText(waiting, 'delayed', NOW)).toBe(
      "Waiting on X's rate limit until 14:35 UTC — 12 pages, 3,000 accounts read so far; the audit carries on from there.",
    );
    const tomorrow = { ...waiting, waitingUntil: Date.parse('2026-11-21T00:10:00.000Z') };
    expect(auditProgressText(tomorrow, 'delayed', NOW)).toMatch(
      /^Waiting on X's rate limit until 2026-11-21 00:10 UTC/,
    );
  });

  it('goes back to the phase once the wait is over', () => {
    const resumed = progress({ phase: 'mentions', waitingUntil: NOW - 1000 });
    expect(auditProgressText(resumed, 'active', NOW)).toBe('Reading your mentions…');
    expect(auditProgressText(resumed, 'waiting', NOW)).toBe(
      'Queued to carry on — 0 pages, 0 accounts read so far.',
    );
  });

  it('explains a retry after X failed to answer', () => {
    expect(auditProgressText(progress({ pages: 2, accounts: 200 }), 'delayed', NOW)).toBe(
      'X did not answer; trying again shortly — 2 pages, 200 accounts read so far.',
    );
  });

  it('says when the audit is done, stopped or gone', () => {
    expect(auditProgressText(progress({ phase: 'classifying' }), 'completed', NOW)).toBe(
      'Audit done: preparing your summary…',
    );
    expect(auditProgressText(null, 'failed', NOW)).toBe('The audit stopped.');
    expect(auditProgressText(null, 'unknown', NOW)).toBe('This audit is no longer queued: run /audit again.');
  });
});
