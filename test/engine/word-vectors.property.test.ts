/**
 * A profile's context (interests.ts) and an interest's meaning are float32 sums of word vectors, which
 * `addRows` adds four rows at a time. Relevance scores depend on every bit of those sums, so they must
 * be exactly the sums of adding one row at a time into a float32 array, as before: compared bit for bit
 * on lists of the shipped vectors' rows fast-check draws (repeats and lists of any length among them,
 * frequent and rare words alike), into a zero sum and into one already holding a sum. Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRows, wordVectors } from '../../src/engine/word-vectors.js';

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
