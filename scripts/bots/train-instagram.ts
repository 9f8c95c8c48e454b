/**
 * Measures Tend's Instagram bot score on labelled accounts, chooses its threshold, and trains the
 * learned candidates it was compared with, on collections each never saw.
 *
 *   npm run train:instagram-bots                        # reads the training CSV, data/bot-profiles/ and data/instagram-profiles/
 *   npm run train:instagram-bots -- --train-csv FILE    # the training CSV from FILE
 *   TEND_TRAIN_CSV=FILE npm run train:instagram-bots    # the same, for a checkout anywhere
 *   npm run train:instagram-bots -- --check             # exits 1 unless the engine's threshold is the one this data chooses
 *
 * Instagram shows no account age, likes given or listed count, so every account, X's included, is
 * read only for what Instagram shows (instagram-data.ts). Scored: the hand-set score the engine uses
 * (src/engine/instagram-bot.ts), a logistic regression and a small tree ensemble over the same facts
 * (instagram-features.ts). On the Instagram accounts the hand-set score did as well as the learned
 * ones trained on the X collections, or better, at 0.5% to 2% of people flagged, so it is what Tend
 * ships; this script writes the figures of docs/MODEL.md's Instagram section. Deterministic: the same
 * data writes the same figures.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { botMargin, compileBotModel, sigmoid } from '../../src/engine/bot-model.js';
import { INSTAGRAM_BOT_THRESHOLD, instagramBotScore } from '../../src/engine/instagram-bot.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { COLLECTIONS, sourceBalancedWeights } from './dataset.js';
import { trainGbdt } from './gbdt.js';
import { factsAsProfile, loadLabelledFacts, type LabelledFacts } from './instagram-data.js';
import { INSTAGRAM_BOT_FEATURES, instagramFeatures, type InstagramBotFeature } from './instagram-features.js';
import { logisticMargin, trainLogistic } from './logistic.js';
import { atThreshold, auc, type AtThreshold } from './metrics.js';
import { leaveOneSourceOut, type Fit, type Row } from './validate.js';

const SEED = 20261203;
/** At most this share of the humans of collections the threshold never saw is flagged, pooled… */
const MAX_HUMANS_FLAGGED = 0.01;
/** …and in no one of them with at least `MIN_HUMANS` humans more than this. */
const MAX_HUMANS_FLAGGED_ANY = 0.02;
const MIN_HUMANS = 50;
/** Smallest number of bots for a collection's AUC to count in a mean: below it an AUC is noise. */
const MIN_BOTS = 19;

/**
 * The training CSV given by --train-csv (the X bot model's labelled accounts, which the repository does
 * not hold); without it, the file named by TEND_TRAIN_CSV, else the default path of the X bot model.
 */
const DEFAULT_TRAIN_CSV =
  process.env.TEND_TRAIN_CSV || join(PROJECT_ROOT, '..', 'shared', 'data', 'bot-profiles', 'train.csv');
const INSTAGRAM_DATA = [join(PROJECT_ROOT, 'data', 'instagram-profiles', 'instafake-2019.csv')];
const { values: args } = parseArgs({
  options: {
    'train-csv': { type: 'string', default: DEFAULT_TRAIN_CSV },
    doc: { type: 'string', default: join(PROJECT_ROOT, 'docs', 'MODEL.md') },
    check: { type: 'boolean', default: false },
  },
});
const X_DATA = [
  ...COLLECTIONS.map((name) => join(PROJECT_ROOT, 'data', 'bot-profiles', `${name}.csv`)),
  args['train-csv'],
];
const missing = [...X_DATA, ...INSTAGRAM_DATA].filter((p) => !existsSync(p));
if (missing.length > 0) {
  console.error(`train:instagram-bots: no labelled data at ${missing.join(', ')}`);
  process.exit(1);
}

const labelled = await loadLabelledFacts(X_DATA, INSTAGRAM_DATA);
const rows: Row[] = labelled.map((r) => ({ x: instagramFeatures(r.facts), y: r.y, source: r.source }));
const sources = [...new Set(rows.map((r) => r.source))].sort();
const platformOf = new Map(labelled.map((r) => [r.source, r.platform]));

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const n = (x: number) => x.toLocaleString('en-US');
const idx = (pred: (r: LabelledFacts) => boolean) =>
  labelled.map((r, i) => (pred(r) ? i : -1)).filter((i) => i >= 0);
