/**
 * The fake's clock: the wall clock, which a test can move forward. Discord's deadlines (an interaction
 * forgotten 3 s after it was sent, a rate limit's window) are read on it, so a test makes a deadline
 * pass at the moment it chooses rather than by waiting on a loaded machine.
 */
export class FakeClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`fake-discord: the clock only moves forward (asked to move by ${ms} ms)`);
    this.offsetMs += ms;
  }
}
