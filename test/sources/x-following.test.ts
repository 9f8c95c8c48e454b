import { describe, expect, it } from 'vitest';
import { fetchFollowersPage, fetchFollowingPage, type FollowingPage } from '../../src/sources/x-api.js';
import { sortXError } from '../../src/sources/x-errors.js';
import type { Profile } from '../../src/model.js';
import { GONE_ROLES } from '../support/fake-x/index.js';
import { expectMeterMatchesLog, harness, rejection, type Harness } from './x-harness.js';

const FOLLOWING = 'GET /2/users/:id/following';

/** Ids of the accounts X shows in owner 0's following, newest follow first (gone ones are not shown). */
function visibleFollowing({ fake }: Harness): string[] {
  const net = fake.network;
  return net
    .followingOf(0)
    .filter((i) => !GONE_ROLES.has(net.kindAt(i)))
    .map((i) => net.accountAt(i).id);
}

async function readAll(h: Harness, from: string | null = null): Promise<Profile[]> {
  const profiles: Profile[] = [];
  let token = from;
  do {
    const page: FollowingPage = await fetchFollowingPage(h.client, h.owner.userId, token);
    profiles.push(...page.profiles);
    token = page.nextToken;
  } while (token !== null);
  return profiles;
}

describe('fetchFollowingPage against the fake X', () => {
  it('reads 3,000+ followings in one call per 1,000, every account once, with full profiles', async () => {
    const h = await harness({ network: { seed: 11, following: 3400 } });
    const expected = visibleFollowing(h);
    expect(expected.length).toBeGreaterThan(3000);

    const profiles = await readAll(h);

    expect(profiles.map((p) => p.id)).toEqual(expected);
    expect(h.fake.callsTo(FOLLOWING)).toHaveLength(Math.ceil(expected.length / 1000));
    expect(h.fake.calls.every((call) => call.query.max_results === '1000')).toBe(true);
    const bots = profiles.filter((p) => h.fake.network.account(p.id!)!.kind === 'bot');
    expect(bots.length).toBeGreaterThan(0);
    expect(bots.every((p) => p.handle && p.followingCount !== null && p.createdAt !== null)).toBe(true);
    const neverPosted = profiles.filter((p) => p.postCount === 0);
    expect(neverPosted.length).toBeGreaterThan(0);
    expect(neverPosted.every((p) => p.lastPostAt === null)).toBe(true);
    expectMeterMatchesLog(h.meter, h.fake);
    expect(h.meter.users).toBe(expected.length);
  });

  it('tells who follows back from connection_status alone, without reading the followers list', async () => {
    const h = await harness({ network: { seed: 12, following: 1500 } });
    const profiles = await readAll(h);
    for (const profile of profiles) {
      expect(profile.followsOwner, profile.handle!).toBe(h.fake.network.account(profile.id!)!.followsOwner);
    }
    expect(profiles.some((p) => p.followsOwner) && profiles.some((p) => p.followsOwner === false)).toBe(true);
    expect(h.fake.callsTo('GET /2/users/:id/followers')).toHaveLength(0);
  });

  it('leaves follows-back unknown where connection_status is absent, and the followers list answers it', async () => {
    const h = await harness({
      network: { seed: 13, following: 1200, fans: 900 },
      settings: { connectionStatus: false },
    });
    const profiles = await readAll(h);
    expect(profiles.every((p) => p.followsOwner === null)).toBe(true);

    const followers = new Set<string>();
    let token: string | null = null;
    do {
      const page = await fetchFollowersPage(h.client, h.owner.userId, token);
      page.ids.forEach((id) => followers.add(id));
      token = page.nextToken;
    } while (token !== null);

    const net = h.fake.network;
    expect(followers).toEqual(new Set(net.followersOf(0).map((i) => net.accountAt(i).id)));
    expect(profiles.filter((p) => followers.has(p.id!)).every((p) => net.account(p.id!)!.followsOwner)).toBe(
      true,
    );
    expectMeterMatchesLog(h.meter, h.fake);
  });

  it('stops at a 429 mid-pagination and resumes from the saved cursor after the reset, reading no page twice', async () => {
    // 16 pages at X's real limit of 15 a window: the 16th call is refused.
    const h = await harness({ network: { seed: 14, following: 16_600 } });
    const expected = visibleFollowing(h);
    expect(Math.ceil(expected.length / 1000)).toBe(16);

    const profiles: Profile[] = [];
    let token: string | null = null;
    let limited = null;
    do {
      try {
        const page: FollowingPage = await fetchFollowingPage(h.client, h.owner.userId, token);
        profiles.push(...page.profiles);
        token = page.nextToken;
      } catch (error) {
        limited = sortXError(error, h.fake.clock.now());
        if (limited.kind !== 'rate_limited') throw error;
        expect(limited.resetAt).toBe(Date.parse('2026-11-20T12:15:00Z'));
        h.fake.clock.set(limited.resetAt);
      }
    } while (token !== null);

    expect(limited?.message).toMatch(/12:15 UTC/);
    expect(profiles.map((p) => p.id)).toEqual(expected);
    const calls = h.fake.callsTo(FOLLOWING);
    expect(calls.map((c) => c.status)).toEqual([...Array(15).fill(200), 429, 200]);
    const served = calls.filter((c) => c.status === 200).map((c) => c.query.pagination_token ?? 'first');
    expect(new Set(served).size).toBe(served.length);
    expect(calls[15]!.query.pagination_token).toBe(calls[16]!.query.pagination_token);
    expectMeterMatchesLog(h.meter, h.fake);
  });

  it('sorts a revoked token as auth_revoked, a 5xx and a dropped connection as transient', async () => {
    const h = await harness({ network: { seed: 15, following: 300 } });
    h.fake.failNext({ status: 503 });
    const unavailable = sortXError(
      await rejection(fetchFollowingPage(h.client, h.owner.userId, null)),
      h.fake.clock.now(),
    );
    expect(unavailable).toMatchObject({ kind: 'transient', status: 503 });

    h.fake.failNext({ status: 'drop' });
    const dropped = sortXError(
      await rejection(fetchFollowingPage(h.client, h.owner.userId, null)),
      h.fake.clock.now(),
    );
    expect(dropped).toMatchObject({ kind: 'transient', status: null });

    const page = await fetchFollowingPage(h.client, h.owner.userId, null);
    expect(page.profiles.length).toBeGreaterThan(250);

    h.fake.revoke(h.owner.accessToken);
    const revoked = sortXError(
      await rejection(fetchFollowingPage(h.client, h.owner.userId, null)),
      h.fake.clock.now(),
    );
    expect(revoked).toMatchObject({ kind: 'auth_revoked', status: 401 });
    expect(revoked.message).toMatch(/link your X account again/i);
    expectMeterMatchesLog(h.meter, h.fake);
  });

  it('explains, as a permanent refusal, an access tier without the follows lookups', async () => {
    const h = await harness({ network: { seed: 16, following: 100 }, settings: { followsAccess: false } });
    const sorted = sortXError(
      await rejection(fetchFollowingPage(h.client, h.owner.userId, null)),
      h.fake.clock.now(),
    );
    expect(sorted).toMatchObject({ kind: 'permanent', status: 403 });
    expect(sorted.message).toMatch(/access level does not include reading follows lists/);
    expect(sorted.message).toMatch(/archive/);
  });

  it('reports the window left with each page, and its reset when it is spent', async () => {
    const h = await harness({
      network: { seed: 17, following: 100 },
      limits: { [FOLLOWING]: { per15min: 2 } },
    });
    const first = await fetchFollowingPage(h.client, h.owner.userId, null);
    expect(first.rateLimit).toEqual({ limit: 2, remaining: 1, resetAt: Date.parse('2026-11-20T12:15:00Z') });
    h.fake.clock.advance(5 * 60_000);
    await fetchFollowingPage(h.client, h.owner.userId, null);
    const sorted = sortXError(
      await rejection(fetchFollowingPage(h.client, h.owner.userId, null)),
      h.fake.clock.now(),
    );
    expect(sorted).toMatchObject({ kind: 'rate_limited', resetAt: Date.parse('2026-11-20T12:15:00Z') });
  });
});
