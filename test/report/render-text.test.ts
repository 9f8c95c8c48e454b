import { describe, it, expect } from 'vitest';
import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import { renderText } from '../../src/report/render-text.js';
import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport } from '../../src/model.js';

const zeros = <K extends string>(ids: readonly K[]) =>
  Object.fromEntries(ids.map((id) => [id, 0])) as Record<K, number>;

function account(handle: string, overrides: Partial<AccountReport>): AccountReport {
  return {
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
    ...overrides,
  };
}

const report: AuditReport = {
  platform: 'x',
  owner: { id: '1', handle: 'ottilie' },
  generatedAt: '2026-11-20T12:00:00.000Z',
  interests: { terms: ['opera'], source: 'explicit' },
  warnings: ['The export is old.'],
  accounts: [
    account('news123', {
      categories: ['bot'],
      reasons: ['bot score 0.97: posts 96 times a day'],
      verdict: 'unfollow',
      verdictReason: 'likely a bot (0.97)',
    }),
    account('friend', {}),
    account('house', {
      categories: ['not_following_back'],
      reasons: ['does not follow you back'],
      verdictReason: 'normal for an account about opera',
    }),
  ],
  summary: {
    following: 3,
    followers: 10,
    byCategory: { ...zeros(CATEGORIES), bot: 1, not_following_back: 1 },
    byVerdict: { ...zeros(VERDICTS), unfollow: 1, keep: 2 },
    skippedChecks: [],
  },
};

describe('the terminal report', () => {
  it('lines up the same with colours as without', () => {
    const plain = renderText(report, { colors: pc.createColors(false), all: false });
    const coloured = renderText(report, { colors: pc.createColors(true), all: false });
    expect(coloured).not.toBe(plain);
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it('lists flagged kept accounts and only counts the rest unless asked for all', () => {
    const brief = renderText(report, { colors: pc.createColors(false), all: false });
    expect(brief).toContain('@house');
    expect(brief).not.toContain('@friend');
    expect(brief).toContain('… and 1 more with nothing against them (--all lists them)');
    expect(renderText(report, { colors: pc.createColors(false), all: true })).toContain('@friend');
  });
});
