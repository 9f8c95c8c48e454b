import { describe, expect, it } from 'vitest';
import { sortXError } from '../../src/sources/x-errors.js';
import { fetchFollowingPage } from '../../src/sources/x-api.js';
import { FAKE_START, scaledClock, startFakeX } from '../support/fake-x/index.js';
import { harness, rejection } from './x-harness.js';

describe('the fake X itself', () => {
  it('generates the same network from the same seed, so benchmark runs compare like with like', async () => {
    const [a, b, c] = await Promise.all(
      [1, 1, 2].map((seed) => startFakeX({ network: { seed, following: 300 } })),
    );
    try {
      const view = async (fake: typeof a) => {
        const net = fake!.network;
        const ids = net.followingOf(0).map((i) => net.accountAt(i).id);
        const page = await fetch(
          `${fake!.baseUrl}/2/users?ids=${ids.slice(0, 100).join(',')}&user.fields=description,public_metrics`,
          {
            headers: { authorization: `Bearer ${fake!.owners[0]!.accessToken}` },
          },
        );
        return { ids, page: await page.json() };
      };
      const [va, vb, vc] = await Promise.all([view(a), view(b), view(c)]);
      expect(va).toEqual(vb);
      expect(vc.ids).not.toEqual(va.ids);
    } finally {
      await Promise.all([a, b, c].map((fake) => fake!.close()));
    }
  });

  it('lets a benchmark wait out real 15-minute windows on a compressed clock', async () => {
    let wall = 0;
    const clock = scaledClock(900, FAKE_START, () => wall);
    const fake = await startFakeX({
      clock,
      network: { seed: 3, following: 10 },
      limits: { 'GET /2/users/me': { per15min: 1 } },
    });
    try {
      const me = () =>
        fetch(`${fake.baseUrl}/2/users/me`, {
          headers: { authorization: `Bearer ${fake.owners[0]!.accessToken}` },
        });
      expect((await me()).status).toBe(200);
      expect((await me()).status).toBe(429);
      wall += 1000; // one wall-clock second is 15 minutes at 900×
      expect((await me()).status).toBe(200);
    } finally {
      await fake.close();
    }
  });

  it('refuses what X refuses, with X’s words: pages over 1,000, unknown fields, parameters the endpoint does not take', async () => {
    const h = await harness({ network: { seed: 4, following: 10 } });
    const ask = (query: Record<string, string | number>) =>
      rejection(h.client.v2.get('users/:id/following', query, { params: { id: h.owner.userId } }));
    const xSays = (error: unknown) => JSON.stringify((error as { data: unknown }).data);
    const tooMany = sortXError(await ask({ max_results: 2000 }), h.fake.clock.now());
    expect(tooMany).toMatchObject({ kind: 'permanent', status: 400 });
    const [unknownField, sinceId] = await Promise.all([
      ask({ 'user.fields': 'follower_count' }),
      ask({ since_id: '1' }),
    ]);
    expect(xSays(unknownField)).toMatch(/\[follower_count\] is not one of/);
    expect(xSays(sinceId)).toMatch(/query parameter \[since_id\] is not one of/);
  });

  it('sends the rate-limit headers with every answer, the refused ones included', async () => {
    const h = await harness({
      network: { seed: 5, following: 10 },
      limits: { 'GET /2/users/:id/following': { per15min: 1 } },
    });
    const page = await fetchFollowingPage(h.client, h.owner.userId, null);
    expect(page.rateLimit).toEqual({ limit: 1, remaining: 0, resetAt: FAKE_START + 15 * 60_000 });
    const refused = (await rejection(fetchFollowingPage(h.client, h.owner.userId, null))) as {
      code: number;
      rateLimit: unknown;
    };
    expect(refused.code).toBe(429);
    expect(refused.rateLimit).toEqual({ limit: 1, remaining: 0, reset: (FAKE_START + 15 * 60_000) / 1000 });
  });
});
