/**
 * Nudges on the bot's side, as a thin shell over src/nudges: the /nudges settings and their job
 * scheduler, the preview, the pause notice, and the reactions on a sent digest. Nothing is held in
 * memory, so a restarted bot honours a reaction on a digest sent before.
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { typedAccount, typedName } from '../engine/typed-account.js';
import { personRef } from '../log.js';
import { digestMessage, nudgePreview } from '../nudges/digest-message.js';
import type { DigestStore } from '../store/digest-store.js';
import type { NudgedAccount, NudgeStore } from '../store/nudge-store.js';
import { pauseNotice } from '../nudges/pause.js';
import type { PauseStore } from '../store/pause-store.js';
import { decideDigestReaction, digestReactions, type DigestRecord } from '../nudges/reactions.js';
import type { NudgeSettings } from '../nudges/settings.js';
import { nudgeKey } from '../nudges/state.js';
import { planFromStores, type PlanStores } from '../services/stored-plan.js';
import type { NudgeJob } from '../queues/payloads.js';
import { scheduleNudges, unscheduleNudges } from '../queues/queues.js';
import type { BotMessage } from '../discord/message.js';
import { REACTIONS_SETTLE_MS, type ReviewDiscord } from '../discord/port.js';
import type { ReactionEvent } from './review/service.js';

export interface NudgeServiceDeps extends PlanStores {
  nudges: NudgeStore;
  digests: DigestStore;
  pauses: PauseStore;
  queue: Queue<NudgeJob>;
  discord: Pick<ReviewDiscord, 'botUserId' | 'editMessage' | 'addReactions'>;
  now: () => number;
  logger: Logger;
}

export class NudgeService {
  constructor(private readonly deps: NudgeServiceDeps) {}

  /** Turns digests on (lifting a pause: the person says they can be reached again) and schedules them. */
  async turnOn(personId: string): Promise<NudgeSettings> {
    const settings = await this.deps.nudges.updateSettings(personId, { enabled: true });
    await this.deps.pauses.resume(personId);
    await scheduleNudges(this.deps.queue, personId, settings);
    return settings;
  }

  async turnOff(personId: string): Promise<NudgeSettings> {
    const settings = await this.deps.nudges.updateSettings(personId, { enabled: false });
    await unscheduleNudges(this.deps.queue, personId);
    return settings;
  }

  /** Saves new times; a person with digests on gets their scheduler moved at once. */
  async reschedule(personId: string, patch: Partial<NudgeSettings>): Promise<NudgeSettings> {
    const settings = await this.deps.nudges.updateSettings(personId, patch);
    if (settings.enabled) await scheduleNudges(this.deps.queue, personId, settings);
    return settings;
  }

  /**
   * The person's cadence for one account, null for its tier's. A handle is looked up in their report,
   * so the override lands on the key the digests use (the id, where the report has it).
   */
  async setCadence(personId: string, account: string, days: number | null): Promise<string> {
    const name = typedName(account);
    const stored = await this.deps.reports.latest(personId);
    const found = stored?.report.accounts.find(
      (a) => a.id === name || a.handle?.toLowerCase() === name.toLowerCase(),
    );
    const typed = typedAccount(name);
    const key = nudgeKey(found ?? typed ?? {});
    if (key === null) throw new UserError('Name an account: a handle such as @jane, or an id.');
    await this.deps.nudges.setCadence(personId, key, days);
    return found?.handle ? `@${found.handle}` : typed?.id ? typed.id : `@${name}`;
  }

  /** The next digest now, as the person would get it; nobody is marked nudged. */
  async preview(personId: string): Promise<BotMessage> {
    const now = this.deps.now();
    const [plan, settings, paused] = await Promise.all([
      planFromStores(this.deps, personId, now),
      this.deps.nudges.settings(personId),
      this.deps.pauses.paused(personId),
    ]);
    return nudgePreview({ plan, settings, paused: paused?.reason ?? null, now });
  }

  /** What the person must be told about a pause, once: null when there is nothing new. */
  async takePauseNotice(personId: string): Promise<string | null> {
    const reason = await this.deps.pauses.takeNotice(personId);
    return reason === null ? null : pauseNotice(reason);
  }

  /**
   * True when the reaction is on one of the reactor's own digests, which it then acts on; false for
   * every other message, which the review may own. Digests are looked up under the reactor's id, so
   * nobody else's reaction can act on one.
   */
  async onReaction(event: ReactionEvent): Promise<boolean> {
    const { digests, nudges, discord, now, logger } = this.deps;
    if (event.userId === discord.botUserId()) return false;
    const record = await digests.load(event.userId, event.messageId);
    if (record === null) return false;
    const decision = decideDigestReaction(record, event.emoji, event.added);
    let note: string | null = null;
    if (decision.kind === 'ignore') {
      await this.completeReactions(event, record);
      return true;
    }
    if (decision.kind === 'select' || decision.kind === 'deselect') {
      await digests.pick(event.userId, event.messageId, decision.index, decision.kind === 'select');
    } else if (decision.kind === 'apply') {
      const at = now();
      const accounts: NudgedAccount[] = decision.indices
        .map((i) => record.plan.people[i]!)
        .map(({ key, id, handle }) => ({ key, id, handle }));
      await nudges.applyOutcome(event.userId, accounts, decision.outcome, at);
      await digests.recordOutcome(event.userId, event.messageId, decision.indices, decision.outcome, at);
    } else {
      note = decision.text;
    }
    // Re-rendered from the store, not from the decision: another reaction may have landed in between.
    const current = (await digests.load(event.userId, event.messageId)) ?? record;
    await discord.editMessage(
      event.channelId,
      event.messageId,
      digestMessage(current.plan, now(), { selected: current.selected, outcomes: current.outcomes, note }),
    );
    logger.info({ person: personRef(event.userId), decision: decision.kind }, 'digest reaction');
    await this.completeReactions(event, record);
    return true;
  }

  /**
   * Adds again the reactions of a digest whose reactions did not all go on (the worker gave up on one,
   * under Discord's rate limit or an outage), once they are no longer on their way. Adding one already
   * there changes nothing on Discord.
   */
  private async completeReactions(event: ReactionEvent, record: DigestRecord): Promise<void> {
    const { digests, discord, now, logger } = this.deps;
    if (
      now() - record.sentAt < REACTIONS_SETTLE_MS ||
      !(await digests.reactionsPending(event.userId, event.messageId))
    )
      return;
    await discord.addReactions(event.channelId, event.messageId, digestReactions(record.plan));
    await digests.reactionsAdded(event.userId, event.messageId);
    logger.info({ person: personRef(event.userId) }, 'digest reactions completed');
  }
}
