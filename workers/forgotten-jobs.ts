import { UnrecoverableError, type Worker } from 'bullmq';
import type { Logger } from 'pino';
import { errorMessage } from '../src/errors.js';
import { FencedOut } from '../src/store/fence.js';

/** The person asked to be forgotten while their job ran: it ends for good. */
export class PersonForgotten extends UnrecoverableError {
  constructor() {
    super('You asked Tend to forget you: this job stopped and kept nothing.');
  }
}

function forgotten(error: Error): boolean {
  return error instanceof PersonForgotten || (error instanceof FencedOut && error.reason === 'forgotten');
}

/**
 * A job whose person was forgotten while it ran (its writes refused, src/store/fence.ts) is removed
 * once it fails, retry or not: its data names the person, and /forget could not remove it while it ran.
 */
export function removeForgottenJobs(worker: Worker, logger: Logger): void {
  worker.on('failed', (job, error) => {
    if (!job || !forgotten(error)) return;
    job
      .remove()
      .catch((reason: unknown) =>
        logger.warn(
          { queue: worker.name, reason: errorMessage(reason) },
          'job of a forgotten person not removed',
        ),
      );
  });
}
