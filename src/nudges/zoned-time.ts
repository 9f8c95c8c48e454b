/**
 * Wall-clock time in an IANA time zone, with Intl alone (no time-zone library): what a person's
 * "Monday 09:00" is as an instant, and what an instant is on their clock.
 */
import { DAY_MS } from '../model.js';

/** A calendar day and a time on a wall clock, wherever the clock hangs. Months count from 1. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE = 60_000;

/** Building a DateTimeFormat costs far more than using one; a planning pass asks a few zones many times. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // h23: some engines write midnight as "24" with hour12: false.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The zone's name as Intl spells it ("europe/london" → "Europe/London"), or null when Intl knows no such
 * zone: what the person reads back, and what BullMQ's cron is given.
 */
export function canonicalZone(timeZone: string): string | null {
  try {
    return formatIn(timeZone).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** What a clock in `timeZone` shows at `t` (to the minute). */
export function wallTimeAt(t: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatIn(timeZone).formatToParts(t)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/** A wall time as if it were UTC: a number to compare and do day arithmetic on. */
function asUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** How far ahead of UTC the zone's clock is at `t`. */
function offsetAt(t: number, timeZone: string): number {
  const whole = Math.floor(t / MINUTE) * MINUTE;
  return asUtc(wallTimeAt(whole, timeZone)) - whole;
}

/**
 * The instant a clock in `timeZone` shows `wall`. Around a DST change, as cron (and so BullMQ) resolves
 * it: a time the clocks skip (01:30 in London on the last Sunday of March) is taken as the instant an
 * hour later on the new clock (02:30), and a time shown twice (01:30 on the last Sunday of October) as
 * the first of the two.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const local = asUtc(wall);
  // A zone changes its offset at most once within two days: the offsets either side are all there are.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const shown = [local - before, local - after].filter((t) => asUtc(wallTimeAt(t, timeZone)) === local);
  return shown.length > 0 ? Math.min(...shown) : local - before;
}

/** The calendar day `days` after the wall time's day (its time of day unchanged). */
export function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 for Sunday to 6 for Saturday, as cron counts. */
export function weekdayOf(wall: WallTime): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** "2025-W14": the ISO 8601 week the day falls in (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(wall: WallTime): string {
  const thursday = addDays(wall, 3 - ((weekdayOf(wall) + 6) % 7));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const week =
    Math.floor((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / (7 * DAY_MS)) + 1;
  return `${thursday.year}-W${String(week).padStart(2, '0')}`;
}

/** "2025-03-31". */
export function isoDay(wall: WallTime): string {
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
