/**
 * Credentials the fake accepts: OAuth 2.0 user tokens (expiring, refreshable, each refresh token good
 * once, as on X) and OAuth 1.0a access tokens (never expiring). Signatures are not checked: what the fake
 * must catch is a token X would refuse, not a bug in twitter-api-v2's HMAC.
 */
import { bindingHolds, type CodeBinding } from './authorize.js';
import type { FakeClock } from './clock.js';
import { invalidGrant, type Reply } from './problems.js';

export const SCOPES = 'tweet.read users.read follows.read follows.write like.read offline.access';
/** X's OAuth 2.0 access tokens last two hours. */
export const ACCESS_TOKEN_TTL = 2 * 60 * 60_000;

export interface OwnerCredentials {
  userId: string;
  /** OAuth 2.0 user context. */
  accessToken: string;
  refreshToken: string;
  /** OAuth 1.0a user context (with any app key and secret). */
  oauth1: { accessToken: string; accessSecret: string };
}

interface Grant {
  owner: number;
  kind: 'access' | 'refresh' | 'oauth1' | 'code';
  expiresAt: number;
  /** A code from the consent page: good only with its PKCE verifier and redirect_uri. */
  binding?: CodeBinding;
}

export interface TokenRegistry {
  credentials(owner: number, userId: string): OwnerCredentials;
  /** The owner a request's Authorization header speaks for, or null when X would answer 401. */
  ownerOf(authorization: string | undefined): number | null;
  revoke(token: string): void;
  /** A code, bound (from the consent page) or not (`FakeX.issueCode`, for tests that skip the page). */
  issueCode(owner: number, binding?: CodeBinding): string;
  /** `POST /2/oauth2/token`: refresh_token and authorization_code grants. */
  exchange(form: Record<string, string>): Reply;
  /** `POST /2/oauth2/revoke`. */
  revokeEndpoint(form: Record<string, string>): Reply;
}

export function tokenRegistry(clock: FakeClock, accessTokenTtl: number): TokenRegistry {
  const grants = new Map<string, Grant>();
  let serial = 0;

  function issue(owner: number, kind: Grant['kind'], ttl: number, binding?: CodeBinding): string {
    const token = `fake-${kind}-${owner}-${++serial}`;
    grants.set(token, { owner, kind, expiresAt: clock.now() + ttl, ...(binding ? { binding } : {}) });
    return token;
  }

  function live(token: string | undefined, kind: Grant['kind']): Grant | null {
    const grant = token === undefined ? undefined : grants.get(token);
    return grant && grant.kind === kind && clock.now() < grant.expiresAt ? grant : null;
  }

  function tokenResponse(owner: number): Reply {
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        expires_in: Math.round(accessTokenTtl / 1000),
        access_token: issue(owner, 'access', accessTokenTtl),
        scope: SCOPES,
        refresh_token: issue(owner, 'refresh', Infinity),
      },
    };
  }

  return {
    credentials(owner, userId) {
      // X's OAuth 1.0a access tokens start with the user's id.
      const oauth1 = `${userId}-fake${++serial}`;
      grants.set(oauth1, { owner, kind: 'oauth1', expiresAt: Infinity });
      return {
        userId,
        accessToken: issue(owner, 'access', accessTokenTtl),
        refreshToken: issue(owner, 'refresh', Infinity),
        oauth1: { accessToken: oauth1, accessSecret: `fake-secret-${owner}` },
      };
    },
    ownerOf(authorization) {
      const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      if (bearer !== undefined) return live(bearer, 'access')?.owner ?? null;
      const oauthToken = /oauth_token="([^"]*)"/.exec(authorization ?? '')?.[1];
      return oauthToken === undefined
        ? null
        : (live(decodeURIComponent(oauthToken), 'oauth1')?.owner ?? null);
    },
    revoke(token) {
      grants.delete(token);
    },
    issueCode(owner, binding) {
      return issue(owner, 'code', 30_000, binding);
    },
    exchange(form) {
      const kind =
        form.grant_type === 'refresh_token'
          ? 'refresh'
          : form.grant_type === 'authorization_code'
            ? 'code'
            : null;
      const token = kind === 'refresh' ? form.refresh_token : form.code;
      const grant = kind ? live(token, kind) : null;
      if (!grant) return invalidGrant();
      // A code is spent by any attempt, as on X: a wrong verifier does not leave it for another try.
      grants.delete(token!);
      if (!bindingHolds(grant.binding, form)) return invalidGrant();
      return tokenResponse(grant.owner);
    },
    revokeEndpoint(form) {
      if (form.token !== undefined) grants.delete(form.token);
      return { status: 200, body: { revoked: true } };
    },
  };
}
