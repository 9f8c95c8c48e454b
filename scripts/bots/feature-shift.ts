/**
 * Per feature, how well it tells bots from humans inside each collection (the AUC of its raw value
 * there: above 0.5, higher values are more bot-like in that collection) against how far it moves between collections' humans: the
 * evidence for "this collection's bots and humans look alike" and for "this feature says more about
 * the collection than about the label" in docs/MODEL.md.
 *
 *   npx tsx scripts/bots/feature-shift.ts --data A.csv --data B.csv
 *
 * Writes nothing. Per collection with both classes: each feature's AUC (0.5 = no signal; missing
 * values left out). Shift: the spread (max − min) of the humans' median over the collections that
 * hold at least 19 humans, in units of the pooled humans' interquartile range. Then, per collection,
 * the AUC trees reach trained and scored inside it (the ceiling of what its profiles tell), and two
 * rules that need no training scored as leave-one-source-out scores each source.
 */
import { parseArgs } from 'node:util';
import { BOT_FEATURES, FEATURE_INDEX } from '../../src/engine/bot-features.js';
import { botMargin, compileBotModel, sigmoid } from '../../src/engine/bot-model.js';
import { englishBigrams, loadRows, sourceBalancedWeights } from './dataset.js';
import { trainGbdt } from './gbdt.js';
import { auc } from './metrics.js';
import { PARAMS, SEED } from './params.js';
import { crossValidated, type Fit } from './validate.js';

const { values: args } = parseArgs({ options: { data: { type: 'string', multiple: true, default: [] } } });
const rows = await loadRows(args.data, englishBigrams());
const sources = [...new Set(rows.map((r) => r.source))].sort();
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const featureAuc = (f: number, subset: typeof rows) => {
  const known = subset.filter((r) => r.x[f] === r.x[f]);
  return auc(
    known.map((r) => r.x[f]!),
    known.map((r) => r.y),
  );
};
const both = sources.filter((s) => {
  const ys = rows.filter((r) => r.source === s).map((r) => r.y);
  return ys.filter((y) => y === 1).length >= 19 && ys.filter((y) => y === 0).length >= 19;
});
const humanSources = sources.filter((s) => rows.filter((r) => r.source === s && r.y === 0).length >= 19);
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
console.log(`| feature | all | ${both.map((s) => `\`${s}\``).join(' | ')} | humans' shift |`);
console.log(`|---|---|${both.map(() => '---').join('|')}|---|`);
BOT_FEATURES.forEach((name, f) => {
  const overall = featureAuc(f, rows);
  const humans = rows.filter((r) => r.y === 0 && r.x[f] === r.x[f]).map((r) => r.x[f]!);
  const iqr = quantile(humans, 0.75) - quantile(humans, 0.25) || 1;
  const medians = humanSources
    .map((s) => rows.filter((r) => r.source === s && r.y === 0 && r.x[f] === r.x[f]).map((r) => r.x[f]!))
    .filter((xs) => xs.length >= 19)
    .map((xs) => quantile(xs, 0.5));
  const shift = (Math.max(...medians) - Math.min(...medians)) / iqr;
  const per = both.map((s) =>
    f3(
      featureAuc(
        f,
        rows.filter((r) => r.source === s),
      ),
    ),
  );
  console.log(`| \`${name}\` | ${f3(overall)} | ${per.join(' | ')} | ${shift.toFixed(2)} |`);
});

// What the profile can tell inside each collection: trees trained and scored within it (5 folds, the
// shipped settings). A collection where even this stays low holds bots and humans that look alike.
const fit: Fit = (train) => {
  const model = compileBotModel(
    trainGbdt(
      {
        x: train.map((r) => r.x),
        y: Uint8Array.from(train.map((r) => r.y)),
        w: sourceBalancedWeights(train),
      },
      PARAMS,
    ),
  );
  return (x) => sigmoid(botMargin(model, x));
};
console.log('\n| collection | AUC within it (5-fold, shipped settings) |\n|---|---|');
for (const s of both) {
  const inside = rows.filter((r) => r.source === s);
  const scores = crossValidated(inside, fit, 5, SEED);
  console.log(
    `| \`${s}\` | ${f3(
      auc(
        scores,
        inside.map((r) => r.y),
      ),
    )} |`,
  );
}

// Two rules that need no training, on the accounts leave-one-source-out scores for each source (a
// source of one class against the other class of every other source): the bar the model must clear
// on each.
const baselines: Record<string, (x: Float64Array) => number> = {
  'posts per day': (x) => x[FEATURE_INDEX.posts_per_day]!,
  'default avatar + empty bio': (x) =>
    (x[FEATURE_INDEX.default_avatar] === 1 ? 1 : 0) + (x[FEATURE_INDEX.bio_length] === 0 ? 1 : 0),
};
console.log(
  `\n| held-out source | ${Object.keys(baselines).join(' | ')} |\n|---|${Object.keys(baselines)
    .map(() => '---')
    .join('|')}|`,
);
for (const s of sources) {
  const inside = rows.filter((r) => r.source === s);
  const classes = new Set(inside.map((r) => r.y));
  const test =
    classes.size === 2 ? inside : [...inside, ...rows.filter((r) => r.source !== s && !classes.has(r.y))];
  if (test.filter((r) => r.y === 1).length < 19) continue;
  const cells = Object.values(baselines).map((rule) =>
    f3(
      auc(
        test.map((r) => rule(r.x)),
        test.map((r) => r.y),
      ),
    ),
  );
  console.log(`| \`${s}\` | ${cells.join(' | ')} |`);
}
