/**
 * The shipped bot model is 200 trees of one split each, and `botMargin` scores such models through
 * `Stumps` (one comparison per tree) instead of walking nodes. A score must not move by a bit for that:
 * the margin of every vector is compared, with `Object.is`, to a plain walk of the trees as the model
 * file holds them (the reading `BotTree`'s comment gives), on vectors fast-check draws from what
 * decides a split — missing values, infinities, each threshold the model splits at and the doubles
 * either side of it — and on made-up models of stumps and leaves. The scorer computes only the
 * features the model splits on; its scores and reasons are held to those of the whole feature vector
 * on made-up profiles. Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOT_FEATURES, botFeatures } from '../../src/engine/bot-features.js';
import {
  botContributions,
  botMargin,
  compileBotModel,
  sigmoid,
  type BotTree,
} from '../../src/engine/bot-model.js';
import { botReasons } from '../../src/engine/bot-reasons.js';
import { modelBotScorer } from '../../src/engine/bot-score.js';
import { defaultBotModel } from '../../src/engine/default-bot-model.js';
import type { Profile } from '../../src/model.js';

/** The model file's trees read as documented, node by node, and their leaves summed in tree order. */
function plainMargin(base: number, trees: readonly BotTree[], x: ArrayLike<number>): number {
  let margin = base;
  for (const tree of trees) {
    let node = 0;
    while (tree.feature[node] !== -1) {
      const v = x[tree.feature[node]!]!;
      const left = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v < tree.threshold[node]!;
      node = left ? tree.left[node]! : tree.right[node]!;
    }
    margin += tree.value[node]!;
  }
  return margin;
}

/** The doubles next to `x`: a threshold's neighbours are where a split turns. */
function nextAfter(x: number, up: boolean): number {
  const bits = new Float64Array([x]);
  const int = new BigInt64Array(bits.buffer);
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  int[0] = int[0]! + (x > 0 === up ? 1n : -1n);
  return bits[0]!;
}

/** What a feature may hold: missing, infinite, a threshold split at or next to one, or anything between. */
function featureValue(thresholds: readonly number[]): fc.Arbitrary<number> {
  const near =
    thresholds.length > 0
      ? fc
          .tuple(fc.constantFrom(...thresholds), fc.constantFrom(-1, 0, 1))
          .map(([t, side]) => (side === 0 ? t : nextAfter(t, side > 0)))
      : fc.constant(0);
  return fc.oneof(
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0),
    near,
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  );
}

const model = defaultBotModel();
const compiled = compileBotModel(model);

describe('the shipped bot model scored as stumps', () => {
  it('is read as stumps (every tree one split), not walked', () => {
    expect(compiled.stumps).not.toBeNull();
  });

  it('gives the plain walk of its trees to the last bit', () => {
    const thresholdsOf = BOT_FEATURES.map((_, f) =>
      model.trees.flatMap((t) => t.feature.flatMap((g, i) => (g === f ? [t.threshold[i]!] : []))),
    );
    const vector = fc.tuple(...thresholdsOf.map(featureValue));
    fc.assert(
      fc.property(vector, (x) => {
        const expected = plainMargin(model.base, model.trees, x);
        expect(Object.is(botMargin(compiled, x), expected)).toBe(true);
        expect(Object.is(botMargin({ ...compiled, stumps: null }, x), expected)).toBe(true);
      }),
      { seed: 12, numRuns: 5000 },
    );
  });
});

/** A stump on one of `features` features, or a lone leaf; values as a trainer's shares of the margin. */
function stump(features: number): fc.Arbitrary<BotTree> {
  const value = fc.double({ min: -1, max: 1, noNaN: true });
  const split = fc
    .record({
      feature: fc.integer({ min: 0, max: features - 1 }),
      threshold: fc.double({ min: -10, max: 10, noNaN: true }),
      missingLeft: fc.constantFrom(0, 1),
      values: fc.tuple(value, value, value),
    })
    .map(({ feature, threshold, missingLeft, values }): BotTree => ({
      feature: [feature, -1, -1],
      threshold: [threshold, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      missingLeft: [missingLeft, 0, 0],
      value: values,
    }));
  const leaf = value.map((v): BotTree => ({
    feature: [-1],
    threshold: [0],
    left: [-1],
    right: [-1],
    missingLeft: [0],
    value: [v],
  }));
  return fc.oneof({ arbitrary: split, weight: 5 }, { arbitrary: leaf, weight: 1 });
}

describe('models of stumps and leaves', () => {
  it('score as their plain walk, to the last bit', () => {
    const features = 6;
    const drawn = fc
      .tuple(
        fc.array(stump(features), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
      )
      .chain(([trees, base]) => {
        const thresholds = trees.filter((t) => t.feature[0] !== -1).map((t) => t.threshold[0]!);
        const vectors = fc.array(
          fc.array(featureValue(thresholds), { minLength: features, maxLength: features }),
          {
            minLength: 1,
            maxLength: 20,
          },
        );
        return vectors.map((xs) => ({ trees, base, xs }));
      });
    fc.assert(
      fc.property(drawn, ({ trees, base, xs }) => {
        const m = compileBotModel({ base, trees });
        expect(m.stumps).not.toBeNull();
        for (const x of xs) expect(Object.is(botMargin(m, x), plainMargin(base, trees, x))).toBe(true);
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('leave a tree of two splits to the walk, which scores it as before', () => {
    const deep: BotTree = {
      feature: [0, -1, 1, -1, -1],
      threshold: [0.5, 0, -1, 0, 0],
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      missingLeft: [1, 0, 0, 0, 0],
      value: [0, -0.5, 0.5, 2, 0.25],
    };
    const m = compileBotModel({ base: -1, trees: [deep] });
    expect(m.stumps).toBeNull();
    expect(botMargin(m, [1, -2])).toBe(1);
    expect(botMargin(m, [Number.NaN, 0])).toBe(-1.5);
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const count = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 50_000 }), fc.nat());
const bioWords = fc.constantFrom(
  'opera',
  'fan',
  'bot',
  'automated',
  'every 6 hours',
  'free',
  'click',
  'follow me',
  'crypto',
  'https://t.co/x',
  'site.com',
  '@someone',
  '#tag',
  'not a bot',
  '18+',
  ' ',
  '',
);
const profile: fc.Arbitrary<Profile> = fc
  .record({
    handle: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9_]{1,15}$/)),
    bio: fc.oneof(
      fc.constant(undefined),
      fc.array(bioWords, { maxLength: 8 }).map((w) => w.join(' ')),
    ),
    location: fc.constantFrom(undefined, '', 'London', '  '),
    createdAt: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 6000 }).map((d) => NOW - d * DAY),
    ),
    postCount: count,
    likeCount: count,
    followersCount: count,
    followingCount: count,
    defaultAvatar: fc.constantFrom(undefined, true, false),
  })
  .map((p) => ({ id: '1', ...p }) as Profile);

describe('the model scorer', () => {
  it('scores and words reasons as from the whole feature vector, computing only what the model splits on', () => {
    const scorer = modelBotScorer(model, 0);
    fc.assert(
      fc.property(profile, (p) => {
        const result = scorer.score(p, NOW);
        if (result === null) return;
        const x = botFeatures(p, NOW, model.bigrams);
        expect(Object.is(result.score, sigmoid(botMargin(compiled, x)))).toBe(true);
        const contributions = botContributions(compiled, x, new Float64Array(BOT_FEATURES.length));
        expect(result.reasons).toEqual(botReasons(p, NOW, x, contributions));
      }),
      { seed: 12, numRuns: 3000 },
    );
  });
});
