/**
 * Builds the twitter-api-v2 client every X call goes through: pointed at a configurable base URL (the
 * test fake, a proxy), with a time limit on every request, and with a meter that counts each call and
 * each object read, so no caller can forget to (the objects read are what X bills: docs/X-API.md).
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';

export const DEFAULT_X_API_BASE_URL = 'https://api.x.com';
/** The prefix twitter-api-v2 writes into every URL it builds. */
const LIBRARY_ORIGIN = /^https:\/\/api\.x\.com(?=\/)/;
/** A page of 1,000 users is ~0.5 MB: a minute is generous, and a hung connection must not hold a worker. */
const DEFAULT_TIMEOUT_MS = 60_000;

export type XCredentials =
  | { kind: 'oauth2'; accessToken: string }
  | { kind: 'oauth1'; appKey: string; appSecret: string; accessToken: string; accessSecret: string };

/**
 * What one audit has cost on X: requests made (failed ones included), objects read, and of the
 * requests those X refused or never answered (a 429, a 503, a dropped connection). X bills the objects
 * read: a refused call reads none and is not billed.
 */
export interface XMeter {
  calls: number;
  users: number;
  posts: number;
  /** Of `calls`, those that failed: no object read, nothing billed. */
  refused?: number;
}

/** A meter starting from zero, or from counts saved at a checkpoint. */
export function newMeter(from: Partial<XMeter> = {}): XMeter {
  return {
    calls: from.calls ?? 0,
    users: from.users ?? 0,
    posts: from.posts ?? 0,
    ...(from.refused ? { refused: from.refused } : {}),
  };
}

/** What a report says an audit used of X: requests made (refused ones included) and objects read. */
export function usageOf(meter: XMeter): { calls: number; users: number; posts: number } {
  return { calls: meter.calls, users: meter.users, posts: meter.posts };
}

/** Adds the objects of one X answer to the meter: users have a `username`, posts a `text`. */
export function meterResponse(meter: XMeter, body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const { data, includes } = body as { data?: unknown; includes?: Record<string, unknown> };
  const objects = [data, includes?.users, includes?.tweets].flatMap((group) =>
    Array.isArray(group) ? group : group ? [group] : [],
  );
  for (const object of objects) {
    if (typeof object !== 'object' || object === null) continue;
    if ('username' in object) meter.users++;
    else if ('text' in object) meter.posts++;
  }
}

export interface XClientOptions {
  /** `X_API_BASE_URL`: an origin such as `http://127.0.0.1:8080`. Default: X itself. */
  baseUrl?: string;
  meter?: XMeter;
  timeoutMs?: number;
  /** Awaited before every request; what it throws stops the request (a job whose run must end). */
  beforeCall?: () => Promise<void>;
}

/**
 * The base URL must be a bare origin: twitter-api-v2 chooses how to encode request bodies from the path
 * (`/2/…` means JSON), so a path prefix would change what it sends.
 */
function checkedOrigin(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`X_API_BASE_URL is not a URL: "${baseUrl}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '') {
    throw new Error(
      `X_API_BASE_URL must be an http(s) origin without a path, such as https://api.x.com, not "${baseUrl}"`,
    );
  }
  return url.origin;
}

function plugin(
  origin: string,
  meter: XMeter | undefined,
  timeoutMs: number,
  beforeCall: XClientOptions['beforeCall'],
): ITwitterApiClientPlugin {
  const countRefused = () => {
    if (!meter) return;
    meter.calls++;
    meter.refused = (meter.refused ?? 0) + 1;
  };
  return {
    async onBeforeRequestConfig({ params }) {
      await beforeCall?.();
      if (origin !== DEFAULT_X_API_BASE_URL) params.url = params.url.replace(LIBRARY_ORIGIN, origin);
      params.timeout ??= timeoutMs;
    },
    onAfterRequest({ response }) {
      if (!meter) return;
      meter.calls++;
      meterResponse(meter, response.data);
    },
    // Failed calls count as calls made, and as refused: X read nothing for them and bills nothing.
    onResponseError: countRefused,
    onRequestError: countRefused,
  };
}

function clientSettings(options: XClientOptions) {
  const origin = checkedOrigin(options.baseUrl ?? DEFAULT_X_API_BASE_URL);
  // twitter-api-v2 sends every request with https.request; an http.Agent is what lets it speak plain HTTP.
  const httpAgent = origin.startsWith('http:')
    ? new HttpAgent({ keepAlive: true })
    : new HttpsAgent({ keepAlive: true });
  return {
    httpAgent,
    plugins: [plugin(origin, options.meter, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.beforeCall)],
  };
}

/** A client acting for one person: OAuth 2.0 user context (a bearer token) or OAuth 1.0a keys. */
export function createXClient(credentials: XCredentials, options: XClientOptions = {}): TwitterApi {
  if (credentials.kind === 'oauth2') return new TwitterApi(credentials.accessToken, clientSettings(options));
  const { appKey, appSecret, accessToken, accessSecret } = credentials;
  return new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, clientSettings(options));
}

/**
 * The app's own client for the OAuth 2.0 flows: the consent link, exchanging a code, refreshing a token
 * (`refreshOAuth2Token`), revoking one. Confidential clients pass their secret.
 */
export function createXAppClient(
  app: { clientId: string; clientSecret?: string },
  options: XClientOptions = {},
): TwitterApi {
  return new TwitterApi(app, clientSettings(options));
}
