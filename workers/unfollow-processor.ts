/**
 * The unfollow queue's processor: one job, one account the person confirmed. The queue's payload, the
 * store's claim and pace, and X's answer decide; the job only ever waits in BullMQ's delayed set, never
 * in a worker slot, so one person's long review does not hold up anyone else's.
 *
 *   const processor = new UnfollowProcessor({ log, pacer, keep, reports, clients, now: Date.now, logger });
 *   new Worker(QUEUE_NAMES.unfollow, (job, token) => processor.process(job, token), { connection, prefix });
 */
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { isUserError, UserError } from '../src/errors.js';
import { personRef } from '../src/log.js';
import { parseUnfollowJob, type UnfollowJob } from '../src/queues/payloads.js';
import { endAfterXError, endsJob, readJob } from './job-errors.js';
import { unfollow } from '../src/sources/x-api.js';
import type { SortedXError } from '../src/sources/x-errors.js';
import type { KeepList } from '../src/store/keep-list.js';
import type { ReportStore } from '../src/store/reports.js';
import type { UnfollowLog } from '../src/store/unfollow-log.js';
import type { UnfollowPacer } from '../src/store/unfollow-pacer.js';
import {
  afterUnfollowError,
  unfollowResult,
  type UnfollowProgress,
  type UnfollowResult,
} from '../src/unfollows/outcome.js';
import { accountAsSeen } from '../src/unfollows/account-as-seen.js';
import { callAsPerson, type XClientFor } from '../src/services/x-clients.js';

/** Another worker holds the claim: it is seconds from done, or its claim expires (5 minutes) if it died. */
const BUSY_RETRY_MS = 5_000;
const RELINKED =
  'Not unfollowed: another X account has been linked since this audit. Run /audit again to review the account linked now.';
/** Spreads the jobs X held back, so they do not all come back in the second its window resets. */
const MAX_JITTER_MS = 30_000;

export interface UnfollowProcessorDeps {
  log: UnfollowLog;
  /** Built with `paceLimits(settings.unfollowDailyCap)`. */
  pacer: UnfollowPacer;
  keep: KeepList;
  /** Where the snapshot of each unfollowed account comes from. */
  reports: ReportStore;
  clients: XClientFor;
  now: () => number;
  logger: Logger;
  /** In [0, 1), for the jitter; Math.random when not given. */
  random?: () => number;
}

export class UnfollowProcessor {
  constructor(private readonly deps: UnfollowProcessorDeps) {}

  /**
   * Unfollows the job's target, at most once however often the job runs, or finishes saying why not.
   * Throws DelayedError after moving the job to delayed (pace, X's limit, a busy claim), a plain error
   * for BullMQ to retry with backoff, or UnrecoverableError with a message for the person.
   */
  async process(job: Job<UnfollowJob, UnfollowResult>, token?: string): Promise<UnfollowResult> {
    const data = readJob(parseUnfollowJob, job.data);
    const { personId, auditId, target } = data;
    const now = this.deps.now();
    const logger = this.deps.logger.child({ person: personRef(personId), auditId, target: target.id });
    const claim = await this.deps.log.begin(personId, auditId, target.id);
    if (claim === 'done') {
      logger.info('already unfollowed');
      return unfollowResult('already', now);
    }
    if (claim === 'busy')
      return this.wait(job, token, { waitingUntil: now + BUSY_RETRY_MS, reason: 'busy' }, now, logger);
    let completed = false;
    try {
      const result = await this.unfollowClaimed(job, token, data, now, logger);
      completed = result.status === 'unfollowed';
      return result;
    } finally {
      // Whatever stopped this run, the next one (a retry, the delayed job) must be able to claim.
      if (!completed) await this.deps.log.release(personId, auditId, target.id);
    }
  }

  private async unfollowClaimed(
    job: Job,
    token: string | undefined,
    data: UnfollowJob,
    now: number,
    logger: Logger,
  ): Promise<UnfollowResult> {
    const { pacer, keep, log, reports, clients } = this.deps;
    const { personId, auditId, target } = data;
    // Named for the job's target: a retry that still holds its slot is not counted twice.
    const slot = `${auditId}:${target.id}`;
    const pace = await pacer.take(personId, slot, now);
    if (!pace.ok)
      return this.wait(job, token, { waitingUntil: pace.retryAt, reason: pace.reason }, now, logger);
    // Checked last, right before X: the person may have kept the account while the job waited.
    if (await keep.has(personId, target)) {
      await pacer.giveBack(personId, slot);
      logger.info('on the keep list: not unfollowed');
      return unfollowResult('kept', now);
    }
    let outcome;
    try {
      outcome = await callAsPerson(clients, personId, now, (person) => {
        // The target was chosen on the audited account: from any other it is not the person's choice.
        if (person.xUserId !== data.xUserId) throw new UserError(RELINKED);
        return unfollow(person.client, person.xUserId, target.id);
      });
    } catch (error) {
      // Other errors (Redis, a bug) are retried with backoff, the slot kept for the retry.
      if (!isUserError(error)) throw error;
      await pacer.giveBack(personId, slot);
      throw endsJob(error);
    }
    if (!outcome.ok) return this.afterXError(job, token, outcome.error, { personId, slot, now }, logger);
    const stored = await reports.latest(personId);
    await log.complete(personId, {
      targetId: target.id,
      handle: target.handle,
      auditId,
      at: now,
      snapshot: accountAsSeen(stored?.report ?? null, target),
    });
    logger.info({ handle: target.handle, at: now }, 'unfollowed');
    return unfollowResult('unfollowed', now);
  }

  private async afterXError(
    job: Job,
    token: string | undefined,
    error: SortedXError,
    at: { personId: string; slot: string; now: number },
    logger: Logger,
  ): Promise<never> {
    const next = afterUnfollowError(error, Math.floor((this.deps.random ?? Math.random)() * MAX_JITTER_MS));
    // Only X's own words and status: the library's error carries the request, Authorization header included.
    logger.warn({ kind: error.kind, status: error.status }, 'X refused the unfollow');
    // A failure in passing keeps its slot, as X may have acted before the answer was lost; otherwise X did nothing.
    if (next.kind !== 'retry') await this.deps.pacer.giveBack(at.personId, at.slot);
    if (next.kind === 'wait')
      return this.wait(job, token, { waitingUntil: next.until, reason: next.reason }, at.now, logger);
    return endAfterXError(next);
  }

  private async wait(
    job: Job,
    token: string | undefined,
    progress: UnfollowProgress,
    now: number,
    logger: Logger,
  ): Promise<never> {
    await job.updateProgress(progress);
    // BullMQ schedules on the wall clock; the delay is measured on ours, which is what the limits follow.
    await job.moveToDelayed(Date.now() + Math.max(0, progress.waitingUntil - now), token);
    logger.info(progress, 'waiting');
    throw new DelayedError();
  }
}
