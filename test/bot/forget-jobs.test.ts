import { describe, expect, it } from 'vitest';
import { forgetJobs } from '../../src/bot/forget-jobs.js';
import { createQueues, enqueueAudit, enqueueUnfollows, personJobIds } from '../../src/queues/queues.js';
import type { UnfollowJob } from '../../src/queues/payloads.js';
import { useTestRedis } from '../support/redis.js';
import { UNFOLLOW, useUnfollowRigs } from '../workers/unfollow-rig.js';

const db = useTestRedis('forget-jobs');
const rig = useUnfollowRigs(db);

/** Every entry of the three queues' event streams, as text, as an operator reading Redis would see them. */
async function streams(): Promise<string[]> {
  const dump = await db.dump();
  return ['audit', 'unfollow', 'nudge'].flatMap(
    (queue) => dump.get(`${db.queuePrefix}:${queue}:events`) ?? [],
  );
}

describe("/forget and the queues' event streams", () => {
  it('keeps person ids, accounts and handles out of the streams, and deletes the entries of a forgotten person', async () => {
    const r = await rig();
    const [a, b, c] = r.followed();
    await r.keep.add(r.personId, [{ id: c!.id }]);
    r.fake.failNext({ status: 403, endpoint: UNFOLLOW });
    await r.confirm([r.job(b!)]);
    await r.confirm([r.job(a!), r.job(c!)]);
    const other = 'someone-else';
    await r.confirm([{ ...r.job(a!), personId: other }]);
    const queues = createQueues(db.redis, db.queuePrefix);
    await enqueueAudit(queues.audit, {
      personId: r.personId,
      source: 'x',
      auditId: 'a2',
      requestedAt: Date.now(),
      options: {},
    });
    const traces = [
      r.personId,
      r.owner.userId,
      'tend_owner0',
      ...[a!, b!, c!].flatMap((t) => [t.id, t.handle]),
    ];

    const before = await streams();
    expect(
      before.some((v) => /^unfollow-/.test(v)),
      'the streams hold the jobs',
    ).toBe(true);
    expect(before.filter((v) => traces.some((t) => v.includes(t)))).toEqual([]);

    const mine = (await personJobIds(r.queue, r.personId, { create: false }))!.alias;
    const theirs = (await personJobIds(r.queue, other, { create: false }))!.alias;
    try {
      await forgetJobs(queues, r.personId);
    } finally {
      await queues.close();
    }
    const after = await streams();
    expect(after.filter((v) => v.includes(mine))).toEqual([]);
    expect(
      after.some((v) => v.includes(theirs)),
      "another person's entries stay",
    ).toBe(true);
    expect(
      await personJobIds(r.queue, r.personId, { create: false }),
      'a person who comes back gets a new alias',
    ).toBeNull();
  });

  it("caps each queue's event stream", async () => {
    const queues = createQueues(db.redis, db.queuePrefix);
    try {
      const jobs: UnfollowJob[] = Array.from({ length: 3_000 }, (_, i) => ({
        personId: 'many',
        auditId: 'a1',
        target: { id: String(1_000_000 + i), handle: null },
        xUserId: '42',
        confirmedAt: 1,
      }));
      await enqueueUnfollows(queues.unfollow, jobs);
      // Two entries a job (added, waiting): 6,000 without a cap. Redis trims whole blocks of entries.
      expect(await db.redis.xlen(`${db.queuePrefix}:unfollow:events`)).toBeLessThanOrEqual(1_200);
      await queues.unfollow.obliterate({ force: true });
    } finally {
      await queues.close();
    }
  });

  it('removes a digest scheduler named by the Discord id, as schedulers were before aliases', async () => {
    const queues = createQueues(db.redis, db.queuePrefix);
    try {
      const personId = '1577679715517333505';
      await queues.nudge.upsertJobScheduler(
        `nudge-${personId}`,
        { every: 86_400_000 },
        { name: 'nudge', data: { personId } },
      );
      await forgetJobs(queues, personId);
      expect(await queues.nudge.getJobSchedulers()).toEqual([]);
      expect(
        [...(await db.dump())]
          .filter(([key, values]) => key.includes(personId) || values.some((v) => v.includes(personId)))
          .map(([key]) => key),
      ).toEqual([]);
    } finally {
      await queues.close();
    }
  });
});
