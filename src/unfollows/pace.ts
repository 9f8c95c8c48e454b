/**
 * How fast one person's unfollows may go: X allows 50 unfollows per 15 minutes per user, and Tend adds
 * a daily cap (a setting, default 300, well under the 400 a day X tolerates) so that a long review does
 * not look like bulk automation. Both windows slide: "the last 15 minutes", "the last 24 hours".
 * Pure: the times come in, the decision goes out.
 */
import { DAY_MS } from '../model.js';

export interface PaceLimits {
  perWindow: number;
  windowMs: number;
  dailyCap: number;
  dayMs: number;
}

export const X_UNFOLLOWS_PER_WINDOW = 50;
export const X_UNFOLLOW_WINDOW_MS = 15 * 60_000;

export function paceLimits(dailyCap: number): PaceLimits {
  return { perWindow: X_UNFOLLOWS_PER_WINDOW, windowMs: X_UNFOLLOW_WINDOW_MS, dailyCap, dayMs: DAY_MS };
}

export type PaceDecision = { ok: true } | { ok: false; retryAt: number; reason: 'window' | 'daily' };

/** When the window holds fewer than `limit` of `times` again (sorted ascending, all inside it). */
function freeAt(times: readonly number[], limit: number, span: number): number | null {
  if (times.length < limit) return null;
  // The oldest ones must leave until `limit - 1` remain; the last of them to leave sets the time.
  return times[times.length - limit]! + span;
}

/**
 * May one more unfollow happen at `now`, given the times of the person's earlier unfollows? If not,
 * the earliest time it may, and which limit holds it back.
 */
export function decidePace(times: readonly number[], now: number, limits: PaceLimits): PaceDecision {
  const inDay = times.filter((t) => t > now - limits.dayMs).sort((a, b) => a - b);
  const inWindow = inDay.filter((t) => t > now - limits.windowMs);
  const daily = freeAt(inDay, limits.dailyCap, limits.dayMs);
  const window = freeAt(inWindow, limits.perWindow, limits.windowMs);
  if (daily === null && window === null) return { ok: true };
  // Counts only fall as time passes, so the later of the two frees both.
  if (daily !== null && (window === null || daily >= window))
    return { ok: false, retryAt: daily, reason: 'daily' };
  return { ok: false, retryAt: window!, reason: 'window' };
}
