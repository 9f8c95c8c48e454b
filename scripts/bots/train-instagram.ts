/**
 * Trains Tend's Instagram bot score and validates it on collections it never saw.
 *
 *   npm run train:instagram-bots             # reads ../shared/data/bot-profiles/train.csv, data/bot-profiles/ and data/instagram-profiles/
 *   npm run train:instagram-bots -- --train-csv FILE  # train.csv from elsewhere
 *   npm run train:instagram-bots -- --check  # trains, writes nothing, exits 1 unless it matches the committed model
 *
 * Instagram shows no account age, likes given or listed count, so every account, X's included, is
 * read only for what Instagram shows (instagram-data.ts). The model is logistic regression, small
 * enough that each feature's share of the score can be named in words. Writes
 * src/engine/instagram-bot-model.json and the figures of docs/MODEL.md's Instagram section.
 * Deterministic: the same data writes the same bytes.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  INSTAGRAM_BOT_FEATURES,
  instagramFeatures,
  type InstagramBotModel,
} from '../../src/engine/instagram-bot-features.js';
import { sigmoid } from '../../src/engine/bot-model.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { COLLECTIONS, sourceBalancedWeights } from './dataset.js';
import { factsAsProfile, loadLabelledFacts, type LabelledFacts } from './instagram-data.js';
import { HAND_SET_THRESHOLD, handSetInstagramBotScore } from './instagram-hand-set.js';
import { logisticMargin, trainLogistic, type LogisticModel } from './logistic.js';
import { atThreshold, auc, type AtThreshold } from './metrics.js';
import { leaveOneSourceOut, type Fit, type Row } from './validate.js';

const VERSION = '2';
const SEED = 20261203;
const L2 = 1;
/** At most this share of the humans of collections the model never saw is flagged, pooled… */
const MAX_HUMANS_FLAGGED = 0.01;
/** …and in no one of them with at least `MIN_HUMANS` humans more than this. */
const MAX_HUMANS_FLAGGED_ANY = 0.02;
const MIN_HUMANS = 50;
/** Smallest source size reported on its own: below it an AUC is noise. */
const MIN_SOURCE = 19;

const INSTAGRAM_DATA = [join(PROJECT_ROOT, 'data', 'instagram-profiles', 'instafake-2019.csv')];

