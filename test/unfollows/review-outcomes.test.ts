import { describe, expect, it } from 'vitest';
import { nextOutcome, progressLine } from '../../src/unfollows/review-outcomes.js';
import { unfollowEvent } from '../../src/bot/review/unfollow-update.js';
import type { AccountOutcome } from '../../src/unfollows/review-session.js';
import type { UnfollowJob } from '../../src/queues/payloads.js';
import { unfollowResult } from '../../src/unfollows/outcome.js';

const NOW = Date.UTC(2026, 10, 20, 14, 50);
const target = { id: '42', handle: 'gala_spam' };
const job = (confirmedAt: number): UnfollowJob => ({
  personId: '1',
  auditId: 'a1',
  target,
  xUserId: '1',
  confirmedAt,
});
const DAY_MS = 86_400_000;
const pending = (confirmedAt = NOW): AccountOutcome => ({
  status: 'pending',
  confirmedAt,
  waitingUntil: null,
  reason: null,
});

describe('account outcomes as reactions and jobs come in', () => {
  it('follows a confirmation through a wait to its unfollow', () => {
    const queued = nextOutcome(null, { kind: 'confirmed', at: NOW });
    expect(queued).toEqual(pending());
    const waiting = nextOutcome(
      queued,
      unfollowEvent({ job: job(NOW), progress: { waitingUntil: NOW + 20 * 60_000, reason: 'window' } }),
    );
    expect(waiting).toEqual({
      status: 'pending',
      confirmedAt: NOW,
      waitingUntil: NOW + 20 * 60_000,
      reason: 'window',
    });
    const done = nextOutcome(
      waiting,
      unfollowEvent({ job: job(NOW), result: unfollowResult('unfollowed', NOW + 21 * 60_000) }),
    );
    expect(done).toEqual({ status: 'unfollowed', confirmedAt: NOW, at: NOW + 21 * 60_000 });
    expect(nextOutcome(done, { kind: 'undone', at: NOW + DAY_MS })).toEqual({
      status: 'undone',
      confirmedAt: NOW,
      at: NOW + DAY_MS,
    });
  });

  it('drops events that arrive late or belong to an older job', () => {
    const done: AccountOutcome = { status: 'unfollowed', confirmedAt: NOW, at: NOW };
    expect(
      nextOutcome(
        done,
        unfollowEvent({ job: job(NOW), progress: { waitingUntil: NOW + 60_000, reason: 'busy' } }),
      ),
      'progress after completion',
    ).toBeNull();
    expect(
      nextOutcome(done, unfollowEvent({ job: job(NOW + 1), result: unfollowResult('already', NOW + 5) })),
      'a duplicate job',
    ).toBeNull();
    expect(
      nextOutcome(pending(NOW + 1), unfollowEvent({ job: job(NOW), failure: 'X refused' })),
      "an older job's failure",
    ).toBeNull();
    expect(nextOutcome(pending(NOW), unfollowEvent({ job: job(NOW), failure: 'X refused' }))).toEqual({
      status: 'failed',
      confirmedAt: NOW,
      message: 'X refused',
    });
    expect(nextOutcome(done, { kind: 'confirmed', at: NOW + 1 }), 'confirming what is done').toBeNull();
    expect(nextOutcome(done, { kind: 'kept' }), 'keeping what X has unfollowed').toBeNull();
  });
});

describe('the line that sums up a page', () => {
  it('counts what the person confirmed, with when the rest go', () => {
    const outcomes: AccountOutcome[] = [
      ...Array.from({ length: 7 }, (): AccountOutcome => ({
        status: 'unfollowed',
        confirmedAt: NOW,
        at: NOW,
      })),
      { status: 'pending', confirmedAt: NOW, waitingUntil: Date.UTC(2026, 10, 20, 15, 12), reason: 'window' },
      { status: 'pending', confirmedAt: NOW, waitingUntil: Date.UTC(2026, 10, 20, 15, 10), reason: 'window' },
      { status: 'kept', confirmedAt: null },
    ];
    expect(progressLine(outcomes, NOW)).toBe('Unfollowed 7 of 9 — 2 left for the next window at 15:10 UTC');
  });

  it('names the day when the wait runs past today, and the rest as they are', () => {
    const outcomes: AccountOutcome[] = [
      { status: 'already', confirmedAt: NOW, at: NOW },
      { status: 'pending', confirmedAt: NOW, waitingUntil: NOW + DAY_MS, reason: 'daily' },
      pending(),
      { status: 'kept', confirmedAt: NOW },
      { status: 'failed', confirmedAt: NOW, message: 'no' },
      { status: 'undone', confirmedAt: NOW, at: NOW },
    ];
    expect(progressLine(outcomes, NOW)).toBe(
      "Unfollowed 1 of 6 — 1 left for when today's limit frees up at 2026-11-21 14:50 UTC, 1 on their way, 1 skipped (on your keep list), 1 failed, 1 undone",
    );
    expect(
      progressLine([{ status: 'kept', confirmedAt: null }], NOW),
      'nothing confirmed, nothing to count',
    ).toBeNull();
  });
});
