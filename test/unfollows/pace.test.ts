import { describe, expect, it } from 'vitest';
import { decidePace, paceLimits } from '../../src/unfollows/pace.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 20, 8);
const limits = paceLimits(300);

describe('unfollow pace (pure)', () => {
  it('allows 50 unfollows in 15 minutes, then says when the next may go', () => {
    const times = Array.from({ length: 49 }, (_, i) => T0 + i * 1000);
    expect(decidePace(times, T0 + MIN, limits)).toEqual({ ok: true });
    const fifty = [...times, T0 + MIN];
    expect(decidePace(fifty, T0 + 2 * MIN, limits)).toEqual({
      ok: false,
      retryAt: T0 + 15 * MIN,
      reason: 'window',
    });
    expect(decidePace(fifty, T0 + 15 * MIN, limits)).toEqual({ ok: true });
  });

  it('stops at the daily cap until the oldest of the day is 24 hours old', () => {
    const capped = paceLimits(3);
    const times = [T0, T0 + HOUR, T0 + 2 * HOUR];
    expect(decidePace(times, T0 + 3 * HOUR, capped)).toEqual({
      ok: false,
      retryAt: T0 + 24 * HOUR,
      reason: 'daily',
    });
    expect(decidePace(times, T0 + 24 * HOUR, capped)).toEqual({ ok: true });
    expect(decidePace(times.slice(0, 2), T0 + 3 * HOUR, capped)).toEqual({ ok: true });
  });

  it('gives the later time when both limits hold', () => {
    const capped = { ...paceLimits(50), perWindow: 2 };
    const times = Array.from({ length: 50 }, (_, i) => T0 + i * 10 * MIN);
    const now = T0 + 49 * 10 * MIN + MIN;
    expect(decidePace(times, now, capped)).toEqual({ ok: false, retryAt: T0 + 24 * HOUR, reason: 'daily' });
  });

  it('holds the documented limits: 50 per 15 minutes, the daily cap given', () => {
    expect(limits).toEqual({ perWindow: 50, windowMs: 15 * MIN, dailyCap: 300, dayMs: 24 * HOUR });
  });
});