const pick = (scores: ArrayLike<number>, is: number[]) => is.map((i) => scores[i]!);
const ys = (is: number[]) => is.map((i) => rows[i]!.y);
const all = idx(() => true);
const instagramRows = idx((r) => r.platform === 'instagram');
const xRows = idx((r) => r.platform === 'x');

// The scorers.
const handSet = Float64Array.from(
  labelled.map((r) => instagramBotScore(factsAsProfile(r.facts))?.score ?? 0),
);
const logisticFit: Fit = (rs) => {
  const model = trainLogistic(
    rs.map((r) => r.x),
    Uint8Array.from(rs.map((r) => r.y)),
    sourceBalancedWeights(rs),
    1,
  );
  return (x) => sigmoid(logisticMargin(model, x));
};
/** Where the meaning is known, the trees may only follow it. */
const MONOTONE: Partial<Record<InstagramBotFeature, 1 | -1>> = {
  mass_follower: 1,
  lopsided: 1,
  never_posted: 1,
  no_avatar: 1,
  empty_bio: 1,
  handle_digits: 1,
  pitch: 1,
  log_posts: -1,
  log_followers: -1,
};
const treesFit: Fit = (rs) => {
  const model = compileBotModel(
    trainGbdt(
      { x: rs.map((r) => r.x), y: Uint8Array.from(rs.map((r) => r.y)), w: sourceBalancedWeights(rs) },
      {
        trees: 40,
        depth: 3,
        learningRate: 0.2,
        lambda: 1,
        minChildWeight: 20,
        subsample: 0.8,
        bins: 32,
        seed: SEED,
        monotone: INSTAGRAM_BOT_FEATURES.map((f) => MONOTONE[f] ?? 0),
      },
    ),
  );
  return (x) => sigmoid(botMargin(model, x));
};
// Leave one collection out: each collection scored by a model trained without it.
const logistic = leaveOneSourceOut(rows, logisticFit, SEED).scores;
const trees = leaveOneSourceOut(rows, treesFit, SEED).scores;

/**
 * The lowest threshold that keeps the humans of the given rows within the bars (pooled, and each
 * collection of `MIN_HUMANS` or more): the lowest score reached that does, floored to three decimals
 * (no two scores here lie closer), so a hand-set score's steps are thresholds as they are.
 */
function chooseThreshold(scores: Float64Array, within: number[]): number {
  const humans = within.filter((i) => rows[i]!.y === 0);
  const bySource = [...new Set(humans.map((i) => rows[i]!.source))]
    .map((s) => humans.filter((i) => rows[i]!.source === s))
    .filter((g) => g.length >= MIN_HUMANS);
  const flagged = (is: number[], t: number) => is.filter((i) => scores[i]! >= t).length / is.length;
  const levels = [...new Set(pick(scores, within))].filter((s) => s >= 0.5).sort((a, b) => a - b);
  for (const t of levels) {
    if (flagged(humans, t) > MAX_HUMANS_FLAGGED) continue;
    if (bySource.every((g) => flagged(g, t) <= MAX_HUMANS_FLAGGED_ANY)) return Math.floor(t * 1000) / 1000;
  }
  return 1;
}
const handThreshold = chooseThreshold(handSet, all);
const logisticThreshold = chooseThreshold(logistic, all);
/** The threshold each collection would have had, chosen without it: how the choice itself holds up. */
const handThresholdWithout = new Map(
  sources.map((s) => [
    s,
    chooseThreshold(
      handSet,
      idx((r) => r.source !== s),
    ),
  ]),
);

if (args.check) {
  const same = handThreshold === INSTAGRAM_BOT_THRESHOLD;
  console.log(
    same
      ? `The engine's Instagram threshold ${INSTAGRAM_BOT_THRESHOLD} is the one this data chooses.`
      : `This data chooses ${handThreshold}, the engine has ${INSTAGRAM_BOT_THRESHOLD}: set INSTAGRAM_BOT_THRESHOLD in src/engine/instagram-bot.ts.`,
  );
  process.exit(same ? 0 : 1);
}

