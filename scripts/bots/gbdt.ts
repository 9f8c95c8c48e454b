import type { BotTree } from '../../src/engine/bot-model.js';
import { sigmoid } from '../../src/engine/bot-model.js';
import { seededRandom } from '../lib/seeded-random.js';

/**
 * Gradient-boosted regression trees for a binary label (log loss), histogram-based: each feature is cut
 * at up to `bins` quantiles of its known values, missing values learn which side they go to. Small on
 * purpose (shallow trees, strong shrinkage, minimum leaf weight): the model must hold up on bot
 * collections it never saw, where a deep fit to one collection's quirks is a liability.
 */
export interface GbdtParams {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Least hessian (≈ p(1−p) summed) a leaf may hold. */
  minChildWeight: number;
  /** Fraction of rows each tree sees, drawn with the seed. */
  subsample: number;
  /** Fraction of features each tree may split on, drawn with the seed: no one feature carries every tree. */
  colsample?: number;
  bins: number;
  seed: number;
  /**
   * Per feature: +1 the margin may only rise with the value, −1 only fall, 0 free. A constraint written
   * from what is known about bots keeps a collection's accident from becoming a rule.
   */
  monotone?: number[];
  /**
   * Features the trees may not split on: still computed (the reasons word them), but a raw count that
   * mostly says which collection an account came from is left to the rates and ratios built on it.
   */
  excluded?: number[];
  /**
   * Where a missing value goes: `learn` (the default) sends it to the side of each split that fits
   * best; `neutral` leaves it out of the split and stops it at the node, whose value is what the
   * subtree predicts on average, so a fact the profile lacks pushes neither way.
   */
  missing?: 'learn' | 'neutral';
}

export interface Dataset {
  x: Float64Array[];
  y: Uint8Array;
  /** Weight per row (the classes can be balanced per source). */
  w: Float64Array;
}

function cutPoints(values: number[], bins: number): number[] {
  const known = values.filter((v) => v === v).sort((a, b) => a - b);
  const distinct = known.filter((v, i) => i === 0 || v !== known[i - 1]);
  const between = (i: number) => (distinct[i]! + distinct[i + 1]!) / 2;
  // Few distinct values (a flag, a small count): a cut between each, however rare one side is.
  if (distinct.length <= bins) return distinct.slice(0, -1).map((_, i) => between(i));
  const cuts: number[] = [];
  let d = 0;
  for (let b = 1; b < bins; b++) {
    const q = known[Math.floor((b * known.length) / bins)]!;
    while (distinct[d]! < q) d++;
    if (d + 1 < distinct.length && (cuts.length === 0 || between(d) > cuts[cuts.length - 1]!))
      cuts.push(between(d));
  }
  return cuts;
}

