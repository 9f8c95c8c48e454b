import { z } from 'zod';
import { BOT_FEATURES, HANDLE_SYMBOLS, type HandleBigrams } from './bot-features.js';

/**
 * The learned bot model: a small ensemble of gradient-boosted regression trees over `BOT_FEATURES`,
 * trained by `scripts/bots/train.ts` and stored as JSON. Trees are flat arrays, one entry per node:
 * `feature[i]` is −1 on a leaf; otherwise a value below `threshold[i]` goes to `left[i]`, else to
 * `right[i]`, and a missing value (NaN) goes left where `missingLeft[i]` is 1. `value[i]` is the
 * node's share of the margin (log odds); an internal node's value is what its subtree predicts on
 * average, so the change from a node to the child taken is what that split's feature contributed.
 */
export interface BotTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  missingLeft: number[];
  value: number[];
}

export interface BotModel {
  format: 'tend-bot-model/1';
  features: string[];
  /** Log odds before any tree. */
  base: number;
  trees: BotTree[];
  bigrams: HandleBigrams;
  /** The default bot threshold, chosen for high precision on sources the model was not trained on. */
  threshold: number;
  /** How the model was made: data, seed, parameters, validation figures. */
  provenance: Record<string, unknown>;
}

const numbers = z.array(z.number());
const treeSchema = z
  .object({
    feature: z.array(z.number().int()),
    threshold: numbers,
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    missingLeft: z.array(z.number().int()),
    value: numbers,
  })
  .refine(
    (t) => [t.threshold, t.left, t.right, t.missingLeft, t.value].every((a) => a.length === t.feature.length),
    'node arrays differ in length',
  )
  .refine(
    (t) =>
      t.feature.every(
        (f, i) =>
          f === -1 ||
          (f >= 0 &&
            f < BOT_FEATURES.length &&
            t.left[i]! > i &&
            t.right[i]! > i &&
            t.left[i]! < t.feature.length &&
            t.right[i]! < t.feature.length),
      ),
    'a node points outside its tree or at an unknown feature',
  );

const modelSchema = z.object({
  format: z.literal('tend-bot-model/1'),
  features: z
    .array(z.string())
    .refine((f) => f.length === BOT_FEATURES.length && f.every((name, i) => name === BOT_FEATURES[i]), {
      message: `features differ from this version's (${BOT_FEATURES.join(', ')}): retrain the model`,
    }),
  base: z.number(),
  trees: z.array(treeSchema).min(1),
  bigrams: z.object({ logProb: numbers.length(HANDLE_SYMBOLS * HANDLE_SYMBOLS) }),
  threshold: z.number().gt(0).lt(1),
  provenance: z.record(z.string(), z.unknown()),
});

