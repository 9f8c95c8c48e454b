import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TwitterApi } from 'twitter-api-v2';
import { UserError } from '../errors.js';
import type { SecretBox } from '../store/crypto.js';
import type { PendingLink, PendingLinks } from '../store/pending-links.js';
import type { LinkedAccounts, OAuth2Tokens } from '../store/linked-accounts.js';
import { createXClient, type XClientOptions } from '../sources/x-client.js';
import { fetchMe } from '../sources/x-api.js';
import { cancelQueuedUnfollows, type CancelDeps } from './cancel-unfollows.js';

/**
 * Linking an X account with OAuth 2.0 and PKCE. `/link` keeps a state and a sealed code verifier for ten
 * minutes, and who asked. The state alone must never decide whose link it is: anyone can be sent a
 * consent link, and approving someone else's would hand them one's X account. So:
 *
 * - With a public address, /link gives Tend's own start address. It marks the browser that opens it (a
 *   cookie holding a hash of the state) and sends it on to X; X's redirect back completes nothing in a
 *   browser without the mark, and burns the state. The browser with it is shown whose Discord account
 *   receives the link ("Link @ada to Discord user bob?"), and only its POST links.
 * - Without one, the person pastes the address X sent them to into /link's paste box: whoever submits
 *   it is the Discord user, and it completes only a state of their own /link.
 *
 * An X account linked to someone else moves only with a DM to them, their queued unfollows cancelled.
 */

/** What Tend asks X for: reading follows and interactions, unfollowing, and staying linked (refresh). */
const X_SCOPES = ['tweet.read', 'users.read', 'follows.read', 'follows.write', 'like.read', 'offline.access'];
export const PENDING_MS = 10 * 60_000;
export const START_PATH = '/oauth/x/start';
export const CONFIRM_PATH = '/oauth/x/confirm';
/** States are Tend's own (base64url, 43 characters): anything else never came from a /link. */
const STATE = /^[A-Za-z0-9_-]{43}$/;

type Pending = PendingLink;

interface Grant {
  xUserId: string;
  handle: string;
  tokens: OAuth2Tokens;
}

/** What the confirmation page shows, and the token its form sends back. */
export interface Confirmation {
  state: string;
  confirmToken: string;
  handle: string;
  discordName: string;
  /** The X account is linked to another Discord account now: linking moves it (and tells them). */
  linkedElsewhere: boolean;
}

export interface Linked {
  handle: string;
  /** Another person had this X account linked: they were told, their queued unfollows cancelled. */
  movedFromAnother: boolean;
  /** The person's own unfollows cancelled because they were chosen on the X account linked before. */
  cancelledUnfollows: number;
}

export interface LinkFlowDeps {
  pendingLinks: PendingLinks;
  box: SecretBox;
  accounts: LinkedAccounts;
  /** The app's OAuth 2.0 client (createXAppClient). */
  app: TwitterApi;
  redirectUri: string;
  /** Where people's browsers reach the bot (X_REDIRECT_URI's origin); null when they cannot, and paste. */
  publicOrigin: string | null;
  /** Where the person's client reads who they are: X, or the fake in tests. */
  clientOptions: XClientOptions;
  /** Where queued unfollows are cancelled, and shown so on their review pages. */
  unfollows: CancelDeps;
  /** A DM to a person; one that cannot be delivered is logged by the caller's wiring, never thrown. */
  tell: (personId: string, message: string) => Promise<void>;
  now: () => number;
}

/** What the browser's cookie must hold for a state: a hash, so the cookie does not carry the state itself. */
export function browserMark(state: string): string {
  return createHash('sha256').update(`tend-link|${state}`).digest('base64url');
}

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const RELINKED = 'Cancelled: you linked another X account. Confirm it again to unfollow from that one.';
const MOVED = 'Cancelled: your X account was linked to another Discord account.';
const EXPIRED =
  'This link has expired or was already used: run /link in Discord again (a link lasts ten minutes).';

export class LinkFlow {
  constructor(private readonly deps: LinkFlowDeps) {}

  get pastes(): boolean {
    return this.deps.publicOrigin === null;
  }

