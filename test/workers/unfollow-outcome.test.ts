import { describe, expect, it } from 'vitest';
import { sortXError } from '../../src/sources/x-errors.js';
import { afterUnfollowError } from '../../src/unfollows/outcome.js';

const NOW = Date.UTC(2026, 10, 20, 15);
/** What twitter-api-v2 throws for an answer with this status and body (the fields x-errors reads). */
const xAnswer = (code: number, data: Record<string, unknown>, reset?: number) => ({
  type: 'response',
  code,
  data,
  rateLimit: reset ? { limit: 50, remaining: 0, reset } : undefined,
});

describe('what an unfollow job does after X refuses', () => {
  it('ends a job whose target X has suspended or removed, in plain words', () => {
    const suspended = sortXError(
      xAnswer(403, { title: 'Forbidden', detail: 'User has been suspended: [42].', resource_type: 'user' }),
      NOW,
    );
    expect(afterUnfollowError(suspended, 0)).toEqual({
      kind: 'fail',
      message: 'This account is suspended on X: there is nothing to unfollow.',
    });
    const missing = sortXError(
      xAnswer(404, {
        title: 'Not Found Error',
        detail: 'Could not find user with target_user_id: [42].',
        resource_type: 'user',
      }),
      NOW,
    );
    expect(afterUnfollowError(missing, 0)).toEqual({
      kind: 'fail',
      message: 'This account was deactivated on X: there is nothing to unfollow.',
    });
  });

  it("waits for X's reset plus the jitter, and retries what failed in passing", () => {
    const limited = sortXError(xAnswer(429, { title: 'Too Many Requests' }, NOW / 1000 + 600), NOW);
    expect(afterUnfollowError(limited, 12_345)).toEqual({
      kind: 'wait',
      until: NOW + 600_000 + 12_345,
      reason: 'rate_limited',
    });
    expect(afterUnfollowError(sortXError(xAnswer(502, { title: 'Bad Gateway' }), NOW), 0)).toMatchObject({
      kind: 'retry',
    });
  });
});
