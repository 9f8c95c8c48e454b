/** An unfollow job's report, as the review receives it, turned into an outcome event. Pure. */
import type { UnfollowJob } from '../../queues/payloads.js';
import type { UnfollowProgress, UnfollowResult } from '../../unfollows/outcome.js';
import type { OutcomeEvent } from '../../unfollows/review-outcomes.js';

/** What an unfollow job reported: its result, its progress while delayed, or its final failure. */
export type UnfollowUpdate = { job: UnfollowJob } & (
  { result: UnfollowResult } | { progress: UnfollowProgress } | { failure: string }
);

export function unfollowEvent(update: UnfollowUpdate): OutcomeEvent {
  const { confirmedAt } = update.job;
  if ('result' in update) return { kind: 'finished', confirmedAt, result: update.result };
  if ('progress' in update) return { kind: 'waiting', confirmedAt, progress: update.progress };
  return { kind: 'failed', confirmedAt, message: update.failure };
}
