import { describe, expect, it } from 'vitest';
import { CONFIRM, KEEP, NUMBER_EMOJI } from '../../../src/discord/emoji.js';
import { forgetPerson } from '../../../src/store/forget.js';
import { ReviewStore } from '../../../src/store/review-store.js';
import { inAppCheck } from '../../../src/unfollows/in-app-check.js';
import { useTestRedis } from '../../support/redis.js';
import { PAGE_1, reportOf } from './report.js';
import { useReviews } from './review-rig.js';

/**
 * The review of an Instagram audit in DMs: Tend cannot unfollow on Instagram and must not pretend to, so
 * ✅ marks the chosen accounts "to unfollow in the app", as profile links to work through at Instagram's pace.
 */
const db = useTestRedis('review-instagram');
const reviewing = useReviews(db);

const instagramHandles = (text: string) =>
  [...text.matchAll(/\]\(https:\/\/www\.instagram\.com\/([A-Za-z0-9_.]+)\/\)/g)].map((m) => m[1]!);

describe('the review of an Instagram audit', () => {
  it('lists the accounts as Instagram profile links and says what ✅ does there', async () => {
    const r = await reviewing('instagram');
    expect(await r.service.start(r.personId, r.auditId)).toEqual({ delivered: true });
    const text = r.discord.text(r.page(0).messageId);
    expect(instagramHandles(text)).toEqual(PAGE_1);
    expect(text).toContain(
      `${CONFIRM} mark the selected to unfollow in the app (Tend cannot unfollow on Instagram)`,
    );
  });

  it('marks the chosen accounts to unfollow in the app, queues nothing, and gives the pace', async () => {
    const r = await reviewing('instagram');
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    for (const n of [0, 2]) await r.react(messageId, NUMBER_EMOJI[n]!);
    await r.react(messageId, CONFIRM);

    expect(await r.queued(), 'nothing for a worker to unfollow').toEqual([]);
    const text = r.discord.text(messageId);
    expect(text).toContain('Tend cannot unfollow on Instagram: 2 accounts marked to unfollow in the app');
    expect(text).toContain('about 200 a day at most');
    expect(text.match(/📱 to unfollow in the app: open the link/g)).toHaveLength(2);
    expect(text).toContain('2 to unfollow in the app:');
    expect(text).not.toMatch(/Unfollowed \d+ of/);

    await r.react(messageId, CONFIRM, { added: false });
    await r.react(messageId, CONFIRM);
    expect(r.discord.text(messageId)).toContain('Nothing new to unfollow');
  });

  it('still keeps accounts with 🛡️, marked or not', async () => {
    const r = await reviewing('instagram');
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    await r.react(messageId, NUMBER_EMOJI[0]!);
    await r.react(messageId, CONFIRM);
    await r.react(messageId, KEEP);
    expect((await r.keep.list(r.personId)).handles).toEqual([PAGE_1[0]]);
    expect(r.discord.text(messageId)).toContain(`${KEEP} on your keep list`);
  });

  it('remembers what was marked, so the next Instagram audit says which the person unfollowed; /forget forgets it', async () => {
    const r = await reviewing('instagram');
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    for (const n of [0, 1, 2]) await r.react(messageId, NUMBER_EMOJI[n]!);
    await r.react(messageId, CONFIRM);

    // Another bot process, after the person's next export was audited.
    const store = new ReviewStore(db.redis, db.prefix);
    const marked = await store.markedInApp(r.personId);
    expect(marked).toEqual({ auditId: r.auditId, handles: PAGE_1.slice(0, 3) });
    const next = reportOf(
      [
        { id: '0', handle: PAGE_1[1]!, verdict: 'review' },
        { id: '0', handle: 'someone_else', verdict: 'keep' },
      ],
      'instagram',
    );
    expect(inAppCheck(marked!.handles, next)).toBe(
      `You unfollowed 2 of the 3 accounts you marked to unfollow in the app; 1 is still followed: @${PAGE_1[1]}.`,
    );

    await forgetPerson(db.redis, db.prefix, r.personId);
    expect(await store.markedInApp(r.personId)).toBeNull();
  });
});
