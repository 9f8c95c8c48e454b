/**
 * Trains Tend's bot model and validates it the way that matters: on collections it never saw.
 *
 *   npm run train:bots                      # reads the training CSV and the collections in data/bot-profiles/
 *   npm run train:bots -- --data FILE.csv   # other CSVs with the same columns (repeat --data for each)
 *   npm run train:bots -- --check           # trains, writes nothing, exits 1 unless it matches the committed model
 *
 * The training CSV is not part of the repository: the default path below names where it is expected,
 * and --data gives the CSVs to read instead.
 * Writes src/engine/bot-model.json (the model the engine loads) and the figures section of
 * docs/MODEL.md. Deterministic: the same data and seed write the same bytes.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BOT_FEATURES } from '../../src/engine/bot-features.js';
import {
  botMargin,
  compileBotModel,
  sigmoid,
  type BotModel,
  type BotTree,
} from '../../src/engine/bot-model.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { COLLECTIONS, englishBigrams, loadRows, sourceBalancedWeights } from './dataset.js';
import { trainGbdt } from './gbdt.js';
import { logisticMargin, trainLogistic } from './logistic.js';
import { PARAMS, SEED } from './params.js';
import { atThreshold, auc, calibration, precisionAtPrior } from './metrics.js';
import { renderFigures } from './model-report.js';
import { crossSourcePairs, crossValidated, leaveOneSourceOut, type Fit, type Row } from './validate.js';

const VERSION = '1';

/**
 * The bar for the default threshold: at most this share of humans flagged, both in 5-fold
 * cross-validation and among the humans of collections the model never saw (pooled, each scored by
 * the model trained without its collection). The second bar is the one that binds: those scores come
 * from different models, but each is what a model does with people unlike any it learned from — the
 * case of every person's following.
 */
const MAX_HUMANS_FLAGGED = 0.01;
/** A person's following holds fewer bots than the training set does; precision is also reported at this share. */
const EVERYDAY_BOT_SHARE = 0.1;
/** Smallest source size reported on its own: below it an AUC is noise. */
const MIN_SOURCE = 19;

/**
 * The labelled collections: the training CSV (not part of the repository; --data replaces this list)
 * and the collections prepared into data/bot-profiles/ by the scripts beside this one (docs/MODEL.md).
 */
const DEFAULT_DATA = [
  join(PROJECT_ROOT, '..', 'shared', 'data', 'bot-profiles', 'train.csv'),
  ...COLLECTIONS.map((name) => join(PROJECT_ROOT, 'data', 'bot-profiles', `${name}.csv`)),
];

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', multiple: true, default: DEFAULT_DATA },
    out: { type: 'string', default: join(PROJECT_ROOT, 'src', 'engine', 'bot-model.json') },
    doc: { type: 'string', default: join(PROJECT_ROOT, 'docs', 'MODEL.md') },
    check: { type: 'boolean', default: false },
  },
});

function trainTrees(rows: readonly Row[]) {
  return trainGbdt(
    { x: rows.map((r) => r.x), y: Uint8Array.from(rows.map((r) => r.y)), w: sourceBalancedWeights(rows) },
    PARAMS,
  );
}

const gbdtFit: Fit = (train) => {
  const model = compileBotModel(trainTrees(train));
  return (x) => sigmoid(botMargin(model, x));
};

/** The simpler family it was chosen over, validated the same way. */
const logisticFit: Fit = (train) => {
  const model = trainLogistic(
    train.map((r) => r.x),
    Uint8Array.from(train.map((r) => r.y)),
    sourceBalancedWeights(train),
    1,
  );
  return (x) => sigmoid(logisticMargin(model, x));
};

const round = (v: number) => Number(v.toPrecision(6));
const roundTree = (t: BotTree): BotTree => ({
  ...t,
  threshold: t.threshold.map(round),
  value: t.value.map(round),
});

/** The lowest threshold (more bots caught), in steps of 0.005, that flags no more humans than the bar allows in either scoring. */
function chooseThreshold(inDomain: Float64Array, outOfSource: Float64Array, labels: number[]): number {
  for (let t = 0.5; t < 0.995; t = round(t + 0.005)) {
    const within = (scores: Float64Array) =>
      atThreshold(scores, labels, t).falsePositiveRate <= MAX_HUMANS_FLAGGED;
    if (within(inDomain) && within(outOfSource)) return t;
  }
  return 0.995;
}

const missing = args.data.filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error(
    `train:bots: no labelled data at ${missing.join(', ')}. It reads ../shared/data/bot-profiles/train.csv beside the checkout; give another with --data FILE.csv`,
  );
  process.exit(1);
}
const started = Date.now();
const bigrams = englishBigrams();
const rows = await loadRows(args.data, bigrams);
const labels = rows.map((r) => r.y);
const sources = [...new Set(rows.map((r) => r.source))].sort();
console.log(
  `${rows.length} accounts (${labels.filter((y) => y === 1).length} bots) from ${sources.length} sources; ${BOT_FEATURES.length} features`,
);

