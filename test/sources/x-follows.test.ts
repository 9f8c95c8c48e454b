import { describe, expect, it } from 'vitest';
import { fetchFollowingPage, follow, unfollow } from '../../src/sources/x-api.js';
import { sortXError } from '../../src/sources/x-errors.js';
import { GONE_ROLES } from '../support/fake-x/index.js';
import { harness, rejection, type Harness } from './x-harness.js';

const UNFOLLOW = 'DELETE /2/users/:source_user_id/following/:target_user_id';

/** Owner 0's followed accounts of a role, by id. */
function followedOfKind(h: Harness, kind: string): string[] {
  const net = h.fake.network;
  return net
    .followingOf(0)
    .filter((i) => net.kindAt(i) === kind)
    .map((i) => net.accountAt(i).id);
}

describe('unfollow and follow against the fake X', () => {
  it('unfollows once; a retried unfollow is a quiet success that changes nothing', async () => {
    const h = await harness({ network: { seed: 41, following: 50 } });
    const target = followedOfKind(h, 'not_following_back')[0]!;

    expect(await unfollow(h.client, h.owner.userId, target)).toMatchObject({
      following: false,
      rateLimit: { limit: 50, remaining: 49 },
    });
    expect((await unfollow(h.client, h.owner.userId, target)).following).toBe(false);

    const targetIndex = h.fake.network.account(target)!.index;
    expect(h.fake.network.isFollowing(0, targetIndex)).toBe(false);
    expect(h.fake.callsTo(UNFOLLOW).map((c) => c.status)).toEqual([200, 200]);
    const page = await fetchFollowingPage(h.client, h.owner.userId, null);
    expect(page.profiles.map((p) => p.id)).not.toContain(target);
  });

  it('undoes an unfollow by following again: the account is back, at the top of the list', async () => {
    const h = await harness({ network: { seed: 42, following: 50 } });
    const target = followedOfKind(h, 'mutual')[3]!;
    await unfollow(h.client, h.owner.userId, target);

    expect(await follow(h.client, h.owner.userId, target)).toMatchObject({ following: true, pending: false });
    expect((await follow(h.client, h.owner.userId, target)).following).toBe(true);
    const page = await fetchFollowingPage(h.client, h.owner.userId, null);
    expect(page.profiles[0]).toMatchObject({ id: target, followsOwner: true });
  });

  it('says a follow of a protected account waits for their approval', async () => {
    const h = await harness({ network: { seed: 43, following: 200 } });
    const target = followedOfKind(h, 'protected')[0]!;
    await unfollow(h.client, h.owner.userId, target);
    expect(await follow(h.client, h.owner.userId, target)).toMatchObject({ following: false, pending: true });
  });

  it('sorts a follow of an account that has since been suspended as target gone', async () => {
    const h = await harness({ network: { seed: 44, following: 300 } });
    const suspended = followedOfKind(h, 'suspended')[0]!;
    await unfollow(h.client, h.owner.userId, suspended);
    const sorted = sortXError(
      await rejection(follow(h.client, h.owner.userId, suspended)),
      h.fake.clock.now(),
    );
    expect(sorted).toMatchObject({ kind: 'target_gone', gone: { kind: 'suspended' } });
  });

  it('refuses the 51st unfollow within 15 minutes with the time it may resume', async () => {
    const h = await harness({ network: { seed: 45, following: 120 } });
    const net = h.fake.network;
    const targets = net
      .followingOf(0)
      .filter((i) => !GONE_ROLES.has(net.kindAt(i)))
      .map((i) => net.accountAt(i).id);
    for (const target of targets.slice(0, 50)) await unfollow(h.client, h.owner.userId, target);
    const sorted = sortXError(
      await rejection(unfollow(h.client, h.owner.userId, targets[50]!)),
      h.fake.clock.now(),
    );
    expect(sorted).toMatchObject({ kind: 'rate_limited', resetAt: Date.parse('2026-11-20T12:15:00Z') });
    expect(net.isFollowing(0, net.account(targets[50]!)!.index)).toBe(true);
  });
});
