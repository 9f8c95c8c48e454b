import type { AccountReport, AuditReport, Platform, Verdict } from '../../../src/model.js';

export interface Flag {
  id: string;
  handle: string;
  verdict: Verdict;
}

export function account({ id, handle, verdict }: Flag): AccountReport {
  return {
    id,
    handle,
    name: null,
    categories: verdict === 'unfollow' ? ['bot'] : ['dormant'],
    reasons: [`reason of @${handle}`],
    verdict,
    verdictReason: `why ${verdict} @${handle}`,
    botScore: null,
    lastActiveAt: null,
    lastInteractionAt: null,
    strength: 0,
    tier: null,
    duplicateOf: null,
  };
}

/** An Instagram report, as an export alone gives it, knows accounts by username only. */
export function reportOf(flags: Flag[], platform: Platform = 'x'): AuditReport {
  const instagram = platform === 'instagram';
  return {
    platform,
    owner: { id: instagram ? null : '1', handle: 'owner' },
    generatedAt: '2026-11-20T11:00:00.000Z',
    interests: { terms: [], source: 'none' },
    accounts: flags.map((f) => ({ ...account(f), ...(instagram ? { id: null } : {}) })),
    warnings: [],
    summary: {
      following: flags.length,
      followers: null,
      byCategory: {} as never,
      byVerdict: {} as never,
      skippedChecks: [],
    },
  };
}

/**
 * 8 to unfollow, 5 to review and 3 that are not for pruning, mixed as a report ranks them: the review
 * lists u1…u8, r1, r2 on page 1 and r3…r5 on page 2.
 */
export function mixedFlags(): Flag[] {
  const u = (n: number): Flag => ({ id: `${1000 + n}`, handle: `unf_${n}`, verdict: 'unfollow' });
  const r = (n: number): Flag => ({ id: `${2000 + n}`, handle: `rev_${n}`, verdict: 'review' });
  const k = (n: number): Flag => ({
    id: `${3000 + n}`,
    handle: `keep_${n}`,
    verdict: n === 1 ? 'nurture' : 'keep',
  });
  return [r(1), u(1), k(1), u(2), r(2), u(3), u(4), r(3), u(5), k(2), u(6), r(4), u(7), u(8), k(3), r(5)];
}

export const PAGE_1 = [
  'unf_1',
  'unf_2',
  'unf_3',
  'unf_4',
  'unf_5',
  'unf_6',
  'unf_7',
  'unf_8',
  'rev_1',
  'rev_2',
];
export const PAGE_2 = ['rev_3', 'rev_4', 'rev_5'];
