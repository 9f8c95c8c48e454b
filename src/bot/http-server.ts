import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { errorMessage, isUserError } from '../errors.js';
import type { LinkFlow } from './link-flow.js';

/**
 * The bot's own HTTP server: `/healthz` for the orchestrator, and the OAuth callback X sends people
 * back to after they authorise Tend (its path is X_REDIRECT_URI's).
 */
export interface HttpDeps {
  link: LinkFlow | null;
  callbackPath: string;
  /** Healthy means connected to Discord, and Redis takes a write. */
  health: () => Promise<{ ok: boolean; [part: string]: unknown }>;
  logger: Logger;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;
}

export function createHttpServer(deps: HttpDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tend.local');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'GET' && url.pathname === '/healthz') {
      deps.health().then(
        (health) => send(health.ok ? 200 : 503, 'application/json', JSON.stringify(health)),
        () => send(503, 'application/json', JSON.stringify({ ok: false })),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname === deps.callbackPath && deps.link) {
      const link = deps.link;
      const state = url.searchParams.get('state') ?? '';
      const code = url.searchParams.get('code');
      const done = async () => {
        if (url.searchParams.get('error')) return page('Nothing was linked', 'You declined on X. Run /link in Discord to try again.');
        const person = state ? await link.personOf(state) : null;
        if (!person || !code) return page('This link has expired', 'Run /link in Discord again: a link lasts ten minutes.');
        const { handle } = await link.complete(person, state, code);
        return page(`Linked @${handle}`, 'Tend can now audit your X following. You can close this tab and run /audit in Discord.');
      };
      done().then(
        (html) => send(200, 'text/html', html),
        (error: unknown) => {
          if (isUserError(error)) return send(400, 'text/html', page('Nothing was linked', error.message));
          deps.logger.error({ reason: errorMessage(error) }, 'link callback failed');
          send(500, 'text/html', page('Something went wrong', 'Nothing was linked. Run /link in Discord to try again.'));
        },
      );
      return;
    }
    send(404, 'text/plain', 'Not found');
  });
}

export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return (server.address() as AddressInfo).port;
}
