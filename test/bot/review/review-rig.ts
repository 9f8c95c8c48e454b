/**
 * A review as the service test drives it: a real Redis and a real unfollow queue (no worker: jobs stay
 * queued for the test to read), the recording Discord double, and a clock the test moves.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { ReviewStore } from '../../../src/store/review-store.js';
import { ReviewService } from '../../../src/bot/review/service.js';
import { createLogger } from '../../../src/log.js';
import type { UnfollowJob } from '../../../src/queues/payloads.js';
import { createQueues, personJobIds, unfollowJobId, type TendQueues } from '../../../src/queues/queues.js';
import { KeepList } from '../../../src/store/keep-list.js';
import { ReportStore } from '../../../src/store/reports.js';
import type { TestRedis } from '../../support/redis.js';
import { RecordingDiscord } from './recording-discord.js';
import { mixedFlags, reportOf } from './report.js';
import type { Platform } from '../../../src/model.js';

export const NOW = Date.UTC(2026, 10, 20, 12);

/** The handles a page lists, in order, read from the profile links the person clicks. */
export function handlesIn(text: string): string[] {
  return [...text.matchAll(/\]\(https:\/\/x\.com\/([A-Za-z0-9_]+)\)/g)].map((m) => m[1]!);
}

export const job = (
  r: { personId: string; auditId: string },
  id: string,
  handle: string,
  confirmedAt: number,
): UnfollowJob => ({
  personId: r.personId,
  auditId: r.auditId,
  target: { id, handle },
  xUserId: '1',
  confirmedAt,
});

/** Call at the top of a test file; each call of the function it returns is a new person with a report of `mixedFlags`. */
export function useReviews(db: TestRedis) {
  let queues: TendQueues;
  let people = 0;
  beforeAll(() => {
    queues = createQueues(db.redis, db.queuePrefix);
  });
  afterAll(async () => {
    await queues.unfollow.obliterate({ force: true });
    await queues.close();
  });

  return async function reviewing(platform: Platform = 'x') {
    const personId = String(100000000000000000n + BigInt(++people));
    const auditId = 'audit-1';
    const reports = new ReportStore(db.redis, db.prefix);
    await reports.save(personId, { auditId, savedAt: NOW, report: reportOf(mixedFlags(), platform) });
    const keep = new KeepList(db.redis, db.prefix);
    const discord = new RecordingDiscord();
    const clock = { now: NOW };
    const undone: string[] = [];
    /** A bot process: a new one shares nothing with the last but Redis. */
    const bot = () =>
      new ReviewService({
        reviews: new ReviewStore(db.redis, db.prefix),
        reports,
        keep,
        unfollowQueue: queues.unfollow,
        undo: async (_person, targetId) => {
          undone.push(targetId);
          return { status: 'followed', targetId, handle: null, message: 'Followed again.', retryAt: null };
        },
        discord,
        now: () => clock.now,
        logger: createLogger({ enabled: false }),
      });
    const service = bot();
    const page = (n: number) => discord.dms[n]!;
    const react = (
      messageId: string,
      emoji: string,
      { added = true, userId = personId, by = service } = {},
    ) =>
      by.onReaction({
        userId,
        channelId: discord.dm(messageId).channelId,
        messageId,
        emoji,
        added,
        dmWith: personId,
      });
    /** The person's unfollow jobs, by target: what X will be asked to do. */
    const queued = async (): Promise<UnfollowJob[]> => {
      const jobs = await queues.unfollow.getJobs([
        'waiting',
        'delayed',
        'prioritized',
        'active',
        'completed',
        'failed',
      ]);
      const ids = await personJobIds(queues.unfollow, personId);
      return jobs
        .filter((j) => j.data.personId === personId)
        .map((j) => {
          expect(j.id, 'one job per confirmation, named by it').toBe(unfollowJobId(ids, j.data));
          return j.data;
        })
        .sort((a, b) => a.target.id.localeCompare(b.target.id));
    };
    return { personId, auditId, keep, discord, clock, undone, bot, service, page, react, queued };
  };
}
