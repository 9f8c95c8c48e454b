import { describe, expect, it } from 'vitest';
import { undoUnfollow } from '../../src/services/undo.js';
import { useTestRedis } from '../support/redis.js';
import {
  DAY,
  FOLLOW,
  MINUTE,
  useUnfollowRigs,
  type RigOptions,
  type Target,
  type UnfollowRig,
} from './unfollow-rig.js';

const db = useTestRedis('unfollow-undo');
const rig = useUnfollowRigs(db);

/** A rig whose person has unfollowed `count` accounts of a kind through Tend, at the fake's start. */
async function unfollowedThroughTend(
  count: number,
  kind?: string,
  options: RigOptions = {},
): Promise<{ r: UnfollowRig; targets: Target[] }> {
  const r = await rig(options);
  const targets = r.followed(kind).slice(0, count);
  const jobs = await r.confirm(targets.map((t) => r.job(t)));
  expect(jobs.map((j) => j.returnvalue.status)).toEqual(targets.map(() => 'unfollowed'));
  return { r, targets };
}

const undo = (r: UnfollowRig, targetId: string) =>
  undoUnfollow({ log: r.log, clients: r.clients, now: () => r.fake.clock.now() }, r.personId, targetId);

describe('undo an unfollow', () => {
  it('follows the account again within 7 days, once however often it is asked', async () => {
    const {
      r,
      targets: [a],
    } = await unfollowedThroughTend(1);
    r.fake.clock.advance(6 * DAY);

    expect(await undo(r, a!.id)).toEqual({
      status: 'followed',
      targetId: a!.id,
      handle: a!.handle,
      message: `Followed @${a!.handle} again.`,
      retryAt: null,
    });
    expect(r.isFollowing(a!.id)).toBe(true);
    expect(await r.log.undoable(r.personId, r.fake.clock.now())).toEqual([]);

    expect(await undo(r, a!.id)).toMatchObject({
      status: 'already_undone',
      message: `@${a!.handle} was already followed again on 2026-11-26.`,
    });
    expect(r.fake.callsTo(FOLLOW).map((call) => call.status)).toEqual([200]);

    const [again] = await r.confirm([r.job(a!)]);
    expect(again!.returnvalue.status, 'confirmed again after the undo, it is unfollowed again').toBe(
      'unfollowed',
    );
    expect(r.isFollowing(a!.id)).toBe(false);
  });

  it('says it is too late after 7 days, and follows nobody', async () => {
    const {
      r,
      targets: [a],
    } = await unfollowedThroughTend(1);
    r.fake.clock.advance(7 * DAY + MINUTE);

    const answer = await undo(r, a!.id);
    expect(answer).toMatchObject({ status: 'too_late', handle: a!.handle });
    expect(answer.message).toBe(
      `@${a!.handle} was unfollowed on 2026-11-20, more than 7 days ago: Tend can no longer undo it, but you can follow it again on X.`,
    );
    expect(r.fake.callsTo(FOLLOW)).toHaveLength(0);
    expect(r.isFollowing(a!.id)).toBe(false);
  });

  it('refuses an account Tend never unfollowed, without calling X', async () => {
    const { r } = await unfollowedThroughTend(0);
    const stranger = r.followed()[0]!;
    expect(await undo(r, stranger.id)).toMatchObject({
      status: 'unknown',
      message: `Tend has not unfollowed account ${stranger.id} in the last 7 days, so there is nothing to undo.`,
    });
    expect(r.fake.callsTo(FOLLOW)).toHaveLength(0);
  });

  it('sends a follow request to a protected account, which stays pending', async () => {
    const {
      r,
      targets: [locked],
    } = await unfollowedThroughTend(1, 'protected');
    const answer = await undo(r, locked!.id);
    expect(answer).toMatchObject({
      status: 'pending',
      message: `@${locked!.handle} is protected: a follow request was sent, and it is theirs to accept.`,
    });
    expect(r.isFollowing(locked!.id)).toBe(false);
    expect((await r.log.get(r.personId, locked!.id))?.undoneAt).toBe(r.fake.clock.now());
  });

  it('says plainly when the account has since been suspended', async () => {
    const {
      r,
      targets: [gone],
    } = await unfollowedThroughTend(1, 'suspended');
    expect(await undo(r, gone!.id)).toMatchObject({
      status: 'refused',
      message: `@${gone!.handle} is suspended on X: it cannot be followed again.`,
    });
    expect(
      await r.log.undoable(r.personId, r.fake.clock.now()),
      'a refused undo stays undoable',
    ).toHaveLength(1);
  });

  it("answers X's follow limit with when to try again, and follows then", async () => {
    const {
      r,
      targets: [a, b],
    } = await unfollowedThroughTend(2, undefined, { limits: { [FOLLOW]: { per15min: 1, perDay: 400 } } });
    expect((await undo(r, a!.id)).status).toBe('followed');

    const held = await undo(r, b!.id);
    expect(held).toMatchObject({ status: 'try_later', retryAt: r.fake.clock.now() + 15 * MINUTE });
    expect(held.message).toBe('X allows only so many follows at a time: try again after 12:15 UTC.');
    expect(r.isFollowing(b!.id)).toBe(false);

    r.fake.clock.advance(15 * MINUTE);
    expect((await undo(r, b!.id)).status).toBe('followed');
    expect(r.isFollowing(b!.id)).toBe(true);
  });
});
