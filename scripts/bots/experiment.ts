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
import { trainGbdt, treeValue, type GbdtParams } from './gbdt.js';
import { logisticMargin, trainLogistic } from './logistic.js';
import { atThreshold, auc } from './metrics.js';
import { PARAMS, excluded, monotone } from './params.js';
import { crossSourcePairs, leaveOneSourceOut, type Fit, type Row } from './validate.js';
import { seededRandom } from '../lib/seeded-random.js';

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
  /**
   * Random masking: in each training row that holds a group of facts some collections lack (likes,
   * avatar, bio text, handle text, location), the group is set missing with this probability, so the
   * trees learn what to say when a fact is absent from rows of every collection, not one.
   */
  mask?: number;
  /**
   * Data selection (Yang et al., AAAI 2020), nested: among the training collections, drop the one
   * whose absence most raises the mean AUC over the training collections that hold both classes,
   * each scored by a model trained without it; chosen on the training collections only.
   */
  select?: boolean;
  /**
   * Sign consistency, from the training collections only: a feature whose AUC inside one collection
   * is above 0.5 + `margin` and inside another below 0.5 − `margin` is not split on; with
   * `constrain`, a free feature whose direction agrees in every collection is held to it.
   */
  signs?: { margin: number; constrain: boolean; keepShipped: boolean };
  /**
   * Rates as ranks within an age band: each rate or ratio replaced by its quantile among the training
   * accounts of the same age band (under 1 year, 1–3, 3–6, over 6), learned from the training rows
   * whatever their label, and applied the same way to the accounts scored.
   */
  ageRanks?: boolean;
}

const RANKED: BotFeature[] = [
  'posts_per_day',
  'likes_per_day',
  'following_per_day',
  'followers_per_day',
  'follower_ratio',
  'likes_per_post',
  'posts_per_follower',
];
const AGE_BANDS_DAYS = [365, 3 * 365, 6 * 365];

