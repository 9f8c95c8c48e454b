/**
 * L2-regularised logistic regression on standardised features (missing values at the mean), fitted by
 * Newton's method: the simple family the tree ensemble is compared with.
 */
export interface LogisticModel {
  mean: Float64Array;
  scale: Float64Array;
  weights: Float64Array;
  bias: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= n; j++) m[r]![j]! -= k * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function standardise(
  model: Pick<LogisticModel, 'mean' | 'scale'>,
  row: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let f = 0; f < row.length; f++) {
    const v = row[f]!;
    out[f] = v === v ? (v - model.mean[f]!) / model.scale[f]! : 0;
  }
  return out;
}

export function trainLogistic(x: Float64Array[], y: Uint8Array, w: Float64Array, l2: number): LogisticModel {
  const d = x[0]!.length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    const known = x.map((r) => r[f]!).filter((v) => v === v);
    const mu = known.reduce((s, v) => s + v, 0) / Math.max(1, known.length);
    const sd = Math.sqrt(known.reduce((s, v) => s + (v - mu) ** 2, 0) / Math.max(1, known.length));
    mean[f] = mu;
    scale[f] = sd > 0 ? sd : 1;
  }
  const z = x.map((r) => standardise({ mean, scale }, r, new Float64Array(d)));
  let beta = new Array<number>(d + 1).fill(0);
  for (let iter = 0; iter < 25; iter++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < z.length; i++) {
      const row = z[i]!;
      let m = beta[d]!;
      for (let f = 0; f < d; f++) m += beta[f]! * row[f]!;
      const p = 1 / (1 + Math.exp(-m));
      const wi = w[i]!;
      const r = (p - y[i]!) * wi;
      const s = p * (1 - p) * wi;
      for (let a = 0; a <= d; a++) {
        const xa = a === d ? 1 : row[a]!;
        grad[a]! += r * xa;
        for (let b = a; b <= d; b++) hess[a]![b]! += s * xa * (b === d ? 1 : row[b]!);
      }
    }
    for (let a = 0; a <= d; a++) {
      for (let b = 0; b < a; b++) hess[a]![b] = hess[b]![a]!;
      if (a < d) {
        grad[a]! += l2 * beta[a]!;
        hess[a]![a]! += l2;
      }
    }
    const step = solve(hess, grad);
    beta = beta.map((v, i) => v - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { mean, scale, weights: Float64Array.from(beta.slice(0, d)), bias: beta[d]! };
}

export function logisticMargin(model: LogisticModel, row: Float64Array): number {
  let m = model.bias;
  for (let f = 0; f < row.length; f++) {
    const v = row[f]!;
    if (v === v) m += (model.weights[f]! * (v - model.mean[f]!)) / model.scale[f]!;
  }
  return m;
}
