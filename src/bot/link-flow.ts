import type { Redis } from 'ioredis';
import type { TwitterApi } from 'twitter-api-v2';
import { UserError } from '../errors.js';
import type { SecretBox } from '../store/crypto.js';
import { personKeys, sharedKeys } from '../store/keys.js';
import type { LinkedAccounts } from '../store/linked-accounts.js';
import { createXClient, type XClientOptions } from '../sources/x-client.js';
import { fetchMe } from '../sources/x-api.js';

/**
 * Linking an X account with OAuth 2.0 and PKCE. `/link` makes a consent link and keeps its state and
 * code verifier (sealed) for ten minutes; X sends the person back to the bot's callback with a code,
 * or — where the bot has no public address — the person pastes the address X sent them to. Either way
 * the code is exchanged, the account is read, and the tokens are stored sealed.
 */

/** What Tend asks X for: reading follows and interactions, unfollowing, and staying linked (refresh). */
export const X_SCOPES = ['tweet.read', 'users.read', 'follows.read', 'follows.write', 'like.read', 'offline.access'];
const PENDING_MS = 10 * 60_000;

interface Pending {
  state: string;
  sealedVerifier: string;
  createdAt: number;
}

export interface LinkFlowDeps {
  redis: Redis;
  prefix: string;
  box: SecretBox;
  accounts: LinkedAccounts;
  /** The app's OAuth 2.0 client (createXAppClient). */
  app: TwitterApi;
  redirectUri: string;
  /** Where the person's client reads who they are: X, or the fake in tests. */
  clientOptions: XClientOptions;
  now: () => number;
}

export class LinkFlow {
  constructor(private readonly deps: LinkFlowDeps) {}

  /** A consent link for the person; a newer one replaces an older one still pending. */
  async begin(personId: string): Promise<string> {
    const { url, state, codeVerifier } = this.deps.app.generateOAuth2AuthLink(this.deps.redirectUri, { scope: X_SCOPES });
    const pending: Pending = { state, sealedVerifier: this.deps.box.seal(codeVerifier, `link:${personId}`), createdAt: this.deps.now() };
    await this.deps.redis
      .multi()
      .set(personKeys(this.deps.prefix, personId).linkPending, JSON.stringify(pending), 'PX', PENDING_MS)
      .set(sharedKeys(this.deps.prefix).linkState(state), personId, 'PX', PENDING_MS)
      .exec();
    return url;
  }

  /** Who a callback's state belongs to, or null when it is unknown or expired. */
  async personOf(state: string): Promise<string | null> {
    return this.deps.redis.get(sharedKeys(this.deps.prefix).linkState(state));
  }

  /**
   * Completes a link from the address X redirected to (pasted by the person): it must carry the code
   * and the state of this person's pending link.
   */
  async completeFromUrl(personId: string, pasted: string): Promise<{ handle: string; previousOwner: string | null }> {
    let url: URL;
    try {
      url = new URL(pasted.trim());
    } catch {
      throw new UserError('That is not an address: paste the whole address your browser shows after you authorised Tend on X.');
    }
    const error = url.searchParams.get('error');
    if (error) throw new UserError(error === 'access_denied' ? 'You declined on X: nothing was linked.' : `X answered "${error}": nothing was linked. Try /link again.`);
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    if (!code || !state) throw new UserError('That address has no code from X: paste the address your browser shows after you authorised Tend.');
    return this.complete(personId, state, code);
  }

  /** Exchanges the code for tokens, reads which X account they speak for, and stores them sealed. */
  async complete(personId: string, state: string, code: string): Promise<{ handle: string; previousOwner: string | null }> {
    const keys = personKeys(this.deps.prefix, personId);
    const raw = await this.deps.redis.get(keys.linkPending);
    const pending = raw ? (JSON.parse(raw) as Pending) : null;
    if (!pending || pending.state !== state) throw new UserError('This link has expired or belongs to another /link: run /link again.');
    const codeVerifier = this.deps.box.open(pending.sealedVerifier, `link:${personId}`);
    const login = await this.deps.app.loginWithOAuth2({ code, codeVerifier, redirectUri: this.deps.redirectUri }).catch(() => {
      throw new UserError('X did not accept the authorisation (it may have been used already): run /link again.');
    });
    const { owner } = await fetchMe(createXClient({ kind: 'oauth2', accessToken: login.accessToken }, this.deps.clientOptions));
    const now = this.deps.now();
    const { previousOwner } = await this.deps.accounts.link(personId, {
      xUserId: owner.id!,
      handle: owner.handle ?? owner.id!,
      linkedAt: now,
      tokens: {
        kind: 'oauth2',
        accessToken: login.accessToken,
        refreshToken: login.refreshToken ?? null,
        expiresAt: now + login.expiresIn * 1000,
        scope: login.scope,
      },
    });
    await this.deps.redis.del(keys.linkPending, sharedKeys(this.deps.prefix).linkState(state));
    return { handle: owner.handle ?? owner.id!, previousOwner };
  }
}