/** Checks a parsed model file; throws naming the first thing wrong, so a bad file stops the start, not an audit. */
export function parseBotModel(json: unknown): BotModel {
  const result = modelSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`Bot model file is not usable: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return result.data as BotModel;
}

/**
 * The trees laid end to end in typed arrays, each in pre-order so that a node's left child is the next
 * node: what inference walks. `code` packs a node's feature with its missing-value direction (bit 8)
 * and is −1 on a leaf, so a step of the walk reads three arrays, not six — which matters at 100k
 * accounts a second.
 */
export interface CompiledBotModel {
  base: number;
  roots: Int32Array;
  code: Int32Array;
  threshold: Float64Array;
  right: Int32Array;
  value: Float64Array;
  /** The same trees as stumps, when every one is a single split or a leaf (`compileStumps`); else null. */
  stumps: Stumps | null;
}

/**
 * Trees of one split each, one slot per tree in tree order. A missing value (NaN) goes left where the
 * split says so and right elsewhere; in `sides` each feature is written twice, NaN as −∞ in the first
 * half (below every threshold: left) and as +∞ in the second (right), and `at[t]` reads the half tree t
 * wants. The vector then goes to the left leaf's value (`leaves[2t]`) when `sides[at[t]]` is below
 * `threshold[t]`, else to the right one's (`leaves[2t + 1]`): one comparison and no branch on missing
 * values per tree. A leaf alone is a split whose two sides hold its value. The same leaf values are added in the same order as the walk of the
 * trees, so the margin is the same to the last bit.
 */
export interface Stumps {
  at: Uint16Array;
  threshold: Float64Array;
  leaves: Float64Array;
  /** Work space: the features the trees read (0 to the highest split on), twice. */
  sides: Float64Array;
}

const FEATURE_MASK = 0xff;
const MISSING_LEFT = 0x100;

export function compileBotModel(model: Pick<BotModel, 'base' | 'trees'>): CompiledBotModel {
  const size = model.trees.reduce((n, t) => n + t.feature.length, 0);
  const compiled: CompiledBotModel = {
    base: model.base,
    roots: new Int32Array(model.trees.length),
    code: new Int32Array(size),
    threshold: new Float64Array(size),
    right: new Int32Array(size),
    value: new Float64Array(size),
    stumps: compileStumps(model.trees),
  };
  let next = 0;
  /** Lays out the subtree at `node` from position `next` on, in pre-order; returns where it went. */
  const place = (tree: BotTree, node: number): number => {
    const at = next++;
    const feature = tree.feature[node]!;
    compiled.value[at] = tree.value[node]!;
    compiled.threshold[at] = tree.threshold[node]!;
    if (feature < 0) {
      compiled.code[at] = -1;
      return at;
    }
    compiled.code[at] = feature | (tree.missingLeft[node] === 1 ? MISSING_LEFT : 0);
    place(tree, tree.left[node]!);
    compiled.right[at] = place(tree, tree.right[node]!);
    return at;
  };
  model.trees.forEach((tree, t) => {
    compiled.roots[t] = place(tree, 0);
  });
  return compiled;
}

/** One split with two leaves, or a leaf; a threshold of −∞ or NaN would send missing values the other way here. */
const isStump = (tree: BotTree) =>
  tree.feature[0] === -1 ||
  (tree.feature[tree.left[0]!] === -1 &&
    tree.feature[tree.right[0]!] === -1 &&
    tree.threshold[0]! > Number.NEGATIVE_INFINITY);

/** The trees as `Stumps`, or null when one of them splits more than once (the walk scores those). */
export function compileStumps(trees: readonly BotTree[]): Stumps | null {
  if (!trees.every(isStump)) return null;
  const width = Math.max(1, ...trees.map((tree) => tree.feature[0]! + 1));
  const stumps: Stumps = {
    at: new Uint16Array(trees.length),
    threshold: new Float64Array(trees.length),
    leaves: new Float64Array(2 * trees.length),
    sides: new Float64Array(2 * width),
  };
  trees.forEach((tree, t) => {
    if (tree.feature[0] === -1) {
      // Either side gives the leaf's value, whatever the vector holds.
      stumps.threshold[t] = Number.POSITIVE_INFINITY;
      stumps.leaves[2 * t] = stumps.leaves[2 * t + 1] = tree.value[0]!;
      return;
    }
    stumps.at[t] = tree.feature[0]! + (tree.missingLeft[0] === 1 ? 0 : width);
    stumps.threshold[t] = tree.threshold[0]!;
    stumps.leaves[2 * t] = tree.value[tree.left[0]!]!;
    stumps.leaves[2 * t + 1] = tree.value[tree.right[0]!]!;
  });
  return stumps;
}

/**
 * `botMargin` over stumps. A value below a threshold goes left in the walk whichever way its split
 * sends missing values, and so it does here; NaN goes left as −∞ and right as +∞ (no threshold is −∞).
 */
function stumpMargin(base: number, s: Stumps, x: ArrayLike<number>): number {
  const { at, threshold, leaves, sides } = s;
  const n = sides.length >> 1;
  for (let f = 0; f < n; f++) {
    const v = x[f]!;
    if (v === v) {
      sides[f] = v;
      sides[f + n] = v;
    } else {
      sides[f] = Number.NEGATIVE_INFINITY;
      sides[f + n] = Number.POSITIVE_INFINITY;
    }
  }
  let margin = base;
  const trees = at.length;
  for (let t = 0; t < trees; t++) margin += leaves[2 * t + (sides[at[t]!]! < threshold[t]! ? 0 : 1)]!;
  return margin;
}

/**
 * The child a feature vector goes to at an internal node: the next node (left) or `right`. A missing
 * value (NaN) fails every comparison, so `!(v >= t)` sends it left and `v < t` sends it right.
 */
function next(m: CompiledBotModel, node: number, code: number, x: ArrayLike<number>): number {
  const v = x[code & FEATURE_MASK]!;
  const goLeft = code & MISSING_LEFT ? !(v >= m.threshold[node]!) : v < m.threshold[node]!;
  return goLeft ? node + 1 : m.right[node]!;
}

/** The model's margin (log odds of "bot") for one feature vector. Children always follow their parent, so each walk ends. */
export function botMargin(m: CompiledBotModel, x: ArrayLike<number>): number {
  if (m.stumps) return stumpMargin(m.base, m.stumps, x);
  let margin = m.base;
  for (let t = 0; t < m.roots.length; t++) {
    let node = m.roots[t]!;
    for (let code = m.code[node]!; code >= 0; code = m.code[node]!) node = next(m, node, code, x);
    margin += m.value[node]!;
  }
  return margin;
}

/**
 * 1 for each feature some tree splits on, else 0: the only features the margin and its attribution
 * (`botContributions`, so the reasons) ever read.
 */
export function featuresSplitOn(model: Pick<BotModel, 'trees'>, features: number): Uint8Array {
  const used = new Uint8Array(features);
  for (const tree of model.trees) for (const f of tree.feature) if (f >= 0) used[f] = 1;
  return used;
}

export const sigmoid = (margin: number) => 1 / (1 + Math.exp(-margin));

/**
 * Adds into `out` (one slot per feature) how much each feature moved the margin, following each
 * tree's path (the Saabas attribution): the sum of `out` plus the trees' root values plus `base` is
 * the margin. Called only for accounts whose reasons are shown.
 */
export function botContributions(m: CompiledBotModel, x: ArrayLike<number>, out: Float64Array): Float64Array {
  out.fill(0);
  for (let t = 0; t < m.roots.length; t++) {
    let node = m.roots[t]!;
    for (let code = m.code[node]!; code >= 0; code = m.code[node]!) {
      const child = next(m, node, code, x);
      out[code & FEATURE_MASK]! += m.value[child]! - m.value[node]!;
      node = child;
    }
  }
  return out;
}
