/**
 * The /followers export as Discord takes it: as it is within the size Discord allows there, gzipped
 * and said so above it, refused in words when even that is too large.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { followersExport } from '../../../src/bot/render/followers.js';
import { FOLLOWER_CATEGORIES, type AuditReport, type FollowersAudit } from '../../../src/model.js';

const zeros = Object.fromEntries(
  FOLLOWER_CATEGORIES.map((c) => [c, 0]),
) as FollowersAudit['summary']['byCategory'];
const exact = { count: 0, of: 1, share: 0, low: 0, high: 0, exact: true };

function reportWith(followers: number): AuditReport {
  const audit: FollowersAudit = {
    summary: {
      followers,
      population: 'all',
      sampled: followers,
      judged: followers,
      shape: { genuine: exact, engaged: exact, fake: exact, inactive: exact },
      byCategory: { ...zeros, fake: followers },
      previousAuditAt: null,
      unconfirmedLost: 0,
      notes: [],
      cost: null,
    },
    followers: Array.from({ length: followers }, (_, i) => ({
      id: String(1_000_000 + i),
      handle: `follow${i}`,
      name: 'Daily Feed',
      categories: ['fake' as const],
      reasons: ['bot score 0.99: posts 402 times a day, follows 4,829, followed by 27'],
      botScore: 0.99,
      lastActiveAt: null,
      lastInteractionAt: null,
      strength: 0,
      followedBack: false,
      judged: true,
    })),
  };
  return { platform: 'x', generatedAt: '2026-11-20T12:00:00.000Z', followers: audit } as AuditReport;
}

describe('the followers export', () => {
  it('goes as it is where Discord takes it', () => {
    const { file, note } = followersExport(reportWith(10), 'csv');
    expect(file.name).toBe('tend-followers-x-2026-11-20.csv');
    expect(note).toBeNull();
  });

  it('is gzipped, and says so, where it is over what Discord takes there', () => {
    const report = reportWith(2_000);
    const plain = followersExport(report, 'json').file.attachment as Buffer;
    const { file, note } = followersExport(report, 'json', Math.floor(plain.length / 2));
    expect(file.name).toBe('tend-followers-x-2026-11-20.json.gz');
    expect(gunzipSync(file.attachment as Buffer).equals(plain)).toBe(true);
    expect(note).toMatch(/Compressed with gzip/);
  });

  it('is refused in words when even compressed it is too large', () => {
    expect(() => followersExport(reportWith(2_000), 'csv', 1_000)).toThrow(/too large for Discord/);
  });
});
