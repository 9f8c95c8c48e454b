/**
 * Sorts what twitter-api-v2 throws into the five kinds the workers handle one way each (docs/STYLE.md):
 * rate_limited → delay the job until `resetAt`; auth_revoked → stop and ask the person to link again;
 * transient → retry with backoff; permanent → stop and say why; target_gone → mark that account gone and
 * carry on. Pure: the time is passed in, nothing is logged or stored.
 */
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import type { GoneKind } from '../model.js';
import { goneFromXError } from './x-user.js';

export type XErrorKind = 'rate_limited' | 'auth_revoked' | 'transient' | 'permanent' | 'target_gone';

interface Sorted<K extends XErrorKind> {
  kind: K;
  /** Plain words for the person: what happened and what happens next. */
  message: string;
  /** The HTTP status X answered with; null when no answer came. */
  status: number | null;
}

export type SortedXError =
  | (Sorted<'rate_limited'> & { resetAt: number })
  | (Sorted<'target_gone'> & { gone: { kind: GoneKind; detail: string } })
  | Sorted<'auth_revoked' | 'transient' | 'permanent'>;

const WINDOW_MS = 15 * 60_000;
/** Node's codes for a connection that failed or timed out: worth another try. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

interface Limits {
  limit?: number;
  remaining?: number;
  reset?: number;
  day?: { remaining?: number; reset?: number };
  userDay?: { remaining?: number; reset?: number };
}

/** The parts of twitter-api-v2's errors read here; recognised by their `type`, not by class identity. */
interface LibraryError {
  type?: unknown;
  code?: unknown;
  data?: Record<string, unknown>;
  rateLimit?: Limits;
  request?: { path?: unknown };
}

function texts(data: Record<string, unknown> | undefined): string[] {
  if (!data) return [];
  const errors = Array.isArray(data.errors) ? (data.errors as Record<string, unknown>[]) : [];
  return [
    data.detail,
    data.title,
    data.reason,
    data.type,
    data.error_description,
    ...errors.flatMap((e) => [e.detail, e.message, e.type]),
  ].filter((t): t is string => typeof t === 'string' && t !== '');
}

function v1Codes(data: Record<string, unknown> | undefined): number[] {
  const errors = Array.isArray(data?.errors) ? (data.errors as Record<string, unknown>[]) : [];
  return errors.map((e) => e.code).filter((c): c is number => typeof c === 'number');
}

/** "15:10 UTC", with the date in front when it is not today's. */
export function whenText(at: number, now: number): string {
  const iso = new Date(at).toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}

/** The latest reset among the windows that are spent; X sends no Retry-After. */
function resetTime(limits: Limits | undefined, now: number): number {
  const resets = [
    limits?.reset,
    limits?.day?.remaining === 0 ? limits.day.reset : undefined,
    limits?.userDay?.remaining === 0 ? limits.userDay.reset : undefined,
  ]
    .filter((r): r is number => typeof r === 'number' && Number.isFinite(r))
    .map((r) => r * 1000);
  const latest = Math.max(...resets);
  return latest > now ? latest : now + WINDOW_MS;
}

const RELINK = 'Link your X account again to continue (in Discord: /link; for the CLI: new credentials).';

/** Why the body speaks of a user that is no longer there, in X's own words; null when it does not. */
function goneTarget(
  data: Record<string, unknown> | undefined,
  all: string[],
): { kind: GoneKind; detail: string } | null {
  const codes = v1Codes(data);
  const detail = all[0] ?? '';
  if (codes.includes(63)) return { kind: 'suspended', detail };
  if (codes.includes(50)) return { kind: 'deactivated', detail };
  const blocked = all.find((t) => /blocked from following/i.test(t));
  if (blocked) return { kind: 'unauthorized', detail: blocked };
  for (const text of all) {
    const gone =
      data?.resource_type === 'user' || /\buser\b/i.test(text) ? goneFromXError({ detail: text }) : null;
    if (gone) return gone;
  }
  return null;
}

