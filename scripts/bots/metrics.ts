/** Area under the ROC curve (Mann–Whitney U, ties counted half): the chance a bot outscores a human. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumBots = 0;
  let bots = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        rankSumBots += rank;
        bots++;
      }
    }
    i = j + 1;
  }
  const humans = order.length - bots;
  if (bots === 0 || humans === 0) return NaN;
  return (rankSumBots - (bots * (bots + 1)) / 2) / (bots * humans);
}

export interface AtThreshold {
  threshold: number;
  precision: number;
  recall: number;
  /** Share of humans flagged. */
  falsePositiveRate: number;
}

export function atThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): AtThreshold {
  let tp = 0;
  let fp = 0;
  let bots = 0;
  let humans = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i]! >= threshold;
    if (labels[i] === 1) {
      bots++;
      if (flagged) tp++;
    } else {
      humans++;
      if (flagged) fp++;
    }
  }
  return {
    threshold,
    precision: tp + fp === 0 ? NaN : tp / (tp + fp),
    recall: tp / bots,
    falsePositiveRate: fp / humans,
  };
}

/** Precision had bots been `prior` of the accounts, from recall and the false-positive rate. */
export function precisionAtPrior(at: AtThreshold, prior: number): number {
  const tp = at.recall * prior;
  const fp = at.falsePositiveRate * (1 - prior);
  return tp + fp === 0 ? NaN : tp / (tp + fp);
}

/** Score bins with the share of bots observed in each. */
export function calibration(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  edges: number[],
): { from: number; to: number; n: number; botRate: number; meanScore: number }[] {
  const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]!, n: 0, bots: 0, sum: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    const bin = bins.find((b, k) => s >= b.from && (s < b.to || (k === bins.length - 1 && s <= b.to)));
    if (!bin) continue;
    bin.n++;
    bin.sum += s;
    if (labels[i] === 1) bin.bots++;
  }
  return bins.map((b) => ({
    from: b.from,
    to: b.to,
    n: b.n,
    botRate: b.n ? b.bots / b.n : NaN,
    meanScore: b.n ? b.sum / b.n : NaN,
  }));
}