  /**
   * Starts a link for the person: the address their /link button opens (Tend's start address, or X's
   * consent page where the bot has no public address). A newer /link replaces one still pending.
   */
  async begin(personId: string, discordName: string): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const { url, codeVerifier } = this.deps.app.generateOAuth2AuthLink(this.deps.redirectUri, {
      scope: X_SCOPES,
      state,
    });
    const pending: Pending = {
      state,
      sealedVerifier: this.deps.box.seal(codeVerifier, `link:${personId}`),
      createdAt: this.deps.now(),
      discordName,
      authUrl: url,
    };
    await this.deps.pendingLinks.replace(personId, pending, PENDING_MS);
    const { publicOrigin } = this.deps;
    return publicOrigin === null ? url : `${publicOrigin}${START_PATH}?state=${state}`;
  }

  /** The start address opened: where to send the browser, once it carries `browserMark(state)`. */
  async browserStart(state: string): Promise<string> {
    const found = await this.find(state);
    if (!found) throw new UserError(EXPIRED);
    return found.pending.authUrl;
  }

  /**
   * X's redirect back to the callback. In the browser that started the link, the code is exchanged and
   * what the link would do is returned for the person to confirm; in any other browser nothing is
   * linked, and the state is burned so its code cannot be used from anywhere else either.
   */
  async callback(
    query: { state: string; code: string | null; error: string | null },
    mark: string | null,
  ): Promise<Confirmation> {
    if (query.error)
      throw new UserError(
        query.error === 'access_denied'
          ? 'You declined on X: nothing was linked.'
          : `X answered "${query.error}": nothing was linked. Run /link in Discord again.`,
      );
    const found = await this.find(query.state);
    if (!found || !query.code) throw new UserError(EXPIRED);
    const { personId, pending } = found;
    if (this.pastes)
      throw new UserError(
        'Nothing is linked yet: copy the address of this page from the address bar into the paste box of /link in Discord.',
      );
    if (mark === null || !sameText(mark, browserMark(query.state))) {
      await this.take(personId, pending);
      throw new UserError(
        'Nothing was linked: this link was started in another browser, and it no longer works. If someone sent you this link, it would have linked your X account to their Discord account. To link your own, run /link in Discord and open its button in this browser.',
      );
    }
    let sealedGrant = pending.sealedGrant;
    let confirmToken = pending.confirmToken;
    // A reload of the page after the exchange shows the same question: the code is spent by then.
    if (!sealedGrant || !confirmToken) {
      const grant = await this.exchange(personId, pending, query.code);
      sealedGrant = this.deps.box.seal(JSON.stringify(grant), grantContext(personId, pending.state));
      confirmToken = randomBytes(24).toString('base64url');
      const updated: Pending = { ...pending, sealedGrant, confirmToken };
      if (!(await this.deps.pendingLinks.update(personId, updated))) throw new UserError(EXPIRED);
    }
    const grant = this.openGrant(personId, pending.state, sealedGrant);
    const owner = await this.deps.accounts.ownerOf(grant.xUserId);
    return {
      state: pending.state,
      confirmToken,
      handle: grant.handle,
      discordName: pending.discordName,
      linkedElsewhere: owner !== null && owner !== personId,
    };
  }

  /** The confirmation page's POST: links the account, once, from the browser that started the link. */
  async confirm(form: { state: string; token: string }, mark: string | null): Promise<Linked> {
    const { personId, pending } = await this.confirmable(form, mark);
    if (!(await this.take(personId, pending))) throw new UserError(EXPIRED);
    return this.finish(personId, this.openGrant(personId, pending.state, pending.sealedGrant!));
  }

  /** The confirmation page's other button: nothing is linked, and the link is gone. */
  async cancel(form: { state: string; token: string }, mark: string | null): Promise<void> {
    const { personId, pending } = await this.confirmable(form, mark);
    await this.take(personId, pending);
  }

  /**
   * Completes a link from the address X redirected to, pasted into /link's box by the person: it must
   * carry the state of this person's own pending link, so it links only to whoever submits it.
   */
  async completeFromUrl(personId: string, pasted: string): Promise<Linked> {
    if (!this.pastes)
      throw new UserError(
        'This bot finishes links in your browser: run /link again and open its button there.',
      );
    let url: URL;
    try {
      url = new URL(pasted.trim());
    } catch {
      throw new UserError(
        'That is not an address: paste the whole address your browser shows after you authorised Tend on X.',
      );
    }
    const error = url.searchParams.get('error');
    if (error)
      throw new UserError(
        error === 'access_denied'
          ? 'You declined on X: nothing was linked.'
          : `X answered "${error}": nothing was linked. Try /link again.`,
      );
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    if (!code || !state)
      throw new UserError(
        'That address has no code from X: paste the address your browser shows after you authorised Tend.',
      );
    const pending = await this.deps.pendingLinks.get(personId);
    if (!pending || !sameText(pending.state, state))
      throw new UserError(
        'This address belongs to another /link, or it has expired: run /link again and paste the address X sends you to.',
      );
    if (!(await this.take(personId, pending))) throw new UserError(EXPIRED);
    return this.finish(personId, await this.exchange(personId, pending, code));
  }

  private async confirmable(
    form: { state: string; token: string },
    mark: string | null,
  ): Promise<{ personId: string; pending: Pending }> {
    const found = await this.find(form.state);
    if (!found?.pending.sealedGrant || !found.pending.confirmToken) throw new UserError(EXPIRED);
    if (
      mark === null ||
      !sameText(mark, browserMark(form.state)) ||
      !sameText(form.token, found.pending.confirmToken)
    ) {
      throw new UserError(
        'Nothing was linked: this confirmation was not sent from the page Tend showed in this browser. Run /link in Discord again.',
      );
    }
    return found;
  }

  /** Stores the link; moves it from another person only telling them, and cancels unfollows chosen on another account. */
  private async finish(personId: string, grant: Grant): Promise<Linked> {
    const { accounts, unfollows, tell, now } = this.deps;
    const { previousOwner, replaced } = await accounts.link(personId, {
      xUserId: grant.xUserId,
      handle: grant.handle,
      linkedAt: now(),
      tokens: grant.tokens,
    });
    const cancelledUnfollows =
      replaced !== null && replaced !== grant.xUserId
        ? await cancelQueuedUnfollows(unfollows, personId, RELINKED)
        : 0;
    if (previousOwner) {
      const theirs = await cancelQueuedUnfollows(unfollows, previousOwner, MOVED);
      const cancelled =
        theirs === 0
          ? ''
          : theirs === 1
            ? ' The unfollow you had queued is cancelled.'
            : ` The ${theirs} unfollows you had queued are cancelled.`;
      await tell(
        previousOwner,
        `Your X account @${grant.handle} has just been linked to another Discord account, by someone who authorised Tend on X for it: Tend no longer acts on it for you.${cancelled} ` +
          'If that was not you, revoke Tend in X → Settings → Security → Connected apps and change your X password; then run /link to link it again.',
      );
    }
    return { handle: grant.handle, movedFromAnother: previousOwner !== null, cancelledUnfollows };
  }

  private async exchange(personId: string, pending: Pending, code: string): Promise<Grant> {
    const codeVerifier = this.deps.box.open(pending.sealedVerifier, `link:${personId}`);
    const login = await this.deps.app
      .loginWithOAuth2({ code, codeVerifier, redirectUri: this.deps.redirectUri })
      .catch(() => {
        throw new UserError(
          'X did not accept the authorisation (it may have been used already): run /link again.',
        );
      });
    const { owner } = await fetchMe(
      createXClient({ kind: 'oauth2', accessToken: login.accessToken }, this.deps.clientOptions),
    );
    const now = this.deps.now();
    return {
      xUserId: owner.id!,
      handle: owner.handle ?? owner.id!,
      tokens: {
        kind: 'oauth2',
        accessToken: login.accessToken,
        refreshToken: login.refreshToken ?? null,
        expiresAt: now + login.expiresIn * 1000,
        scope: login.scope,
      },
    };
  }

  private openGrant(personId: string, state: string, sealed: string): Grant {
    return JSON.parse(this.deps.box.open(sealed, grantContext(personId, state))) as Grant;
  }

  /** The pending link a state names, or null: an unknown, expired or malformed state is no link at all. */
  private async find(state: string): Promise<{ personId: string; pending: Pending } | null> {
    if (!STATE.test(state)) return null;
    const personId = await this.deps.pendingLinks.personOf(state);
    const pending = personId === null ? null : await this.deps.pendingLinks.get(personId);
    return personId !== null && pending !== null && sameText(pending.state, state)
      ? { personId, pending }
      : null;
  }

  /** Removes the pending link if it is still this one: false when another request took it first. */
  private take(personId: string, pending: Pending): Promise<boolean> {
    return this.deps.pendingLinks.take(personId, pending.state);
  }
}

function grantContext(personId: string, state: string): string {
  return `link-grant/${personId}/${state}`;
}
