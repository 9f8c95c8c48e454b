/**
 * The review with the unfollow worker as production runs it (real BullMQ Worker and QueueEvents, the
 * real processor against a fake X): the page follows the jobs, and ↩️ has X follow again.
 */
import { QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIRM, KEEP, NUMBER_EMOJI, UNDO } from '../../../src/discord/emoji.js';
import { ReviewStore } from '../../../src/store/review-store.js';
import { ReviewService } from '../../../src/bot/review/service.js';
import { followUnfollowEvents } from '../../../src/bot/review/unfollow-events.js';
import { cancelQueuedUnfollows } from '../../../src/bot/cancel-unfollows.js';
import { createLogger } from '../../../src/log.js';
import { QUEUE_NAMES } from '../../../src/queues/queues.js';
import { undoUnfollow } from '../../../src/services/undo.js';
import { useTestRedis } from '../../support/redis.js';
import { FOLLOW, MINUTE, UNFOLLOW, useUnfollowRigs, type UnfollowRig } from '../../workers/unfollow-rig.js';
import { RecordingDiscord } from './recording-discord.js';
import { reportOf } from './report.js';

const db = useTestRedis('review-unfollow-events');
const rig = useUnfollowRigs(db);
let closing: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closing.map((close) => close()));
  closing = [];
});

