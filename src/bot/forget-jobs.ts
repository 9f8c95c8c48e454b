import { unscheduleNudges, type TendQueues } from '../queues/queues.js';

/**
 * Removes a person's jobs from the queues: waiting, delayed and finished ones carry their ids and the
 * handles they unfollowed, and their digests' scheduler would keep firing. A job running at that moment
 * cannot be removed; it finishes, and /forget can be run again. Returns how many were removed.
 */
export async function forgetJobs(queues: TendQueues, personId: string): Promise<number> {
  await unscheduleNudges(queues.nudge, personId);
  let removed = 0;
  for (const queue of [queues.audit, queues.unfollow, queues.nudge]) {
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'completed', 'failed']);
    for (const job of jobs) {
      if (job?.data.personId !== personId) continue;
      await job.remove().then(
        () => (removed += 1),
        () => undefined,
      );
    }
  }
  return removed;
}
