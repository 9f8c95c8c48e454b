import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { reportToCsv, CSV_COLUMNS } from '../../src/report/csv.js';
import type { AccountReport, AuditReport } from '../../src/model.js';

function account(overrides: Partial<AccountReport>): AccountReport {
  return {
    id: '1',
    handle: 'someone',
    name: 'Someone',
    categories: ['bot', 'off_topic'],
    reasons: ['bot score 0.91: posts 96 times a day', 'spam: giveaway ("win, an iphone")'],
    verdict: 'unfollow',
    verdictReason: 'likely a bot (0.91) and spam',
    botScore: 0.91,
    lastActiveAt: '2026-11-19T10:00:00.000Z',
    lastInteractionAt: null,
    strength: 0,
    tier: null,
    duplicateOf: null,
    ...overrides,
  };
}

function report(accounts: AccountReport[]): AuditReport {
  return {
    platform: 'x',
    owner: { id: '9', handle: 'owner' },
    generatedAt: '2026-11-20T12:00:00.000Z',
    interests: { terms: [], source: 'none' },
    accounts,
    warnings: [],
    summary: {
      following: accounts.length,
      followers: 0,
      byCategory: {} as never,
      byVerdict: {} as never,
      skippedChecks: [],
    },
  };
}

describe('the CSV export', () => {
  it('has one row per account, lists joined with "; ", commas and quotes intact', () => {
    const rows = parse(
      reportToCsv(report([account({}), account({ id: '2', handle: 'other', verdict: 'keep' })])),
      { columns: true },
    ) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: '1',
      handle: 'someone',
      categories: 'bot; off_topic',
      bot_score: '0.91',
      last_interaction_at: '',
    });
    expect(rows[0]!.reasons).toBe('bot score 0.91: posts 96 times a day; spam: giveaway ("win, an iphone")');
  });

  it('never lets a name or a quoted bio run as a spreadsheet formula', () => {
    const hostile = account({
      name: '=HYPERLINK("http://evil.example","click")',
      reasons: ['+cmd|calc'],
      handle: '@x',
    });
    const [row] = parse(reportToCsv(report([hostile])), { columns: true }) as Record<string, string>[];
    expect(row!.name).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(row!.reasons).toBe("'+cmd|calc");
    expect(row!.handle).toBe("'@x");
  });
});
