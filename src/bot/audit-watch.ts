import type { Job, JobType, Queue } from 'bullmq';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { Logger } from 'pino';
import type { AuditReport } from '../model.js';
import { parseAuditJob, type AuditJob } from '../queues/payloads.js';
import type { AuditDeliveries } from '../store/audit-deliveries.js';
import type { ReportStore } from '../store/reports.js';
import type { AuditProgress } from '../queues/payloads.js';
import { auditProgressText, type AuditJobState } from './render/progress.js';
import { auditSummary } from './render/summary.js';
import type { BotMessage } from '../discord/message.js';
import { DmClosedError } from '../discord/port.js';
import { userErrorReply } from './render/replies.js';
import { errorMessage } from '../errors.js';
import { FencedOut } from '../store/fence.js';
import { inAppCheck } from '../unfollows/in-app-check.js';
import type { ReviewStore } from '../store/review-store.js';

/** Where the watcher shows what it sees: the person's deferred reply while it can, else their DMs. */
export interface AuditOutlet {
  /** Edits the deferred reply to /audit; absent when that reply is out of reach (the bot restarted since). */
  edit?: (message: BotMessage) => Promise<void>;
  dm(message: BotMessage): Promise<void>;
}

export interface AuditWatchDeps {
  queue: Queue<AuditJob>;
  reports: ReportStore;
  deliveries: AuditDeliveries;
  renderChart: (report: AuditReport) => Promise<Buffer>;
  /** Instagram: what the person's last review marked to unfollow in the app, checked against a new audit. */
  reviews: Pick<ReviewStore, 'markedInApp' | 'keepInAppWithReport'>;
  now: () => number;
  logger: Logger;
  /** How often the job is looked at. */
  pollMs?: number;
  /** How long after a restart an audit another bot was showing is looked at again. */
  recheckMs?: number;
}

/**
 * Whether Discord answered a request with a refusal: it did not deliver. An error with no answer (an
 * abort on timeout, a network error) leaves it unknown, and so does a gateway's 502 or 504: the
 * gateway gave up waiting, and Discord behind it may have sent the message.
 */
export function refusedByDiscord(error: unknown): boolean {
  if (error instanceof HTTPError) return error.status !== 502 && error.status !== 504;
  return (
    error instanceof DiscordAPIError || error instanceof RateLimitError || error instanceof DmClosedError
  );
}

/** Discord lets an interaction's reply be edited for 15 minutes; after that the summary goes by DM. */
const REPLY_LIFETIME_MS = 14 * 60_000;
const DEFAULT_POLL_MS = 1_500;
const UNFINISHED: JobType[] = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'];
/** How far before the bot was last seen an ended audit is still looked at: the beats' interval, and then some. */
const CATCH_UP_MARGIN_MS = 2 * 60_000;
const CATCH_UP_JOBS = 1_000;
/**
 * An audit that ended this lately, recorded as shown when a bot starts, may be being shown by the bot it
 * replaces: looked at again once a DM of it would have had Discord's answer (its retries included).
 */
const RECENT_END_MS = 5 * 60_000;
const RECHECK_MS = 2 * 60_000;

/**
 * Follows one audit job and keeps the person's private reply current: the phase and counts, the wait
 * on X's rate limit and until when, then the summary with its chart and buttons — or the reason the
 * audit stopped, in the words the worker gave. Where the reply cannot be edited (expired, dismissed,
 * or lost with a restart) the outcome goes to the person's DMs, once.
 */
