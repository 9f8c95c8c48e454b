/**
 * X's post dates read by character codes (`parseXDate`, once per post of an archive) must give exactly
 * the time the regular expression gives (`parseXDateText`): fast-check writes `created_at` values in
 * X's layout at any time and offset, then spoils them (a character replaced by a digit, a letter, a
 * space, a sign or a colon; one-digit days; spaces around; other months), and both readings must agree,
 * NaN included. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXDate, parseXDateText } from '../../src/importers/x-tweets.js';

const SEED = 20_261_203;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const xDate = fc
  .record({
    day: fc.constantFrom(...DAYS, 'Abc', 'x_1'),
    month: fc.constantFrom(...MONTHS, 'Foo', 'jan', 'JAN'),
    date: fc.integer({ min: 0, max: 99 }),
    hour: fc.integer({ min: 0, max: 99 }),
    minute: fc.integer({ min: 0, max: 99 }),
    second: fc.integer({ min: 0, max: 99 }),
    sign: fc.constantFrom('+', '-'),
    offset: fc.integer({ min: 0, max: 9999 }),
    year: fc.integer({ min: 0, max: 9999 }),
  })
  .map(
    (d) =>
      `${d.day} ${d.month} ${pad(d.date)} ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)} ${d.sign}${pad(d.offset, 4)} ${pad(d.year, 4)}`,
  );
const realDate = fc
  .date({ min: new Date('2006-03-21'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((t) => {
    const iso = t.toISOString();
    return `${DAYS[t.getUTCDay()]} ${MONTHS[t.getUTCMonth()]} ${iso.slice(8, 10)} ${iso.slice(11, 19)} +0000 ${iso.slice(0, 4)}`;
  });
const spoiled = fc
  .tuple(
    fc.oneof(xDate, realDate),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('1', '0', 'a', 'Z', '_', ' ', '+', '-', ':', '\t', 'é', '')),
      { maxLength: 3 },
    ),
    fc.constantFrom('', ' ', '\n'),
  )
  .map(([text, edits, around]) => {
    let out = text;
    for (const [at, by] of edits) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + by + out.slice(i + 1);
    }
    return around + out + around;
  });

describe('X post dates by character codes', () => {
  it('give the same time as the regular expression, for X’s layout and near misses', () => {
    fc.assert(
      fc.property(fc.oneof(xDate, realDate, spoiled), (text) => {
        expect(parseXDate(text)).toBe(parseXDateText(text));
      }),
      { seed: SEED, numRuns: 30_000 },
    );
  });

  it('read X’s dates with their offset', () => {
    expect(parseXDate('Sat Feb 18 12:33:11 +0000 2023')).toBe(Date.parse('2023-02-18T12:33:11Z'));
    expect(parseXDate('Sat Feb 18 12:33:11 +0130 2023')).toBe(Date.parse('2023-02-18T11:03:11Z'));
    expect(parseXDate('Sat Feb 18 12:33:11 -0500 2023')).toBe(Date.parse('2023-02-18T17:33:11Z'));
    expect(parseXDate('Sat Foo 18 12:33:11 +0000 2023')).toBeNaN();
  });
});
