import { UserError } from '../errors.js';
import type { ImportedExport, Profile } from '../model.js';
import { MemoryCheckpoints } from '../store/memory-checkpoints.js';
import { collectFromX, lookupProfiles, RateLimitReached, type XCollectDeps } from '../audit/x-collect.js';
import {
  createXClient,
  DEFAULT_X_API_BASE_URL,
  newMeter,
  type XCredentials,
  type XMeter,
} from '../sources/x-client.js';
import { isXError, sortXError } from '../sources/x-errors.js';
import { fetchFollowerProfilesPage, FOLLOWS_PAGE_SIZE } from '../sources/x-api.js';

/**
 * The CLI's X mode: the worker's pipeline (x-collect.ts) run headless, with credentials from the
 * environment, checkpoints in memory, and rate limits waited out in the process.
 */

const OAUTH1 = ['X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'] as const;

/** An OAuth 2.0 user token (X_USER_TOKEN), or the four OAuth 1.0a keys; refuses naming what is missing. */
export function xCredentialsFromEnv(env: NodeJS.ProcessEnv): XCredentials {
  const token = env.X_USER_TOKEN?.trim();
  if (token) return { kind: 'oauth2', accessToken: token };
  const given = OAUTH1.filter((name) => env[name]?.trim());
  if (given.length === OAUTH1.length) {
    const [appKey, appSecret, accessToken, accessSecret] = OAUTH1.map((name) => env[name]!.trim()) as [
      string,
      string,
      string,
      string,
    ];
    return { kind: 'oauth1', appKey, appSecret, accessToken, accessSecret };
  }
  const missing = given.length > 0 ? `; ${OAUTH1.filter((n) => !given.includes(n)).join(', ')} missing` : '';
  throw new UserError(
    `--x needs X credentials in the environment: X_USER_TOKEN (an OAuth 2.0 user token), or X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET (OAuth 1.0a)${missing}`,
  );
}

export interface XModeOptions {
  env: NodeJS.ProcessEnv;
  interactionPages: number;
  /** Told when the run waits on X's rate limit, and until when. */
  onWait?: (until: number) => void;
  /** Waits this long; a test passes a quicker one. */
  sleep?: (ms: number) => Promise<void>;
  /** The time, as X's rate limits follow it: the wall clock, or a test's. */
  now?: () => number;
}

