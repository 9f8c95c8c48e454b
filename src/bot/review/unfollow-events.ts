/**
 * Feeds the unfollow queue's events to the review, so pages are edited as unfollows finish or wait:
 *
 *   const events = new QueueEvents(QUEUE_NAMES.unfollow, { connection, prefix });
 *   const stop = followUnfollowEvents(events, queues.unfollow, reviews, logger);
 *
 * Events carry only a job id; the job gives the person, audit and target. Events sent while no bot
 * listens are not replayed: the page then shows what it showed, and the unfollow log stays the truth.
 */
import type { Queue, QueueEvents, QueueEventsListener } from 'bullmq';
import type { Logger } from 'pino';
import type { UnfollowJob } from '../../queues/payloads.js';
import type { UnfollowProgress, UnfollowResult } from '../../unfollows/outcome.js';
import type { UnfollowUpdate } from './unfollow-update.js';
import type { ReviewService } from './service.js';

const WAIT_REASONS: readonly string[] = [
  'window',
  'daily',
  'rate_limited',
  'busy',
] satisfies UnfollowProgress['reason'][];

function isUnfollowProgress(data: unknown): data is UnfollowProgress {
  const progress = data as Partial<UnfollowProgress> | null;
  return (
    typeof progress === 'object' &&
    progress !== null &&
    typeof progress.waitingUntil === 'number' &&
    WAIT_REASONS.includes(String(progress.reason))
  );
}

/** Subscribes; returns the function that unsubscribes. */
export function followUnfollowEvents(
  events: QueueEvents,
  queue: Queue<UnfollowJob, UnfollowResult>,
  reviews: Pick<ReviewService, 'onUnfollowUpdate'>,
  logger: Logger,
): () => void {
  // A listener must not throw into the emitter: a failed edit is logged and the next event still lands.
  const forward = async (
    jobId: string,
    update: (job: UnfollowJob, result: UnfollowResult | null) => UnfollowUpdate | null,
  ) => {
    try {
      const job = await queue.getJob(jobId);
      const built = job ? update(job.data, job.returnvalue ?? null) : null;
      if (built) await reviews.onUnfollowUpdate(built);
    } catch (error) {
      logger.error({ err: error, jobId }, 'could not show an unfollow on its review page');
    }
  };
  const completed: QueueEventsListener['completed'] = ({ jobId }) => {
    void forward(jobId, (job, result) => (result ? { job, result } : null));
  };
  const progress: QueueEventsListener['progress'] = ({ jobId, data }) => {
    void forward(jobId, (job) => (isUnfollowProgress(data) ? { job, progress: data } : null));
  };
  const failed: QueueEventsListener['failed'] = ({ jobId, failedReason }) => {
    void forward(jobId, (job) => ({ job, failure: failedReason }));
  };
  events.on('completed', completed);
  events.on('progress', progress);
  events.on('failed', failed);
  return () => {
    events.off('completed', completed);
    events.off('progress', progress);
    events.off('failed', failed);
  };
}
