import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model.js';
import { inAppCheck } from '../../src/unfollows/in-app-check.js';

/** What a later Instagram audit says of the accounts marked to unfollow in the app. */
function following(handles: string[], platform: AuditReport['platform'] = 'instagram'): AuditReport {
  return {
    platform,
    owner: { id: null, handle: 'owner' },
    generatedAt: '2026-12-01T00:00:00.000Z',
    interests: { terms: [], source: 'none' },
    accounts: handles.map((handle) => ({
      id: null,
      handle,
      name: null,
      categories: [],
      reasons: [],
      verdict: 'keep',
      verdictReason: 'nothing flagged',
      botScore: null,
      lastActiveAt: null,
      lastInteractionAt: null,
      strength: 0,
      tier: null,
      duplicateOf: null,
    })),
    summary: {
      following: handles.length,
      followers: null,
      byCategory: {} as never,
      byVerdict: {} as never,
      skippedChecks: [],
    },
    warnings: [],
  };
}

describe('the in-app unfollow check', () => {
  const marked = Array.from({ length: 15 }, (_, i) => `acct_${i + 1}`);

  it('counts what the new export no longer follows, and names what it still does', () => {
    const report = following(['friend', 'ACCT_2', 'acct_7', 'acct_12']);
    expect(inAppCheck(marked, report)).toBe(
      'You unfollowed 12 of the 15 accounts you marked to unfollow in the app; 3 are still followed: @acct_2, @acct_7, @acct_12.',
    );
  });

  it('names at most five, and says how many more', () => {
    expect(inAppCheck(marked, following(marked))).toBe(
      'You unfollowed 0 of the 15 accounts you marked to unfollow in the app; 15 are still followed: @acct_1, @acct_2, @acct_3, @acct_4, @acct_5 and 10 more.',
    );
  });

  it('says so when all are done, and nothing when nothing was marked or the audit is not of Instagram', () => {
    expect(inAppCheck(marked, following(['friend']))).toBe(
      'You unfollowed all 15 accounts you marked to unfollow in the app.',
    );
    expect(inAppCheck(['solo'], following([]))).toBe(
      'You unfollowed the one account you marked to unfollow in the app.',
    );
    expect(inAppCheck([], following(['x']))).toBeNull();
    expect(inAppCheck(marked, following(marked, 'x'))).toBeNull();
  });
});
