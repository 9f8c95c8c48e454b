import type { GbdtParams } from './gbdt.js';
import type { AtThreshold } from './metrics.js';
import type { HeldOut, Pair, Row } from './validate.js';

/** The figures section of docs/MODEL.md, written by the training script from what it measured. */
export interface Figures {
  rows: Row[];
  comparison: { family: string; heldOut: HeldOut[]; meanAuc: number }[];
  pairs: Pair[];
  inDomainAuc: number;
  threshold: number;
  outOfSource: AtThreshold;
  inDomainAt: AtThreshold;
  perSource: { source: string; humansFlagged: number; botsCaught: number }[];
  /** Other thresholds an operator may choose (`--bot-threshold`), scored both ways. */
  curve: { outOfSource: AtThreshold; inDomain: AtThreshold }[];
  everyday: { share: number; inDomain: number; outOfSource: number };
  calibration: { outOfSource: Bin[]; inDomain: Bin[] };
  importance: { feature: string; share: number }[];
  params: GbdtParams;
  seed: number;
}

interface Bin {
  from: number;
  to: number;
  n: number;
  botRate: number;
  meanScore: number;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const table = (head: string[], body: (string | number)[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

export function renderFigures(f: Figures): string {
  const sources = [...new Set(f.rows.map((r) => r.source))].sort();
  const count = (s: string, y: 0 | 1) => f.rows.filter((r) => r.source === s && r.y === y).length;
  const chosen = f.comparison[0]!;
  const out: string[] = [];
  out.push('_Written by `npm run train:bots`; do not edit by hand._\n');
  out.push('### Data\n');
  out.push(
    table(
      ['source', 'humans', 'bots'],
      sources.map((s) => [`\`${s}\``, count(s, 0), count(s, 1)]),
    ),
  );
  out.push(
    `\nSeed ${f.seed}; trees: ${f.params.trees} of depth ${f.params.depth}, learning rate ${f.params.learningRate}, L2 ${f.params.lambda}, minimum leaf weight ${f.params.minChildWeight}, row subsample ${f.params.subsample}, ${f.params.bins} bins per feature.\n`,
  );

  out.push('### Leave one source out\n');
  out.push(
    "Trained without the source, scored on it. A source of bots only is scored against the other sources' humans, and a source of humans only against the other sources' bots, each of those scored by a model that saw neither that source nor that account (5 folds).\n",
  );
  out.push(
    table(
      ['held-out source', 'bots', 'bots from', 'humans', 'humans from', 'AUC'],
      chosen.heldOut.map((h) => [`\`${h.source}\``, h.bots, h.botsFrom, h.humans, h.humansFrom, f3(h.auc)]),
    ),
  );
  out.push(`\nMean over sources: **${f3(chosen.meanAuc)}**.\n`);

  out.push('### Bots of one source against humans of another\n');
  out.push(
    'Trained without either source: the case of a following that mixes people and bots from two collections the model never saw.\n',
  );
  out.push(
    table(
      ['bots from', 'humans from', 'AUC'],
      f.pairs.map((p) => [`\`${p.bots}\``, `\`${p.humans}\``, f3(p.auc)]),
    ),
  );
  const pairMean = f.pairs.reduce((s, p) => s + p.auc, 0) / f.pairs.length;
  out.push(`\nMean: **${f3(pairMean)}**; lowest ${f3(Math.min(...f.pairs.map((p) => p.auc)))}.\n`);

  out.push('### Model families compared (leave one source out)\n');
  out.push(
    table(
      ['family', ...chosen.heldOut.map((h) => `\`${h.source}\``), 'mean'],
      f.comparison.map((c) => [c.family, ...c.heldOut.map((h) => f3(h.auc)), f3(c.meanAuc)]),
    ),
  );

  out.push('\n### In-domain cross-validation\n');
  out.push(
    `5-fold, all sources mixed: AUC **${f3(f.inDomainAuc)}** — the figure profile-only models usually report, and not the one to trust.\n`,
  );

  out.push('### The default threshold\n');
  out.push(
    table(
      ['scored', 'threshold', 'precision', 'recall', 'humans flagged'],
      [
        [
          'out of source (each account by a model that never saw its source)',
          f.threshold,
          f3(f.outOfSource.precision),
          f3(f.outOfSource.recall),
          pct(f.outOfSource.falsePositiveRate),
        ],
        [
          'in domain (5-fold)',
          f.threshold,
          f3(f.inDomainAt.precision),
          f3(f.inDomainAt.recall),
          pct(f.inDomainAt.falsePositiveRate),
        ],
      ],
    ),
  );
  out.push(
    `\nThe threshold is the lowest score (in steps of 0.005) at which at most 1% of humans are flagged both in cross-validation and out of source. Where ${pct(f.everyday.share)} of a following are bots (fewer than in the training set), the same recall and share of humans flagged give a precision of ${f3(f.everyday.inDomain)} (in domain) and ${f3(f.everyday.outOfSource)} (out of source).\n`,
  );
  out.push(
    'What other thresholds (`--bot-threshold`, `TEND_BOT_THRESHOLD`) cost and catch, scored both ways:\n',
  );
  out.push(
    table(
      [
        'threshold',
        'unseen humans flagged',
        'unseen bots caught',
        'humans flagged (in domain)',
        'bots caught (in domain)',
      ],
      f.curve.map((c) => [
        c.outOfSource.threshold,
        pct(c.outOfSource.falsePositiveRate),
        pct(c.outOfSource.recall),
        pct(c.inDomain.falsePositiveRate),
        pct(c.inDomain.recall),
      ]),
    ),
  );
  out.push('\nPer source, each scored by the model trained without it:\n');
  out.push(
    table(
      ['held-out source', 'its humans flagged', 'its bots caught'],
      f.perSource.map((p) => [`\`${p.source}\``, pct(p.humansFlagged), pct(p.botsCaught)]),
    ),
  );
  out.push('');

  out.push('### Calibration\n');
  out.push('Score bins against the share of bots observed in them.\n');
  out.push(
    table(
      ['score', 'accounts (out of source)', 'bots observed', 'accounts (in domain)', 'bots observed'],
      f.calibration.outOfSource.map((b, i) => {
        const d = f.calibration.inDomain[i]!;
        return [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, b.n, pct(b.botRate), d.n, pct(d.botRate)];
      }),
    ),
  );

  out.push('\n### What the model leans on\n');
  out.push('Share of the split gain of the final model, per feature.\n');
  out.push(
    table(
      ['feature', 'share of gain'],
      f.importance.filter((i) => i.share >= 0.005).map((i) => [`\`${i.feature}\``, pct(i.share)]),
    ),
  );
  return `${out.join('\n')}\n`;
}
