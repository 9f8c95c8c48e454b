/**
 * Compares variants of the bot model on the figures that matter — collections it never saw — without
 * writing anything: the tool behind "tried X: AUC went from a to b" in docs/MODEL.md.
 *
 *   npx tsx scripts/bots/experiment.ts --data A.csv --data B.csv --variant shipped --variant depth4 [--no-pairs]
 *
 * For each variant: leave-one-source-out AUC per source, bots of one source against humans of
 * another (not with --no-pairs, which saves most of the time), and the lowest threshold at which at most 1% of the humans of unseen sources are flagged
 * (each scored by the model trained without its source), with the share of bots caught there.
 */
import { parseArgs } from 'node:util';
import { BOT_FEATURES, type BotFeature } from '../../src/engine/bot-features.js';
import { compileBotModel, botMargin, sigmoid } from '../../src/engine/bot-model.js';
import { englishBigrams, loadRows, sourceBalancedWeights } from './dataset.js';
import { trainGbdt, type GbdtParams } from './gbdt.js';
import { logisticMargin, trainLogistic } from './logistic.js';
import { atThreshold } from './metrics.js';
import { PARAMS, excluded, monotone } from './params.js';
import { crossSourcePairs, leaveOneSourceOut, type Fit, type Row } from './validate.js';

const MIN_SOURCE = 19;
const UNSEEN_HUMANS_BAR = 0.01;

const countsOut = ['log_posts', 'log_followers', 'log_following', 'log_likes'] as const;
/** The monotone directions of the model before posts per follower (docs/MODEL.md, "Tried and measured"). */
const BEFORE_DIRECTIONS = {
  follower_ratio: -1,
  default_avatar: 1,
  log_likes: -1,
  likes_per_day: -1,
  handle_likelihood: -1,
  handle_digits: 1,
  handle_trailing_digits: 1,
  bio_declares_bot: 1,
  bio_pitch: 1,
  location_present: -1,
  likes_per_post: -1,
} as const;
/**
 * The trees of depth 4 shipped before one split per tree (docs/MODEL.md): the variants measured
 * against them are built on these.
 */
const DEPTH4: GbdtParams = { ...PARAMS, trees: 50, depth: 4 };
/** The settings of the model before posts per follower: its directions, without posts per follower. */
const BEFORE: GbdtParams = {
  ...DEPTH4,
  monotone: monotone(BEFORE_DIRECTIONS),
  excluded: excluded([...countsOut, 'posts_per_follower']),
};
const withoutToo = (...features: BotFeature[]) => excluded([...countsOut, 'posts_per_follower', ...features]);

/** The shipped directions but for account age, left free. */
const ageFree = PARAMS.monotone!.map((d, i) => (BOT_FEATURES[i] === 'log_age_days' ? 0 : d));
/** The shipped directions with these features left free. */
const freed = (...features: BotFeature[]) =>
  PARAMS.monotone!.map((d, i) => (features.includes(BOT_FEATURES[i]!) ? 0 : d));
/** The shipped exclusions and these features. */
const shippedWithout = (...features: BotFeature[]) => excluded([...countsOut, ...features]);

interface Variant {
  params: GbdtParams;
  /** Which rows it may learn from. */
  keep?: (r: Row) => boolean;
  /** An L2 logistic model (this penalty) whose margin is averaged with the trees'. */
  logistic?: number;
  /** The logistic model alone. */
  logisticOnly?: boolean;
}

