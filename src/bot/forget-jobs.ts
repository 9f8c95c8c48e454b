import type { Queue } from 'bullmq';
import { deleteEvents, forgetPersonJobIds, personJobIds, type TendQueues } from '../queues/queues.js';

/**
 * Removes a person's jobs from the queues: waiting, delayed and finished ones carry their ids and the
 * handles they unfollowed, and their digests' scheduler would keep firing. Then the entries of the
 * queues' event streams that name their jobs, and last the seed of their job ids, so what a job still
 * running writes afterwards names nobody. A job running at that moment cannot be removed here: the
 * tombstone /forget leaves first stops it, and it is removed once it ends (workers/forgotten-jobs.ts).
 * Returns how many jobs were removed.
 */
export async function forgetJobs(queues: TendQueues, personId: string): Promise<number> {
  // Found by whom their digests are for, not by id: a scheduler made before ids named people by alias is found too.
  for (const scheduler of await queues.nudge.getJobSchedulers()) {
    if (scheduler.template?.data?.personId === personId) await queues.nudge.removeJobScheduler(scheduler.key);
  }
  const ids = await personJobIds(queues.audit, personId, { create: false });
  let removed = 0;
  for (const queue of [queues.audit, queues.unfollow, queues.nudge] as Queue[]) {
    const named = new Set<string>();
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'completed', 'failed']);
    for (const job of jobs) {
      if (job?.data.personId !== personId) continue;
      if (job.id) named.add(job.id);
      await job.remove().then(
        () => (removed += 1),
        () => undefined,
      );
    }
    await deleteEvents(queue, (value) => named.has(value) || (ids !== null && value.includes(ids.alias)));
  }
  await forgetPersonJobIds(queues.audit, personId);
  return removed;
}
