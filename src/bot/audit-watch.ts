import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { AuditReport } from '../model.js';
import type { AuditJob } from '../queues/payloads.js';
import type { ReportStore } from '../store/reports.js';
import type { AuditProgress } from '../../workers/audit-processor.js';
import { auditProgressText, type AuditJobState } from './render/progress.js';
import { auditSummary } from './render/summary.js';
import type { BotMessage } from './render/message.js';
import { userErrorReply } from './render/replies.js';

/** Where the watcher shows what it sees: the person's deferred reply, or their DMs once it has expired. */
export interface AuditOutlet {
  edit(message: BotMessage): Promise<void>;
  dm(message: BotMessage): Promise<void>;
}

export interface AuditWatchDeps {
  queue: Queue<AuditJob>;
  reports: ReportStore;
  renderChart: (report: AuditReport) => Promise<Buffer>;
  now: () => number;
  logger: Logger;
  /** How often the job is looked at. */
  pollMs?: number;
}

/** Discord lets an interaction's reply be edited for 15 minutes; after that the summary goes by DM. */
const REPLY_LIFETIME_MS = 14 * 60_000;
const DEFAULT_POLL_MS = 1_500;

/**
 * Follows one audit job and keeps the person's private reply current: the phase and counts, the wait
 * on X's rate limit and until when, then the summary with its chart and buttons — or the reason the
 * audit stopped, in the words the worker gave.
 */
export class AuditWatcher {
  constructor(private readonly deps: AuditWatchDeps) {}

  async watch(jobId: string, personId: string, outlet: AuditOutlet): Promise<void> {
    const started = this.deps.now();
    const pollMs = this.deps.pollMs ?? DEFAULT_POLL_MS;
    let shown = '';
    const replyAlive = () => this.deps.now() - started < REPLY_LIFETIME_MS;
    for (;;) {
      const job = await this.deps.queue.getJob(jobId);
      const state: AuditJobState = job ? await job.getState() : 'unknown';
      if (state === 'completed' && job) return this.finish(job.data, personId, outlet, replyAlive());
      if (state === 'failed' && job) {
        const message = userErrorReply(`The audit stopped: ${job.failedReason ?? 'no reason was given'}`);
        return replyAlive() ? outlet.edit(message) : outlet.dm(message);
      }
      const text = auditProgressText((job?.progress as AuditProgress | undefined) ?? null, state, this.deps.now());
      if (text !== shown && replyAlive()) {
        shown = text;
        await outlet.edit({ content: text });
      }
      if (state === 'unknown') return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async finish(job: AuditJob, personId: string, outlet: AuditOutlet, replyAlive: boolean): Promise<void> {
    const stored = await this.deps.reports.latest(personId);
    if (!stored || stored.auditId !== job.auditId) {
      await outlet.edit({ content: 'The audit is done, but a newer one has replaced its report: /report shows the latest.' });
      return;
    }
    // The progress line goes: the summary replaces the whole reply.
    const message = { content: '', ...auditSummary(stored.report, await this.deps.renderChart(stored.report), stored.auditId) };
    await (replyAlive ? outlet.edit(message) : outlet.dm(message));
  }
}
