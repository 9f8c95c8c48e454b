import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { errorMessage } from '../errors.js';
import type { UnfollowJob } from '../queues/payloads.js';
import { cancelUnfollows } from '../queues/queues.js';
import type { ReviewService } from './review/service.js';

export interface CancelDeps {
  unfollowQueue: Queue<UnfollowJob>;
  review: Pick<ReviewService, 'onUnfollowUpdate'>;
  logger: Logger;
}

/**
 * Cancels the person's queued unfollows (an unlink, another X account linked) and shows each as failed,
 * saying why, on its review page: the person sees what did not happen, and can confirm it again there
 * once the right account is linked. Returns how many were cancelled.
 */
export async function cancelQueuedUnfollows(
  deps: CancelDeps,
  personId: string,
  why: string,
): Promise<number> {
  const cancelled = await cancelUnfollows(deps.unfollowQueue, personId);
  for (const job of cancelled) {
    await deps.review
      .onUnfollowUpdate({ job, failure: why })
      .catch((error: unknown) =>
        deps.logger.warn({ reason: errorMessage(error) }, 'could not show a cancelled unfollow on its page'),
      );
  }
  return cancelled.length;
}
