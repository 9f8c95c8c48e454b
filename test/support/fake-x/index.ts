/**
 * A fake X API v2 on loopback, for twitter-api-v2 to talk to over real HTTP (docs/TESTING.md): the endpoints
 * Tend uses with X's payload shapes, per-user rate limits on a clock the test controls, inline lookup
 * errors, revocable tokens, failures on demand, and a log of every call with the objects it returned.
 *
 *   const fake = await startFakeX({ network: { seed: 7, following: 3000 } });
 *   // point the client at fake.baseUrl, authenticate with fake.owners[0].accessToken
 *   fake.clock.advance(15 * 60_000); // the rate-limit window passes
 *   fake.callsTo('GET /2/users/:id/following'); // what was asked, by whom, and what it read
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTHORIZE_PATH, consentFlow } from './authorize.js';
import { manualClock, type FakeClock, type ManualClock } from './clock.js';
import { generateNetwork, type Network, type NetworkSpec } from './network.js';
import { ACCESS_TOKEN_TTL, tokenRegistry, type OwnerCredentials } from './oauth.js';
import { Refusal } from './params.js';
import {
  invalidRequest,
  notFoundRoute,
  serverError,
  tooManyRequests,
  unauthorized,
  type Reply,
} from './problems.js';
import { rateLimiter, X_LIMITS, type Limit } from './rate-limits.js';
import type { FakeSettings, Route } from './routes.js';
import { TWEET_ROUTES } from './tweet-routes.js';
import { buildTimelines, type TimelineSpec, type Timelines } from './tweets.js';
import { USER_ROUTES } from './user-routes.js';

export interface FakeXOptions<C extends FakeClock> {
  network?: NetworkSpec;
  timelines?: TimelineSpec;
  /** Default: a manual clock at 2026-11-20T12:00Z that moves only when the test advances it. */
  clock?: C;
  /** Overrides of X's per-user limits, by endpoint (rate-limits.ts). */
  limits?: Record<string, Limit>;
  /** Lifetime of OAuth 2.0 access tokens; X's is two hours. */
  accessTokenTtlMs?: number;
  settings?: Partial<FakeSettings>;
}

export interface FakeCall {
  at: number;
  method: string;
  /** As X names the endpoint (`GET /2/users/:id/following`), or null for an unknown path. */
  endpoint: string | null;
  path: string;
  query: Record<string, string>;
  /** The id of the user the request spoke for, or null when its credentials were refused. */
  user: string | null;
  /** 0 when the fake dropped the connection. */
  status: number;
  /** Ids of the users and posts the answer carried (`data` and `includes`). */
  users: string[];
  posts: string[];
}

export interface Failure {
  /**
   * An HTTP status to answer with (default 503), 'drop' to cut the connection without an answer, or
   * 'html' for a 200 with an HTML page, as a captive portal or a misconfigured proxy answers.
   */
  status?: number | 'drop' | 'html';
  /** Only calls to this endpoint fail; default any. */
  endpoint?: string;
  /** How many calls fail; default 1. */
  times?: number;
}

export interface FakeX<C extends FakeClock> {
  baseUrl: string;
  clock: C;
  network: Network;
  /** Each owner's credentials as first issued (refreshed ones come from the token endpoint). */
  owners: OwnerCredentials[];
  /** Mutable: flip access tier or `connection_status` mid-test. */
  settings: FakeSettings;
  calls: FakeCall[];
  callsTo(endpoint: string): FakeCall[];
  timelines(owner: number): Timelines;
  /** From now on X answers 401 to this token (OAuth 2.0 access or refresh token, or OAuth 1.0a token). */
  revoke(token: string): void;
  failNext(failure?: Failure): void;
  /** An authorization code for the owner, bound to no PKCE challenge: for tests that skip X's consent page. */
  issueCode(owner: number): string;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...USER_ROUTES, ...TWEET_ROUTES];

function idsIn(items: unknown): string[] {
  const list = Array.isArray(items) ? items : items ? [items] : [];
  return list.map((item) => (item as { id: string }).id);
}

