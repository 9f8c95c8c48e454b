import { describe, expect, it } from 'vitest';
import {
  estimateShare,
  followersListCost,
  lookupCost,
  sampleIds,
  seededRandom,
  usersWithin,
} from '../../src/engine/follower-sampling.js';

/** A population of 20,000 follower ids, 12% of them fake, the fakes gathered at the newest end as on X. */
function population(): { ids: string[]; fake: Set<string> } {
  const ids = Array.from({ length: 20_000 }, (_, i) => String(1_000_000_000 + i * 7919));
  return { ids, fake: new Set(ids.slice(-2_400)) };
}

describe('sampling followers', () => {
  it('draws the same sample for the same seed, whatever order the ids came in', () => {
    const { ids } = population();
    const a = sampleIds(ids, 1_000, 7);
    const b = sampleIds([...ids].reverse(), 1_000, 7);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(1_000);
    expect(sampleIds(ids, 1_000, 8)).not.toEqual(a);
    expect(sampleIds(ids.slice(0, 10), 1_000, 7)).toHaveLength(10);
  });

  it('gives each id the same chance: first and last tenths are drawn alike', () => {
    const { ids } = population();
    const index = new Map(ids.map((id, i) => [id, i]));
    let first = 0;
    let last = 0;
    for (let seed = 1; seed <= 40; seed++) {
      for (const id of sampleIds(ids, 1_000, seed)) {
        const i = index.get(id)!;
        if (i < 2_000) first++;
        else if (i >= 18_000) last++;
      }
    }
    // 40 samples × 1,000 × one tenth = 4,000 expected in each; sd ≈ 60.
    expect(Math.abs(first - 4_000)).toBeLessThan(300);
    expect(Math.abs(last - 4_000)).toBeLessThan(300);
  });

  // 12%, and 2% (a small share, where the textbook interval falls short and Wilson's holds).
  it.each([2_400, 400])(
    'holds the true share (%i of 20,000) inside its 95 in 100 interval for about 95 of 100 seeds',
    (fakes) => {
      const { ids } = population();
      const fake = new Set(ids.slice(-fakes));
      const truth = fakes / ids.length;
      const seeds = 400;
      let covered = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const sample = sampleIds(ids, 1_000, seed);
        const count = sample.filter((id) => fake.has(id)).length;
        const share = estimateShare(count, sample.length, ids.length);
        if (share.low <= truth && truth <= share.high) covered++;
      }
      // Binomial(400, 0.95): 380 expected, sd ≈ 4.4. Without-replacement sampling only raises coverage.
      expect(covered / seeds).toBeGreaterThan(0.92);
      expect(covered / seeds).toBeLessThan(0.995);
    },
  );

  it('is exact when the sample is the whole population, and wide when nothing was judged', () => {
    expect(estimateShare(3, 10, 10)).toEqual({
      count: 3,
      of: 10,
      share: 0.3,
      low: 0.3,
      high: 0.3,
      exact: true,
    });
    expect(estimateShare(0, 0, 10)).toMatchObject({ low: 0, high: 1, exact: false });
    const none = estimateShare(0, 1_000, 20_000);
    expect(none.low).toBe(0);
    expect(none.high).toBeGreaterThan(0.003);
    expect(none.high).toBeLessThan(0.005);
  });

  it('draws numbers in [0, 1) from a seed', () => {
    const r = seededRandom(1);
    const xs = Array.from({ length: 1_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('the cost of a followers audit, at X’s price per account read', () => {
  it('looks up 100 ids a call and reads 1,000 followers a page', () => {
    expect(lookupCost(1_000)).toEqual({ calls: 10, users: 1_000, dollars: 10 });
    expect(lookupCost(1_001)).toEqual({ calls: 11, users: 1_001, dollars: 10.01 });
    expect(followersListCost(20_000)).toEqual({ calls: 20, users: 20_000, dollars: 200 });
    expect(usersWithin(10)).toBe(1_000);
    expect(usersWithin(0.07)).toBe(7);
  });
});
