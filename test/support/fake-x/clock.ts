/** The fake's sense of time: rate-limit windows and token expiry follow it, never the wall clock. */
export interface FakeClock {
  now(): number;
}

/** A clock that stands still until the test moves it, so a 15-minute window passes in no time at all. */
export interface ManualClock extends FakeClock {
  advance(ms: number): void;
  set(ms: number): void;
}

/** 2026-11-20T12:00:00Z: the date the demo data and the benchmarks are set at. */
export const FAKE_START = Date.UTC(2026, 10, 20, 12);

export function manualClock(start = FAKE_START): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  };
}

/**
 * A clock running `factor` times faster than the wall clock, for benchmarks that wait out real rate-limit
 * windows: at 900× a 15-minute window lasts one second.
 */
export function scaledClock(factor: number, start = FAKE_START, wallNow: () => number = Date.now): FakeClock {
  const wallStart = wallNow();
  return { now: () => start + (wallNow() - wallStart) * factor };
}
