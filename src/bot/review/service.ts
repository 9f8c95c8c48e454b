/**
 * The review in the person's DMs, as a thin shell: it loads the session, asks `decideReaction` what a
 * reaction means, carries that out (store, unfollow queue, keep list, undo, Discord) and re-renders the
 * page. Nothing is held in memory, so a restarted bot honours a reaction on a page sent before.
 *
 *   const reviews = new ReviewService({ reviews, reports, keep, unfollowQueue, undo, discord, now: Date.now, logger });
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { errorMessage, isUserError, UserError } from '../../errors.js';
import { personRef } from '../../log.js';
import type { UnfollowJob } from '../../queues/payloads.js';
import { enqueueUnfollows } from '../../queues/queues.js';
import type { KeepList } from '../../store/keep-list.js';
import type { ReportStore } from '../../store/reports.js';
import type { UndoResult } from '../../services/undo.js';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO } from '../../discord/emoji.js';
import { reviewPage } from '../render/review-page.js';
import { fakeFollowersPage } from '../render/followers.js';
import type { BotMessage } from '../../discord/message.js';
import { count } from '../../discord/text.js';
import { decideReaction, REVIEW_NOTES, type ReviewDecision, type XAccount } from './decide.js';
import { DmClosedError, REACTIONS_SETTLE_MS, type ReviewDiscord } from '../../discord/port.js';
import { unfollowEvent, type UnfollowUpdate } from './unfollow-update.js';
import type { ReviewStore } from '../../store/review-store.js';
import {
  pageAccounts,
  pageCount,
  pageOf,
  reviewAccounts,
  type AccountOutcome,
  type PageMessage,
  type ReviewSession,
} from '../../unfollows/review-session.js';
import { reviewView } from './view.js';

export interface ReviewServiceDeps {
  reviews: ReviewStore;
  reports: ReportStore;
  keep: KeepList;
  unfollowQueue: Queue<UnfollowJob>;
  /** `undoUnfollow` with its deps: (personId, targetId) => undoUnfollow(undoDeps, personId, targetId). */
  undo: (personId: string, targetId: string) => Promise<UndoResult>;
  discord: ReviewDiscord;
  now: () => number;
  logger: Logger;
}

export interface ReactionEvent {
  userId: string;
  channelId: string;
  messageId: string;
  /** The emoji's name as Discord gives it (with or without U+FE0F). */
  emoji: string;
  added: boolean;
  /**
   * For a DM: the person the channel is with (discord.js `DMChannel.recipientId`). A page is looked up
   * under the reactor's own id, so nobody else's reaction can act on it; this finds it under someone
   * else's reaction only to take that reaction off, where Discord allows.
   */
  dmWith?: string | null;
}

export type StartResult = { delivered: true } | { delivered: false; reason: 'dm_closed' };

/** What a reaction did: the decision, and the note the page now shows (for logs and tests). */
export interface ReactionResult {
  decision: ReviewDecision;
  note: string | null;
}

const QUEUE_FAILED = `Tend could not queue this unfollow: press ${CONFIRM} again.`;
const IN_APP_NOTE =
  'Open each profile link on this page and unfollow there, about 200 a day at most; your next export or companion snapshot shows which are done.';

/** The reactions a page carries from the start, in the order Discord shows them. */
function pageReactions(review: ReviewSession, page: number): string[] {
  const numbers = NUMBER_EMOJI.slice(0, pageAccounts(review, page).length);
  return [...numbers, CONFIRM, KEEP, ...(page + 1 < pageCount(review) ? [NEXT] : [])];
}