/** A collection's AUC (against all other humans, or bots, where it has one class only), humans flagged, bots caught. */
function collection(scores: Float64Array, s: string, t: number) {
  const bots = idx((r) => r.source === s && r.y === 1);
  const humans = idx((r) => r.source === s && r.y === 0);
  const versus = humans.length > 0 ? humans : idx((r) => r.source !== s && r.y === 0);
  const against = bots.length > 0 ? bots : idx((r) => r.source !== s && r.y === 1);
  const is = [...against, ...versus];
  const share = (g: number[]) => (g.length ? g.filter((i) => scores[i]! >= t).length / g.length : NaN);
  return {
    bots: bots.length,
    humans: humans.length,
    auc: auc(pick(scores, is), ys(is)),
    humansFlagged: share(humans),
    botsCaught: share(bots),
  };
}
const reported = sources.filter((s) => idx((r) => r.source === s).length >= MIN_BOTS);
const meanAuc = (scores: Float64Array, platform?: 'x') => {
  const counted = reported.filter((s) => {
    if (platform && platformOf.get(s) !== platform) return false;
    const bots = idx((r) => r.source === s && r.y === 1).length;
    return bots === 0 || bots >= MIN_BOTS;
  });
  return counted.reduce((sum, s) => sum + collection(scores, s, 1).auc, 0) / counted.length;
};

const lines: string[] = [];
const push = (...ls: string[]) => lines.push(...ls);
const bots = rows.filter((r) => r.y === 1).length;
const cells = (c: ReturnType<typeof collection>) => `${pct(c.humansFlagged)}, ${pct(c.botsCaught)}`;
push(
  `Made by \`npm run train:instagram-bots\` from ${n(rows.length)} labelled accounts (${n(bots)} bots, ${n(rows.length - bots)} humans) in ${sources.length} collections. Each threshold is the lowest that flags at most ${pct(MAX_HUMANS_FLAGGED)} of the humans, pooled, and at most ${pct(MAX_HUMANS_FLAGGED_ANY)} of those of any collection with ${MIN_HUMANS} humans or more: for the hand-set score ${handThreshold} (its weights saw none of these accounts; the threshold is the one thing chosen on them, so each collection's figures are also given at the threshold chosen without it), for the logistic regression ${logisticThreshold} (on scores from models that never saw the collection).`,
  '',
  '**Each collection**, humans flagged and bots caught (AUC against the other class of the rest where a collection has one class):',
  '',
  `| collection | platform | bots | humans | AUC hand-set | AUC logistic | AUC trees | hand-set at ${handThreshold} | hand-set, threshold chosen without it | logistic at ${logisticThreshold} |`,
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
);
for (const s of reported) {
  const h = collection(handSet, s, handThreshold);
  const without = collection(handSet, s, handThresholdWithout.get(s)!);
  push(
    `| \`${s}\` | ${platformOf.get(s) === 'x' ? 'X' : 'Instagram'} | ${n(h.bots)} | ${n(h.humans)} | ${h.auc.toFixed(3)} | ${collection(logistic, s, 1).auc.toFixed(3)} | ${collection(trees, s, 1).auc.toFixed(3)} | ${cells(h)} | ${cells(without)} (${handThresholdWithout.get(s)}) | ${cells(collection(logistic, s, logisticThreshold))} |`,
  );
}
const pooled = (scores: Float64Array, t: number) => atThreshold(pick(scores, all), ys(all), t);
const pooledCells = (a: AtThreshold) => `${pct(a.falsePositiveRate)}, ${pct(a.recall)}`;
push(
  `| mean AUC (collections of ${MIN_BOTS} bots or more, or humans only); pooled shares | | ${n(bots)} | ${n(rows.length - bots)} | ${meanAuc(handSet).toFixed(3)} | ${meanAuc(logistic).toFixed(3)} | ${meanAuc(trees).toFixed(3)} | ${pooledCells(pooled(handSet, handThreshold))} | | ${pooledCells(pooled(logistic, logisticThreshold))} |`,
  `| mean AUC, the X collections of those only | | | | ${meanAuc(handSet, 'x').toFixed(3)} | ${meanAuc(logistic, 'x').toFixed(3)} | ${meanAuc(trees, 'x').toFixed(3)} | | | |`,
);