/** Bin index per row and feature: 0 for missing, 1 + (number of cuts below the value) otherwise. */
function binRows(x: Float64Array[], cuts: number[][]): Uint8Array[] {
  return x.map((row) => {
    const out = new Uint8Array(row.length);
    for (let f = 0; f < row.length; f++) {
      const v = row[f]!;
      if (v !== v) continue;
      const c = cuts[f]!;
      let lo = 0;
      let hi = c.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (c[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      out[f] = 1 + lo;
    }
    return out;
  });
}

interface Split {
  feature: number;
  /** Rows with bin ≤ `bin` (and known) go left. */
  bin: number;
  missingLeft: boolean;
  gain: number;
  leftValue: number;
  rightValue: number;
}

export function trainGbdt(
  data: Dataset,
  params: GbdtParams,
): { base: number; trees: BotTree[]; gain: Float64Array } {
  const n = data.x.length;
  const features = data.x[0]!.length;
  const cuts = Array.from({ length: features }, (_, f) =>
    cutPoints(
      data.x.map((r) => r[f]!),
      params.bins,
    ),
  );
  const binned = binRows(data.x, cuts);
  let pos = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    pos += data.y[i]! * data.w[i]!;
    total += data.w[i]!;
  }
  const base = Math.log(pos / (total - pos));
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const random = seededRandom(params.seed);
  const trees: BotTree[] = [];
  const gain = new Float64Array(features);
  const neutral = params.missing === 'neutral';
  const leafValue = (G: number, H: number) => (-G / (H + params.lambda)) * params.learningRate;

  for (let t = 0; t < params.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margin[i]!);
      g[i] = (p - data.y[i]!) * data.w[i]!;
      h[i] = Math.max(p * (1 - p), 1e-6) * data.w[i]!;
    }
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (params.subsample >= 1 || random() < params.subsample) rows.push(i);
    const usable = Array.from(
      { length: features },
      (_, f) =>
        ((params.colsample ?? 1) >= 1 || random() < params.colsample!) && !params.excluded?.includes(f),
    );
    const tree: BotTree = { feature: [], threshold: [], left: [], right: [], missingLeft: [], value: [] };

    const grow = (members: number[], depth: number, lower: number, upper: number): number => {
      let G = 0;
      let H = 0;
      for (const i of members) {
        G += g[i]!;
        H += h[i]!;
      }
      const id = tree.feature.length;
      const value = Math.min(upper, Math.max(lower, leafValue(G, H)));
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.missingLeft.push(0);
      tree.value.push(value);
      if (depth >= params.depth) return id;
      const split = bestSplit(members, G, H, lower, upper);
      if (!split) return id;
      const goesLeft = (i: number) => {
        const b = binned[i]![split.feature]!;
        return b === 0 ? split.missingLeft : b <= split.bin;
      };
      const known = neutral ? members.filter((i) => binned[i]![split.feature]! !== 0) : members;
      const leftRows = known.filter(goesLeft);
      const rightRows = known.filter((i) => !goesLeft(i));
      gain[split.feature]! += split.gain;
      const sign = params.monotone?.[split.feature] ?? 0;
      const mid = (split.leftValue + split.rightValue) / 2;
      tree.feature[id] = split.feature;
      tree.threshold[id] = cuts[split.feature]![split.bin - 1]!;
      tree.missingLeft[id] = split.missingLeft ? 1 : 0;
      tree.left[id] = grow(leftRows, depth + 1, lower, sign > 0 ? mid : upper);
      tree.right[id] = grow(rightRows, depth + 1, sign < 0 ? mid : lower, upper);
      return id;
    };

    const bestSplit = (
      members: number[],
      G: number,
      H: number,
      lower: number,
      upper: number,
    ): Split | null => {
      const parentScore = (G * G) / (H + params.lambda);
      let best: Split | null = null;
      for (let f = 0; f < features; f++) {
        const nb = cuts[f]!.length + 1;
        if (nb < 2 || !usable[f]) continue;
        const bg = new Float64Array(nb + 1);
        const bh = new Float64Array(nb + 1);
        for (const i of members) {
          const b = binned[i]![f]!;
          bg[b]! += g[i]!;
          bh[b]! += h[i]!;
        }
        const missG = bg[0]!;
        const missH = bh[0]!;
        // Neutral: the missing rows stay at this node, on neither side.
        const sideG = neutral ? G - missG : G;
        const sideH = neutral ? H - missH : H;
        // What splitting the known rows gains (the missing ones keep the node's value either way).
        const knownScore = neutral ? (sideG * sideG) / (sideH + params.lambda) : parentScore;
        let lg = 0;
        let lh = 0;
        for (let b = 1; b < nb; b++) {
          lg += bg[b]!;
          lh += bh[b]!;
          for (const missingLeft of neutral ? [false] : [false, true]) {
            const LG = lg + (missingLeft ? missG : 0);
            const LH = lh + (missingLeft ? missH : 0);
            const RG = sideG - LG;
            const RH = sideH - LH;
            if (LH < params.minChildWeight || RH < params.minChildWeight) continue;
            const leftValue = Math.min(upper, Math.max(lower, leafValue(LG, LH)));
            const rightValue = Math.min(upper, Math.max(lower, leafValue(RG, RH)));
            const sign = params.monotone?.[f] ?? 0;
            if ((sign > 0 && leftValue > rightValue) || (sign < 0 && leftValue < rightValue)) continue;
            const score = (LG * LG) / (LH + params.lambda) + (RG * RG) / (RH + params.lambda) - knownScore;
            if (score > 1e-9 && (!best || score > best.gain))
              best = { feature: f, bin: b, missingLeft, gain: score, leftValue, rightValue };
          }
        }
      }
      return best;
    };

    grow(rows, 0, -Infinity, Infinity);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i]! += treeValue(tree, data.x[i]!, params.missing);
  }
  return { base, trees, gain };
}

/**
 * What one tree adds to the margin of a feature vector; with `neutral` missing values, a missing
 * value stops at the node it would be split on and takes that node's value.
 */
export function treeValue(tree: BotTree, row: ArrayLike<number>, missing: GbdtParams['missing']): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const v = row[tree.feature[node]!]!;
    if (v !== v && missing === 'neutral') break;
    const left = v !== v ? tree.missingLeft[node] === 1 : v < tree.threshold[node]!;
    node = left ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}
