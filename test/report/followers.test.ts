import { parse } from 'csv-parse/sync';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { FOLLOWER_CATEGORIES, type FollowersAudit } from '../../src/model.js';
import {
  FOLLOWER_CSV_COLUMNS,
  followersCsvPath,
  followersToCsv,
  renderFollowersText,
  shareText,
} from '../../src/report/followers.js';

const zeros = Object.fromEntries(
  FOLLOWER_CATEGORIES.map((c) => [c, 0]),
) as FollowersAudit['summary']['byCategory'];
const share = (count: number, of: number, low: number, high: number, exact = false) => ({
  count,
  of,
  share: count / of,
  low,
  high,
  exact,
});

const audit: FollowersAudit = {
  summary: {
    followers: 20_000,
    population: 'sample',
    sampled: 1_000,
    judged: 998,
    shape: {
      genuine: share(800, 998, 0.775, 0.825),
      engaged: share(300, 20_000, 0.015, 0.015, true),
      fake: share(120, 998, 0.101, 0.141),
      inactive: share(78, 998, 0.063, 0.096),
    },
    byCategory: { ...zeros, fake: 1, loyal: 1, engaged: 1 },
    previousAuditAt: '2026-11-01T12:00:00.000Z',
    unconfirmedLost: 0,
    notes: ['A uniform random sample of 1,000 of your 20,000 followers was drawn.'],
    cost: { calls: 10, users: 1_000, dollars: 10 },
  },
  followers: [
    {
      id: '1',
      handle: 'ruth',
      name: 'Ruth',
      categories: ['loyal', 'engaged'],
      reasons: ['engaged across months', '6 replies'],
      botScore: 0.02,
      lastActiveAt: null,
      lastInteractionAt: '2026-11-15T10:00:00.000Z',
      strength: 2.5,
      followedBack: true,
      judged: true,
    },
    {
      id: '2',
      handle: 'mk123',
      name: '=HYPERLINK("x")',
      categories: ['fake'],
      reasons: ['bot score 0.97: follows 4,810'],
      botScore: 0.97,
      lastActiveAt: null,
      lastInteractionAt: null,
      strength: 0,
      followedBack: false,
      judged: true,
    },
  ],
};

describe('the followers section of the report', () => {
  it('says a share with its interval and the number judged, or exactly', () => {
    expect(shareText(audit.summary.shape.fake)).toBe('12% (95% interval 10%–14%, 998 judged)');
    expect(shareText(audit.summary.shape.engaged)).toBe('1.5% (300 of 20,000)');
    expect(shareText(share(0, 0, 0, 1))).toBe('unknown (no profile judged)');
  });

  it('prints the shape, the cost and each group once, under its first category', () => {
    const lines = renderFollowersText(audit, pc.createColors(false));
    const text = lines.join('\n');
    expect(text).toContain('FOLLOWERS (20,000)');
    expect(text).toContain('from a random sample of 1,000 followers (998 profiles judged)');
    expect(text).toContain('X API: 10 calls, 1,000 accounts looked up, about $10.00');
    expect(text.match(/@ruth/g)).toHaveLength(1);
    expect(text).toContain('@ruth (Ruth) — also engaged');
  });

  it('writes one CSV row per follower, formulas made inert', () => {
    const rows = parse(followersToCsv(audit)) as string[][];
    expect(rows[0]).toEqual([...FOLLOWER_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[2]![2]).toBe(`'=HYPERLINK("x")`);
    expect(rows[1]![3]).toBe('loyal; engaged');
    expect(followersCsvPath('out/audit.csv')).toBe('out/audit.followers.csv');
    expect(followersCsvPath('audit')).toBe('audit.followers.csv');
  });
});
