/**
 * A post's time read from its id in Numbers (`snowflakeTime`, used for every like of an archive) must
 * equal the BigInt shift it replaced, `Number(BigInt(id) >> 22n) + epoch`, for every decimal id of 1 to
 * 20 digits, leading zeros included; and `snowflakeDate` must keep exactly the times the old
 * `hasSnowflakeTime` check kept. fast-check draws ids of every length with uniform digits, ids near the
 * powers of two and ten where a Number split could round, and real snowflakes of 2010 to 2100. Seeded,
 * so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SNOWFLAKE_EPOCH, snowflakeDate, snowflakeTime } from '../../src/sources/x-user.js';

const SEED = 20_261_203;

/** The BigInt reading the Number one replaced. */
const bigIntTime = (id: string): number => Number(BigInt(id) >> 22n) + SNOWFLAKE_EPOCH;

const digitsOfEveryLength = fc
  .integer({ min: 1, max: 20 })
  .chain((length) =>
    fc
      .array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length })
      .map((d) => d.join('')),
  );
const MAX_ID = 10n ** 20n - 1n;
const anyId = fc.bigInt({ min: 0n, max: MAX_ID }).map(String);
const edges = [
  ...Array.from({ length: 67 }, (_, k) => 2n ** BigInt(k)),
  ...Array.from({ length: 21 }, (_, k) => 10n ** BigInt(k)),
].filter((n) => n <= MAX_ID + 1n);
const nearEdge = fc
  .tuple(fc.constantFrom(...edges), fc.bigInt({ min: -4_194_305n, max: 4_194_305n }))
  .map(([edge, by]) => edge + by)
  .filter((n) => n >= 0n && n <= MAX_ID)
  .map(String);
const realSnowflake = fc
  .tuple(
    fc.integer({ min: SNOWFLAKE_EPOCH, max: Date.UTC(2100, 0, 1) }),
    fc.integer({ min: 0, max: 4_194_303 }),
  )
  .map(([ms, low]) => ((BigInt(ms - SNOWFLAKE_EPOCH) << 22n) | BigInt(low)).toString());
const ids = fc.oneof(digitsOfEveryLength, anyId, nearEdge, realSnowflake);

describe('snowflake times in Numbers', () => {
  it('equal the BigInt shift for every decimal id of up to 20 digits', () => {
    fc.assert(
      fc.property(ids, (id) => {
        expect(snowflakeTime(id)).toBe(bigIntTime(id));
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });

  it('date exactly the ids the old check dated, with the same time', () => {
    fc.assert(
      fc.property(ids, (id) => {
        const old = bigIntTime(id);
        expect(snowflakeDate(id)).toBe(old > SNOWFLAKE_EPOCH + 86_400_000 ? old : null);
      }),
      { seed: SEED, numRuns: 5_000 },
    );
  });

  it('give no time for what is not a decimal id of up to 20 digits', () => {
    for (const id of ['', '-1', '1e5', ' 12', '12 ', '0x10', '1.5', '１２', '1'.repeat(21)]) {
      expect(snowflakeTime(id)).toBeNaN();
      expect(snowflakeDate(id)).toBeNull();
    }
  });
});
