import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model.js';
import { personKeys } from '../../src/store/keys.js';
import { REPORT_TTL_MS, ReportStore } from '../../src/store/reports.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('reports');

function report(following: number): AuditReport {
  return {
    platform: 'x',
    owner: { id: '9001', handle: 'ottilie' },
    generatedAt: '2026-11-20T12:00:00.000Z',
    interests: { terms: ['opera'], source: 'explicit' },
    accounts: [],
    summary: {
      following,
      followers: 420,
      byCategory: {
        not_following_back: 0,
        bot: 0,
        low_interaction: 0,
        off_topic: 0,
        dormant: 0,
        gone: 0,
        duplicate: 0,
        neglected: 0,
      },
      byVerdict: { unfollow: 0, review: 0, nurture: 0, keep: following },
      skippedChecks: [],
    },
    warnings: [],
  };
}

describe('reports', () => {
  it("keeps each person's latest report, the newer replacing the older", async () => {
    const reports = new ReportStore(db.redis, db.prefix);
    await reports.save('1', { auditId: 'a1', savedAt: 1, report: report(100) });
    await reports.save('1', { auditId: 'a2', savedAt: 2, report: report(108) });
    expect(await reports.latest('1')).toEqual({ auditId: 'a2', savedAt: 2, report: report(108) });
    expect(await reports.latest('2')).toBeNull();
  });

  it('stores a report in a fraction of its JSON size, and still reads one stored as plain JSON', async () => {
    const reports = new ReportStore(db.redis, db.prefix);
    const big = report(2_000);
    big.accounts = Array.from({ length: 2_000 }, (_, i) => ({
      id: String(1_000_000 + i),
      handle: `account_${i}`,
      name: `Account ${i}`,
      categories: ['not_following_back', 'low_interaction'],
      reasons: ['does not follow you back', 'no interaction either way in 180 days (none on record)'],
      verdict: 'review',
      verdictReason: 'weak signals only: does not follow you back and no interaction in 180 days',
      botScore: 0.12,
      lastActiveAt: '2026-11-02T10:00:00.000Z',
      lastInteractionAt: null,
      strength: 0,
      tier: null,
      duplicateOf: null,
    }));
    const stored = { auditId: 'big', savedAt: 5, report: big };
    await reports.save('5', stored);
    const key = personKeys(db.prefix, '5').report;
    expect(await db.redis.strlen(key)).toBeLessThan(JSON.stringify(stored).length / 5);
    expect(await reports.latest('5')).toEqual(stored);

    await db.redis.set(key, JSON.stringify({ auditId: 'older', savedAt: 4, report: report(3) }));
    expect(await reports.latest('5')).toEqual({ auditId: 'older', savedAt: 4, report: report(3) });
  });

  it('lets Redis forget a report after its TTL (30 days by default)', async () => {
    await new ReportStore(db.redis, db.prefix).save('3', { auditId: 'a', savedAt: 1, report: report(1) });
    const ttl = await db.redis.pttl(personKeys(db.prefix, '3').report);
    expect(ttl).toBeGreaterThan(REPORT_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(REPORT_TTL_MS);
    expect(REPORT_TTL_MS).toBe(30 * 86_400_000);

    const shortLived = new ReportStore(db.redis, db.prefix, 40);
    await shortLived.save('4', { auditId: 'b', savedAt: 1, report: report(1) });
    expect(await shortLived.latest('4')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await shortLived.latest('4')).toBeNull();
  });
});
