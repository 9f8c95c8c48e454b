/**
 * X's consent page, as a browser meets it: `GET /i/oauth2/authorize` shows the app's request to the
 * X user signed in (the `fake_x_session` cookie holds an owner's index; `signInCookie` makes one), and
 * its form POSTs back; Authorize redirects to the app's `redirect_uri` with a code and the state,
 * Cancel with `error=access_denied`. The code is bound, as X binds it, to the PKCE challenge and
 * the redirect_uri: the token endpoint refuses it with any other verifier or address.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Network } from './network.js';
import { usernameOf } from './users.js';

export const AUTHORIZE_PATH = '/i/oauth2/authorize';
const SESSION = 'fake_x_session';

export const signInCookie = (owner: number) => `${SESSION}=${owner}`;

export interface CodeBinding {
  redirectUri: string;
  codeChallenge: string;
}

/** A page or a redirect: what a browser gets from the consent flow. */
export interface PageReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scope',
] as const;

/** What PKCE's S256 makes of a verifier. */
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function signedIn(req: IncomingMessage, net: Network): number | null {
  const value = /(?:^|;\s*)fake_x_session=(\d+)/.exec(req.headers.cookie ?? '')?.[1];
  const owner = value === undefined ? null : Number(value);
  return owner !== null && owner < net.owners.length ? owner : null;
}

function html(status: number, body: string): PageReply {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><body>${body}</body></html>`,
  };
}

function refused(message: string): PageReply {
  return html(400, `<h1>Something went wrong</h1><p>${escapeHtml(message)}</p>`);
}

export function consentFlow(net: Network, issueCode: (owner: number, binding: CodeBinding) => string) {
  return (req: IncomingMessage, params: URLSearchParams): PageReply => {
    const owner = signedIn(req, net);
    if (owner === null) return html(401, '<h1>Sign in to X</h1>');
    const request = Object.fromEntries(FIELDS.map((name) => [name, params.get(name) ?? ''])) as Record<
      (typeof FIELDS)[number],
      string
    >;
    if (request.response_type !== 'code' || !request.client_id || !request.state || !request.code_challenge)
      return refused('This request is missing parameters.');
    if (request.code_challenge_method.toLowerCase() !== 's256')
      return refused('Only S256 code challenges are accepted.');
    let redirect: URL;
    try {
      redirect = new URL(request.redirect_uri);
    } catch {
      return refused('The redirect_uri is not an address.');
    }
    if (req.method === 'GET') {
      const hidden = FIELDS.map(
        (name) => `<input type="hidden" name="${name}" value="${escapeHtml(request[name])}">`,
      ).join('');
      const handle = usernameOf(net, net.owners[owner]!);
      return html(
        200,
        `<h1>${escapeHtml(request.client_id)} wants to access your X account @${escapeHtml(handle)}</h1><p>Scopes: ${escapeHtml(request.scope)}</p>` +
          `<form method="post" action="${AUTHORIZE_PATH}">${hidden}<button name="decision" value="allow">Authorize app</button><button name="decision" value="deny">Cancel</button></form>`,
      );
    }
    redirect.searchParams.set('state', request.state);
    if (params.get('decision') === 'allow')
      redirect.searchParams.set(
        'code',
        issueCode(owner, { redirectUri: request.redirect_uri, codeChallenge: request.code_challenge }),
      );
    else redirect.searchParams.set('error', 'access_denied');
    return { status: 302, headers: { location: redirect.toString() }, body: '' };
  };
}

/** Whether a token request may spend a code bound to `binding`. */
export function bindingHolds(binding: CodeBinding | undefined, form: Record<string, string>): boolean {
  return (
    binding === undefined ||
    (form.redirect_uri === binding.redirectUri && s256(form.code_verifier ?? '') === binding.codeChallenge)
  );
}