async function readForm(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (text === '') return {};
  // twitter-api-v2 sends the OAuth 2.0 token requests as JSON, other clients url-encoded: take both.
  if ((req.headers['content-type'] ?? '').includes('json'))
    return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startFakeX<C extends FakeClock = ManualClock>(
  options: FakeXOptions<C> = {},
): Promise<FakeX<C>> {
  const clock = options.clock ?? (manualClock() as unknown as C);
  const net = generateNetwork(options.network ?? {}, clock.now());
  const tokens = tokenRegistry(clock, options.accessTokenTtlMs ?? ACCESS_TOKEN_TTL);
  const limiter = rateLimiter(clock, { ...X_LIMITS, ...options.limits });
  const settings: FakeSettings = {
    followsAccess: true,
    connectionStatus: true,
    latencyMs: 0,
    cursorFault: null,
    ...options.settings,
  };
  const owners = net.owners.map((owner) => tokens.credentials(owner.index, owner.id));
  const calls: FakeCall[] = [];
  const failures: { status: number | 'drop' | 'html'; endpoint: string | null; times: number }[] = [];
  const timelineCache = new Map<number, Timelines>();
  const timelines = (owner: number): Timelines => {
    let built = timelineCache.get(owner);
    if (!built) timelineCache.set(owner, (built = buildTimelines(net, owner, options.timelines ?? {})));
    return built;
  };

  function takeFailure(endpoint: string): number | 'drop' | 'html' | null {
    const index = failures.findIndex((f) => f.endpoint === null || f.endpoint === endpoint);
    if (index < 0) return null;
    const failure = failures[index]!;
    if (--failure.times === 0) failures.splice(index, 1);
    return failure.status;
  }

  function dispatch(
    req: IncomingMessage,
    url: URL,
    body: Record<string, unknown>,
    call: FakeCall,
  ): Reply | 'drop' | 'html' {
    const form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') return tokens.exchange(form);
    if (req.method === 'POST' && url.pathname === '/2/oauth2/revoke') return tokens.revokeEndpoint(form);
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) return notFoundRoute();
    call.endpoint = route.endpoint;
    const viewer = tokens.ownerOf(req.headers.authorization);
    if (viewer === null) return unauthorized();
    call.user = net.accountAt(viewer).id;
    for (const name of url.searchParams.keys()) {
      if (route.unsupported?.includes(name))
        return { status: 501, body: { detail: `fake-x does not implement ${name}` } };
      if (!route.accepts.includes(name)) {
        return invalidRequest(
          name,
          url.searchParams.get(name)!,
          `The query parameter [${name}] is not one of [${route.accepts.join(',')}]`,
        );
      }
    }
    const admission = limiter.admit(call.user, route.endpoint);
    if (!admission.allowed) return { ...tooManyRequests(), headers: admission.headers };
    const failure = takeFailure(route.endpoint);
    if (failure === 'drop' || failure === 'html') return failure;
    if (failure !== null) return { ...serverError(failure), headers: admission.headers };
    const params = route.pattern.exec(url.pathname)!.slice(1);
    try {
      const reply = route.handle({ net, viewer, params, query: url.searchParams, body, settings, timelines });
      const data = (reply.body as { data?: unknown }).data;
      const includes = (reply.body as { includes?: { users?: unknown; tweets?: unknown } }).includes;
      call.users = [...(route.data === 'users' ? idsIn(data) : []), ...idsIn(includes?.users)];
      call.posts = [...(route.data === 'posts' ? idsIn(data) : []), ...idsIn(includes?.tweets)];
      return { ...reply, headers: admission.headers };
    } catch (error) {
      if (error instanceof Refusal) return { ...error.reply, headers: admission.headers };
      throw error;
    }
  }

  const consent = consentFlow(net, (owner, binding) => tokens.issueCode(owner, binding));

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-x');
    if (url.pathname === AUTHORIZE_PATH) {
      const form =
        req.method === 'POST'
          ? new URLSearchParams(
              Object.entries(await readForm(req)).map(([k, v]): [string, string] => [k, String(v)]),
            )
          : url.searchParams;
      const page = consent(req, form);
      res.writeHead(page.status, page.headers);
      res.end(page.body);
      return;
    }
    const call: FakeCall = {
      at: clock.now(),
      method: req.method ?? '',
      endpoint: null,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      user: null,
      status: 0,
      users: [],
      posts: [],
    };
    calls.push(call);
    const reply = dispatch(req, url, await readForm(req), call);
    // The answer is decided, then takes its time to arrive: meanwhile the call is logged without a status.
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    if (reply === 'drop') {
      req.socket.destroy();
      return;
    }
    if (reply === 'html') {
      call.status = 200;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!DOCTYPE html><html><head><title>Gateway</title></head><body><h1>Please wait…</h1></body></html>',
      );
      return;
    }
    call.status = reply.status;
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ title: 'fake-x crashed', detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clock,
    network: net,
    owners,
    settings,
    calls,
    callsTo: (endpoint) => calls.filter((c) => c.endpoint === endpoint),
    timelines,
    revoke: (token) => tokens.revoke(token),
    failNext: ({ status = 503, endpoint, times = 1 } = {}) =>
      void failures.push({ status, endpoint: endpoint ?? null, times }),
    issueCode: (owner) => tokens.issueCode(owner),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { manualClock, scaledClock, FAKE_START, type FakeClock, type ManualClock } from './clock.js';
export type { Network, NetworkSpec, FakeAccount, Role } from './network.js';
export { GONE_ROLES } from './network.js';
export type { OwnerCredentials } from './oauth.js';
export { AUTHORIZE_PATH, signInCookie } from './authorize.js';
export type { FakeTweet, TimelineSpec, Timelines, TweetKind } from './tweets.js';
export { usernameOf } from './users.js';
