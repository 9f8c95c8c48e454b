import { describe, expect, it } from 'vitest';
import { fetchMe } from '../../src/sources/x-api.js';
import { createXAppClient, createXClient, meterResponse, newMeter } from '../../src/sources/x-client.js';
import { sortXError } from '../../src/sources/x-errors.js';
import { harness, rejection } from './x-harness.js';

const TWO_HOURS = 2 * 60 * 60_000;

describe('createXClient against the fake X', () => {
  it('speaks for the owner with an OAuth 2.0 token or OAuth 1.0a keys, at the configured base URL', async () => {
    const h = await harness({ network: { seed: 51, following: 20 } });
    expect((await fetchMe(h.client)).owner).toEqual({
      id: h.owner.userId,
      handle: 'tend_owner0',
      name: expect.any(String),
    });

    const oauth1 = createXClient(
      { kind: 'oauth1', appKey: 'app-key', appSecret: 'app-secret', ...h.owner.oauth1 },
      { baseUrl: `${h.fake.baseUrl}/` },
    );
    expect((await fetchMe(oauth1)).owner.id).toBe(h.owner.userId);
    expect(h.fake.calls.map((c) => c.user)).toEqual([h.owner.userId, h.owner.userId]);
  });

  it('refreshes an expired OAuth 2.0 token through the base URL; a used refresh token is refused', async () => {
    const h = await harness({ network: { seed: 52, following: 20 } });
    h.fake.clock.advance(TWO_HOURS);
    expect(sortXError(await rejection(fetchMe(h.client)), h.fake.clock.now()).kind).toBe('auth_revoked');

    const app = createXAppClient({ clientId: 'tend-client' }, { baseUrl: h.fake.baseUrl });
    const refreshed = await app.refreshOAuth2Token(h.owner.refreshToken);
    expect(refreshed.scope).toContain('follows.write');
    expect(refreshed.refreshToken).not.toBe(h.owner.refreshToken);
    expect(
      (
        await fetchMe(
          createXClient({ kind: 'oauth2', accessToken: refreshed.accessToken }, { baseUrl: h.fake.baseUrl }),
        )
      ).owner.id,
    ).toBe(h.owner.userId);

    const reused = sortXError(
      await rejection(app.refreshOAuth2Token(h.owner.refreshToken)),
      h.fake.clock.now(),
    );
    expect(reused).toMatchObject({ kind: 'auth_revoked', status: 400 });
  });

  it('links an account through the OAuth 2.0 code exchange, and an unlinked token stops working', async () => {
    const h = await harness({ network: { seed: 54, following: 20 } });
    const app = createXAppClient(
      { clientId: 'tend-client', clientSecret: 'tend-secret' },
      { baseUrl: h.fake.baseUrl },
    );
    const { url, codeVerifier } = app.generateOAuth2AuthLink('http://127.0.0.1/callback', {
      scope: ['tweet.read', 'users.read', 'follows.write', 'offline.access'],
    });
    expect(url).toMatch(/^https:\/\/x\.com\/i\/oauth2\/authorize\?/);

    const login = await app.loginWithOAuth2({
      code: h.fake.issueCode(0),
      codeVerifier,
      redirectUri: 'http://127.0.0.1/callback',
    });
    expect((await fetchMe(login.client)).owner.id).toBe(h.owner.userId);

    await app.revokeOAuth2Token(login.accessToken, 'access_token');
    expect(sortXError(await rejection(fetchMe(login.client)), h.fake.clock.now()).kind).toBe('auth_revoked');
  });

  it('refuses a base URL that is not a bare origin, naming the setting', () => {
    expect(() =>
      createXClient({ kind: 'oauth2', accessToken: 't' }, { baseUrl: 'http://127.0.0.1:9/x-proxy' }),
    ).toThrow(/X_API_BASE_URL/);
    expect(() => createXClient({ kind: 'oauth2', accessToken: 't' }, { baseUrl: 'api.x.com' })).toThrow(
      /X_API_BASE_URL is not a URL/,
    );
  });

  it('takes a 200 whose body is an HTML page (a proxy in front of X) for a passing failure, and says what it was', async () => {
    const h = await harness({ network: { seed: 55, following: 20 } });
    h.fake.failNext({ status: 'html', endpoint: 'GET /2/users/me' });
    expect(sortXError(await rejection(fetchMe(h.client)), h.fake.clock.now())).toEqual({
      kind: 'transient',
      status: null,
      message:
        'X answered with a page that is not its API (a proxy or an outage page in front of X); Tend will try again shortly.',
    });
    expect((await fetchMe(h.client)).owner.id).toBe(h.owner.userId);
  });

  it('counts failed calls too, apart as refused: X read nothing for them and bills nothing', async () => {
    const h = await harness({ network: { seed: 53, following: 20 } });
    h.fake.failNext({ status: 502 });
    await rejection(fetchMe(h.client));
    await fetchMe(h.client);
    expect(h.meter).toEqual({ calls: 2, users: 1, posts: 0, refused: 1 });
  });
});

describe('meterResponse', () => {
  it('counts users and posts in data and includes, whatever the endpoint', () => {
    const meter = newMeter({ calls: 3, users: 10 });
    meterResponse(meter, {
      data: [
        { id: '1', text: 'a' },
        { id: '2', text: 'b' },
      ],
      includes: { users: [{ id: '9', username: 'x' }], tweets: [{ id: '3', text: 'c' }] },
      meta: { result_count: 2 },
    });
    meterResponse(meter, { data: { following: false } });
    expect(meter).toEqual({ calls: 3, users: 11, posts: 3 });
  });
});
