import { createHmac, randomBytes } from 'node:crypto';
import { defaultRepeatStrategy, Queue, type Job, type JobsOptions, type RepeatStrategy } from 'bullmq';
import type { Redis } from 'ioredis';
import { digestRepeat, digestRepeatAfter } from '../nudges/schedule.js';
import type { NudgeSettings } from '../nudges/settings.js';
import { checkPersonId } from '../store/keys.js';
import {
  parseAuditJob,
  parseNudgeJob,
  parseUnfollowJob,
  type AuditJob,
  type NudgeJob,
  type UnfollowJob,
} from './payloads.js';
import { DAY_MS } from '../model.js';

/** Queue names. */
export const QUEUE_NAMES = { audit: 'audit', unfollow: 'unfollow', nudge: 'nudge' } as const;

/**
 * BullMQ's keys are `<prefix>:<queue>:…`, and its scripts touch many of them at once. On a Redis Cluster
 * that works only if they share a slot: the prefix must open with a hash tag such as `{tend}`.
 */
export const QUEUE_PREFIX_PATTERN = /^[^{}]*\{[^{}:]+\}[^{}]*$/;

export function checkQueuePrefix(prefix: string): string {
  if (!QUEUE_PREFIX_PATTERN.test(prefix))
    throw new Error(`The queue prefix must carry a hash tag such as {tend}: got "${prefix}"`);
  return prefix;
}

/**
 * Finished jobs go after a while: they carry a person id and the handles they unfollowed, which /forget
 * and privacy want gone, and the store keeps what must last (report, unfollow log).
 */
const CLEANUP: JobsOptions = {
  removeOnComplete: { age: (7 * DAY_MS) / 1000 },
  removeOnFail: { age: (30 * DAY_MS) / 1000 },
};

/**
 * Each queue's event stream keeps this many entries (about: Redis trims whole blocks): it serves
 * listeners that are running, never a history, and each entry names a job and what it returned.
 */
const EVENTS_MAX_LEN = 1_000;
const STREAMS = { events: { maxLen: EVENTS_MAX_LEN } };

const AUDIT_DEFAULTS: JobsOptions = {
  ...CLEANUP,
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
};
const UNFOLLOW_DEFAULTS: JobsOptions = {
  ...CLEANUP,
  attempts: 5,
  backoff: { type: 'exponential', delay: 60_000 },
};
/** A digest that failed for a passing reason is retried within the hour; the period's claim stops a second one. */
const NUDGE_DEFAULTS: JobsOptions = {
  ...CLEANUP,
  attempts: 4,
  backoff: { type: 'exponential', delay: 60_000 },
};

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
  const audit = new Queue<AuditJob>(QUEUE_NAMES.audit, {
    connection,
    prefix,
    streams: STREAMS,
    defaultJobOptions: AUDIT_DEFAULTS,
  });
  const unfollow = new Queue<UnfollowJob>(QUEUE_NAMES.unfollow, {
    connection,
    prefix,
    streams: STREAMS,
    defaultJobOptions: UNFOLLOW_DEFAULTS,
  });
  const nudge = new Queue<NudgeJob>(QUEUE_NAMES.nudge, {
    connection,
    prefix,
    streams: STREAMS,
    defaultJobOptions: NUDGE_DEFAULTS,
    settings: { repeatStrategy: nudgeRepeatStrategy },
  });
  return {
    audit,
    unfollow,
    nudge,
    close: async () => {
      await Promise.all([audit.close(), unfollow.close(), nudge.close()]);
    },
  };
}

/**
 * BullMQ writes every job's id, and its deduplication and scheduler ids, into the queue's event stream,
 * which outlives the job: so they name a person by an alias, never by their Discord id, and an unfollow
 * by a digest, never by its target. Both come from a random seed kept beside the queues per person
 * (the same for every queue), which /forget deletes, so a person who comes back gets a new alias.
 * Ids keep to letters, digits, `-` and `_` (BullMQ refuses `:`).
 */
export interface PersonJobIds {
  alias: string;
  /** The digest of one confirmation: the same confirmation delivered twice is one job. */
  confirmation(job: Pick<UnfollowJob, 'auditId' | 'target' | 'confirmedAt'>): string;
}

/**
 * `<queue prefix>:person-seed:<person id>`: beside BullMQ's own keys, outside any queue's name. No TTL:
 * the person's jobs and scheduler are found by it (a digest scheduler lives as long as nudges are on);
 * /forget deletes it.
 */
const seedKey = (queue: Queue, personId: string) =>
  `${queue.opts.prefix!}:person-seed:${checkPersonId(personId)}`;
const digest = (seed: string, text: string, length: number) =>
  createHmac('sha256', seed).update(text).digest('base64url').slice(0, length);

/** createQueues hands every queue an ioredis connection, which BullMQ's backend types only in part. */
const redisOf = async (queue: Queue) => (await queue.getBackend().client) as unknown as Redis;

function jobIdsFrom(seed: string): PersonJobIds {
  return {
    alias: digest(seed, 'alias', 16),
    confirmation: (job) => digest(seed, `unfollow:${job.auditId}:${job.target.id}:${job.confirmedAt}`, 22),
  };
}

/** The person's job ids; with `create: false`, null for a person who never had a job. */
export async function personJobIds(
  queue: Queue,
  personId: string,
  options: { create: false },
): Promise<PersonJobIds | null>;
export async function personJobIds(queue: Queue, personId: string): Promise<PersonJobIds>;
export async function personJobIds(
  queue: Queue,
  personId: string,
  options = { create: true },
): Promise<PersonJobIds | null> {
  const key = seedKey(queue, personId);
  const redis = await redisOf(queue);
  if (!options.create) {
    const seed = await redis.get(key);
    return seed === null ? null : jobIdsFrom(seed);
  }
  const [, got] = (await redis
    .multi()
    .set(key, randomBytes(32).toString('base64url'), 'NX')
    .get(key)
    .exec())!;
  return jobIdsFrom(got![1] as string);
}

