import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DmClosedError } from '../src/discord/port.js';
import { errorMessage } from '../src/errors.js';
import { personRef } from '../src/log.js';
import { digestMessage } from '../src/nudges/digest-message.js';
import type { DigestStore } from '../src/store/digest-store.js';
import type { NudgeStore } from '../src/store/nudge-store.js';
import type { PauseStore } from '../src/store/pause-store.js';
import { digestReactions } from '../src/nudges/reactions.js';
import { periodKey } from '../src/nudges/schedule.js';
import { planFromStores, type PlanStores } from '../src/services/stored-plan.js';
import type { LedgerSync } from '../src/services/ledger-sync.js';
import { parseNudgeJob, type NudgeJob } from '../src/queues/payloads.js';
import { endsJob, readJob } from './job-errors.js';
import type { DigestDiscord } from '../src/discord/rest-adapter.js';

export interface NudgeProcessorDeps extends PlanStores {
  nudges: NudgeStore;
  digests: DigestStore;
  pauses: PauseStore;
  discord: DigestDiscord;
  /** Brings the stored ledger up to date through X before planning, where the person linked X. */
  sync?: Pick<LedgerSync, 'sync'>;
  now: () => number;
  logger: Logger;
}

export type NudgeResult =
  | { sent: true; period: string; messageId: string; people: number }
  | {
      sent: false;
      period: string | null;
      reason: 'off' | 'paused' | 'already_sent' | 'no_report' | 'nobody_due' | 'dm_closed' | 'left_servers';
    };

/**
 * Sends one scheduled digest. The period's claim (SET NX) comes before anything is sent, so of several
 * workers, a retry or a restart, one sends and the rest stop. A claim is given back only when sending
 * failed before the DM went out, for a reason a retry can overcome; closed DMs keep it, and pause the
 * person's nudges instead.
 */
export class NudgeProcessor {
  constructor(private readonly deps: NudgeProcessorDeps) {}

  async process(job: Pick<Job<NudgeJob>, 'data'>): Promise<NudgeResult> {
    try {
      return await this.send(readJob(parseNudgeJob, job.data));
    } catch (error) {
      throw endsJob(error);
    }
  }

  private async send({ personId }: NudgeJob): Promise<NudgeResult> {
    const { nudges, digests, pauses, discord, logger } = this.deps;
    const now = this.deps.now();
    const log = logger.child({ person: personRef(personId) });
    const settings = await nudges.settings(personId);
    // A scheduler left behind (turned off while this job was queued) sends nothing.
    if (!settings.enabled) return { sent: false, period: null, reason: 'off' };
    if ((await pauses.paused(personId)) !== null) return { sent: false, period: null, reason: 'paused' };
    const period = periodKey(settings, now);
    if (!(await digests.claim(personId, period, now))) return { sent: false, period, reason: 'already_sent' };
    let delivered = false;
    try {
      // Interactions since the last audit count: someone the person replied to yesterday is not due.
      if (this.deps.sync) await this.deps.sync.sync(personId, now);
      const plan = await planFromStores(this.deps, personId, now);
      if (plan === null) return { sent: false, period, reason: 'no_report' };
      if (plan.people.length === 0) return { sent: false, period, reason: 'nobody_due' };
      const sent = await discord.sendDm(personId, digestMessage(plan, now));
      delivered = true;
      // Saved before the reactions go on: the person may react before the last of them is added.
      await digests.save(personId, sent.messageId, { periodKey: period, sentAt: now, plan });
      await nudges.markNudged(
        personId,
        plan.people.map((p) => p.key),
        now,
      );
      try {
        await discord.addReactions(sent.channelId, sent.messageId, digestReactions(plan));
        await digests.reactionsAdded(personId, sent.messageId);
      } catch (error) {
        // The digest is out and counted: failing the job would add nothing (a retry finds the period
        // sent). The bot adds what is missing when the person next reacts on it.
        log.warn({ period, reason: errorMessage(error) }, 'digest sent without all its reactions');
      }
      log.info({ period, people: plan.people.length, more: plan.more }, 'digest sent');
      return { sent: true, period, messageId: sent.messageId, people: plan.people.length };
    } catch (error) {
      if (error instanceof DmClosedError) {
        // Discord refuses DMs alike to closed DMs and to someone who left every server the bot is in.
        const reason = (await discord.sharesAServer(personId).catch(() => true))
          ? 'dm_closed'
          : 'left_servers';
        await pauses.pause(personId, reason, now);
        log.info({ period, reason }, 'nudges paused');
        return { sent: false, period, reason };
      }
      // Once the DM is out, a retry would send it twice: the claim stays, whatever failed after.
      if (!delivered) await digests.release(personId, period);
      throw error;
    }
  }
}
