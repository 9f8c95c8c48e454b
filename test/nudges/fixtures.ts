import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport } from '../../src/model.js';
import type { DigestPlan, DigestPerson } from '../../src/nudges/plan.js';

export const NOW = Date.parse('2026-06-01T12:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (days: number) => NOW - days * DAY;
export const isoDaysAgo = (days: number) => new Date(daysAgo(days)).toISOString();

/** A genuine follower gone quiet, as the engine reports one. */
export function nurtured(handle: string, overrides: Partial<AccountReport> = {}): AccountReport {
  return {
    id: `id-${handle}`,
    handle,
    name: handle[0]!.toUpperCase() + handle.slice(1),
    categories: ['neglected'],
    reasons: ['mutual and on-topic; you last replied 47 days ago (cadence 30 days)'],
    verdict: 'nurture',
    verdictReason:
      'a genuine follower you have gone quiet with: mutual and on-topic; you last replied 47 days ago (cadence 30 days)',
    botScore: 0.05,
    lastActiveAt: isoDaysAgo(100),
    lastInteractionAt: isoDaysAgo(47),
    strength: 8,
    tier: 'regular',
    duplicateOf: null,
    ...overrides,
  };
}

/** An account the audit keeps: never a nudge. */
export function kept(handle: string): AccountReport {
  return nurtured(handle, { categories: [], reasons: [], verdict: 'keep', verdictReason: 'nothing flagged' });
}

export function reportOf(accounts: AccountReport[]): AuditReport {
  const byCategory = Object.fromEntries(
    CATEGORIES.map((c) => [c, accounts.filter((a) => a.categories.includes(c)).length]),
  ) as AuditReport['summary']['byCategory'];
  const byVerdict = Object.fromEntries(
    VERDICTS.map((v) => [v, accounts.filter((a) => a.verdict === v).length]),
  ) as AuditReport['summary']['byVerdict'];
  return {
    platform: 'x',
    owner: { id: '9', handle: 'ottilie' },
    generatedAt: new Date(NOW).toISOString(),
    interests: { terms: ['opera'], source: 'explicit' },
    accounts,
    warnings: [],
    summary: { following: accounts.length, followers: 420, byCategory, byVerdict, skippedChecks: [] },
  };
}

export function digestPerson(handle: string, overrides: Partial<DigestPerson> = {}): DigestPerson {
  return {
    key: `id:id-${handle}`,
    id: `id-${handle}`,
    handle,
    name: handle,
    why: 'mutual and on-topic; you last replied 47 days ago',
    recent: {
      text: 'Opening night at the Royal Opera House tonight',
      at: daysAgo(2),
      url: `https://x.com/${handle}/status/1790000000000000001`,
    },
    ...overrides,
  };
}

export function planOf(people: DigestPerson[], more = 0): DigestPlan {
  return { platform: 'x', people, more, nurture: people.length + more };
}