/** Deletes the person's seed: what is left in the streams names nobody once the entries are gone too. */
export async function forgetPersonJobIds(queue: Queue, personId: string): Promise<void> {
  await (await redisOf(queue)).unlink(seedKey(queue, personId));
}

const EVENTS_PAGE = 500;

/** Deletes the entries of the queue's event stream with a field that `names` picks, a page at a time. */
export async function deleteEvents(queue: Queue, names: (value: string) => boolean): Promise<void> {
  const redis = await redisOf(queue);
  const stream = queue.keys.events!;
  for (let start = '-'; ;) {
    const entries = await redis.xrange(stream, start, '+', 'COUNT', EVENTS_PAGE);
    const doomed = entries
      .filter(([, fields]) => fields.some((value, i) => i % 2 === 1 && names(value)))
      .map(([id]) => id);
    if (doomed.length > 0) await redis.xdel(stream, ...doomed);
    if (entries.length < EVENTS_PAGE) return;
    start = `(${entries.at(-1)![0]}`;
  }
}

export const auditJobId = (ids: PersonJobIds, auditId: string) => `audit-${ids.alias}-${auditId}`;
/** The queue's one-per-person key: while an audit of the person is unfinished, it names that job. */
export const auditDedupId = (ids: PersonJobIds) => `audit-${ids.alias}`;
/**
 * One confirmation, one job: the same confirmation delivered twice is one job, while a confirmation
 * made again after an undo is a new one. Two confirmations of one target still unfollow once: the
 * store's record of the audit's done unfollows sees to that.
 */
export const unfollowJobId = (
  ids: PersonJobIds,
  job: Pick<UnfollowJob, 'auditId' | 'target' | 'confirmedAt'>,
) => `unfollow-${ids.alias}-${ids.confirmation(job)}`;

/**
 * Queues an audit, one running per person: while one is waiting, delayed or running, another for the
 * same person is not queued, and the one already there is returned with `queued: false`. `priority`
 * (1 first, then 2…) orders the waiting audits of different people.
 */
export async function enqueueAudit(
  queue: Queue<AuditJob>,
  data: AuditJob,
  options: { priority?: number } = {},
): Promise<{ job: Job<AuditJob>; queued: boolean }> {
  const job = parseAuditJob(data);
  const ids = await personJobIds(queue, job.personId);
  const id = auditJobId(ids, job.auditId);
  const added = await queue.add('audit', job, {
    jobId: id,
    deduplication: { id: auditDedupId(ids) },
    ...options,
  });
  return { job: added, queued: added.id === id };
}

/** Queues confirmed unfollows, one job each; a confirmation already queued is not queued again. */
export async function enqueueUnfollows(
  queue: Queue<UnfollowJob>,
  data: UnfollowJob[],
): Promise<Job<UnfollowJob>[]> {
  const jobs = data.map(parseUnfollowJob);
  const ids = new Map<string, PersonJobIds>();
  for (const { personId } of jobs)
    if (!ids.has(personId)) ids.set(personId, await personJobIds(queue, personId));
  return queue.addBulk(
    jobs.map((job) => ({
      name: 'unfollow',
      data: job,
      opts: { jobId: unfollowJobId(ids.get(job.personId)!, job) },
    })),
  );
}

/**
 * Cancels the person's unfollows not yet made (waiting or delayed): after an unlink, or once another X
 * account is linked in place of the audited one, they would act for an account no longer theirs to
 * act on. A job running at that moment finishes, and refuses by itself if the account changed (its
 * `xUserId`). Returns the jobs cancelled.
 */
export async function cancelUnfollows(queue: Queue<UnfollowJob>, personId: string): Promise<UnfollowJob[]> {
  const cancelled: UnfollowJob[] = [];
  for (const job of await queue.getJobs(['waiting', 'delayed', 'prioritized', 'waiting-children'])) {
    if (job?.data.personId !== personId) continue;
    // A job that started meanwhile is locked and cannot be removed: its own check stops it.
    if (
      await job.remove().then(
        () => true,
        () => false,
      )
    )
      cancelled.push(job.data);
  }
  return cancelled;
}

/** One job scheduler per person: upserting it again moves their digests, never doubles them. */
const nudgeSchedulerId = (ids: PersonJobIds) => `nudge-${ids.alias}`;

/** Fires the person's digests on their schedule, in their time zone (BullMQ follows its DST). */
/**
 * The digest schedulers' next runs come from Tend's clock arithmetic (`digestRepeatAfter`), not cron's:
 * both the queue (when a scheduler is set) and the nudge worker (after each run) must use it.
 */
export const nudgeRepeatStrategy: RepeatStrategy = (millis, opts) =>
  digestRepeatAfter(millis, opts) ?? defaultRepeatStrategy(millis, opts);

export async function scheduleNudges(
  queue: Queue<NudgeJob>,
  personId: string,
  settings: NudgeSettings,
): Promise<void> {
  const data = parseNudgeJob({ personId });
  await queue.upsertJobScheduler(
    nudgeSchedulerId(await personJobIds(queue, personId)),
    digestRepeat(settings),
    { name: 'nudge', data, opts: NUDGE_DEFAULTS },
  );
}

export async function unscheduleNudges(queue: Queue<NudgeJob>, personId: string): Promise<void> {
  const ids = await personJobIds(queue, personId, { create: false });
  if (ids) await queue.removeJobScheduler(nudgeSchedulerId(ids));
}
