import { seededRandom } from '../lib/seeded-random.js';
import { auc } from './metrics.js';

/**
 * Validation designed around the question that matters: how does the model do on a collection of
 * bots and humans it never saw? Each protocol trains on some rows and scores others; `Fit` is any
 * model family.
 */
export interface Row {
  x: Float64Array;
  y: 0 | 1;
  source: string;
}

/** Trains on the given rows, returns a scorer of feature vectors (higher = more likely a bot). */
export type Fit = (train: Row[]) => (x: Float64Array) => number;

/** Rows split into k folds, each class spread evenly, by the seed. */
export function folds(rows: Row[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const fold = new Array<number>(rows.length);
  for (const label of [0, 1]) {
    const members = rows.map((r, i) => (r.y === label ? i : -1)).filter((i) => i >= 0);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((row, n) => (fold[row] = n % k));
  }
  return fold;
}

/** Out-of-fold scores by k-fold cross-validation over all rows: the in-domain figure. */
export function crossValidated(rows: Row[], fit: Fit, k: number, seed: number): Float64Array {
  const fold = folds(rows, k, seed);
  const scores = new Float64Array(rows.length);
  for (let f = 0; f < k; f++) {
    const score = fit(rows.filter((_, i) => fold[i] !== f));
    rows.forEach((r, i) => {
      if (fold[i] === f) scores[i] = score(r.x);
    });
  }
  return scores;
}

export interface HeldOut {
  source: string;
  bots: number;
  humans: number;
  /** Where the held-out source has no humans, they come from the other sources, scored out of fold. */
  humansFrom: 'the source' | 'other sources';
  /** Likewise its bots, for a source of humans only. */
  botsFrom: 'the source' | 'other sources';
  auc: number;
}

/**
 * Leave one source out: train without the source, score it. A source of bots only is scored against
 * the other sources' humans, each scored by a model that saw neither that source nor that human (k
 * folds over those humans). Returns one figure per source and every row's out-of-source score.
 */
export function leaveOneSourceOut(
  rows: Row[],
  fit: Fit,
  seed: number,
): { heldOut: HeldOut[]; scores: Float64Array } {
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const scores = new Float64Array(rows.length);
  const heldOut: HeldOut[] = [];
  for (const source of sources) {
    const inside = rows.map((r, i) => (r.source === source ? i : -1)).filter((i) => i >= 0);
    const score = fit(rows.filter((r) => r.source !== source));
    for (const i of inside) scores[i] = score(rows[i]!.x);
    const bots = inside.filter((i) => rows[i]!.y === 1).length;
    const humans = inside.length - bots;
    if (humans > 0 && bots > 0) {
      heldOut.push({
        source,
        bots,
        humans,
        humansFrom: 'the source',
        botsFrom: 'the source',
        auc: auc(
          inside.map((i) => scores[i]!),
          inside.map((i) => rows[i]!.y),
        ),
      });
      continue;
    }
    // One class only: the other comes from the other sources, each scored out of fold by a model
    // that saw neither this source nor that account.
    const missingClass = bots > 0 ? 0 : 1;
    const others = rows
      .map((r, i) => (r.source !== source && r.y === missingClass ? i : -1))
      .filter((i) => i >= 0);
    const fold = folds(
      others.map((i) => rows[i]!),
      5,
      seed,
    );
    const otherScores = new Float64Array(others.length);
    for (let f = 0; f < 5; f++) {
      const excluded = new Set(others.filter((_, n) => fold[n] === f));
      const scoreFold = fit(rows.filter((r, i) => r.source !== source && !excluded.has(i)));
      others.forEach((row, n) => {
        if (fold[n] === f) otherScores[n] = scoreFold(rows[row]!.x);
      });
    }
    const all = [...inside.map((i) => scores[i]!), ...otherScores];
    const labels = [...inside.map((i) => rows[i]!.y), ...others.map(() => missingClass)];
    heldOut.push({
      source,
      bots: bots > 0 ? bots : others.length,
      humans: bots > 0 ? others.length : humans,
      humansFrom: bots > 0 ? 'other sources' : 'the source',
      botsFrom: bots > 0 ? 'the source' : 'other sources',
      auc: auc(all, labels),
    });
  }
  return { heldOut, scores };
}

export interface Pair {
  bots: string;
  humans: string;
  auc: number;
}

/**
 * The bots of one source against the humans of another, the model trained without either: the case
 * of a person whose followings mix people and bots from two collections the model never saw.
 */
export function crossSourcePairs(rows: Row[], fit: Fit, minRows: number): Pair[] {
  const count = (source: string, y: 0 | 1) => rows.filter((r) => r.source === source && r.y === y).length;
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const pairs: Pair[] = [];
  for (const b of sources.filter((s) => count(s, 1) >= minRows)) {
    for (const h of sources.filter((s) => s !== b && count(s, 0) >= minRows)) {
      const score = fit(rows.filter((r) => r.source !== b && r.source !== h));
      const test = rows.filter((r) => (r.source === b && r.y === 1) || (r.source === h && r.y === 0));
      pairs.push({
        bots: b,
        humans: h,
        auc: auc(
          test.map((r) => score(r.x)),
          test.map((r) => r.y),
        ),
      });
    }
  }
  return pairs;
}