/** Bots caught on the Instagram collection at no more of its humans flagged than `share`. */
function caughtAt(scores: Float64Array, share: number): AtThreshold {
  const humanScores = instagramRows
    .filter((i) => rows[i]!.y === 0)
    .map((i) => scores[i]!)
    .sort((a, b) => b - a);
  const allowed = Math.round(share * humanScores.length);
  return atThreshold(pick(scores, instagramRows), ys(instagramRows), humanScores[allowed]! + 1e-9);
}
const xTrained = (fit: Fit) => {
  const score = fit(rows.filter((_, i) => labelled[i]!.platform === 'x'));
  return Float64Array.from(rows.map((r) => score(r.x)));
};
const instagramTrained = (fit: Fit) => {
  const score = fit(rows.filter((_, i) => labelled[i]!.platform === 'instagram'));
  return Float64Array.from(rows.map((r) => score(r.x)));
};
const xLogistic = xTrained(logisticFit);
const xTrees = xTrained(treesFit);
push(
  '',
  '**X-trained, Instagram-tested**: on `instafake-2019`, bots caught at no more of its humans flagged than the share given (the learned scores trained on the X collections only; the hand-set score as it is):',
  '',
  '| scorer | AUC | at 0.1% of humans | at 0.5% | at 1% | at 2% |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
);
for (const [name, scores] of [
  ['hand-set', handSet],
  ['logistic regression', xLogistic],
  ['trees', xTrees],
] as const) {
  push(
    `| ${name} | ${auc(pick(scores, instagramRows), ys(instagramRows)).toFixed(3)} | ${[0.001, 0.005, 0.01, 0.02].map((s) => pct(caughtAt(scores, s).recall)).join(' | ')} |`,
  );
}
push(
  '',
  '**Instagram-trained, X-tested**: AUC on the X collections of models trained on `instafake-2019` only:',
  '',
  '| scorer | X pooled | ' +
    reported
      .filter((s) => platformOf.get(s) === 'x')
      .map((s) => `\`${s}\``)
      .join(' | ') +
    ' |',
  '| --- | ---: |' +
    reported
      .filter((s) => platformOf.get(s) === 'x')
      .map(() => ' ---: |')
      .join(''),
);
const onX = (scores: Float64Array) => {
  const xs = reported.filter((s) => platformOf.get(s) === 'x');
  const per = xs.map((s) => {
    const c = collection(scores, s, 1);
    // Against the X humans only, for one-class collections.
    if (c.bots > 0 && c.humans > 0) return c.auc.toFixed(3);
    const own = idx((r) => r.source === s);
    const other = idx((r) => r.platform === 'x' && r.source !== s && r.y !== rows[own[0]!]!.y);
    const is = [...own, ...other];
    return auc(pick(scores, is), ys(is)).toFixed(3);
  });
  return `${auc(pick(scores, xRows), ys(xRows)).toFixed(3)} | ${per.join(' | ')}`;
};
push(
  `| hand-set (no training) | ${onX(handSet)} |`,
  `| logistic regression | ${onX(instagramTrained(logisticFit))} |`,
  `| trees | ${onX(instagramTrained(treesFit))} |`,
);
push(
  '',
  `**The hand-set score's curve** on all accounts, and on \`instafake-2019\`:`,
  '',
  '| threshold | humans flagged, bots caught: all | `instafake-2019` |',
  '| ---: | --- | --- |',
);
for (const t of [...new Set([0.5, 0.7, handThreshold, 0.85, 0.88, 0.9, 0.95])].sort((a, b) => a - b)) {
  const ig = atThreshold(pick(handSet, instagramRows), ys(instagramRows), t);
  push(`| ${t} | ${pooledCells(pooled(handSet, t))} | ${pooledCells(ig)} |`);
}
const figures = lines.join('\n');

const START = '<!-- instagram-figures:start -->';
const END = '<!-- instagram-figures:end -->';
const doc = await readFile(args.doc, 'utf8');
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from >= 0 && to > from)
  await writeFile(args.doc, `${doc.slice(0, from + START.length)}\n${figures}\n${doc.slice(to)}`);
console.log(figures);