const { values: args } = parseArgs({
  options: {
    'train-csv': {
      type: 'string',
      default: join(PROJECT_ROOT, '..', 'shared', 'data', 'bot-profiles', 'train.csv'),
    },
    out: { type: 'string', default: join(PROJECT_ROOT, 'src', 'engine', 'instagram-bot-model.json') },
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

function train(rs: readonly Row[]): LogisticModel {
  return trainLogistic(
    rs.map((r) => r.x),
    Uint8Array.from(rs.map((r) => r.y)),
    sourceBalancedWeights(rs),
    L2,
  );
}
const fit: Fit = (rs) => {
  const model = train(rs);
  return (x) => sigmoid(logisticMargin(model, x));
};

const round = (v: number) => Number(v.toPrecision(6));
const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const n = (x: number) => x.toLocaleString('en-US');
const idx = (pred: (r: LabelledFacts, i: number) => boolean) =>
  labelled.map((r, i) => (pred(r, i) ? i : -1)).filter((i) => i >= 0);
const pick = (scores: ArrayLike<number>, is: number[]) => is.map((i) => scores[i]!);
const ys = (is: number[]) => is.map((i) => rows[i]!.y);

// Leave one collection out: each collection scored by a model that never saw it.
const loso = leaveOneSourceOut(rows, fit, SEED);
const handSet = Float64Array.from(
  labelled.map((r) => handSetInstagramBotScore(factsAsProfile(r.facts))?.score ?? 0),
);

/** The lowest threshold, in steps of 0.005, that keeps the unseen collections' humans within the bars. */
function chooseThreshold(scores: Float64Array): number {
  const humanSources = sources.filter((s) => idx((r) => r.source === s && r.y === 0).length >= MIN_HUMANS);
  for (let t = 0.5; t < 0.995; t = round(t + 0.005)) {
    if (atThreshold(scores, ys(idx(() => true)), t).falsePositiveRate > MAX_HUMANS_FLAGGED) continue;
    const worst = Math.max(
      ...humanSources.map((s) => {
        const is = idx((r) => r.source === s && r.y === 0);
        return is.filter((i) => scores[i]! >= t).length / is.length;
      }),
    );
    if (worst <= MAX_HUMANS_FLAGGED_ANY) return t;
  }
  return 0.995;
}
const threshold = chooseThreshold(loso.scores);

/** One collection's figures: AUC (against all other humans where it has none), humans flagged, bots caught. */
function perSource(scores: Float64Array, t: number, within: (r: LabelledFacts) => boolean) {
  return sources
    .filter((s) => labelled.some((r) => r.source === s && within(r)))
    .map((s) => {
      const bots = idx((r) => r.source === s && r.y === 1);
      const humans = idx((r) => r.source === s && r.y === 0);
      const versus = humans.length > 0 ? humans : idx((r) => r.source !== s && r.y === 0 && within(r));
      const against = bots.length > 0 ? bots : idx((r) => r.source !== s && r.y === 1 && within(r));
      const is = [...against, ...versus];
      return {
        source: s,
        bots: bots.length,
        humans: humans.length,
        auc: auc(pick(scores, is), ys(is)),
        humansFlagged: humans.length ? humans.filter((i) => scores[i]! >= t).length / humans.length : NaN,
        botsCaught: bots.length ? bots.filter((i) => scores[i]! >= t).length / bots.length : NaN,
      };
    })
    .filter((p) => p.bots + p.humans >= MIN_SOURCE);
}

// Across platforms: trained on one, tested on the other.
function across(from: 'x' | 'instagram') {
  const model = train(rows.filter((_, i) => labelled[i]!.platform === from));
  const scores = Float64Array.from(rows.map((r) => sigmoid(logisticMargin(model, r.x))));
  return { scores, model };
}
const xToInstagram = across('x');
const instagramToX = across('instagram');
const instagramRows = idx((r) => r.platform === 'instagram');
const xRows = idx((r) => r.platform === 'x');

const all = idx(() => true);
const summary = (scores: Float64Array, is: number[], t: number): { auc: number; at: AtThreshold } => ({
  auc: auc(pick(scores, is), ys(is)),
  at: atThreshold(pick(scores, is), ys(is), t),
});

const final = train(rows);
const model: InstagramBotModel = {
  format: 'tend-instagram-bot-model/1',
  features: [...INSTAGRAM_BOT_FEATURES],
  mean: [...final.mean].map(round),
  scale: [...final.scale].map(round),
  weights: [...final.weights].map(round),
  bias: round(final.bias),
  threshold,
  provenance: {
    version: VERSION,
    family: 'logistic regression (L2), standardised features, a missing feature at the mean',
    data: `data/instagram-profiles/ (instafake-2019) and the X collections of the bot model (bot-profiles/train.csv, data/bot-profiles/: ${COLLECTIONS.join(', ')}), each read only for what Instagram shows`,
    accounts: rows.length,
    bots: rows.filter((r) => r.y === 1).length,
    l2: L2,
    weights: 'each (source, class) group weighs the same within its class',
    leaveOneSourceOutAuc: Object.fromEntries(
      loso.heldOut.filter((h) => h.bots >= MIN_SOURCE).map((h) => [h.source, round(h.auc)]),
    ),
  },
};
const modelText = `${JSON.stringify(model)}\n`;
if (args.check) {
  const committed = await readFile(args.out, 'utf8').catch(() => '');
  const same = committed === modelText;
  console.log(
    same
      ? `Reproduced ${args.out} byte for byte.`
      : `${args.out} differs from what this data trains: run npm run train:instagram-bots and commit the result.`,
  );
  process.exit(same ? 0 : 1);
}
await writeFile(args.out, modelText);

// The figures, as markdown.
const lines: string[] = [];
const push = (...ls: string[]) => lines.push(...ls);
const bots = rows.filter((r) => r.y === 1).length;
push(
  `Made by \`npm run train:instagram-bots\` from ${n(rows.length)} labelled accounts (${n(bots)} bots, ${n(rows.length - bots)} humans) in ${sources.length} collections; the threshold ${threshold} is the lowest that flags at most ${pct(MAX_HUMANS_FLAGGED)} of the humans of collections the model never saw, pooled, and at most ${pct(MAX_HUMANS_FLAGGED_ANY)} of any one of them with ${MIN_HUMANS} humans or more.`,
  '',
  '**Leave one collection out** (each scored by a model trained without it; a collection of one class is scored against the other class of the rest), with the hand-set score it replaces on the same accounts:',
  '',
  '| collection | platform | bots | humans | AUC | hand-set AUC | humans flagged | bots caught | hand-set: humans flagged, bots caught at 0.88 |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
);
const handPer = new Map(perSource(handSet, HAND_SET_THRESHOLD, () => true).map((p) => [p.source, p]));
for (const p of perSource(loso.scores, threshold, () => true)) {
  const h = handPer.get(p.source)!;
  push(
    `| \`${p.source}\` | ${platformOf.get(p.source) === 'x' ? 'X' : 'Instagram'} | ${n(p.bots)} | ${n(p.humans)} | ${p.auc.toFixed(3)} | ${h.auc.toFixed(3)} | ${pct(p.humansFlagged)} | ${pct(p.botsCaught)} | ${pct(h.humansFlagged)}, ${pct(h.botsCaught)} |`,
  );
}
const pooled = summary(loso.scores, all, threshold);
const pooledHand = summary(handSet, all, HAND_SET_THRESHOLD);
push(
  `| all, pooled | | ${n(bots)} | ${n(rows.length - bots)} | ${pooled.auc.toFixed(3)} | ${pooledHand.auc.toFixed(3)} | ${pct(pooled.at.falsePositiveRate)} | ${pct(pooled.at.recall)} | ${pct(pooledHand.at.falsePositiveRate)}, ${pct(pooledHand.at.recall)} |`,
  '',
  '**Across platforms**:',
  '',
  '| trained on | tested on | AUC | hand-set AUC | at the threshold: humans flagged, bots caught |',
  '| --- | --- | ---: | ---: | --- |',
);
const xi = summary(xToInstagram.scores, instagramRows, threshold);
push(
  `| the X collections | \`instafake-2019\` | ${xi.auc.toFixed(3)} | ${auc(pick(handSet, instagramRows), ys(instagramRows)).toFixed(3)} | ${pct(xi.at.falsePositiveRate)}, ${pct(xi.at.recall)} |`,
);
const ix = summary(instagramToX.scores, xRows, threshold);
push(
  `| \`instafake-2019\` | the X collections, pooled | ${ix.auc.toFixed(3)} | ${auc(pick(handSet, xRows), ys(xRows)).toFixed(3)} | ${pct(ix.at.falsePositiveRate)}, ${pct(ix.at.recall)} |`,
);
for (const p of perSource(instagramToX.scores, threshold, (r) => r.platform === 'x')) {
  if (p.bots === 0 || p.humans === 0) continue;
  push(
    `| \`instafake-2019\` | \`${p.source}\` | ${p.auc.toFixed(3)} | ${handPer.get(p.source)!.auc.toFixed(3)} | ${pct(p.humansFlagged)}, ${pct(p.botsCaught)} |`,
  );
}
push(
  '',
  '**Curve** (leave one collection out, pooled):',
  '',
  '| threshold | humans flagged | bots caught | precision |',
  '| ---: | ---: | ---: | ---: |',
);
for (const t of [0.5, 0.6, 0.7, 0.8, 0.9, threshold].sort((a, b) => a - b)) {
  const at = atThreshold(loso.scores, ys(all), t);
  push(`| ${t} | ${pct(at.falsePositiveRate)} | ${pct(at.recall)} | ${pct(at.precision)} |`);
}
push(
  '',
  '**The weights** of the shipped model (all accounts), per standard deviation of each feature; positive leans to bot:',
  '',
  '| feature | weight |',
  '| --- | ---: |',
);
for (const [i, f] of [...INSTAGRAM_BOT_FEATURES.entries()].sort(
  (a, b) => Math.abs(final.weights[b[0]]!) - Math.abs(final.weights[a[0]]!),
))
  push(`| \`${f}\` | ${final.weights[i]!.toFixed(2)} |`);
const figures = lines.join('\n');

const START = '<!-- instagram-figures:start -->';
const END = '<!-- instagram-figures:end -->';
const doc = await readFile(args.doc, 'utf8');
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from < 0 || to < from) console.log(figures);
else {
  await writeFile(args.doc, `${doc.slice(0, from + START.length)}\n${figures}\n${doc.slice(to)}`);
  console.log(figures);
}
console.log(`Wrote ${args.out}`);
