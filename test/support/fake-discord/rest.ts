/** Serves the REST routes under /api/v10 and the attachment files, and logs every call for the test to read. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compile, DiscordError, readBody, refuse, type Reply, type Route, type Upload } from './http.js';
import type { RateLimiter } from './rate-limits.js';
import type { World } from './world.js';

export interface FakeDiscordCall {
  /** When the request arrived (the log itself is in the order the answers went out). */
  at: number;
  method: string;
  /** As the route is declared (`PATCH /webhooks/:application_id/:interaction_token/messages/:message_id`); null when unknown. */
  route: string | null;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body, or the `payload_json` of a multipart one. */
  body: unknown;
  /** Files uploaded with the call, with their bytes. */
  files: Upload[];
  status: number;
  /** What discord.js received: the JSON answer, Discord's error body, or undefined for a 204. */
  response: unknown;
  /** The answer's headers beside the content type: the rate-limit ones, where the route has a bucket. */
  headers: Record<string, string>;
}

const ATTACHMENT_ROUTE = 'GET /attachments/:channel_id/:attachment_id/:filename';
const ATTACHMENT = compile('/attachments/:channel_id/:attachment_id/:filename');

/** A fault the test asked for: the next `times` calls matching are answered `status` instead of served. */
export interface Fault {
  matches: (call: Pick<FakeDiscordCall, 'method' | 'route' | 'path' | 'params'>) => boolean;
  times: number;
  status: number;
}

export function restServer(world: World, token: string, routes: Route[], limiter: RateLimiter) {
  const compiled = routes.map((route) => ({ route, ...compile(`/api/v10${route.path}`) }));
  const calls: FakeDiscordCall[] = [];
  const faults: Fault[] = [];
  const waiters = new Set<{
    matches: (call: FakeDiscordCall) => boolean;
    resolve: (call: FakeDiscordCall) => void;
  }>();

  function route(req: IncomingMessage, call: FakeDiscordCall): Promise<Reply> | Reply {
    for (const { route, pattern, names } of compiled) {
      const match = route.method === req.method ? pattern.exec(call.path) : null;
      if (!match) continue;
      call.route = `${route.method} ${route.path}`;
      call.params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
      if (route.auth && req.headers.authorization !== `Bot ${token}`) throw refuse.unauthorized();
      const fault = faults.find((f) => f.times > 0 && f.matches(call));
      if (fault) {
        fault.times -= 1;
        return { status: fault.status, body: { message: `${fault.status}: Internal Server Error`, code: 0 } };
      }
      const limited = route.bucket
        ? limiter.take(route.bucket.name, call.params[route.bucket.resource]!)
        : null;
      if (limited && !limited.ok) return limited.reply;
      const headers = limited?.headers;
      const request = {
        params: call.params,
        query: new URLSearchParams(call.query),
        body: call.body,
        files: call.files,
      };
      if (!headers) return route.handle(request);
      return Promise.resolve(route.handle(request)).then((reply) => ({
        ...reply,
        headers: { ...headers, ...reply.headers },
      }));
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  function logged(call: FakeDiscordCall): void {
    calls.push(call);
    for (const waiter of waiters) if (waiter.matches(call)) waiter.resolve(call);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', world.baseUrl);
    // Discord decodes each segment: `%40original` is `@original`, and an emoji arrives percent-encoded.
    const path = url.pathname.split('/').map(decodeURIComponent).join('/');
    const call: FakeDiscordCall = {
      at: Date.now(),
      method: req.method ?? '',
      route: null,
      path,
      params: {},
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      headers: {},
    };
    const file = req.method === 'GET' ? world.files.get(ATTACHMENT.pattern.exec(path)?.[2] ?? '') : undefined;
    if (file) {
      Object.assign(call, { route: ATTACHMENT_ROUTE, status: 200 });
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length });
      res.end(file.data);
      return logged(call);
    }
    let reply: Reply;
    try {
      Object.assign(call, await readBody(req));
      reply = await route(req, call);
    } catch (error) {
      reply =
        error instanceof DiscordError
          ? {
              status: error.status,
              body: {
                message: error.message,
                code: error.code,
                ...(error.errors ? { errors: error.errors } : {}),
              },
            }
          : { status: 500, body: { message: `fake-discord crashed: ${String(error)}`, code: 0 } };
    }
    Object.assign(call, { status: reply.status, response: reply.body, headers: reply.headers ?? {} });
    // A 204 with a JSON content type would make discord.js parse an empty body.
    if (reply.status === 204) res.writeHead(204, reply.headers).end();
    else
      res
        .writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json' })
        .end(JSON.stringify(reply.body));
    logged(call);
  }

  /** Resolves with the first call, already made or still to come, that matches. */
  function waitFor(matches: (call: FakeDiscordCall) => boolean, timeoutMs = 5_000): Promise<FakeDiscordCall> {
    const made = calls.find(matches);
    if (made) return Promise.resolve(made);
    return new Promise((resolve, reject) => {
      const waiter = {
        matches,
        resolve: (call: FakeDiscordCall) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const seen = calls.map((call) => `${call.method} ${call.path} → ${call.status}`).join('\n  ');
        reject(
          new Error(`fake-discord: no matching REST call within ${timeoutMs} ms; the calls were:\n  ${seen}`),
        );
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  return { calls, serve, waitFor, fail: (fault: Fault) => void faults.push(fault) };
}
