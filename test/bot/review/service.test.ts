import { describe, expect, it } from 'vitest';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO } from '../../../src/discord/emoji.js';
import { forgetPerson } from '../../../src/store/forget.js';
import { REPORT_TTL_MS } from '../../../src/store/reports.js';
import { useTestRedis } from '../../support/redis.js';
import { BOT_ID } from './recording-discord.js';
import { PAGE_1, PAGE_2 } from './report.js';
import { handlesIn, job, NOW, useReviews } from './review-rig.js';

const db = useTestRedis('review-service');
const reviewing = useReviews(db);
const STRANGER = '300000000000000003';

describe('review in DMs', () => {
  it('sends page 1 to the person: unfollow verdicts first, then review, with a reaction per account and ✅ 🛡️ ⏭️', async () => {
    const r = await reviewing();
    expect(await r.service.start(r.personId, r.auditId)).toEqual({ delivered: true });

    expect(r.discord.dms).toHaveLength(1);
    expect(r.page(0).userId).toBe(r.personId);
    expect(r.page(0).reactions).toEqual([...NUMBER_EMOJI, CONFIRM, KEEP, NEXT]);
    const text = r.discord.text(r.page(0).messageId);
    expect(handlesIn(text)).toEqual(PAGE_1);
    expect(text).toContain('Review · page 1 of 2');
    expect(text).toContain('Nothing selected yet.');
    expect(text, 'accounts to keep or nurture are not up for pruning').not.toMatch(/keep_\d/);
  });

  it("selects and unselects with the owner's number reactions, on the page they are pressed on", async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    for (const n of [1, 3, 4]) await r.react(messageId, NUMBER_EMOJI[n]!);
    expect(r.discord.text(messageId)).toContain('**Selected: 2, 4, 5**');
    // Discord hands back some emoji without the variation selector they were added with.
    await r.react(messageId, NUMBER_EMOJI[3]!.replace('\uFE0F', ''), { added: false });
    expect(r.discord.text(messageId)).toContain('**Selected: 2, 5**');
    expect(await r.queued(), 'selecting alone unfollows nothing').toEqual([]);
  });

  it('queues exactly the selected accounts on ✅, once: pressed again it queues only what is new', async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    for (const n of [0, 2, 9]) await r.react(messageId, NUMBER_EMOJI[n]!);
    await r.react(messageId, NUMBER_EMOJI[9]!, { added: false });
    await r.react(messageId, CONFIRM);

    expect(await r.queued()).toEqual([job(r, '1001', 'unf_1', NOW), job(r, '1003', 'unf_3', NOW)]);
    const text = r.discord.text(messageId);
    expect(text).toContain("Unfollowing 2 accounts at X's pace");
    expect(text).toContain('Unfollowed 0 of 2 — 2 on their way');

    r.clock.now = NOW + 60_000;
    await r.react(messageId, CONFIRM, { added: false });
    await r.react(messageId, CONFIRM);
    expect(await r.queued(), 'already confirmed: nothing new').toHaveLength(2);
    expect(r.discord.text(messageId)).toContain('Nothing new to unfollow');

    await r.react(messageId, NUMBER_EMOJI[4]!);
    await r.react(messageId, CONFIRM, { added: false });
    await r.react(messageId, CONFIRM);
    expect(await r.queued()).toEqual([
      job(r, '1001', 'unf_1', NOW),
      job(r, '1003', 'unf_3', NOW),
      job(r, '1005', 'unf_5', NOW + 60_000),
    ]);
  });

  it("changes nothing for another user's reactions, and takes them off; the bot's own are left alone", async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    for (const emoji of [NUMBER_EMOJI[0], CONFIRM, KEEP, NEXT]) {
      expect((await r.react(messageId, emoji, { userId: STRANGER })).decision).toEqual({
        kind: 'ignore',
        removeReaction: true,
      });
    }
    await r.react(messageId, NUMBER_EMOJI[1]!, { userId: BOT_ID });

    expect(r.discord.removed).toEqual(
      [NUMBER_EMOJI[0], CONFIRM, KEEP, NEXT].map((emoji) => ({ messageId, emoji, userId: STRANGER })),
    );
    expect(r.page(0).edits, 'the page did not change').toBe(0);
    expect(r.discord.dms, 'no page 2 was sent').toHaveLength(1);
    expect(await r.queued()).toEqual([]);
    expect(await r.keep.list(r.personId)).toEqual({ ids: [], handles: [] });

    await r.react(messageId, CONFIRM);
    expect(r.discord.text(messageId), 'the stranger selected nothing').toContain(
      'Select accounts with the number reactions first',
    );
  });

  it('puts the selected accounts on the keep list with 🛡️, and then ✅ does not unfollow them', async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    await r.react(messageId, NUMBER_EMOJI[1]!);
    await r.react(messageId, KEEP);

    expect(await r.keep.list(r.personId)).toEqual({ ids: ['1002'], handles: ['unf_2'] });
    const text = r.discord.text(messageId);
    expect(text).toContain('Kept 1 account');
    expect(text).toContain(`${KEEP} on your keep list`);
    await r.react(messageId, CONFIRM);
    expect(await r.queued()).toEqual([]);
  });

  it('sends page 2 on ⏭️, once, and each page acts on its own selection', async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const first = r.page(0).messageId;
    await r.react(first, NUMBER_EMOJI[0]!);
    await r.react(first, NEXT);

    expect(r.discord.dms).toHaveLength(2);
    const second = r.page(1).messageId;
    expect(handlesIn(r.discord.text(second))).toEqual(PAGE_2);
    expect(r.discord.text(second)).toContain('Review · page 2 of 2');
    expect(r.page(1).reactions, 'three accounts, and no page after').toEqual([
      ...NUMBER_EMOJI.slice(0, 3),
      CONFIRM,
      KEEP,
    ]);

    await r.react(first, NEXT, { added: false });
    await r.react(first, NEXT);
    expect(r.discord.dms).toHaveLength(2);
    expect(r.discord.text(first)).toContain('Page 2 is already below.');

    expect((await r.react(second, NUMBER_EMOJI[3]!)).decision, 'page 2 has no 4th account').toEqual({
      kind: 'ignore',
      removeReaction: false,
    });
    await r.react(second, NUMBER_EMOJI[1]!);
    await r.react(second, CONFIRM);
    expect(await r.queued(), "page 1's selection stays on page 1").toEqual([job(r, '2004', 'rev_4', NOW)]);
    await r.react(second, NEXT);
    expect(r.discord.text(second)).toContain('This is the last page.');
  });

  it('honours a reaction on a page sent before the bot restarted', async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    await r.react(messageId, NUMBER_EMOJI[5]!);

    const restarted = r.bot();
    await r.react(messageId, NUMBER_EMOJI[8]!, { by: restarted });
    await r.react(messageId, CONFIRM, { by: restarted });
    expect(await r.queued()).toEqual([job(r, '1006', 'unf_6', NOW), job(r, '2001', 'rev_1', NOW)]);
    expect(r.discord.text(messageId)).toContain('Unfollowed 0 of 2');
  });

  it('says the DMs are closed instead of failing, so the channel reply can explain', async () => {
    const r = await reviewing();
    r.discord.closed.add(r.personId);
    expect(await r.service.start(r.personId, r.auditId)).toEqual({ delivered: false, reason: 'dm_closed' });
    expect(r.discord.dms).toEqual([]);
  });

  it('answers ↩️ only with what was unfollowed on the page, and ✅ with nothing selected with a note', async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    await r.react(messageId, CONFIRM);
    expect(r.discord.text(messageId)).toContain(
      `Select accounts with the number reactions first, then press ${CONFIRM}`,
    );
    await r.react(messageId, UNDO);
    expect(r.discord.text(messageId)).toContain('Nothing on this page to undo');
    expect(r.undone).toEqual([]);
  });

  it('leaves no review key once the person is forgotten, and their old page then does nothing', async () => {
    const r = await reviewing();
    await r.service.start(r.personId, r.auditId);
    const { messageId } = r.page(0);
    for (const emoji of [NUMBER_EMOJI[0], NUMBER_EMOJI[1], CONFIRM, NUMBER_EMOJI[2], KEEP, NEXT])
      await r.react(messageId, emoji);
    const reviewKeys = async () => (await db.keys()).filter((key) => key.includes(`{${r.personId}}:review`));
    expect(
      (await reviewKeys()).length,
      'the review, its selection, outcomes and page messages',
    ).toBeGreaterThanOrEqual(5);
    for (const key of await reviewKeys()) {
      const ttl = await db.redis.pttl(key);
      expect(
        ttl > REPORT_TTL_MS - 60_000 && ttl <= REPORT_TTL_MS,
        `${key} expires as a report does (ttl ${ttl} ms)`,
      ).toBe(true);
    }

    await forgetPerson(db.redis, db.prefix, r.personId);
    expect(await reviewKeys()).toEqual([]);
    const edits = r.page(0).edits;
    expect((await r.react(messageId, NUMBER_EMOJI[3]!)).decision).toEqual({
      kind: 'ignore',
      removeReaction: false,
    });
    expect(r.page(0).edits).toBe(edits);
  });
});
