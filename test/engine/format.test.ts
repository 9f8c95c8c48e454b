import { describe, expect, it } from 'vitest';
import { daysAgo, formatCount, isoTime, listInWords, perDay } from '../../src/engine/format.js';

describe('format', () => {
  it('writes times exactly as Date#toISOString does, and no time as null', () => {
    const times = [
      0,
      1,
      -1,
      1_700_000_000_123,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      -86_400_001,
      1.7,
      -1.7,
    ];
    for (const t of times) expect(isoTime(t)).toBe(new Date(t).toISOString());
    expect(isoTime(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59.999Z');
    expect(isoTime(null)).toBeNull();
  });

  it('words a sentence per UTC day', () => {
    const since = perDay((day) => `no post since ${day}`);
    expect(since(Date.parse('2024-03-02T00:00:00Z'))).toBe('no post since 2024-03-02');
    expect(since(Date.parse('2024-03-02T23:59:59Z'))).toBe('no post since 2024-03-02');
    expect(since(Date.parse('2024-03-03T00:00:01Z'))).toBe('no post since 2024-03-03');
    expect(since(Date.parse('1969-12-31T12:00:00Z'))).toBe('no post since 1969-12-31');
  });

  it('writes counts with thousands separators', () => {
    expect([0, 12, 999, 4_810, 1_234_567, 95.6].map(formatCount)).toEqual([
      '0',
      '12',
      '999',
      '4,810',
      '1,234,567',
      '96',
    ]);
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(daysAgo(now - 3_600_000, now)).toBe('today');
    expect(daysAgo(now - 86_400_000, now)).toBe('1 day ago');
    expect(daysAgo(now - 47 * 86_400_000, now)).toBe('47 days ago');
  });

  it('lists in words', () => {
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });
});
