/** Plain-words formatting shared by the engine's reasons, so every reason reads the same way. */

import { DAY_MS } from '../model.js';

export { DAY_MS };

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** 4810 → "4,810", rounded to a whole number (as en-US writes it, without Intl's cost per call). */
export function formatCount(n: number): string {
  const digits = String(Math.round(n));
  return digits.length > 3 ? digits.replace(THOUSANDS, ',') : digits;
}

/** An audit's dates fall on a few thousand distinct days: each is formatted once. */
const dayStrings = new Map<number, string>();
const DAY_CACHE_LIMIT = 50_000;

function dayString(day: number): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    if (dayStrings.size >= DAY_CACHE_LIMIT) dayStrings.clear();
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, s);
  }
  return s;
}

/**
 * A sentence about a day ("no post since 2024-03-02"), made once per day and then shared: an audit's
 * reports repeat the same few thousand days, and one string shared by many reports is memory the
 * garbage collector need not copy.
 */
export function perDay(words: (day: string) => string): (t: number) => string {
  const made = new Map<number, string>();
  return (t) => {
    const day = Math.floor(t / DAY_MS);
    let sentence = made.get(day);
    if (sentence === undefined) {
      if (made.size >= DAY_CACHE_LIMIT) made.clear();
      sentence = words(dayString(day));
      made.set(day, sentence);
    }
    return sentence;
  };
}

const DIGIT_0 = 48;
const T = 84;
const COLON = 58;
const DOT = 46;
const Z = 90;
const digit = (n: number) => DIGIT_0 + n;

/**
 * Epoch ms → "2024-03-02T10:04:05.123Z", as `Date#toISOString` writes it (years 0–9999), at a third of
 * its cost: the shared day string, then the time of day written in one piece from its digits. Pieced
 * together with `+` or a template, the string would stay a chain of a dozen pieces in every report.
 */
export function isoTime(time: number | null): string | null {
  if (time === null) return null;
  const t = Math.trunc(time);
  const day = Math.floor(t / DAY_MS);
  let ms = t - day * DAY_MS;
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  ms -= m * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  const clock = String.fromCharCode(
    T,
    digit(Math.floor(h / 10)),
    digit(h % 10),
    COLON,
    digit(Math.floor(m / 10)),
    digit(m % 10),
    COLON,
    digit(Math.floor(s / 10)),
    digit(s % 10),
    DOT,
    digit(Math.floor(ms / 100)),
    digit(Math.floor(ms / 10) % 10),
    digit(ms % 10),
    Z,
  );
  return dayString(day) + clock;
}

/** Whole days from `t` to `now`, never negative (clocks and exports disagree by minutes). */
function daysSince(t: number, now: number): number {
  return Math.max(0, Math.floor((now - t) / DAY_MS));
}

/** "today", "1 day ago", "47 days ago". */
export function daysAgo(t: number, now: number): string {
  const days = daysSince(t, now);
  if (days === 0) return 'today';
  return `${formatCount(days)} ${days === 1 ? 'day' : 'days'} ago`;
}

/** ["a"] → "a"; ["a", "b", "c"] → "a, b and c". */
export function listInWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** To two decimals: how scores and strengths are reported. */
export function hundredths(n: number): number {
  return Math.round(n * 100) / 100;
}