function sortResponse(error: LibraryError, status: number, now: number): SortedXError {
  const data = error.data;
  const all = texts(data);
  const words = all.join(' ');
  const detail = all[0] ?? `HTTP ${status}`;
  if (status === 429 || status === 420) {
    if (/usage-capped|usagecap/i.test(words)) {
      return {
        kind: 'permanent',
        status,
        message: `The X API usage cap of this app is reached (X says: ${detail}). Audits can resume when the cap resets or the plan is raised.`,
      };
    }
    const resetAt = resetTime(error.rateLimit, now);
    return {
      kind: 'rate_limited',
      status,
      resetAt,
      message: `X's rate limit for this kind of request is used up; Tend waits until ${whenText(resetAt, now)} and carries on from where it stopped.`,
    };
  }
  const codes = v1Codes(data);
  if (
    status === 401 ||
    codes.some((c) => c === 32 || c === 89 || c === 215) ||
    /unsupported-authentication|invalid_grant|token was invalid|invalid or expired token/i.test(words)
  ) {
    return {
      kind: 'auth_revoked',
      status,
      message: `X no longer accepts Tend's access to your account: it was revoked or has expired. ${RELINK}`,
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: 'transient',
      status,
      message: `X is having trouble (HTTP ${status}); Tend will try again shortly.`,
    };
  }
  if (codes.includes(64) || /your account is suspended/i.test(words)) {
    return {
      kind: 'permanent',
      status,
      message: 'X has suspended your account, so Tend cannot read or change it.',
    };
  }
  if (status === 403 && /client-not-enrolled|client-forbidden/i.test(words)) {
    const follows = /\/(following|followers)\b/.test(String(error.request?.path ?? ''));
    return {
      kind: 'permanent',
      status,
      message: follows
        ? 'Your X API access level does not include reading follows lists. Tend can still audit your X archive (upload it) and look up its accounts 100 at a time.'
        : `Your X API access level does not include this request (X says: ${detail}).`,
    };
  }
  if (status === 403 && /oauth1-permissions|app permissions/i.test(words)) {
    return {
      kind: 'permanent',
      status,
      message: `The X app's permissions do not allow this request; the operator must grant it Read and Write access (X says: ${detail}).`,
    };
  }
  if (status === 403 || status === 404) {
    const gone = goneTarget(data, all);
    if (gone)
      return {
        kind: 'target_gone',
        status,
        gone,
        message: `That account is no longer available on X (${gone.kind}).`,
      };
  }
  return { kind: 'permanent', status, message: `X refused the request (HTTP ${status}: ${detail}).` };
}

/**
 * X answered with a success status but a body that is not its API's JSON: an HTML page from a proxy,
 * a captive portal or a load balancer in front of X. Nothing was read; another try usually works.
 */
export class UnexpectedXAnswer extends Error {
  override readonly name = 'UnexpectedXAnswer';
  constructor(readonly endpoint: string) {
    super(`X answered ${endpoint} with something that is not the JSON of its API`);
  }
}

/**
 * Whether twitter-api-v2 threw it: X's answer (or its absence), to be sorted; anything else (Redis, a
 * bug) is not X's and is thrown on. These errors carry the request, Authorization header included:
 * only their sorted kind may be logged.
 */
export function isXError(
  error: unknown,
): error is ApiResponseError | ApiRequestError | ApiPartialResponseError | UnexpectedXAnswer {
  return (
    error instanceof ApiResponseError ||
    error instanceof ApiRequestError ||
    error instanceof ApiPartialResponseError ||
    error instanceof UnexpectedXAnswer
  );
}

export function sortXError(error: unknown, now: number): SortedXError {
  if (error instanceof UnexpectedXAnswer) {
    return {
      kind: 'transient',
      status: null,
      message:
        'X answered with a page that is not its API (a proxy or an outage page in front of X); Tend will try again shortly.',
    };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as LibraryError & {
    code?: unknown;
    message?: unknown;
  };
  if (e.type === 'response' && typeof e.code === 'number') return sortResponse(e, e.code, now);
  const networkCode = typeof e.code === 'string' && NETWORK_CODES.has(e.code);
  if (
    e.type === 'request' ||
    e.type === 'partial-response' ||
    networkCode ||
    (error instanceof Error && /timeout/i.test(error.message))
  ) {
    return {
      kind: 'transient',
      status: null,
      message: 'Tend could not reach X (the connection failed or timed out); it will try again shortly.',
    };
  }
  return { kind: 'permanent', status: null, message: 'Something unexpected went wrong while talking to X.' };
}

/** What a job does after X refused a call: wait for the limit's reset, retry with backoff, or end. */
export type AfterXError =
  | { kind: 'wait'; until: number; reason: 'rate_limited' }
  | { kind: 'retry'; message: string }
  | { kind: 'fail'; message: string };

/**
 * One handling per kind, for every job: X's limit → wait for its reset, spread by `jitterMs` so
 * people's jobs do not all return in the same second; a passing failure → retry with backoff; the rest
 * → end and say why, in the job's own words (`failure`). An `auth_revoked` reaches here only after the
 * one renewal (`callAsPerson`) was refused too.
 */
export function afterXError(
  error: SortedXError,
  jitterMs: number,
  failure: (error: SortedXError) => string = (e) => e.message,
): AfterXError {
  switch (error.kind) {
    case 'rate_limited':
      return { kind: 'wait', until: error.resetAt + jitterMs, reason: 'rate_limited' };
    case 'transient':
      return { kind: 'retry', message: error.message };
    default:
      return { kind: 'fail', message: failure(error) };
  }
}
