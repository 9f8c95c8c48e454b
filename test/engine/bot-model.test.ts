import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_FEATURES, FEATURE_INDEX, HANDLE_SYMBOLS } from '../../src/engine/bot-features.js';
import {
  botContributions,
  botMargin,
  compileBotModel,
  parseBotModel,
  type BotModel,
} from '../../src/engine/bot-model.js';
import { defaultBotModel } from '../../src/engine/default-bot-model.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';

const shipped = JSON.parse(
  readFileSync(new URL('../../src/engine/bot-model.json', import.meta.url), 'utf8'),
) as BotModel;

/** One tree: default avatar? then follower ratio. Values are shares of the margin. */
function tinyModel(): BotModel {
  const avatar = FEATURE_INDEX.default_avatar;
  const ratio = FEATURE_INDEX.follower_ratio;
  return {
    ...shipped,
    base: -1,
    trees: [
      {
        feature: [avatar, -1, ratio, -1, -1],
        threshold: [0.5, 0, -1, 0, 0],
        left: [1, -1, 3, -1, -1],
        right: [2, -1, 4, -1, -1],
        missingLeft: [1, 0, 0, 0, 0],
        value: [0, -0.5, 0.5, 2, 0.25],
      },
    ],
  };
}

const vector = (values: Partial<Record<(typeof BOT_FEATURES)[number], number>>) => {
  const x = new Float64Array(BOT_FEATURES.length).fill(Number.NaN);
  for (const [name, v] of Object.entries(values)) x[FEATURE_INDEX[name as keyof typeof FEATURE_INDEX]] = v;
  return x;
};

describe('the shipped bot model', () => {
  it('loads, names the features this version computes, and carries its threshold as the default', () => {
    const model = defaultBotModel();
    expect(model.features).toEqual([...BOT_FEATURES]);
    expect(model.trees.length).toBeGreaterThan(10);
    expect(model.bigrams.logProb).toHaveLength(HANDLE_SYMBOLS * HANDLE_SYMBOLS);
    expect(DEFAULT_THRESHOLDS.botThreshold).toBe(model.threshold);
    expect(model.threshold).toBeGreaterThanOrEqual(0.5);
  });

  it('says how it was trained and how it validated', () => {
    const { provenance } = defaultBotModel();
    expect(provenance).toMatchObject({ seed: expect.any(Number), accounts: expect.any(Number) });
    expect(Object.keys(provenance.leaveOneSourceOutAuc as object).length).toBeGreaterThanOrEqual(3);
  });
});

describe('parseBotModel', () => {
  it('refuses a model for other features, naming the fix', () => {
    expect(() => parseBotModel({ ...shipped, features: ['log_posts'] })).toThrow(
      /features differ .*retrain the model/,
    );
  });

  it('refuses a tree whose nodes point backwards or outside it', () => {
    const loop = { ...tinyModel().trees[0]!, left: [0, -1, 3, -1, -1] };
    expect(() => parseBotModel({ ...shipped, trees: [loop] })).toThrow(
      /trees\.0: a node points outside its tree/,
    );
    const unknownFeature = { ...tinyModel().trees[0]!, feature: [99, -1, 9, -1, -1] };
    expect(() => parseBotModel({ ...shipped, trees: [unknownFeature] })).toThrow(/unknown feature/);
  });

  it('refuses a file that is not a model', () => {
    expect(() => parseBotModel({ hello: 'world' })).toThrow(/Bot model file is not usable: format/);
    expect(() => parseBotModel({ ...shipped, threshold: 1.5 })).toThrow(/threshold/);
  });
});

describe('inference', () => {
  const model = compileBotModel(tinyModel());

  it('walks each tree to its leaf, sending a missing value the learned way', () => {
    expect(botMargin(model, vector({ default_avatar: 0 }))).toBe(-1.5);
    expect(botMargin(model, vector({ default_avatar: 1, follower_ratio: -2 }))).toBe(1);
    expect(botMargin(model, vector({ default_avatar: 1, follower_ratio: 0 }))).toBe(-0.75);
    expect(botMargin(model, vector({}))).toBe(-1.5);
  });

  it('attributes the margin to the features split on, summing to the margin', () => {
    const x = vector({ default_avatar: 1, follower_ratio: -2 });
    const c = botContributions(model, x, new Float64Array(BOT_FEATURES.length));
    expect(c[FEATURE_INDEX.default_avatar]).toBe(0.5);
    expect(c[FEATURE_INDEX.follower_ratio]).toBe(1.5);
    const total = c.reduce((s, v) => s + v, 0) + model.base + model.value[0]!;
    expect(total).toBeCloseTo(botMargin(model, x), 12);
  });
});