const VARIANTS: Record<string, Variant> = {
  shipped: { params: PARAMS },
  // One split per tree against the trees before it, and its neighbours.
  depth4: { params: DEPTH4 },
  depth2: { params: { ...PARAMS, depth: 2, trees: 100 } },
  trees100: { params: { ...PARAMS, trees: 100 } },
  trees400: { params: { ...PARAMS, trees: 400 } },
  slow: { params: { ...PARAMS, trees: 400, learningRate: 0.1 } },
  leaf100: { params: { ...PARAMS, minChildWeight: 100 } },
  colsample: { params: { ...PARAMS, colsample: 0.5 } },
  logistic: { params: PARAMS, logistic: 1, logisticOnly: true },
  withLogistic: { params: PARAMS, logistic: 1 },
  depth4WithLogistic: { params: DEPTH4, logistic: 1 },
  postsPerFollowerFree: { params: { ...PARAMS, monotone: freed('posts_per_follower') } },
  noAudience: {
    params: {
      ...PARAMS,
      excluded: shippedWithout('posts_per_follower', 'followers_per_day', 'following_per_day'),
    },
  },
  depth4PostsPerFollowerFree: { params: { ...DEPTH4, monotone: freed('posts_per_follower') } },
  // Measured on the trees of depth 4, before one split per tree.
  withoutAgeConstraint: { params: { ...DEPTH4, monotone: ageFree } },
  withoutAgeConstraintNorPostsPerFollower: {
    params: { ...DEPTH4, monotone: ageFree, excluded: withoutToo() },
  },
  before: { params: BEFORE },
  beforeWithPostsPerFollower: { params: { ...BEFORE, excluded: excluded([...countsOut]) } },
  postsMonotone: { params: { ...BEFORE, monotone: monotone({ ...BEFORE_DIRECTIONS, posts_per_day: 1 }) } },
  beforeDepth3: { params: { ...BEFORE, depth: 3 } },
  beforeDepth2: { params: { ...BEFORE, depth: 2, trees: 100 } },
  leaf50: { params: { ...BEFORE, minChildWeight: 50 } },
  noAge: { params: { ...BEFORE, excluded: withoutToo('log_age_days') } },
  noBioText: { params: { ...BEFORE, excluded: withoutToo('bio_hashtags', 'bio_links', 'bio_mentions') } },
  noHandleLength: { params: { ...BEFORE, excluded: withoutToo('handle_length') } },
};

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', multiple: true, default: [] },
    variant: { type: 'string', multiple: true, default: ['shipped'] },
    seed: { type: 'string' },
    'no-pairs': { type: 'boolean', default: false },
  },
});

const rows = await loadRows(args.data, englishBigrams());
const labels = rows.map((r) => r.y);
for (const name of args.variant) {
  const variant = VARIANTS[name];
  if (variant === undefined) throw new Error(`no variant ${name}: ${Object.keys(VARIANTS).join(', ')}`);
  const params = args.seed === undefined ? variant.params : { ...variant.params, seed: Number(args.seed) };
  const fit: Fit = (train) => {
    const kept = variant.keep ? train.filter(variant.keep) : train;
    const data = {
      x: kept.map((r) => r.x),
      y: Uint8Array.from(kept.map((r) => r.y)),
      w: sourceBalancedWeights(kept),
    };
    const linear =
      variant.logistic === undefined ? null : trainLogistic(data.x, data.y, data.w, variant.logistic);
    if (linear && variant.logisticOnly) return (x) => sigmoid(logisticMargin(linear, x));
    const model = compileBotModel(trainGbdt(data, params));
    if (linear) return (x) => sigmoid((botMargin(model, x) + logisticMargin(linear, x)) / 2);
    return (x) => sigmoid(botMargin(model, x));
  };
  const loso = leaveOneSourceOut(rows, fit, params.seed);
  const reported = loso.heldOut.filter((h) => h.bots >= MIN_SOURCE);
  const pairs = args['no-pairs'] ? [] : crossSourcePairs(rows, fit, MIN_SOURCE);
  let threshold = 0.99;
  for (let t = 0.5; t < 0.995; t = Number((t + 0.005).toFixed(3))) {
    if (atThreshold(loso.scores, labels, t).falsePositiveRate <= UNSEEN_HUMANS_BAR) {
      threshold = t;
      break;
    }
  }
  const at = atThreshold(loso.scores, labels, threshold);
  const perSource = [...new Set(rows.map((r) => r.source))].sort().map((source) => {
    const share = (y: 0 | 1) => {
      const group = rows.flatMap((r, i) => (r.source === source && r.y === y ? [i] : []));
      const n = group.filter((i) => loso.scores[i]! >= threshold).length;
      return group.length === 0 ? '—' : `${((100 * n) / group.length).toFixed(1)}%`;
    };
    return `${source} humans ${share(0)} bots ${share(1)}`;
  });
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  console.log(
    [
      `## ${name}`,
      ...reported.map((h) => `  ${h.source}: ${h.auc.toFixed(3)}`),
      `  LOSO mean ${mean(reported.map((h) => h.auc)).toFixed(3)}, lowest ${Math.min(...reported.map((h) => h.auc)).toFixed(3)}`,
      `  pairs mean ${mean(pairs.map((p) => p.auc)).toFixed(3)}, lowest ${Math.min(...pairs.map((p) => p.auc)).toFixed(3)} (${pairs.length})`,
      ...pairs.map((p) => `    ${p.bots} vs ${p.humans}: ${p.auc.toFixed(3)}`),
      `  unseen humans ≤ 1%: threshold ${threshold}, humans flagged ${(100 * at.falsePositiveRate).toFixed(2)}%, bots caught ${(100 * at.recall).toFixed(1)}%`,
      ...perSource.map((s) => `    ${s}`),
    ].join('\n'),
  );
}
