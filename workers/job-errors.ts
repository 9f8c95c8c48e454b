/**
 * How a job ends, the same in the audit, unfollow and nudge processors. Retrying helps only what may
 * pass: a payload Tend refuses stays refused, and a UserError is the person's to fix (relink, a smaller
 * file), so both end the job at once with their own words; X's errors are sorted once
 * (`afterXError`: wait for the limit's reset, retry what passes, end the rest); anything else (Redis,
 * a bug) is thrown on for BullMQ to retry with backoff.
 */
import { UnrecoverableError } from 'bullmq';
import { isUserError } from '../src/errors.js';
import { RefusedJob } from '../src/queues/payloads.js';
import type { AfterXError } from '../src/sources/x-errors.js';

/** The job's data, checked: a payload that does not pass ends the job, never retried. */
export function readJob<T>(parse: (data: unknown) => T, data: unknown): T {
  try {
    return parse(data);
  } catch (error) {
    throw endsJob(error);
  }
}

/** What to throw for `error`: an UnrecoverableError for what no retry can mend, the error itself otherwise. */
export function endsJob(error: unknown): unknown {
  if (error instanceof UnrecoverableError) return error;
  if (error instanceof RefusedJob || isUserError(error)) return new UnrecoverableError(error.message);
  return error;
}

/** Ends a job after X refused a call, where waiting is not the answer: retried when it may pass, failed otherwise. */
export function endAfterXError(next: Exclude<AfterXError, { kind: 'wait' }>): never {
  if (next.kind === 'retry') throw new Error(next.message);
  throw new UnrecoverableError(next.message);
}
