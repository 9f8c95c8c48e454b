/**
 * A profile's context (interests.ts) and an interest's meaning are float32 sums of word vectors, which
 * `addRows` adds four rows at a time. Relevance scores depend on every bit of those sums, so they must
 * be exactly the sums of adding one row at a time into a float32 array, as before: compared bit for bit
 * on lists of the shipped vectors' rows fast-check draws (repeats and lists of any length among them,
 * frequent and rare words alike), into a zero sum and into one already holding a sum. The context
 * less a word, against an interest (`restAgainst`, the factor a profile's other words give a word near
 * an interest), is worked out for four words in one pass: each word's dot product and norm must be
 * those of working it out alone. Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRows, restAgainst, wordVectors } from '../../src/engine/word-vectors.js';

const v = wordVectors();
const rowCount = v.scale.length;

/** One row at a time, each addition stored into (so rounded to) float32: the sum as it was made before. */
function oneAtATime(sum: Float32Array, rows: readonly number[]): void {
  for (const row of rows) {
    const s = v.scale[row]!;
    for (let d = 0; d < v.dims; d++) sum[d]! += v.vectors[row * v.dims + d]! * s;
  }
}

const row = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: rowCount - 1 }));

describe('addRows', () => {
  it('gives the one-row-at-a-time float32 sum to the last bit', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.array(row, { maxLength: 5 }), (rows, before) => {
        const expected = new Float32Array(v.dims);
        oneAtATime(expected, before);
        oneAtATime(expected, rows);
        const actual = new Float32Array(v.dims);
        oneAtATime(actual, before);
        addRows(actual, v, rows);
        expect(new Uint32Array(actual.buffer)).toEqual(new Uint32Array(expected.buffer));
      }),
      { seed: 12, numRuns: 3000 },
    );
  });
});

/** `sum` less one row's unit vector, against a query, one row alone: the sums as the factor was made before. */
function restAlone(sum: Float32Array, row: number, query: Float32Array): [number, number] {
  const s = v.scale[row]!;
  let dot = 0;
  let norm = 0;
  for (let d = 0; d < v.dims; d++) {
    const rest = sum[d]! - v.vectors[row * v.dims + d]! * s;
    dot += rest * query[d]!;
    norm += rest * rest;
  }
  return [dot, norm];
}

describe('restAgainst', () => {
  it('gives each row the dot product and norm it has alone, to the last bit, four rows at a time or fewer', () => {
    const query = fc
      .array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: v.dims, maxLength: v.dims })
      .map((q) => Float32Array.from(q));
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 2, maxLength: 20 }),
        fc.array(fc.tuple(row, query), { minLength: 1, maxLength: 4 }),
        (context, asked) => {
          const sum = new Float32Array(v.dims);
          addRows(sum, v, context);
          const dots = new Float64Array(4);
          const norms = new Float64Array(4);
          const rows = Int32Array.from(asked.map(([r]) => r));
          restAgainst(
            v,
            sum,
            rows,
            asked.map(([, q]) => q),
            asked.length,
            dots,
            norms,
          );
          asked.forEach(([r, q], j) => {
            const [dot, norm] = restAlone(sum, r, q);
            expect(Object.is(dots[j], dot)).toBe(true);
            expect(Object.is(norms[j], norm)).toBe(true);
          });
        },
      ),
      { seed: 12, numRuns: 2000 },
    );
  });
});