function ageRanker(rows: readonly Row[]): (x: Float64Array) => Float64Array {
  const age = BOT_FEATURES.indexOf('log_age_days');
  const band = (x: Float64Array) => {
    const a = x[age]!;
    if (a !== a) return -1;
    return AGE_BANDS_DAYS.filter((d) => a >= Math.log10(d)).length;
  };
  const features = RANKED.map((f) => BOT_FEATURES.indexOf(f));
  const sorted = AGE_BANDS_DAYS.concat([0]).map((_, b) =>
    features.map((f) =>
      Float64Array.from(rows.filter((r) => band(r.x) === b && r.x[f] === r.x[f]).map((r) => r.x[f]!)).sort(),
    ),
  );
  return (x) => {
    const b = band(x);
    if (b < 0) return x;
    const out = Float64Array.from(x);
    features.forEach((f, k) => {
      const v = x[f]!;
      const values = sorted[b]![k]!;
      if (v !== v || values.length === 0) return;
      let lo = 0;
      let hi = values.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (values[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      out[f] = lo / values.length;
    });
    return out;
  };
}

/** Groups of facts a collection may not hold (caverlee-2011 holds none of them). */
const MASKABLE: BotFeature[][] = [
  ['log_likes', 'likes_per_day', 'likes_per_post'],
  ['default_avatar'],
  ['bio_links', 'bio_mentions', 'bio_hashtags', 'bio_declares_bot', 'bio_pitch'],
  ['handle_digits', 'handle_trailing_digits', 'handle_likelihood'],
  ['location_present'],
].map((g) => g as BotFeature[]);

function masked(rows: Row[], share: number, seed: number): Row[] {
  const random = seededRandom(seed ^ 0x5eed);
  const groups = MASKABLE.map((g) => g.map((f) => BOT_FEATURES.indexOf(f)));
  return rows.map((r) => {
    let x: Float64Array | null = null;
    for (const g of groups) {
      if (g.some((f) => r.x[f] !== r.x[f])) continue;
      if (random() >= share) continue;
      x ??= Float64Array.from(r.x);
      for (const f of g) x[f] = NaN;
    }
    return x === null ? r : { ...r, x };
  });
}

const classCount = (rows: readonly Row[], source: string, y: 0 | 1) =>
  rows.reduce((n, r) => n + (r.source === source && r.y === y ? 1 : 0), 0);

/** Per feature, its AUC inside each training collection that holds at least 19 of each class. */
function signParams(rows: Row[], base: GbdtParams, rule: NonNullable<Variant['signs']>): GbdtParams {
  const sources = [...new Set(rows.map((r) => r.source))].filter(
    (s) => classCount(rows, s, 0) >= MIN_SOURCE && classCount(rows, s, 1) >= MIN_SOURCE,
  );
  const monotoneOut = [...base.monotone!];
  const excludedOut = new Set(base.excluded);
  const decisions: string[] = [];
  BOT_FEATURES.forEach((name, f) => {
    if (excludedOut.has(f)) return;
    const aucs = sources.flatMap((s) => {
      const known = rows.filter((r) => r.source === s && r.x[f] === r.x[f]);
      if (
        known.filter((r) => r.y === 1).length < MIN_SOURCE ||
        known.filter((r) => r.y === 0).length < MIN_SOURCE
      )
        return [];
      const a = auc(
        known.map((r) => r.x[f]!),
        known.map((r) => r.y),
      );
      return Number.isFinite(a) ? [a] : [];
    });
    const up = aucs.some((a) => a > 0.5 + rule.margin);
    const down = aucs.some((a) => a < 0.5 - rule.margin);
    if (up && down) {
      if (rule.keepShipped && monotoneOut[f] !== 0) return;
      excludedOut.add(f);
      decisions.push(`-${name}`);
    } else if (rule.constrain && monotoneOut[f] === 0 && (up || down)) {
      const agree = up ? aucs.every((a) => a >= 0.5) : aucs.every((a) => a <= 0.5);
      if (agree) {
        monotoneOut[f] = up ? 1 : -1;
        decisions.push(`${up ? '+' : '−'}${name}`);
      }
    }
  });
  if (process.env.EXPERIMENT_VERBOSE)
    console.error(`  signs without ${missingSources(rows)}: ${decisions.join(' ')}`);
  return { ...base, monotone: monotoneOut, excluded: [...excludedOut] };
}

let allSources: string[] = [];
const missingSources = (rows: readonly Row[]) => {
  const present = new Set(rows.map((r) => r.source));
  return allSources.filter((s) => !present.has(s)).join('+') || 'none';
};

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
  // Missing values that temper, data selection, sign consistency (docs/MODEL.md, "Tried and measured").
  neutralMissing: { params: { ...PARAMS, missing: 'neutral' } },
  mask30: { params: PARAMS, mask: 0.3 },
  mask50: { params: PARAMS, mask: 0.5 },
  mask30Neutral: { params: { ...PARAMS, missing: 'neutral' }, mask: 0.3 },
  mask15Neutral: { params: { ...PARAMS, missing: 'neutral' }, mask: 0.15 },
  mask50Neutral: { params: { ...PARAMS, missing: 'neutral' }, mask: 0.5 },
  select: { params: PARAMS, select: true },
  ageRanks: { params: PARAMS, ageRanks: true },
  signsDrop: { params: PARAMS, signs: { margin: 0.1, constrain: false, keepShipped: false } },
  signsDropFree: { params: PARAMS, signs: { margin: 0.1, constrain: false, keepShipped: true } },
  signsConstrain: { params: PARAMS, signs: { margin: 0.1, constrain: true, keepShipped: true } },
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
allSources = [...new Set(rows.map((r) => r.source))].sort();
const labels = rows.map((r) => r.y);
for (const name of args.variant) {
  const variant = VARIANTS[name];
  if (variant === undefined) throw new Error(`no variant ${name}: ${Object.keys(VARIANTS).join(', ')}`);
  const params = args.seed === undefined ? variant.params : { ...variant.params, seed: Number(args.seed) };
  const plain = (train: Row[], p: GbdtParams, ranked = false): ((x: Float64Array) => number) => {
    const ranker = variant.ageRanks && !ranked ? ageRanker(train) : null;
    if (ranker) {
      const score = plain(
        train.map((r) => ({ ...r, x: ranker(r.x) })),
        p,
        true,
      );
      return (x) => score(ranker(x));
    }
    const kept0 = variant.keep ? train.filter(variant.keep) : train;
    const kept = variant.mask === undefined ? kept0 : masked(kept0, variant.mask, p.seed);
    const trainParams = variant.signs ? signParams(kept0, p, variant.signs) : p;
    const data = {
      x: kept.map((r) => r.x),
      y: Uint8Array.from(kept.map((r) => r.y)),
      w: sourceBalancedWeights(kept),
    };
    const linear =
      variant.logistic === undefined ? null : trainLogistic(data.x, data.y, data.w, variant.logistic);
    if (linear && variant.logisticOnly) return (x) => sigmoid(logisticMargin(linear, x));
    const trained = trainGbdt(data, trainParams);
    if (trainParams.missing === 'neutral')
      return (x) => sigmoid(trained.trees.reduce((m, t) => m + treeValue(t, x, 'neutral'), trained.base));
    const model = compileBotModel(trained);
    if (linear) return (x) => sigmoid((botMargin(model, x) + logisticMargin(linear, x)) / 2);
    return (x) => sigmoid(botMargin(model, x));
  };
  /** The collection data selection drops, per set of collections present (chosen once, on the first call's rows). */
  const dropped = new Map<string, string | null>();
  const choose = (train: Row[]): string | null => {
    const sources = [...new Set(train.map((r) => r.source))].sort();
    const validation = sources.filter(
      (s) => classCount(train, s, 0) >= MIN_SOURCE && classCount(train, s, 1) >= MIN_SOURCE,
    );
    const candidates = sources.filter((s) => train.filter((r) => r.source === s).length >= MIN_SOURCE);
    const cache = new Map<string, number>();
    const heldAuc = (v: string, d: string | null) => {
      const key = [v, d ?? ''].sort().join('|');
      const hit = cache.get(key + '>' + v);
      if (hit !== undefined) return hit;
      const score = plain(
        train.filter((r) => r.source !== v && r.source !== d),
        params,
      );
      const test = train.filter((r) => r.source === v);
      const a = auc(
        test.map((r) => score(r.x)),
        test.map((r) => r.y),
      );
      cache.set(key + '>' + v, a);
      return a;
    };
    const meanFor = (d: string | null) =>
      validation.reduce((sum, v) => sum + heldAuc(v, v === d ? null : d), 0) / validation.length;
    let best: string | null = null;
    let bestMean = meanFor(null);
    const line = [`none ${bestMean.toFixed(3)}`];
    for (const d of candidates) {
      const m = meanFor(d);
      line.push(`${d} ${m.toFixed(3)}`);
      if (m > bestMean) {
        best = d;
        bestMean = m;
      }
    }
    if (process.env.EXPERIMENT_VERBOSE)
      console.error(`  select without ${missingSources(train)}: drop ${best ?? 'none'} (${line.join(', ')})`);
    return best;
  };
  const fit: Fit = (train) => {
    if (!variant.select) return plain(train, params);
    const key = [...new Set(train.map((r) => r.source))].sort().join('+');
    if (!dropped.has(key)) dropped.set(key, choose(train));
    const d = dropped.get(key)!;
    return plain(
      train.filter((r) => r.source !== d),
      params,
    );
  };
  const loso = leaveOneSourceOut(rows, fit, params.seed);
  const reported = loso.heldOut.filter((h) => h.bots >= MIN_SOURCE);
  const pairs = args['no-pairs'] ? [] : crossSourcePairs(rows, fit, MIN_SOURCE);
  // The range train.ts chooses in: 0.995 where nothing lower keeps the bar.
  let threshold = 0.995;
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