/** A 429 right after the reset X named means its clock and ours disagree: stop rather than spin. */
const MAX_WAITS_WITHOUT_PROGRESS = 3;
const MAX_TRANSIENT_RETRIES = 3;
const MIN_WAIT_MS = 1_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` against X until it completes: waits out rate limits (saying until when), retries
 * transient failures with backoff, and turns what cannot be retried into a UserError in X's words.
 */
async function withWaits<T>(
  options: XModeOptions,
  work: (deps: XCollectDeps) => Promise<T>,
): Promise<{ value: T; meter: XMeter }> {
  const meter = newMeter();
  const client = createXClient(xCredentialsFromEnv(options.env), {
    baseUrl: options.env.X_API_BASE_URL || DEFAULT_X_API_BASE_URL,
    meter,
  });
  let pagesSeen = 0;
  const now = options.now ?? Date.now;
  const deps: XCollectDeps = {
    client,
    checkpoints: new MemoryCheckpoints(),
    now,
    progress: (p) => {
      pagesSeen = p.pages;
    },
  };
  const sleep = options.sleep ?? sleepFor;
  let waits = 0;
  let transient = 0;
  let pagesAtLastWait = -1;
  for (;;) {
    try {
      return { value: await work(deps), meter };
    } catch (error) {
      if (error instanceof RateLimitReached) {
        options.onWait?.(error.resetAt);
        await sleep(Math.max(error.resetAt - now(), MIN_WAIT_MS));
        continue;
      }
      if (!isXError(error)) throw error;
      const sorted = sortXError(error, now());
      if (sorted.kind === 'rate_limited') {
        waits = pagesSeen === pagesAtLastWait ? waits + 1 : 1;
        pagesAtLastWait = pagesSeen;
        if (waits > MAX_WAITS_WITHOUT_PROGRESS)
          throw new UserError(
            `X keeps answering "rate limited" after its reset time: try again later (${sorted.message})`,
          );
        options.onWait?.(sorted.resetAt);
        await sleep(Math.max(sorted.resetAt - now(), MIN_WAIT_MS));
        continue;
      }
      if (sorted.kind === 'transient' && transient < MAX_TRANSIENT_RETRIES) {
        transient += 1;
        await sleep(2 ** transient * 1000);
        continue;
      }
      const hint =
        sorted.kind === 'auth_revoked'
          ? ' Check X_USER_TOKEN or the OAuth 1.0a keys in the environment.'
          : '';
      throw new UserError(`X: ${sorted.message}${hint}`);
    }
  }
}

/**
 * The person's following and interactions through the X API, as an export would give them, and how
 * many follow them as X counts them (`ownerFollowers`), read at `ownerFollowersAt`.
 */
export async function importFromX(options: XModeOptions): Promise<{
  imported: ImportedExport;
  meter: XMeter;
  ownerFollowers: number | null;
  ownerFollowersAt: number | null;
}> {
  const auditId = `cli-${Date.now()}`;
  const { value, meter } = await withWaits(options, (deps) =>
    collectFromX(deps, { personId: 'cli', auditId, interactionPages: options.interactionPages }),
  );
  return {
    imported: value.imported,
    meter,
    ownerFollowers: value.ownerFollowers,
    ownerFollowersAt: value.ownerFollowersAt,
  };
}

/** Profiles for an archive's followed ids, 100 per lookup; inline errors become gone profiles. */
export async function hydrateFromX(
  options: XModeOptions,
  ids: readonly string[],
): Promise<{ profiles: Map<string, Profile>; meter: XMeter }> {
  const auditId = `cli-${Date.now()}`;
  const { value, meter } = await withWaits(options, (deps) =>
    lookupProfiles(deps, { personId: 'cli', auditId, interactionPages: 0 }, ids),
  );
  return { profiles: value, meter };
}

/**
 * The owner's newest followers through the X API, with their profiles, up to `maxUsers` (what the
 * person's budget pays for), newest first. Where a rate limit interrupts, the pages read are kept and
 * the next page is asked for after the wait, so no page is paid for twice. `readAt`: when X answered
 * the first page (the newest followers), however long the waits before it; null when none was read.
 */
export async function newestFollowersFromX(
  options: XModeOptions,
  ownerId: string,
  maxUsers: number,
): Promise<{
  ids: string[];
  profiles: Map<string, Profile>;
  complete: boolean;
  readAt: number | null;
  meter: XMeter;
}> {
  let readAt: number | null = null;
  const ids: string[] = [];
  const profiles = new Map<string, Profile>();
  const seen = new Set<string | null>();
  let token: string | null = null;
  let complete = false;
  let stop = false;
  const { meter } = await withWaits(options, async (deps) => {
    while (ids.length < maxUsers && !stop) {
      const page = await fetchFollowerProfilesPage(
        deps.client,
        ownerId,
        token,
        Math.min(FOLLOWS_PAGE_SIZE, Math.max(1, maxUsers - ids.length)),
      );
      readAt ??= deps.now();
      for (const profile of page.profiles) {
        if (!profile.id || profiles.has(profile.id)) continue;
        ids.push(profile.id);
        profiles.set(profile.id, profile);
      }
      seen.add(token);
      // The list is read to its end only where X says so; a cursor named a second time would loop and
      // bill again: the read stops there, not knowing what lies beyond.
      complete = page.nextToken === null;
      stop = complete || seen.has(page.nextToken);
      token = page.nextToken;
    }
  });
  return { ids, profiles, complete, readAt, meter };
}