export class AuditWatcher {
  private stopped = false;
  /** The watches running: a closing bot waits for them, a DM under way included, before it lets Redis go. */
  private readonly running = new Set<Promise<void>>();
  private readonly rechecks = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: AuditWatchDeps) {}

  watch(jobId: string, personId: string, outlet: AuditOutlet): Promise<void> {
    const watching = this.follow(jobId, personId, outlet);
    const settled = watching.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return watching;
  }

  private async follow(jobId: string, personId: string, outlet: AuditOutlet): Promise<void> {
    const started = this.deps.now();
    const pollMs = this.deps.pollMs ?? DEFAULT_POLL_MS;
    let shown = '';
    let replyGone = !outlet.edit;
    const replyUsable = () => !replyGone && this.deps.now() - started < REPLY_LIFETIME_MS;
    while (!this.stopped) {
      const job = await this.deps.queue.getJob(jobId);
      const state: AuditJobState = job ? await job.getState() : 'unknown';
      if ((state === 'completed' || state === 'failed') && job) {
        // Read again: the job may have ended between it being read and its state, and how it ended
        // (the reason, the time, which names the outcome shown) is only on a reading since.
        const ended = (await this.deps.queue.getJob(jobId)) ?? job;
        return this.show(ended, state, outlet, replyUsable());
      }
      const text = auditProgressText(
        (job?.progress as AuditProgress | undefined) ?? null,
        state,
        this.deps.now(),
      );
      if (text !== shown && replyUsable()) {
        shown = text;
        await outlet.edit!({ content: text }).catch((error: unknown) => {
          replyGone = true;
          this.deps.logger.info(
            { reason: errorMessage(error) },
            'audit reply no longer editable: the outcome will go by DM',
          );
        });
      }
      if (state === 'unknown') return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * After a restart: follows again every audit still queued or running (its outcome is still to come,
   * even where an earlier ending of its job was shown: a followers read carried on after a failure),
   * and every one that ended since the bot was last seen running (`lastSeen`; none when it never was)
   * whose outcome the person has not been shown. Their replies are out of reach, so the outcome goes by
   * DM. Returns how many audits it follows.
   */
  async resume(lastSeen: number | null, dmTo: (personId: string) => AuditOutlet['dm']): Promise<number> {
    const unfinished = await this.deps.queue.getJobs(UNFINISHED);
    const ended =
      lastSeen === null
        ? []
        : (await this.deps.queue.getJobs(['completed', 'failed'], 0, CATCH_UP_JOBS - 1)).filter(
            (job) => (job?.finishedOn ?? 0) >= lastSeen - CATCH_UP_MARGIN_MS,
          );
    let followed = 0;
    const shown = (job: Job<AuditJob>, data: AuditJob) =>
      this.deps.deliveries.shown(data.personId, data.auditId, job.finishedOn ?? 0);
    for (const [job, hasEnded] of [
      ...unfinished.map((j) => [j, false] as const),
      ...ended.map((j) => [j, true] as const),
    ]) {
      const data = dataOf(job);
      if (!job?.id || !data) continue;
      if (hasEnded && (await shown(job, data))) {
        // Shown, or being shown by another bot (the one this start replaces, still closing): a DM of
        // it that Discord refuses gives the record back, after this look. An audit that ended lately is
        // looked at once more when such a DM would have had its answer.
        if ((job.finishedOn ?? 0) >= this.deps.now() - RECENT_END_MS) this.lookAgain(job, data, dmTo, shown);
        continue;
      }
      followed += 1;
      this.watch(job.id, data.personId, { dm: dmTo(data.personId) }).catch((error: unknown) =>
        this.deps.logger.warn({ reason: errorMessage(error) }, 'audit progress stopped'),
      );
    }
    return followed;
  }

  /** Once `recheckMs` has passed: sends the outcome of an ended audit whose record of being shown was given back. */
  private lookAgain(
    job: Job<AuditJob>,
    data: AuditJob,
    dmTo: (personId: string) => AuditOutlet['dm'],
    shown: (job: Job<AuditJob>, data: AuditJob) => Promise<boolean>,
  ): void {
    const timer = setTimeout(() => {
      this.rechecks.delete(timer);
      if (this.stopped) return;
      void shown(job, data)
        .then((done) => {
          if (done || this.stopped) return;
          return this.watch(job.id!, data.personId, { dm: dmTo(data.personId) });
        })
        .catch((error: unknown) =>
          this.deps.logger.warn({ reason: errorMessage(error) }, 'audit progress stopped'),
        );
    }, this.deps.recheckMs ?? RECHECK_MS);
    timer.unref();
    this.rechecks.add(timer);
  }

  /** Ends every watch at its next look at the queue, and every look yet to come: the bot is closing. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.rechecks) clearTimeout(timer);
    this.rechecks.clear();
  }

  /**
   * Resolves once every watch has ended, an outcome being shown (its DM and its record) included: what
   * a closing bot awaits after `stop`, while Discord and Redis are still there for it.
   */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Shows how the audit ended, once; nothing (no DM, no record of it) for a person who asked to be forgotten. */
  private async show(
    job: Job<AuditJob>,
    state: 'completed' | 'failed',
    outlet: AuditOutlet,
    replyUsable: boolean,
  ): Promise<void> {
    try {
      await this.showOnce(job, state, outlet, replyUsable);
    } catch (error) {
      if (!(error instanceof FencedOut)) throw error;
    }
  }

  private async showOnce(
    job: Job<AuditJob>,
    state: 'completed' | 'failed',
    outlet: AuditOutlet,
    replyUsable: boolean,
  ): Promise<void> {
    const { personId, auditId } = job.data;
    const endedAt = job.finishedOn ?? 0;
    const message =
      state === 'failed'
        ? userErrorReply(`The audit stopped: ${job.failedReason ?? 'no reason was given'}`)
        : await this.outcome(job.data);
    if (replyUsable && outlet.edit) {
      try {
        await outlet.edit(message);
        await this.deps.deliveries.claim(personId, auditId, endedAt);
        return;
      } catch (error) {
        if (error instanceof FencedOut) throw error;
        this.deps.logger.info(
          { reason: errorMessage(error) },
          'audit reply no longer editable: the outcome goes by DM',
        );
      }
    }
    // Claimed before it is sent: of two watchers of one audit, one DMs. A DM Discord refused gives the
    // claim back, so the bot that looks next (restarted, it catches up on what ended) sends it; one
    // whose answer never came (a timeout, a dropped connection) may have been delivered: kept shown,
    // as a second DM of the same outcome is worse than the rare one lost.
    if (!(await this.deps.deliveries.claim(personId, auditId, endedAt))) return;
    try {
      await outlet.dm(message);
    } catch (error) {
      if (refusedByDiscord(error)) await this.deps.deliveries.unclaim(personId, auditId, endedAt);
      throw error;
    }
  }

  private async outcome(job: AuditJob): Promise<BotMessage> {
    const stored = await this.deps.reports.latest(job.personId);
    if (!stored || stored.auditId !== job.auditId)
      return {
        content: 'The audit is done, but a newer one has replaced its report: /report shows the latest.',
      };
    const report = await this.withInAppCheck(job.personId, stored.auditId, stored.report);
    // The progress line goes: the summary replaces the whole reply.
    return {
      content: '',
      ...auditSummary(report, await this.deps.renderChart(report), stored.auditId),
    };
  }

  /**
   * An Instagram audit after a review that marked accounts to unfollow in the app says which of them the
   * new export still lists: Tend unfollows nothing there, so this is how the person sees what they did.
   * The audit's summary shows it, and so does /report for as long as that audit is the latest: the marks
   * are kept as long as its report.
   */
  async withInAppCheck(personId: string, auditId: string, report: AuditReport): Promise<AuditReport> {
    if (report.platform !== 'instagram') return report;
    const marked = await this.deps.reviews.markedInApp(personId);
    if (!marked || marked.auditId === auditId) return report;
    await this.deps.reviews.keepInAppWithReport(personId, marked.auditId);
    const line = inAppCheck(marked.handles, report);
    return line ? { ...report, warnings: [line, ...report.warnings] } : report;
  }
}

function dataOf(job: Job<AuditJob> | undefined): AuditJob | null {
  try {
    return job ? parseAuditJob(job.data) : null;
  } catch {
    return null;
  }
}
