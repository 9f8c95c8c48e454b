/**
 * A read through X that starts just after /forget, or in a run that must stop: the collector asks its
 * guard before the first thing it saves (the meter's base at the checkpoint), so it recreates no key of
 * the person and asks X for nothing. With Redis checkpoints the store's own fence (the tombstone,
 * checked in every write's script) refuses that write too; a store without one has the guard alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readNewestFollowers } from '../../src/audit/x-collect.js';
import { createXClient, newMeter } from '../../src/sources/x-client.js';
import { AuditCheckpoints } from '../../src/store/checkpoints.js';
import { MemoryCheckpoints } from '../../src/store/memory-checkpoints.js';
import { FencedOut, isForgotten } from '../../src/store/fence.js';
import { forgetPerson } from '../../src/store/forget.js';
import { forgottenKey } from '../../src/store/keys.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('x-collect-guard');
const PERSON = 'guarded';
let fake: FakeX<FakeClock> | undefined;
afterAll(async () => {
  await fake?.close();
});

describe('a read through X after /forget', () => {
  it('saves nothing of the person and asks X for nothing', async () => {
    fake = await startFakeX({ network: { seed: 7, following: 10, fans: 50 } });
    const owner = fake.owners[0]!;
    const meter = newMeter();
    const client = createXClient(
      { kind: 'oauth2', accessToken: owner.accessToken },
      { baseUrl: fake.baseUrl, meter },
    );
    const checkpoints = new AuditCheckpoints(db.redis, db.prefix);
    const deps = {
      client,
      checkpoints,
      meter,
      now: () => Date.now(),
      // As the audit worker's guard: the run's lock (held here) and the person's tombstone.
      guard: async () => {
        if (await isForgotten(db.redis, db.prefix, PERSON)) throw new FencedOut('forgotten');
      },
    };
    const plan = { personId: PERSON, auditId: 'after-forget', interactionPages: 0 };

    // Before /forget the read goes ahead and keeps its checkpoint.
    const before = await readNewestFollowers(
      deps,
      { ...plan, auditId: 'before-forget' },
      owner.userId,
      1_000,
    );
    expect(before.ids.length).toBeGreaterThan(0);
    expect((await db.keys()).some((k) => k.includes(PERSON))).toBe(true);
    const calls = fake.calls.length;

    await forgetPerson(db.redis, db.prefix, PERSON);
    await expect(readNewestFollowers(deps, plan, owner.userId, 1_000)).rejects.toBeInstanceOf(FencedOut);
    expect((await db.keys()).filter((k) => k.includes(PERSON))).toEqual([forgottenKey(db.prefix, PERSON)]);
    expect(fake.calls.length).toBe(calls);
  });

  it('with a store that keeps no tombstone, the guard alone stops the read before it saves or calls', async () => {
    const owner = fake!.owners[0]!;
    const meter = newMeter();
    const client = createXClient(
      { kind: 'oauth2', accessToken: owner.accessToken },
      { baseUrl: fake!.baseUrl, meter },
    );
    const checkpoints = new MemoryCheckpoints();
    const calls = fake!.calls.length;
    const stopped = new FencedOut('lock_lost');
    const deps = { client, checkpoints, meter, now: () => Date.now(), guard: () => Promise.reject(stopped) };
    const plan = { personId: 'someone', auditId: 'stopped', interactionPages: 0 };
    await expect(readNewestFollowers(deps, plan, owner.userId, 1_000)).rejects.toBe(stopped);
    expect(await checkpoints.stream('someone', 'stopped', 'newest-followers-cost-base')).toMatchObject({
      pages: 0,
    });
    expect(fake!.calls.length).toBe(calls);
  });
});
