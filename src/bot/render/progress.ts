/**
 * The one line the deferred /audit reply is edited with while the job runs. It reads BullMQ's job state
 * and the progress the audit processor reports, and is shown as it is: plain words, no markdown.
 */
import type { JobState } from 'bullmq';
import type { XAuditPhase } from '../../audit/x-collect.js';
import { whenText } from '../../sources/x-errors.js';
import type { AuditProgress } from '../../queues/payloads.js';
import { count } from '../../discord/text.js';

/** What `job.getState()` answers: BullMQ says `unknown` for a job it no longer holds. */
export type AuditJobState = JobState | 'unknown';

const PHASE: Record<XAuditPhase, string> = {
  downloading: 'Downloading your export',
  reading: 'Reading your export',
  profile: 'Reading your X profile',
  following: 'Reading the accounts you follow',
  followers: 'Reading who follows you back',
  posts: 'Reading your posts',
  mentions: 'Reading your mentions',
  likes: 'Reading your likes',
  profiles: 'Looking up the profiles of the accounts you follow',
  'follower-profiles': 'Looking up the sample of your followers',
  classifying: 'Classifying',
};

function readSoFar(progress: AuditProgress): string {
  return `${count(progress.pages, 'page')}, ${count(progress.accounts, 'account')}`;
}

function phaseText(progress: AuditProgress): string {
  const words = PHASE[progress.phase];
  switch (progress.phase) {
    case 'following':
      return `${words}: ${readSoFar(progress)}`;
    case 'profiles':
    case 'follower-profiles': {
      // Told before the first lookup call: what the lookup will read (and X bill) at most.
      const plan = progress.lookup;
      if (!plan) return `${words}: ${readSoFar(progress)}`;
      const known = plan.cached > 0 ? ` (${count(plan.cached, 'profile')} known already)` : '';
      const whose = progress.phase === 'follower-profiles' ? ' of your followers' : '';
      return `Looking up ${count(plan.ids - plan.cached, 'profile')}${whose} through X: ${count(plan.calls, 'call')}, at most ${count(plan.ids - plan.cached, 'account')} billed${known} — ${readSoFar(progress)} so far`;
    }
    case 'classifying':
      return progress.accounts > 0 ? `${words} ${count(progress.accounts, 'account')}…` : `${words}…`;
    default:
      return `${words}…`;
  }
}

/**
 * "Reading the accounts you follow: 3 pages, 3,000 accounts", or "Waiting on X's rate limit until
 * 14:35 UTC" while the job is delayed; `now` decides whether the wait needs its date.
 */
export function auditProgressText(progress: AuditProgress | null, state: AuditJobState, now: number): string {
  switch (state) {
    case 'waiting':
    case 'prioritized':
      return progress
        ? `Queued to carry on — ${readSoFar(progress)} read so far.`
        : 'Queued: your audit starts as soon as a worker is free.';
    case 'completed':
      return 'Audit done: preparing your summary…';
    case 'failed':
      return 'The audit stopped.';
    case 'unknown':
      return 'This audit is no longer queued: run /audit again.';
    case 'delayed':
    case 'active':
    case 'waiting-children':
      break;
  }
  if (!progress) return 'Starting your audit…';
  if (progress.waitingUntil !== null && progress.waitingUntil > now && progress.waitingOn === 'read_budget') {
    return `Waiting for Tend's daily budget of X reads, which renews at ${whenText(progress.waitingUntil, now)} — ${readSoFar(progress)} read so far; the audit carries on from there.`;
  }
  if (progress.waitingUntil !== null && progress.waitingUntil > now) {
    return `Waiting on X's rate limit until ${whenText(progress.waitingUntil, now)} — ${readSoFar(progress)} read so far; the audit carries on from there.`;
  }
  // Delayed without a rate limit: BullMQ backing off after X failed to answer.
  if (state === 'delayed')
    return `X did not answer; trying again shortly — ${readSoFar(progress)} read so far.`;
  return phaseText(progress);
}
