/**
 * X clients that act for a person, built from the tokens they linked (LinkedAccounts), and the one
 * retry every write to X deserves: when X refuses a token before its expiry, renew it once (under the
 * store's lock) and try again, so a token revoked and re-granted, or a clock a little off, costs the
 * person nothing; a second refusal is final.
 */
import type { TwitterApi } from 'twitter-api-v2';
import { UserError } from '../errors.js';
import { createXClient, type XClientOptions } from '../sources/x-client.js';
import { isXError, sortXError, type SortedXError } from '../sources/x-errors.js';
import type { LinkedAccounts, OAuth2Tokens } from '../store/linked-accounts.js';

export interface PersonClient {
  client: TwitterApi;
  /** The X account the client speaks for: the source of follows and unfollows. */
  xUserId: string;
  handle: string;
}

/** A client for the person's linked X account; `force` renews the tokens even if they look valid. */
export type XClientFor = (
  personId: string,
  options: { now: number; force?: boolean },
) => Promise<PersonClient>;

/**
 * Clients from linked accounts. `app` is the app's OAuth 2.0 client (`createXAppClient`), which
 * refreshes tokens; `clientOptions` points the person's clients at X or the fake.
 */
export function linkedXClients(
  accounts: LinkedAccounts,
  app: TwitterApi,
  clientOptions: XClientOptions,
): XClientFor {
  return async (personId, { now, force = false }) => {
    const refresh = async (tokens: OAuth2Tokens): Promise<OAuth2Tokens> => {
      if (!tokens.refreshToken)
        throw new UserError(
          'X access has expired and cannot be renewed: link your X account again with /link.',
        );
      const renewed = await app.refreshOAuth2Token(tokens.refreshToken);
      return {
        kind: 'oauth2',
        accessToken: renewed.accessToken,
        refreshToken: renewed.refreshToken ?? null,
        expiresAt: now + renewed.expiresIn * 1000,
        scope: renewed.scope,
      };
    };
    const account = await accounts.freshTokens(personId, refresh, { now, force });
    const tokens = account.tokens.reveal();
    // OAuth 1.0a clients also need the app's consumer keys, which the bot and worker are not given.
    if (tokens.kind !== 'oauth2')
      throw new UserError(
        'This X account was linked with OAuth 1.0a keys, which the bot cannot use: link it again with /link.',
      );
    return {
      client: createXClient({ kind: 'oauth2', accessToken: tokens.accessToken }, clientOptions),
      xUserId: account.xUserId,
      handle: account.handle,
    };
  };
}

export type XOutcome<T> = { ok: true; value: T } | { ok: false; error: SortedXError };

/** Only what twitter-api-v2 throws is X's answer; anything else (Redis, a bug) is thrown on. */
function sorted(error: unknown, now: number): { ok: false; error: SortedXError } {
  if (!isXError(error)) throw error;
  return { ok: false, error: sortXError(error, now) };
}

/**
 * Runs one X call as the person. X's refusals come back sorted, never thrown, so no caller can log
 * the library's error, which carries the request and its Authorization header.
 */
export async function callAsPerson<T>(
  clients: XClientFor,
  personId: string,
  now: number,
  call: (person: PersonClient) => Promise<T>,
): Promise<XOutcome<T>> {
  const attempt = async (force: boolean): Promise<{ outcome: XOutcome<T>; renew: boolean }> => {
    let person: PersonClient;
    try {
      person = await clients(personId, { now, force });
    } catch (error) {
      // The refresh itself was refused: renewing again would be refused too.
      return { outcome: sorted(error, now), renew: false };
    }
    try {
      return { outcome: { ok: true, value: await call(person) }, renew: false };
    } catch (error) {
      const outcome = sorted(error, now);
      return { outcome, renew: outcome.error.kind === 'auth_revoked' };
    }
  };
  const first = await attempt(false);
  return first.renew ? (await attempt(true)).outcome : first.outcome;
}
