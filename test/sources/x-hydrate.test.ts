import { describe, expect, it } from 'vitest';
import { hydrateIds } from '../../src/sources/x-api.js';
import { expectMeterMatchesLog, harness } from './x-harness.js';

const GONE_AS = { suspended: 'suspended', deactivated: 'deactivated', blocks_owner: 'unauthorized' } as const;

describe('hydrateIds against the fake X', () => {
  it('looks up 100 archive ids in one call, turning the inline errors into gone profiles', async () => {
    // A mix weighted towards vanished accounts, so every kind of inline error shows up in 100 ids.
    const h = await harness({
      network: { seed: 31, following: 100, mix: { suspended: 0.2, deactivated: 0.2, blocks_owner: 0.1 } },
    });
    const net = h.fake.network;
    const ids = net.followingOf(0).map((i) => net.accountAt(i).id);

    const result = await hydrateIds(h.client, ids);

    expect(h.fake.callsTo('GET /2/users')).toHaveLength(1);
    expect(result.profiles.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(result.missing).toEqual([]);
    expect(result.unresolved).toEqual([]);
    for (const profile of result.profiles) {
      const kind = net.account(profile.id!)!.kind;
      const gone = GONE_AS[kind as keyof typeof GONE_AS];
      if (gone) {
        expect(profile.gone, profile.id!).toMatchObject({
          kind: gone,
          detail: expect.stringContaining(profile.id!),
        });
      } else {
        expect(profile.gone, profile.id!).toBeNull();
        expect(profile.handle).toBeTruthy();
      }
    }
    expect(new Set(result.profiles.map((p) => p.gone?.kind ?? 'live'))).toEqual(
      new Set(['live', 'suspended', 'deactivated', 'unauthorized']),
    );
    // Only the live accounts are objects read (and billed).
    expect(h.meter.users).toBe(result.users.length);
    expectMeterMatchesLog(h.meter, h.fake);
  });

  it('reports an id X never had as deactivated, in X’s words', async () => {
    const h = await harness({ network: { seed: 32, following: 10 } });
    const result = await hydrateIds(h.client, ['12345']);
    expect(result.profiles).toEqual([
      {
        id: '12345',
        handle: null,
        gone: { kind: 'deactivated', detail: 'Could not find user with ids: [12345].' },
      },
    ]);
  });

  it('refuses more than 100 ids before asking X', async () => {
    const h = await harness({ network: { seed: 33, following: 150 } });
    const ids = h.fake.network.followingOf(0).map((i) => h.fake.network.accountAt(i).id);
    await expect(hydrateIds(h.client, ids)).rejects.toThrow(/1 to 100 ids/);
    expect(h.fake.calls).toHaveLength(0);
  });
});