/** A bot listening to the rig's unfollow queue, with page 1 of a review of ten accounts the owner follows sent. */
async function reviewing(r: UnfollowRig) {
  const targets = r.followed().slice(0, 10);
  // Audited on the account the rig linked: an unfollow goes from the account that chose it.
  const report = {
    ...reportOf(targets.map((t) => ({ ...t, verdict: 'unfollow' }))),
    owner: { id: r.owner.userId, handle: 'tend_owner0' },
  };
  await r.reports.save(r.personId, { auditId: r.auditId, savedAt: r.fake.clock.now(), report });
  const discord = new RecordingDiscord();
  const logger = createLogger({ enabled: false });
  const now = () => r.fake.clock.now();
  const service = new ReviewService({
    reviews: new ReviewStore(db.redis, db.prefix),
    reports: r.reports,
    keep: r.keep,
    unfollowQueue: r.queue,
    undo: (personId, targetId) => undoUnfollow({ log: r.log, clients: r.clients, now }, personId, targetId),
    discord,
    now,
    logger,
  });
  const events = new QueueEvents(QUEUE_NAMES.unfollow, {
    connection: db.connection(),
    prefix: db.queuePrefix,
  });
  await events.waitUntilReady();
  const stop = followUnfollowEvents(events, r.queue, service, logger);
  closing.push(async () => {
    stop();
    await events.close();
  });
  await service.start(r.personId, r.auditId);
  const { messageId, channelId } = discord.dms[0]!;
  const react = (emoji: string) =>
    service.onReaction({ userId: r.personId, channelId, messageId, emoji, added: true, dmWith: r.personId });
  /** Waits until the page reads `text`: the worker and the events run on their own. */
  const pageShows = async (text: string) => {
    const deadline = Date.now() + 10_000;
    while (!discord.text(messageId).includes(text)) {
      if (Date.now() > deadline)
        throw new Error(`The page never showed "${text}"; it shows:\n${discord.text(messageId)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { targets, discord, messageId, react, pageShows, service, logger };
}

describe('review pages and the unfollow queue', () => {
  it('edits the page as unfollows complete, and with when the rest go when the pace holds them back', async () => {
    const r = await rigWithPaceNearlySpent();
    const p = await reviewing(r);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8]) await p.react(NUMBER_EMOJI[n]!);
    await p.react(CONFIRM);

    // 43 unfollows at 11:55 leave room for 7 in X's 15 minutes; the window frees at 12:10.
    await p.pageShows('Unfollowed 7 of 9 — 2 left for the next window at 12:10 UTC');
    expect(p.discord.text(p.messageId)).toContain('⏳ queued: goes at 12:10 UTC');
    const unfollowed = r.unfollowCalls().map((call) => call.path.split('/').pop());
    expect(unfollowed).toHaveLength(7);
    const selected = p.targets.slice(0, 9).map((t) => t.id);
    expect(selected).toEqual(expect.arrayContaining(unfollowed));
    expect(r.isFollowing(p.targets[9]!.id), 'the unselected account was touched').toBe(true);
    expect(p.discord.dms[0]!.reactions, '↩️ offered once unfollows are done').toEqual([
      ...NUMBER_EMOJI,
      CONFIRM,
      KEEP,
      UNDO,
    ]);
  });

  it('follows again with ↩️ what the page unfollowed, and says so', async () => {
    const r = await rig();
    const p = await reviewing(r);
    const isProtected = (id: string) => r.fake.network.account(id)!.kind === 'protected';
    const open = p.targets.findIndex((t) => !isProtected(t.id));
    const locked = p.targets.findIndex((t) => isProtected(t.id));
    expect(
      [open, locked].every((i) => i >= 0),
      'the page holds a public and a protected account',
    ).toBe(true);
    await p.react(NUMBER_EMOJI[open]!);
    await p.react(NUMBER_EMOJI[locked]!);
    await p.react(CONFIRM);
    await p.pageShows('Unfollowed 2 of 2');
    expect([open, locked].map((i) => r.isFollowing(p.targets[i]!.id))).toEqual([false, false]);

    r.fake.clock.advance(60 * MINUTE);
    await p.react(UNDO);
    expect(
      r.fake.callsTo(FOLLOW).map((call) => call.status),
      'X was asked to follow both again',
    ).toEqual([200, 200]);
    expect(r.isFollowing(p.targets[open]!.id)).toBe(true);
    const text = p.discord.text(p.messageId);
    const name = (i: number) => `@${p.targets[i]!.handle.replaceAll('_', '\\_')}`;
    expect(text).toContain(`Followed ${name(open)} again.`);
    expect(text).toContain(`${name(locked)} is protected: a follow request was sent`);
    expect(text).toContain('Unfollowed 0 of 2 — 2 undone');
    expect(text).toContain(`${UNDO} followed again`);
  });

  it('shows an unfollow X refused, in plain words, beside the ones that went', async () => {
    const r = await rig();
    const p = await reviewing(r);
    r.fake.failNext({ status: 403, endpoint: UNFOLLOW });
    await p.react(NUMBER_EMOJI[0]!);
    await p.react(NUMBER_EMOJI[1]!);
    await p.react(CONFIRM);
    await p.pageShows('Unfollowed 1 of 2 — 1 failed');
    expect(p.discord.text(p.messageId)).toMatch(/⚠️ Could not unfollow: X refused the request \(HTTP 403/);
  });

  it('shows an unfollow cancelled by /unlink or a new link as failed, saying why', async () => {
    const r = await rig({ dailyCap: 1 });
    const p = await reviewing(r);
    await p.react(NUMBER_EMOJI[0]!);
    await p.react(NUMBER_EMOJI[1]!);
    await p.react(CONFIRM);
    await p.pageShows('Unfollowed 1 of 2 — 1 left');
    const why = 'Cancelled: you unlinked your X account.';
    expect(
      await cancelQueuedUnfollows(
        { unfollowQueue: r.queue, review: p.service, logger: p.logger },
        r.personId,
        why,
      ),
    ).toBe(1);
    await p.pageShows('Unfollowed 1 of 2 — 1 failed');
    expect(p.discord.text(p.messageId)).toContain(why);
    expect(await r.queue.getJobs(['waiting', 'delayed']), 'nothing is left to run').toEqual([]);
  });

  async function rigWithPaceNearlySpent(): Promise<UnfollowRig> {
    const r = await rig();
    const earlier = r.fake.clock.now() - 5 * MINUTE;
    for (let i = 0; i < 43; i++)
      expect(await r.pacer.take(r.personId, `earlier-${i}`, earlier)).toEqual({ ok: true });
    return r;
  }
});
