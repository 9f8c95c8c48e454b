import type { ClientRequest, IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type TwitterApiErrorData,
  type TwitterRateLimit,
} from 'twitter-api-v2';
import { sortXError } from '../../src/sources/x-errors.js';

const NOW = Date.parse('2026-11-20T12:03:00Z');
const RESET = Date.parse('2026-11-20T12:15:00Z') / 1000;

/** X's answer as twitter-api-v2 wraps it; `data` is the body as X sent it, whatever its shape. */
function responseError(
  code: number,
  data: object,
  extra: { rateLimit?: TwitterRateLimit; path?: string } = {},
): ApiResponseError {
  return new ApiResponseError(`Request failed with code ${code}`, {
    code,
    data: data as TwitterApiErrorData,
    headers: {},
    request: { path: extra.path ?? '/2/users/1' } as unknown as ClientRequest,
    response: {} as IncomingMessage,
    rateLimit: extra.rateLimit,
  });
}

const problem = (
  status: number,
  title: string,
  detail: string,
  more: Record<string, unknown> = {},
): object => ({ title, detail, type: 'about:blank', status, ...more });

describe('sortXError', () => {
  it('sorts a 429 as rate limited until the reset X sent, in words naming the time', () => {
    const error = responseError(429, problem(429, 'Too Many Requests', 'Too Many Requests'), {
      rateLimit: { limit: 15, remaining: 0, reset: RESET },
    });
    const sorted = sortXError(error, NOW);
    expect(sorted).toEqual({
      kind: 'rate_limited',
      status: 429,
      resetAt: RESET * 1000,
      message: expect.stringContaining('12:15 UTC'),
    });
  });

  it('waits for the daily window when that is the one spent, and names its date', () => {
    const rateLimit = {
      limit: 50,
      remaining: 44,
      reset: RESET,
      userDay: { limit: 400, remaining: 0, reset: RESET + 20 * 3600 },
    };
    const sorted = sortXError(
      responseError(429, problem(429, 'Too Many Requests', 'Too Many Requests'), { rateLimit }),
      NOW,
    );
    expect(sorted).toMatchObject({ kind: 'rate_limited', resetAt: (RESET + 20 * 3600) * 1000 });
    expect(sorted.message).toMatch(/2026-11-21 08:15 UTC/);
  });

  it('falls back to a full window when X sent no usable reset', () => {
    expect(
      sortXError(responseError(429, problem(429, 'Too Many Requests', 'Too Many Requests')), NOW),
    ).toMatchObject({ resetAt: NOW + 15 * 60_000 });
    const stale = { limit: 15, remaining: 0, reset: NOW / 1000 - 60 };
    expect(
      sortXError(
        responseError(429, problem(429, 'Too Many Requests', 'Too Many Requests'), { rateLimit: stale }),
        NOW,
      ),
    ).toMatchObject({ resetAt: NOW + 15 * 60_000 });
  });

  it('does not wait out a monthly usage cap 15 minutes at a time', () => {
    const data = {
      title: 'UsageCapExceeded',
      detail: 'Usage cap exceeded: Monthly product cap',
      type: 'https://api.twitter.com/2/problems/usage-capped',
    };
    expect(sortXError(responseError(429, data), NOW)).toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/usage cap/),
    });
  });

  it('sorts 401s, invalid tokens and refused refresh tokens as auth revoked, asking to link again', () => {
    const cases = [
      responseError(401, problem(401, 'Unauthorized', 'Unauthorized')),
      responseError(401, { errors: [{ code: 89, message: 'Invalid or expired token.' }] }),
      responseError(400, {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      }),
      responseError(
        403,
        problem(
          403,
          'Unsupported Authentication',
          'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.',
          {
            type: 'https://api.twitter.com/2/problems/unsupported-authentication',
          },
        ),
      ),
    ];
    for (const error of cases) {
      const sorted = sortXError(error, NOW);
      expect(sorted.kind, error.message).toBe('auth_revoked');
      expect(sorted.message).toMatch(/\/link/);
    }
  });

  it('sorts server errors, failed connections, timeouts and cut-off answers as transient', () => {
    const request = {} as ClientRequest;
    const cases: unknown[] = [
      responseError(500, problem(500, 'Internal Server Error', 'Internal Server Error')),
      responseError(503, problem(503, 'Service Unavailable', 'Service Unavailable')),
      new ApiRequestError('Request failed.', {
        request,
        error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      }),
      new ApiRequestError('Request failed.', { request, error: new Error('Request timeout.') }),
      new ApiPartialResponseError(
        'Request failed with partial response with HTTP code 200 (connection abruptly closed)',
        {
          request,
          response: {} as IncomingMessage,
          rawContent: '{"data":[',
          responseError: new Error('aborted'),
        },
      ),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    ];
    for (const error of cases) expect(sortXError(error, NOW).kind, String(error)).toBe('transient');
    expect(sortXError(cases[1], NOW).message).toMatch(/HTTP 503.*try again/);
  });

  it('explains an access tier without the follows lookups, offering the archive instead', () => {
    const data = {
      title: 'Client Forbidden',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
      required_enrollment: 'Appropriate Level of API Access',
    };
    const follows = sortXError(
      responseError(403, data, { path: '/2/users/42/following?max_results=1000' }),
      NOW,
    );
    expect(follows).toMatchObject({ kind: 'permanent', status: 403 });
    expect(follows.message).toMatch(/does not include reading follows lists.*archive/);
    const other = sortXError(responseError(403, data, { path: '/2/users/42/liked_tweets' }), NOW);
    expect(other.message).toMatch(/does not include this request \(X says: When authenticating/);
  });

  it('sorts refusals about a target account as target gone, with why', () => {
    const notFound = {
      value: '9',
      detail: 'Could not find user with target_user_id: [9].',
      title: 'Not Found Error',
      resource_type: 'user',
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    };
    const suspended = { ...notFound, title: 'Forbidden', detail: 'User has been suspended: [9].' };
    expect(sortXError(responseError(404, notFound), NOW)).toMatchObject({
      kind: 'target_gone',
      gone: { kind: 'deactivated' },
    });
    expect(sortXError(responseError(403, suspended), NOW)).toMatchObject({
      kind: 'target_gone',
      gone: { kind: 'suspended', detail: 'User has been suspended: [9].' },
    });
    const blocked = problem(
      403,
      'Forbidden',
      'You have been blocked from following this account at the request of the user.',
    );
    expect(sortXError(responseError(403, blocked), NOW)).toMatchObject({
      kind: 'target_gone',
      gone: { kind: 'unauthorized' },
    });
    expect(
      sortXError(responseError(404, { errors: [{ code: 50, message: 'User not found.' }] }), NOW),
    ).toMatchObject({ kind: 'target_gone', gone: { kind: 'deactivated' } });
  });

  it("keeps other refusals permanent, quoting X, and never mistakes the owner's own suspension for a gone target", () => {
    const invalid = {
      errors: [
        {
          parameters: { max_results: ['2000'] },
          message: 'The `max_results` query parameter value [2000] is not between 1 and 1000',
        },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    };
    expect(sortXError(responseError(400, invalid), NOW)).toEqual({
      kind: 'permanent',
      status: 400,
      message: 'X refused the request (HTTP 400: One or more parameters to your request was invalid.).',
    });
    const own = responseError(403, {
      errors: [
        { code: 64, message: 'Your account is suspended and is not permitted to access this feature.' },
      ],
    });
    expect(sortXError(own, NOW)).toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/suspended your account/),
    });
    const notOnBehalf = problem(
      403,
      'Forbidden',
      'You are not permitted to perform this action on behalf of another user.',
    );
    expect(sortXError(responseError(403, notOnBehalf), NOW).kind).toBe('permanent');
  });

  it('sorts anything that is not an X error as permanent, so a bug is not retried forever', () => {
    expect(
      sortXError(new TypeError("Cannot read properties of undefined (reading 'id')"), NOW),
    ).toMatchObject({ kind: 'permanent', status: null });
    expect(sortXError('boom', NOW).kind).toBe('permanent');
  });
});
