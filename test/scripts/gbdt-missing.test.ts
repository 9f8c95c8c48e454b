import { describe, expect, it } from 'vitest';
import { trainGbdt, treeValue, type GbdtParams } from '../../scripts/bots/gbdt.js';

/**
 * Feature 0 tells bots (high) from humans (low); feature 1 is known only for bots and missing for
 * every human, like likes in a collection that never recorded them.
 */
function data() {
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const bot = i % 2;
    x.push(Float64Array.of(bot ? 5 + (i % 7) : i % 7, bot ? i % 5 : NaN));
    y.push(bot);
  }
  return { x, y: Uint8Array.from(y), w: new Float64Array(200).fill(1) };
}
const params: GbdtParams = {
  trees: 30,
  depth: 1,
  learningRate: 0.3,
  lambda: 1,
  minChildWeight: 1,
  subsample: 1,
  bins: 16,
  seed: 1,
};
const margin = (model: ReturnType<typeof trainGbdt>, x: ArrayLike<number>, missing: GbdtParams['missing']) =>
  model.trees.reduce((m, t) => m + treeValue(t, x, missing), model.base);

describe('scripts/bots/gbdt.ts missing values', () => {
  it('learned by default: a fact missing only for humans becomes evidence of a human', () => {
    const model = trainGbdt(data(), params);
    const known = margin(model, [8, 2], 'learn');
    const lacking = margin(model, [8, NaN], 'learn');
    expect(lacking).toBeLessThan(known - 0.5);
  });

  it('neutral: a missing fact takes what each tree predicts on average, and pushes less than when learned', () => {
    const learned = trainGbdt(data(), params);
    const model = trainGbdt(data(), { ...params, missing: 'neutral' });
    const rootsOnly = model.trees.reduce((m, t) => m + t.value[0]!, model.base);
    expect(margin(model, [NaN, NaN], 'neutral')).toBeCloseTo(rootsOnly, 9);
    const gap = (m: ReturnType<typeof trainGbdt>, missing: GbdtParams['missing']) =>
      margin(m, [8, 2], missing) - margin(m, [8, NaN], missing);
    expect(Math.abs(gap(model, 'neutral'))).toBeLessThan(Math.abs(gap(learned, 'learn')) / 2);
    expect(margin(model, [8, NaN], 'neutral')).toBeGreaterThan(margin(model, [1, NaN], 'neutral'));
  });
});
