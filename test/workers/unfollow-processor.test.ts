import { describe, expect, it } from 'vitest';
import type { AccountReport, AuditReport } from '../../src/model.js';
import { useTestRedis } from '../support/redis.js';
import { accountAsSeen } from '../../src/unfollows/account-as-seen.js';
import { DAY, expectNoTokens, UNFOLLOW, useUnfollowRigs } from './unfollow-rig.js';

const db = useTestRedis('unfollow-worker');
const rig = useUnfollowRigs(db);

function reportWith(accounts: AccountReport[]): AuditReport {
  return {
    platform: 'x',
    owner: { id: null, handle: 'tend_owner0' },
    generatedAt: '2026-11-20T11:00:00.000Z',
    interests: { terms: ['opera'], source: 'explicit' },
    accounts,
    warnings: [],
    summary: {
      following: accounts.length,
      followers: null,
      byCategory: {} as never,
      byVerdict: {} as never,
      skippedChecks: [],
    },
  };
}

describe('unfollow worker', () => {
  it('unfollows each confirmed account once, and logs each with a snapshot for undo', async () => {
    const r = await rig();
    const [a, b, c, untouched] = r.followed();
    const seen: AccountReport = {
      id: a!.id,
      handle: a!.handle,
      name: 'Gala Spam',
      categories: ['bot'],
      reasons: ['bot score 0.94: follows 4,810, followed by 12'],
      verdict: 'unfollow',
      verdictReason: 'likely a bot',
      botScore: 0.94,
      lastActiveAt: null,
      lastInteractionAt: null,
      strength: 0,
      tier: null,
      duplicateOf: null,
    };
    await r.reports.save(r.personId, {
      auditId: r.auditId,
      savedAt: r.fake.clock.now(),
      report: reportWith([seen]),
    });

    const jobs = await r.confirm([r.job(a!), r.job(b!), r.job(c!)]);

    expect(jobs.map((j) => j.returnvalue.status)).toEqual(['unfollowed', 'unfollowed', 'unfollowed']);
    expect(jobs[0]!.returnvalue, 'what the event stream keeps names no account').toEqual({
      status: 'unfollowed',
      at: r.fake.clock.now(),
    });
    for (const target of [a!, b!, c!]) {
      expect(r.isFollowing(target.id), `@${target.handle} is still followed on X`).toBe(false);
      expect(r.unfollowCalls(target.id).map((call) => [call.status, call.user])).toEqual([
        [200, r.owner.userId],
      ]);
    }
    expect(r.unfollowCalls()).toHaveLength(3);
    expect(r.isFollowing(untouched!.id), 'an account nobody confirmed was touched').toBe(true);

    const logged = await r.log.get(r.personId, a!.id);
    expect(logged).toMatchObject({
      targetId: a!.id,
      handle: a!.handle,
      at: r.fake.clock.now(),
      snapshot: seen,
      undoneAt: null,
    });
    expect((await r.log.get(r.personId, b!.id))?.snapshot).toMatchObject({ id: b!.id, handle: b!.handle });
    expect((await r.log.undoable(r.personId, r.fake.clock.now())).map((u) => u.targetId).sort()).toEqual(
      [a!.id, b!.id, c!.id].sort(),
    );

    const lines = r.logLines().filter((line) => line.msg === 'unfollowed');
    expect(lines.map((line) => line.target).sort()).toEqual([a!.id, b!.id, c!.id].sort());
    expect(lines[0]).toMatchObject({ auditId: r.auditId, person: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(r.logged(), 'person ids are hashed in logs').not.toContain(r.personId);
  });

  it('unfollows once when a confirmation is delivered twice, or confirmed twice and run at the same moment, or queued again after cleanup', async () => {
    const r = await rig({ concurrency: 2 });
    const [a] = r.followed();
    const first = r.job(a!);
    const delivered = await r.confirm([first, first, { ...first, confirmedAt: first.confirmedAt + 1 }]);
    const unique = [...new Map(delivered.map((j) => [j.id, j])).values()];
    expect(unique, 'the same delivery became two jobs').toHaveLength(2);
    // The one that found the other mid-unfollow waits a few seconds of wall time: let it run now.
    const jobs = await r.promote(unique.filter((j) => j.returnvalue === null));
    const done = [...unique.filter((j) => j.returnvalue !== null), ...jobs];
    expect(done.map((j) => j.returnvalue.status).sort()).toEqual(['already', 'unfollowed']);

    await done.find((j) => j.id === unique[0]!.id)!.remove();
    const [again] = await r.confirm([first]);
    expect(again!.returnvalue).toMatchObject({ status: 'already' });
    expect(r.unfollowCalls(a!.id)).toHaveLength(1);
    expect(r.isFollowing(a!.id)).toBe(false);
  });

  it('retries a job X failed in passing: the account is unfollowed once, and counted once against the pace', async () => {
    const r = await rig();
    const [a] = r.followed();
    r.fake.failNext({ status: 503, endpoint: UNFOLLOW });
    const [failedOnce] = await r.confirm([r.job(a!)]);
    expect(await failedOnce!.getState(), 'BullMQ retries it after a backoff').toBe('delayed');
    expect(failedOnce!.attemptsMade).toBe(1);
    expect(failedOnce!.failedReason).toMatch(/X is having trouble \(HTTP 503\)/);

    const [retried] = await r.promote([failedOnce!]);
    expect(retried!.returnvalue.status).toBe('unfollowed');
    expect(r.unfollowCalls(a!.id).map((call) => call.status)).toEqual([503, 200]);
    expect(await r.pacer.recent(r.personId, r.fake.clock.now())).toHaveLength(1);
  });

  it('waits while another worker holds the same unfollow, then finishes it as already done', async () => {
    const r = await rig();
    const [a] = r.followed();
    expect(await r.log.begin(r.personId, r.auditId, a!.id)).toBe('go');
    const [waiting] = await r.confirm([r.job(a!)]);
    expect(await waiting!.getState()).toBe('delayed');
    expect(waiting!.progress).toEqual({ reason: 'busy', waitingUntil: r.fake.clock.now() + 5000 });
    expect(waiting!.attemptsMade, 'waiting is not a failed attempt').toBe(0);

    // The other worker finishes.
    await r.log.complete(r.personId, {
      targetId: a!.id,
      handle: a!.handle,
      auditId: r.auditId,
      at: r.fake.clock.now(),
      snapshot: accountAsSeen(null, a!),
    });
    const [done] = await r.promote([waiting!]);
    expect(done!.returnvalue.status).toBe('already');
    expect(r.unfollowCalls(a!.id), 'the worker called X for an unfollow already under way').toHaveLength(0);
  });

  it('never unfollows a keep-listed account, even when a job asks', async () => {
    const r = await rig();
    const [byId, byHandle, other] = r.followed();
    await r.keep.add(r.personId, [{ id: byId!.id }, { handle: `@${byHandle!.handle.toUpperCase()}` }]);
    const jobs = await r.confirm([r.job(byId!), r.job(byHandle!), r.job(other!)]);

    expect(jobs.map((j) => j.returnvalue.status)).toEqual(['kept', 'kept', 'unfollowed']);
    expect(r.isFollowing(byId!.id) && r.isFollowing(byHandle!.id)).toBe(true);
    expect(r.unfollowCalls().map((call) => call.path)).toEqual([
      `/2/users/${r.owner.userId}/following/${other!.id}`,
    ]);
    expect(await r.log.get(r.personId, byId!.id)).toBeNull();
    expect(
      await r.pacer.recent(r.personId, r.fake.clock.now()),
      'a kept account used up an unfollow of the pace',
    ).toHaveLength(1);
  });

  it('fails at once with a message for the person when X access was revoked', async () => {
    const r = await rig();
    const [a] = r.followed();
    r.fake.revoke(r.owner.accessToken);
    r.fake.revoke(r.owner.refreshToken);
    const [job] = await r.confirm([r.job(a!)]);

    expect(await job!.getState()).toBe('failed');
    expect(job!.failedReason).toMatch(/X no longer accepts Tend's access to your account.*\/link/);
    expect(job!.attemptsMade, 'a revoked token must not be retried').toBe(1);
    expect(r.unfollowCalls(a!.id).map((call) => call.status)).toEqual([401]);
    expect(
      r.tokenCalls().map((call) => call.status),
      'one forced refresh, refused',
    ).toEqual([400]);
    expect(r.isFollowing(a!.id)).toBe(true);
    expect(await r.pacer.recent(r.personId, r.fake.clock.now())).toHaveLength(0);
    await expectNoTokens(r, db, [job!]);
  });

  it('renews an access token X refuses, once, and unfollows; no token shows in jobs, Redis or logs', async () => {
    const r = await rig();
    const [a] = r.followed();
    r.fake.revoke(r.owner.accessToken);
    const [job] = await r.confirm([r.job(a!)]);

    expect(job!.returnvalue.status).toBe('unfollowed');
    expect(r.tokenCalls().map((call) => call.status)).toEqual([200]);
    expect(r.unfollowCalls(a!.id).map((call) => call.status)).toEqual([401, 200]);
    const renewed = (await r.accounts.get(r.personId))?.tokens.reveal();
    expect(renewed).toMatchObject({ kind: 'oauth2' });
    expect(renewed && 'accessToken' in renewed ? renewed.accessToken : null).not.toBe(r.owner.accessToken);
    await expectNoTokens(r, db, [job!]);
  });

  it('fails without retrying when X refuses outright, the person has no linked X account, or the job is malformed', async () => {
    const r = await rig();
    const [a, b] = r.followed();
    r.fake.failNext({ status: 403, endpoint: UNFOLLOW });
    const [refusedByX] = await r.confirm([r.job(b!)]);
    expect(refusedByX!.failedReason).toMatch(/^Could not unfollow: X refused the request \(HTTP 403/);
    expect(refusedByX!.attemptsMade).toBe(1);
    expect(
      await r.pacer.recent(r.personId, r.fake.clock.now()),
      'X did nothing, so it used no pace',
    ).toHaveLength(0);

    await r.accounts.unlink(r.personId);
    const [unlinked] = await r.confirm([r.job(a!)]);
    expect(unlinked!.failedReason).toBe('No X account is linked: link one with /link first.');
    expect(unlinked!.attemptsMade).toBe(1);

    const bad = await r.queue.add(
      'unfollow',
      { ...r.job(a!), target: { id: 'not-an-id', handle: null } },
      { jobId: 'malformed' },
    );
    const [refused] = await r.settle([bad.id!]);
    expect(refused!.failedReason).toBe('Refused unfollow job: target.id must be an X user id');
    expect(refused!.attemptsMade).toBe(1);
    expect(r.unfollowCalls().map((call) => call.status)).toEqual([403]);
  });

  it('refuses a delayed unfollow once another X account is linked: nothing unfollowed, not logged done, its pace slot given back', async () => {
    const r = await rig({ dailyCap: 1, network: { seed: 11, following: 80, owners: 2 } });
    const [a, b] = r.followed();
    const jobs = await r.confirm([r.job(a!), r.job(b!)]);
    expect(jobs[0]!.returnvalue.status).toBe('unfollowed');
    expect(await jobs[1]!.getState(), 'the daily cap holds the second one back').toBe('delayed');

    const other = r.fake.owners[1]!;
    await r.accounts.link(r.personId, {
      xUserId: other.userId,
      handle: 'tend_owner1',
      linkedAt: r.fake.clock.now(),
      tokens: {
        kind: 'oauth2',
        accessToken: other.accessToken,
        refreshToken: other.refreshToken,
        expiresAt: r.fake.clock.now() + 2 * DAY,
        scope: ['follows.write'],
      },
    });
    r.fake.clock.advance(DAY);
    const [later] = await r.promote([jobs[1]!]);

    expect(await later!.getState()).toBe('failed');
    expect(later!.attemptsMade, 'refused for good, not retried').toBe(1);
    expect(later!.failedReason).toMatch(/another X account has been linked/);
    expect(r.unfollowCalls(b!.id), 'X was not asked to unfollow from either account').toEqual([]);
    expect(r.isFollowing(b!.id)).toBe(true);
    expect(await r.log.get(r.personId, b!.id), 'not logged as unfollowed').toBeNull();
    expect(await r.pacer.recent(r.personId, r.fake.clock.now()), 'the slot it took is given back').toEqual(
      [],
    );
  });
});
