/**
 * Compares variants of the bot model on the figures that matter — collections it never saw — without
 * writing anything: the tool behind "tried X: AUC went from a to b" in docs/MODEL.md.
 *
 *   npx tsx scripts/bots/experiment.ts --data A.csv --data B.csv --variant shipped --variant depth3
 *
 * For each variant: leave-one-source-out AUC per source, bots of one source against humans of
 * another, and the lowest threshold at which at most 1% of the humans of unseen sources are flagged
 * (each scored by the model trained without its source), with the share of bots caught there.
 */
import { parseArgs } from 'node:util';
import { compileBotModel, botMargin, sigmoid } from '../../src/engine/bot-model.js';
import { englishBigrams, loadRows, sourceBalancedWeights } from './dataset.js';
import { trainGbdt, type GbdtParams } from './gbdt.js';
import { atThreshold } from './metrics.js';
import { PARAMS, excluded, monotone } from './params.js';
import { crossSourcePairs, leaveOneSourceOut, type Fit, type Row } from './validate.js';

const MIN_SOURCE = 19;
const UNSEEN_HUMANS_BAR = 0.01;

const shippedMonotone = Object.fromEntries(
  PARAMS.monotone!.flatMap((d, i) => (d === 0 ? [] : [[i, d]])),
) as Record<number, number>;
function withMonotone(extra: Parameters<typeof monotone>[0]): number[] {
  const m = monotone(extra);
  return m.map((d, i) => d || shippedMonotone[i] || 0);
}
const countsOut = ['log_posts', 'log_followers', 'log_following', 'log_likes'] as const;

/** Each variant: its parameters, and optionally which sources it may learn from. */
const VARIANTS: Record<string, { params: GbdtParams; keep?: (r: Row) => boolean }> = {
  shipped: { params: PARAMS },
  withoutPostsPerFollower: {
    params: { ...PARAMS, excluded: excluded([...countsOut, 'posts_per_follower']) },
  },
  postsPerFollowerMonotone: {
    params: {
      ...PARAMS,
      monotone: withMonotone({
        posts_per_day: 1,
        followers_per_day: -1,
        bio_length: -1,
        posts_per_follower: 1,
      }),
    },
  },
  postsMonotone: { params: { ...PARAMS, monotone: withMonotone({ posts_per_day: 1 }) } },
  depth3: { params: { ...PARAMS, depth: 3 } },
  depth2: { params: { ...PARAMS, depth: 2, trees: 100 } },
  noAge: { params: { ...PARAMS, excluded: excluded([...countsOut, 'log_age_days']) } },
  noBioText: {
    params: { ...PARAMS, excluded: excluded([...countsOut, 'bio_hashtags', 'bio_links', 'bio_mentions']) },
  },
  noHandleLength: { params: { ...PARAMS, excluded: excluded([...countsOut, 'handle_length']) } },
  leaf50: { params: { ...PARAMS, minChildWeight: 50 } },
  moreMonotone: {
    params: {
      ...PARAMS,
      monotone: withMonotone({ posts_per_day: 1, followers_per_day: -1, bio_length: -1 }),
    },
  },
};

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', multiple: true, default: [] },
    variant: { type: 'string', multiple: true, default: ['shipped'] },
    seed: { type: 'string' },
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
    const model = compileBotModel(
      trainGbdt(
        { x: kept.map((r) => r.x), y: Uint8Array.from(kept.map((r) => r.y)), w: sourceBalancedWeights(kept) },
        params,
      ),
    );
    return (x) => sigmoid(botMargin(model, x));
  };
  const loso = leaveOneSourceOut(rows, fit, params.seed);
  const reported = loso.heldOut.filter((h) => h.bots >= MIN_SOURCE);
  const pairs = crossSourcePairs(rows, fit, MIN_SOURCE);
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
