import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { errorMessage, isUserError, UserError } from '../errors.js';
import { companionScript } from '../companion/script.js';
import {
  browserMark,
  CONFIRM_PATH,
  PENDING_MS,
  START_PATH,
  type Confirmation,
  type LinkFlow,
} from './link-flow.js';

/**
 * The bot's own HTTP server: `/healthz` for the orchestrator, the Instagram browser companion's script,
 * and the pages of the OAuth link — the start address that marks the browser, the callback X sends
 * people back to (its path is X_REDIRECT_URI's) and the confirmation it POSTs.
 */
export interface HttpDeps {
  link: LinkFlow | null;
  callbackPath: string;
  /** The origin people's browsers reach the bot at; null when it has no public address. */
  publicOrigin: string | null;
  /** Healthy means connected to Discord, and Redis takes a write. */
  health: () => Promise<{ ok: boolean; [part: string]: unknown }>;
  logger: Logger;
}

const COOKIE = 'tend_link';
/** Where the Instagram browser companion is served; a userscript manager installs a `.user.js` address. */
export const COMPANION_PATH = '/companion/tend-companion.user.js';
/** The confirmation form holds two short fields: anything longer is not from it. */
const MAX_FORM_BYTES = 4096;

/**
 * The pages load nothing, may not be framed (a framed confirmation could be clicked by a page beneath
 * it), and send no Referer on: the callback's address holds X's code.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, form = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${form}</body></html>`;
}

function confirmationPage(c: Confirmation): string {
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const moves = c.linkedElsewhere
    ? ' It is linked to another Discord account now: linking moves it here, and they are told.'
    : '';
  const form =
    `<form method="post" action="${CONFIRM_PATH}">${hidden('state', c.state)}${hidden('token', c.confirmToken)}` +
    `<button type="submit" name="decision" value="link">Link @${escapeHtml(c.handle)} to ${escapeHtml(c.discordName)}</button> ` +
    `<button type="submit" name="decision" value="cancel">Cancel</button></form>`;
  return page(
    `Link @${c.handle} to Discord user ${c.discordName}?`,
    `Tend will read the accounts @${c.handle} follows and unfollow those ${c.discordName} confirms in Discord.${moves} If you did not run /link in Discord as ${c.discordName}, press Cancel: someone may have sent you their link.`,
    form,
  );
}

function cookies(req: IncomingMessage): Map<string, string> {
  const pairs = (req.headers.cookie ?? '').split(';').map((part) => part.trim().split('='));
  return new Map(
    pairs.filter((pair): pair is [string, string] => pair.length === 2).map(([name, value]) => [name, value]),
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > MAX_FORM_BYTES) throw new UserError('Nothing was linked: that form is not Tend’s.');
  }
  return new URLSearchParams(text);
}

export function createHttpServer(deps: HttpDeps): Server {
  const secure = deps.publicOrigin?.startsWith('https:') ? '; Secure' : '';
  // Lax: sent on X's redirect back (a top-level GET) and on the page's own POST, never on another site's POST.
  const setMark = (value: string, maxAgeMs: number) =>
    `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.round(maxAgeMs / 1000)}${secure}`;

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tend.local');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': `${type}; charset=utf-8`,
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    };
    const html = (status: number, body: string, headers: Record<string, string> = {}) =>
      send(status, 'text/html', body, { ...PAGE_HEADERS, ...headers });
    /** A person's mistake or a refusal is a 400 with its words; anything else is logged, with a 500. */
    const answer = (
      work: () => Promise<{ status?: number; body: string; headers?: Record<string, string> }>,
    ) => {
      work().then(
        ({ status = 200, body, headers }) => html(status, body, headers),
        (error: unknown) => {
          if (isUserError(error)) return html(400, page('Nothing was linked', error.message));
          deps.logger.error({ reason: errorMessage(error) }, 'link page failed');
          html(500, page('Something went wrong', 'Nothing was linked. Run /link in Discord to try again.'));
        },
      );
    };

    if (req.method === 'GET' && url.pathname === '/healthz') {
      deps.health().then(
        (health) => send(health.ok ? 200 : 503, 'application/json', JSON.stringify(health)),
        () => send(503, 'application/json', JSON.stringify({ ok: false })),
      );
      return;
    }
    // The Instagram browser companion, for the person to install or paste on instagram.com: text only, and
    // this server never calls instagram.com (the person's own browser does, in their own session).
    if (req.method === 'GET' && url.pathname === COMPANION_PATH) {
      return send(200, 'text/javascript', companionScript(), {
        'content-disposition': 'inline; filename="tend-companion.user.js"',
        'x-content-type-options': 'nosniff',
      });
    }
    const link = deps.link;
    if (!link) return send(404, 'text/plain', 'Not found');
    const mark = cookies(req).get(COOKIE) ?? null;

    if (req.method === 'GET' && url.pathname === START_PATH && !link.pastes) {
      return answer(async () => {
        const state = url.searchParams.get('state') ?? '';
        const to = await link.browserStart(state);
        return {
          status: 302,
          body: '',
          headers: { location: to, 'set-cookie': setMark(browserMark(state), PENDING_MS) },
        };
      });
    }
    if (req.method === 'GET' && url.pathname === deps.callbackPath) {
      return answer(async () => {
        const query = {
          state: url.searchParams.get('state') ?? '',
          code: url.searchParams.get('code'),
          error: url.searchParams.get('error'),
        };
        return { body: confirmationPage(await link.callback(query, mark)) };
      });
    }
    if (req.method === 'POST' && url.pathname === CONFIRM_PATH && !link.pastes) {
      return answer(async () => {
        // Browsers name the page a POST comes from: one from another site is refused even before the cookie check.
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== deps.publicOrigin)
          throw new UserError('Nothing was linked: that confirmation came from another site.');
        const form = await readForm(req);
        const fields = { state: form.get('state') ?? '', token: form.get('token') ?? '' };
        const cleared = { 'set-cookie': setMark('', 0) };
        if (form.get('decision') !== 'link') {
          await link.cancel(fields, mark);
          return { body: page('Nothing was linked', 'You can close this tab.'), headers: cleared };
        }
        const linked = await link.confirm(fields, mark);
        const cancelled =
          linked.cancelledUnfollows > 0
            ? ` The ${linked.cancelledUnfollows} unfollows still queued from the X account you had linked before are cancelled.`
            : '';
        const body = `Tend can now audit your X following. You can close this tab and run /audit in Discord.${cancelled}`;
        return { body: page(`Linked @${linked.handle}`, body), headers: cleared };
      });
    }
    send(404, 'text/plain', 'Not found');
  });
}

export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return (server.address() as AddressInfo).port;
}
