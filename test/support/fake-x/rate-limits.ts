/** X's per-user rate limits (docs/X-API.md), counted in windows of the fake's clock. */
import type { FakeClock } from './clock.js';

export interface Limit {
  /** Requests per 15-minute window, per user. */
  per15min: number;
  /** Requests per 24 hours, per user, where X has such a cap (follows). */
  perDay?: number;
}

const WINDOW = 15 * 60_000;
const DAY = 24 * 60 * 60_000;

export const X_LIMITS: Readonly<Record<string, Limit>> = {
  'GET /2/users/:id/following': { per15min: 15 },
  'GET /2/users/:id/followers': { per15min: 15 },
  'GET /2/users': { per15min: 900 },
  'GET /2/users/me': { per15min: 75 },
  'GET /2/users/:id/tweets': { per15min: 900 },
  'GET /2/users/:id/mentions': { per15min: 300 },
  'GET /2/users/:id/liked_tweets': { per15min: 75 },
  'DELETE /2/users/:source_user_id/following/:target_user_id': { per15min: 50 },
  'POST /2/users/:id/following': { per15min: 50, perDay: 400 },
};

export interface Admission {
  allowed: boolean;
  /** The `x-rate-limit-*` (and `x-user-limit-24hour-*`) headers X sends with the answer. */
  headers: Record<string, string>;
}

export interface RateLimiter {
  /** Counts one request of `user` to `endpoint`, or refuses it when a window is spent. */
  admit(user: string, endpoint: string): Admission;
}

interface Window {
  start: number;
  count: number;
}

export function rateLimiter(clock: FakeClock, limits: Readonly<Record<string, Limit>>): RateLimiter {
  const windows = new Map<string, Window>();

  function current(key: string, length: number): Window {
    const now = clock.now();
    let window = windows.get(key);
    if (!window || now >= window.start + length) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    return window;
  }

  return {
    admit(user, endpoint) {
      const limit = limits[endpoint];
      if (!limit) return { allowed: true, headers: {} };
      const short = current(`${user} ${endpoint}`, WINDOW);
      const day = limit.perDay === undefined ? null : current(`${user} ${endpoint} day`, DAY);
      const allowed = short.count < limit.per15min && (day === null || day.count < limit.perDay!);
      if (allowed) {
        short.count++;
        if (day) day.count++;
      }
      const headers: Record<string, string> = {
        'x-rate-limit-limit': String(limit.per15min),
        'x-rate-limit-remaining': String(Math.max(0, limit.per15min - short.count)),
        'x-rate-limit-reset': String(Math.ceil((short.start + WINDOW) / 1000)),
      };
      if (day) {
        headers['x-user-limit-24hour-limit'] = String(limit.perDay);
        headers['x-user-limit-24hour-remaining'] = String(Math.max(0, limit.perDay! - day.count));
        headers['x-user-limit-24hour-reset'] = String(Math.ceil((day.start + DAY) / 1000));
      }
      return { allowed, headers };
    },
  };
}