export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  /** Sends page 1 of the audit's review to the person's DMs, or says the DMs are closed. */
  async start(personId: string, auditId: string): Promise<StartResult> {
    const { reports, reviews } = this.deps;
    const stored = await reports.latest(personId);
    if (stored === null || stored.auditId !== auditId)
      throw new UserError('The report of this audit is no longer kept: run /audit again to review it.');
    const accounts = reviewAccounts(stored.report);
    // The followers page: the fake followers with their reasons and links, removed by the person in the app.
    const followersPage = fakeFollowersPage(stored.report);
    if (accounts.length === 0 && !followersPage)
      throw new UserError('Nothing in this audit is flagged to unfollow or review.');
    if (accounts.length === 0) return this.sendFollowersPage(personId, followersPage!);
    const review = await reviews.open(
      personId,
      auditId,
      { platform: stored.report.platform, xUserId: stored.report.owner.id },
      accounts,
    );
    try {
      await this.sendPage(review, 0);
    } catch (error) {
      if (error instanceof DmClosedError) return { delivered: false, reason: 'dm_closed' };
      throw error;
    }
    return followersPage ? this.sendFollowersPage(personId, followersPage) : { delivered: true };
  }

  /** The followers page goes after the accounts' first page: nothing to react to, links to follow. */
  private async sendFollowersPage(personId: string, page: BotMessage): Promise<StartResult> {
    try {
      await this.deps.discord.sendDm(personId, page);
    } catch (error) {
      if (error instanceof DmClosedError) return { delivered: false, reason: 'dm_closed' };
      throw error;
    }
    return { delivered: true };
  }

  async onReaction(event: ReactionEvent): Promise<ReactionResult> {
    const { discord, now, logger } = this.deps;
    if (event.userId === discord.botUserId())
      return { decision: { kind: 'ignore', removeReaction: false }, note: null };
    const other = event.dmWith && event.dmWith !== event.userId ? event.dmWith : null;
    const found = await this.findPage(event.userId, event.messageId, other);
    const decision = decideReaction(
      found?.review ?? null,
      found?.message ?? null,
      event.emoji,
      event.userId,
      event.added,
      now(),
    );
    if (found === null || decision.kind === 'ignore') {
      if (decision.kind === 'ignore' && decision.removeReaction) {
        // In DMs Discord lets no bot take off another user's reaction: ignoring it is what counts.
        await discord
          .removeReaction(event.channelId, event.messageId, event.emoji, event.userId)
          .catch((error: unknown) => {
            logger.debug({ err: error }, 'could not remove a reaction');
          });
      }
      return { decision, note: null };
    }
    const { review, message } = found;
    const note = await this.apply(review, decision);
    if (decision.kind !== 'next') await this.render(review.personId, review.auditId, message, note);
    logger.info(
      {
        person: personRef(review.personId),
        auditId: review.auditId,
        page: message.page,
        decision: decision.kind,
      },
      'review reaction',
    );
    await this.completeReactions(review, message);
    const latest = await this.deps.reviews.load(review.personId, review.auditId);
    if (
      latest &&
      pageAccounts(latest, message.page).some((a) => latest.outcomes.get(a.index)?.status === 'unfollowed')
    )
      await this.offerUndo(latest, message);
    return { decision, note };
  }

  /** Records what an unfollow job reported and re-renders its page; returns the new outcome, if it changed. */
  async onUnfollowUpdate(update: UnfollowUpdate): Promise<AccountOutcome | null> {
    const { reviews } = this.deps;
    const { personId, auditId, target } = update.job;
    const review = await reviews.load(personId, auditId);
    const account = review?.accounts.find((a) => a.id === target.id);
    if (!review || !account) return null;
    const outcome = await reviews.updateOutcome(review, account.index, unfollowEvent(update));
    const message = review.messages.get(pageOf(account.index));
    if (outcome === null || message === undefined) return outcome;
    await this.render(personId, auditId, message, null);
    await this.completeReactions(review, message);
    if (outcome.status === 'unfollowed') await this.offerUndo(review, message);
    return outcome;
  }

  private async findPage(userId: string, messageId: string, other: string | null) {
    const { reviews } = this.deps;
    for (const owner of other ? [userId, other] : [userId]) {
      const found = await reviews.findMessage(owner, messageId);
      const review = found && (await reviews.load(owner, found.auditId));
      if (found && review) return { review, message: found.message };
    }
    return null;
  }

  /** Carries out a decision; returns the note for the page. */
  private async apply(
    review: ReviewSession,
    decision: Exclude<ReviewDecision, { kind: 'ignore' }>,
  ): Promise<string | null> {
    const { reviews, keep, now } = this.deps;
    switch (decision.kind) {
      case 'select':
      case 'deselect':
        await reviews.select(review, decision.account.index, decision.kind === 'select');
        return null;
      case 'confirm':
        return this.confirm(review, decision.accounts, now());
      case 'keep':
        try {
          await keep.add(
            review.personId,
            decision.accounts.map(({ id, handle }) => ({ id, handle })),
          );
        } catch (error) {
          // A full keep list: the page says so.
          if (isUserError(error)) return error.message;
          throw error;
        }
        for (const account of decision.accounts)
          await reviews.updateOutcome(review, account.index, { kind: 'kept' });
        return `Kept ${count(decision.accounts.length, 'account')}: audits leave them alone, and a queued unfollow of them is skipped.`;
      case 'next':
        await this.sendPage(review, decision.page);
        return null;
      case 'undo': {
        const results: UndoResult[] = [];
        for (const account of decision.accounts) {
          const result = await this.deps.undo(review.personId, account.id);
          if (['followed', 'pending', 'already_undone'].includes(result.status))
            await reviews.updateOutcome(review, account.index, { kind: 'undone', at: now() });
          results.push(result);
        }
        return results.map((r) => r.message).join('\n');
      }
      case 'in_app': {
        let marked = 0;
        for (const account of decision.accounts)
          if (await reviews.updateOutcome(review, account.index, { kind: 'in_app', at: now() })) marked++;
        if (marked === 0) return REVIEW_NOTES.nothingNew;
        await reviews.noteInApp(review);
        return `Tend cannot unfollow on Instagram: ${count(marked, 'account')} marked to unfollow in the app. ${IN_APP_NOTE}`;
      }
      case 'note':
        return decision.text;
    }
  }

  /** Claims each account for this confirmation first: of two ✅ at once, only one queues an account. */
  private async confirm(review: ReviewSession, accounts: XAccount[], confirmedAt: number): Promise<string> {
    const { reviews, unfollowQueue } = this.deps;
    const { xUserId } = review;
    if (xUserId === null)
      throw new UserError(
        'This review does not say which X account it audited: run /audit again, then review the new report.',
      );
    const claimed: XAccount[] = [];
    for (const account of accounts) {
      if (await reviews.updateOutcome(review, account.index, { kind: 'confirmed', at: confirmedAt }))
        claimed.push(account);
    }
    if (claimed.length === 0) return REVIEW_NOTES.nothingNew;
    const jobs: UnfollowJob[] = claimed.map((a) => ({
      personId: review.personId,
      auditId: review.auditId,
      target: { id: a.id, handle: a.handle },
      xUserId,
      confirmedAt,
    }));
    try {
      await enqueueUnfollows(unfollowQueue, jobs);
    } catch (error) {
      for (const account of claimed)
        await reviews.updateOutcome(review, account.index, {
          kind: 'failed',
          confirmedAt,
          message: QUEUE_FAILED,
        });
      throw error;
    }
    return `Unfollowing ${count(claimed.length, 'account')} at X's pace: this page shows each one as it is done.`;
  }

  private async sendPage(review: ReviewSession, page: number): Promise<void> {
    const { reviews, discord, now, logger } = this.deps;
    const sent = await discord.sendDm(review.personId, reviewPage(reviewView(review, page, null, now())));
    const message: PageMessage = { page, ...sent, sentAt: now(), reacted: false };
    // Recorded before the reactions go on: the person may react before the last of them is added.
    await reviews.savePage(review, message);
    try {
      await discord.addReactions(sent.channelId, sent.messageId, pageReactions(review, page));
      await reviews.savePage(review, { ...message, reacted: true });
    } catch (error) {
      // The page is out: the person's next reaction on it adds what is missing.
      logger.warn(
        { person: personRef(review.personId), page, reason: errorMessage(error) },
        'review page sent without all its reactions',
      );
    }
  }

  /**
   * Adds again the reactions of a page whose reactions did not all go on, once they are no longer on
   * their way. Adding one already there changes nothing on Discord.
   */
  private async completeReactions(review: ReviewSession, message: PageMessage): Promise<void> {
    const { reviews, discord, now, logger } = this.deps;
    if (
      message.reacted !== false ||
      message.sentAt === undefined ||
      now() - message.sentAt < REACTIONS_SETTLE_MS
    )
      return;
    await discord.addReactions(message.channelId, message.messageId, pageReactions(review, message.page));
    await reviews.savePage(review, { ...message, reacted: true });
    logger.info(
      { person: personRef(review.personId), page: message.page },
      'review page reactions completed',
    );
  }

  /**
   * Puts ↩️ on a page once something on it was unfollowed, and records it only once Discord took it: a
   * ↩️ that failed (a restart while it waited its turn, Discord refusing) goes on at the next unfollow
   * report or reaction on the page. Adding it twice changes nothing on Discord.
   */
  private async offerUndo(review: ReviewSession, message: PageMessage): Promise<void> {
    const { reviews, discord, logger } = this.deps;
    if (await reviews.undoOffered(review, message.page)) return;
    try {
      await discord.addReactions(message.channelId, message.messageId, [UNDO]);
    } catch (error) {
      logger.warn(
        { person: personRef(review.personId), page: message.page, reason: errorMessage(error) },
        'undo reaction not added: it goes on at the next reaction on the page',
      );
      return;
    }
    await reviews.markUndoOffered(review, message.page);
  }

  /** Re-renders from the store, not from the decision: another event may have landed in between. */
  private async render(
    personId: string,
    auditId: string,
    message: PageMessage,
    note: string | null,
  ): Promise<void> {
    const { reviews, discord, now } = this.deps;
    const review = await reviews.load(personId, auditId);
    if (!review) return;
    await discord.editMessage(
      message.channelId,
      message.messageId,
      reviewPage(reviewView(review, message.page, note, now())),
    );
  }
}
