/**
 * Discord's per-route rate limits, for the routes that declare a bucket: each bucket counts per top-level
 * resource (the channel, for reactions), in windows on the fake's clock. Every answer carries the
 * X-RateLimit-* headers discord.js paces itself by; a request over the limit is answered 429 with
 * Discord's body (`retry_after` in seconds, `global: false`) and `Retry-After`, `X-RateLimit-Scope: user`.
 *
 * Discord's own figure for reactions is one per 250 ms a channel; a bot process paces itself by the headers,
 * so 429s come when two processes (the bot and the nudge worker) add reactions in one DM at once.
 */
import { createHash } from 'node:crypto';
import type { FakeClock } from './clock.js';
import type { Reply } from './http.js';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

interface Window {
  remaining: number;
  resetAt: number;
}

export type Taken = { ok: true; headers: Record<string, string> } | { ok: false; reply: Reply };

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: Readonly<Record<string, RateLimit>>,
    private readonly clock: FakeClock,
  ) {}

  /** Counts one request to `bucket` for the resource; null when that bucket has no limit set. */
  take(bucket: string, resource: string): Taken | null {
    const limit = this.limits[bucket];
    if (!limit) return null;
    const now = this.clock.now();
    const key = `${bucket}:${resource}`;
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { remaining: limit.limit, resetAt: now + limit.windowMs };
      this.windows.set(key, window);
    }
    const resetAfter = (window.resetAt - now) / 1000;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-reset': (window.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      // Discord's bucket ids are opaque hashes, the same for every channel of a route.
      'x-ratelimit-bucket': createHash('sha256').update(bucket).digest('hex').slice(0, 32),
    };
    if (window.remaining > 0) {
      window.remaining -= 1;
      return { ok: true, headers: { ...headers, 'x-ratelimit-remaining': String(window.remaining) } };
    }
    return {
      ok: false,
      reply: {
        status: 429,
        headers: {
          ...headers,
          'x-ratelimit-remaining': '0',
          'x-ratelimit-scope': 'user',
          'retry-after': String(Math.ceil(resetAfter)),
        },
        body: {
          message: 'You are being rate limited.',
          retry_after: Number(resetAfter.toFixed(3)),
          global: false,
        },
      },
    };
  }
}
