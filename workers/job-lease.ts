import type { Job } from 'bullmq';
import { FencedOut, type WriteFence } from '../src/store/fence.js';

export interface JobLeaseOptions {
  /** How long the job's lock lasts without renewal (the worker's lockDuration). */
  lockMs: number;
  /** Whether the job's person has asked to be forgotten since the run began. */
  forgotten: () => Promise<boolean>;
}

/**
 * One run's hold on its BullMQ job, renewed by the run itself with its own token (the audit worker
 * runs with `skipLockRenewal`): BullMQ's renewal tracks jobs by id, so when a run that lost its lock
 * ends in a worker that is also running the job's new run, it stops the new run's renewal too, and
 * the job is taken back and run again.
 *
 * The lock is known held until its last confirmed renewal plus `lockMs`. A renewal that fails (the
 * lock expired, or is another run's) or finds the person forgotten ends the run: `signal` aborts, and
 * `check` — called before each X call — throws. While Redis is unreachable nothing is confirmed:
 * `check` waits for the next renewal to say whether the run goes on, so a short outage costs a pause
 * and a long one ends the run before it pays for a page the run that takes the job over reads again.
 */
export class JobLease {
  private readonly controller = new AbortController();
  private heldUntil: number;
  private stopped = false;
  private wake: (() => void) | null = null;
  private waiters: (() => void)[] = [];
  readonly fence: WriteFence;

  constructor(
    private readonly job: Job,
    private readonly token: string,
    private readonly options: JobLeaseOptions,
  ) {
    // BullMQ took the lock when it moved the job to active, stamped `processedOn`.
    this.heldUntil = Math.min(Date.now(), job.processedOn ?? Date.now()) + options.lockMs;
    this.fence = {
      lock: { key: `${job.queueQualifiedName}:${job.id}:lock`, token },
      signal: this.controller.signal,
    };
    void this.renew();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Resolves while the lock is known held; throws (FencedOut) once the run must stop. */
  async check(): Promise<void> {
    for (;;) {
      this.signal.throwIfAborted();
      if (this.stopped || Date.now() < this.heldUntil) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private end(reason: FencedOut): void {
    if (!this.signal.aborted) this.controller.abort(reason);
  }

  private async renew(): Promise<void> {
    const every = Math.max(50, Math.floor(this.options.lockMs / 4));
    while (!this.stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, every);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.stopped) break;
      const sent = Date.now();
      try {
        const [extended, forgotten] = await Promise.all([
          this.job.extendLock(this.token, this.options.lockMs),
          this.options.forgotten(),
        ]);
        if (forgotten) this.end(new FencedOut('forgotten'));
        else if (extended === 1) this.heldUntil = Math.max(this.heldUntil, sent + this.options.lockMs);
        else this.end(new FencedOut('lock_lost'));
      } catch {
        // Redis refused the renewal: nothing is confirmed, the hold runs out by the clock, the next renewal decides.
      }
      for (const resolve of this.waiters.splice(0)) resolve();
    }
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
