/**
 * The window an export's times must fall in. A corrupt or misread value (milliseconds taken for seconds:
 * the year 56,000; a garbage date) would otherwise sit in the interaction history as a "recent" event
 * forever, so times outside it are counted as unreadable and left out.
 */

/** Nothing in an export predates X (2006; Instagram opened in 2010). */
export const EARLIEST_TIME = Date.UTC(2006, 0, 1);

const DAY = 86_400_000;

/**
 * The latest plausible time: a day (time zones, clock skew) after the export was made, or after now when
 * the export does not say when it was made or says something impossible.
 */
export function latestTime(generatedAt: number | null, now = Date.now()): number {
  const made =
    generatedAt !== null && generatedAt >= EARLIEST_TIME && generatedAt <= now + DAY ? generatedAt : now;
  return made + DAY;
}

/**
 * A time written as ISO 8601, or as epoch milliseconds in a string (`"1534138567670"`, X's direct messages
 * of 2018). NaN when it is neither; a number of the wrong unit (seconds) falls outside the plausible window
 * and is counted as unreadable there.
 */
export function parseExportTime(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

export function isPlausibleTime(at: number, latest: number): boolean {
  return Number.isFinite(at) && at >= EARLIEST_TIME && at <= latest;
}

/** What the warnings call a time outside the window. */
export const IMPLAUSIBLE_TIME = 'implausible time (before 2006 or after the export was made)';
