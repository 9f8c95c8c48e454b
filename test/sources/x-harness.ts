/** The real twitter-api-v2 client, metered, pointed at a fresh fake X over loopback. */
import { afterEach, expect } from 'vitest';
import { createXClient, newMeter, type XMeter } from '../../src/sources/x-client.js';
import type { TwitterApi } from 'twitter-api-v2';
import {
  startFakeX,
  type FakeX,
  type FakeXOptions,
  type ManualClock,
  type OwnerCredentials,
} from '../support/fake-x/index.js';

export interface Harness {
  fake: FakeX<ManualClock>;
  owner: OwnerCredentials;
  meter: XMeter;
  client: TwitterApi;
}

const open: FakeX<ManualClock>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

/** A fake X with owner 0's OAuth 2.0 client and a meter; closed after the test. */
export async function harness(options: FakeXOptions<ManualClock> = {}): Promise<Harness> {
  const fake = await startFakeX(options);
  open.push(fake);
  const owner = fake.owners[0]!;
  const meter = newMeter();
  const client = createXClient(
    { kind: 'oauth2', accessToken: owner.accessToken },
    { baseUrl: fake.baseUrl, meter },
  );
  return { fake, owner, meter, client };
}

/** What the promise rejected with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  expect(outcome.resolved, 'expected the call to fail').toBe(false);
  return outcome.resolved ? undefined : outcome.error;
}

/** The meter must agree with what the fake served: every call, every user and post object. */
export function expectMeterMatchesLog(meter: XMeter, fake: FakeX<ManualClock>): void {
  // Every call X did not answer with what was asked (a 429, a 5xx, a dropped connection) is refused.
  const refused = fake.calls.filter((call) => !(call.status >= 200 && call.status < 300)).length;
  expect(meter).toEqual({
    calls: fake.calls.length,
    users: fake.calls.reduce((sum, call) => sum + call.users.length, 0),
    posts: fake.calls.reduce((sum, call) => sum + call.posts.length, 0),
    ...(refused > 0 ? { refused } : {}),
  });
}