const families = { 'gradient-boosted trees': gbdtFit, 'logistic regression (L2)': logisticFit };
const comparison = Object.entries(families).map(([family, fit]) => {
  const loso = leaveOneSourceOut(rows, fit, SEED);
  const reported = loso.heldOut.filter((h) => h.bots >= MIN_SOURCE);
  return { family, loso, reported, meanAuc: reported.reduce((s, h) => s + h.auc, 0) / reported.length };
});
for (const c of comparison) console.log(`${c.family}: leave-one-source-out mean AUC ${c.meanAuc.toFixed(3)}`);

const chosen = comparison[0]!;
const pairs = crossSourcePairs(rows, gbdtFit, MIN_SOURCE);
const inDomain = crossValidated(rows, gbdtFit, 5, SEED);
const threshold = chooseThreshold(inDomain, chosen.loso.scores, labels);
const outOfSource = atThreshold(chosen.loso.scores, labels, threshold);
const inDomainAt = atThreshold(inDomain, labels, threshold);
const perSource = sources.map((source) => {
  const inside = rows.map((r, i) => (r.source === source ? i : -1)).filter((i) => i >= 0);
  const share = (y: 0 | 1) => {
    const group = inside.filter((i) => rows[i]!.y === y);
    return group.length === 0
      ? NaN
      : group.filter((i) => chosen.loso.scores[i]! >= threshold).length / group.length;
  };
  return { source, humansFlagged: share(0), botsCaught: share(1) };
});
const edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

const final = trainTrees(rows);
const model: BotModel = {
  format: 'tend-bot-model/1',
  features: [...BOT_FEATURES],
  base: round(final.base),
  trees: final.trees.map(roundTree),
  bigrams,
  threshold,
  provenance: {
    version: VERSION,
    data: `bot-profiles/train.csv (Botometer bot repository datasets via the "Twitter Bots Accounts" compilation) and data/bot-profiles/ (${COLLECTIONS.join(', ')}; its README says what each is)`,
    accounts: rows.length,
    bots: labels.filter((y) => y === 1).length,
    seed: SEED,
    params: PARAMS,
    weights: 'each (source, class) group weighs the same within its class',
    leaveOneSourceOutAuc: Object.fromEntries(chosen.reported.map((h) => [h.source, round(h.auc)])),
    inDomainCvAuc: round(auc(inDomain, labels)),
  },
};
const modelText = `${JSON.stringify(model)}\n`;
if (args.check) {
  const committed = await readFile(args.out, 'utf8').catch(() => '');
  const same = committed === modelText;
  console.log(
    same
      ? `Reproduced ${args.out} byte for byte.`
      : `${args.out} differs from what this data and seed train: run npm run train:bots and commit the result.`,
  );
  process.exit(same ? 0 : 1);
}
await writeFile(args.out, modelText);

const importance = [...final.gain]
  .map((g, i) => ({ feature: BOT_FEATURES[i]!, gain: g }))
  .sort((a, b) => b.gain - a.gain);
const totalGain = importance.reduce((s, f) => s + f.gain, 0);
const figures = renderFigures({
  rows,
  comparison: comparison.map((c) => ({ family: c.family, heldOut: c.reported, meanAuc: c.meanAuc })),
  pairs,
  inDomainAuc: auc(inDomain, labels),
  threshold,
  outOfSource,
  inDomainAt,
  perSource,
  curve: [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98].map((t) => ({
    outOfSource: atThreshold(chosen.loso.scores, labels, t),
    inDomain: atThreshold(inDomain, labels, t),
  })),
  everyday: {
    share: EVERYDAY_BOT_SHARE,
    inDomain: precisionAtPrior(inDomainAt, EVERYDAY_BOT_SHARE),
    outOfSource: precisionAtPrior(outOfSource, EVERYDAY_BOT_SHARE),
  },
  calibration: {
    outOfSource: calibration(chosen.loso.scores, labels, edges),
    inDomain: calibration(inDomain, labels, edges),
  },
  importance: importance.map((f) => ({ feature: f.feature, share: f.gain / totalGain })),
  params: PARAMS,
  seed: SEED,
});
const doc = await readFile(args.doc, 'utf8');
const [before, rest] = doc.split('<!-- figures:start -->');
const after = rest?.split('<!-- figures:end -->')[1];
if (before === undefined || after === undefined)
  throw new Error(`${args.doc}: no <!-- figures:start --> … <!-- figures:end --> section to write`);
await writeFile(args.doc, `${before}<!-- figures:start -->\n${figures}<!-- figures:end -->${after}`);

console.log(
  `Chosen: gradient-boosted trees, ${model.trees.length} trees; threshold ${threshold}: in domain precision ${inDomainAt.precision.toFixed(3)}, recall ${inDomainAt.recall.toFixed(3)}; out of source precision ${outOfSource.precision.toFixed(3)}, recall ${outOfSource.recall.toFixed(3)}`,
);
console.log(
  `Wrote ${args.out} and the figures in ${args.doc} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
