import { defaultRepeatStrategy, Queue, type Job, type JobsOptions, type RepeatStrategy } from 'bullmq';
import type { Redis } from 'ioredis';
import { digestRepeat, digestRepeatAfter } from '../nudges/schedule.js';
import type { NudgeSettings } from '../nudges/settings.js';
import { parseAuditJob, parseNudgeJob, parseUnfollowJob, type AuditJob, type NudgeJob, type UnfollowJob } from './payloads.js';

/** Queue names. */
export const QUEUE_NAMES = { audit: 'audit', unfollow: 'unfollow', nudge: 'nudge' } as const;

/**
 * BullMQ's keys are `<prefix>:<queue>:…`, and its scripts touch many of them at once. On a Redis Cluster
 * that works only if they share a slot: the prefix must open with a hash tag such as `{tend}`.
 */
export const QUEUE_PREFIX_PATTERN = /^[^{}]*\{[^{}:]+\}[^{}]*$/;

export function checkQueuePrefix(prefix: string): string {
  if (!QUEUE_PREFIX_PATTERN.test(prefix)) throw new Error(`The queue prefix must carry a hash tag such as {tend}: got "${prefix}"`);
  return prefix;
}

const DAY = 86_400_000;
/**
 * Finished jobs go after a while: they carry a person id and the handles they unfollowed, which /forget
 * and privacy want gone, and the store keeps what must last (report, unfollow log).
 */
const CLEANUP: JobsOptions = { removeOnComplete: { age: 7 * DAY / 1000 }, removeOnFail: { age: 30 * DAY / 1000 } };

const AUDIT_DEFAULTS: JobsOptions = { ...CLEANUP, attempts: 5, backoff: { type: 'exponential', delay: 30_000 } };
const UNFOLLOW_DEFAULTS: JobsOptions = { ...CLEANUP, attempts: 5, backoff: { type: 'exponential', delay: 60_000 } };
/** A digest that failed for a passing reason is retried within the hour; the period's claim stops a second one. */
const NUDGE_DEFAULTS: JobsOptions = { ...CLEANUP, attempts: 4, backoff: { type: 'exponential', delay: 60_000 } };

export interface TendQueues {
  audit: Queue<AuditJob>;
  unfollow: Queue<UnfollowJob>;
  nudge: Queue<NudgeJob>;
  close(): Promise<void>;
}

/**
 * The queues on a connection the caller owns (closing the queues leaves it open). Pass an ioredis
 * instance: BullMQ cannot load ioredis by itself under native ESM.
 */
export function createQueues(connection: Redis, prefix: string): TendQueues {
  checkQueuePrefix(prefix);
  const audit = new Queue<AuditJob>(QUEUE_NAMES.audit, { connection, prefix, defaultJobOptions: AUDIT_DEFAULTS });
  const unfollow = new Queue<UnfollowJob>(QUEUE_NAMES.unfollow, { connection, prefix, defaultJobOptions: UNFOLLOW_DEFAULTS });
  const nudge = new Queue<NudgeJob>(QUEUE_NAMES.nudge, { connection, prefix, defaultJobOptions: NUDGE_DEFAULTS, settings: { repeatStrategy: nudgeRepeatStrategy } });
  return {
    audit,
    unfollow,
    nudge,
    close: async () => {
      await Promise.all([audit.close(), unfollow.close(), nudge.close()]);
    },
  };
}

/** Job ids embed person and audit ids, which keep to letters, digits, `.`, `-` and `_` (BullMQ refuses `:`). */
export const auditJobId = (job: Pick<AuditJob, 'personId' | 'auditId'>) => `audit-${job.personId}-${job.auditId}`;
/**
 * One confirmation, one job: the same confirmation delivered twice is one job, while a confirmation
 * made again after an undo is a new one. Two confirmations of one target still unfollow once: the
 * store's record of the audit's done unfollows sees to that.
 */
export const unfollowJobId = (job: Pick<UnfollowJob, 'personId' | 'auditId' | 'target' | 'confirmedAt'>) =>
  `unfollow-${job.personId}-${job.auditId}-${job.target.id}-${job.confirmedAt}`;

/**
 * Queues an audit, one running per person: while one is waiting, delayed or running, another for the
 * same person is not queued, and the one already there is returned with `queued: false`. `priority`
 * (1 first, then 2…) orders the waiting audits of different people.
 */
export async function enqueueAudit(queue: Queue<AuditJob>, data: AuditJob, options: { priority?: number } = {}): Promise<{ job: Job<AuditJob>; queued: boolean }> {
  const job = parseAuditJob(data);
  const id = auditJobId(job);
  const added = await queue.add('audit', job, { jobId: id, deduplication: { id: `audit-${job.personId}` }, ...options });
  return { job: added, queued: added.id === id };
}

/** Queues confirmed unfollows, one job each; a confirmation already queued is not queued again. */
export async function enqueueUnfollows(queue: Queue<UnfollowJob>, data: UnfollowJob[]): Promise<Job<UnfollowJob>[]> {
  const jobs = data.map(parseUnfollowJob);
  return queue.addBulk(jobs.map((job) => ({ name: 'unfollow', data: job, opts: { jobId: unfollowJobId(job) } })));
}

/** One job scheduler per person: upserting it again moves their digests, never doubles them. */
export const nudgeSchedulerId = (personId: string) => `nudge-${personId}`;

/** Fires the person's digests on their schedule, in their time zone (BullMQ follows its DST). */
/**
 * The digest schedulers' next runs come from Tend's clock arithmetic (`digestRepeatAfter`), not cron's:
 * both the queue (when a scheduler is set) and the nudge worker (after each run) must use it.
 */
export const nudgeRepeatStrategy: RepeatStrategy = (millis, opts) => digestRepeatAfter(millis, opts) ?? defaultRepeatStrategy(millis, opts);

export async function scheduleNudges(queue: Queue<NudgeJob>, personId: string, settings: NudgeSettings): Promise<void> {
  const data = parseNudgeJob({ personId });
  await queue.upsertJobScheduler(nudgeSchedulerId(personId), digestRepeat(settings), { name: 'nudge', data, opts: NUDGE_DEFAULTS });
}

export async function unscheduleNudges(queue: Queue<NudgeJob>, personId: string): Promise<void> {
  await queue.removeJobScheduler(nudgeSchedulerId(personId));
}
