/** What every endpoint of the fake shares: how a route is declared and how it shows a user. */
import { GONE_ROLES, type FakeAccount, type Network } from './network.js';
import { idParam, Refusal } from './params.js';
import { lookupError, type Reply } from './problems.js';
import type { Timelines } from './tweets.js';
import { fullUser, selectUserFields } from './users.js';

/** Switches a test flips to put the fake in the situations X puts apps in. */
export interface FakeSettings {
  /** False: the app's access tier lacks the follows lookups, which answer 403 client-not-enrolled. */
  followsAccess: boolean;
  /** False: `connection_status` is never returned, even when asked for. */
  connectionStatus: boolean;
  /** Wall-clock milliseconds each answer takes, as X's do: a test can act while an audit is mid-way. */
  latencyMs: number;
  /**
   * A cursor that does not advance on the follows lists, from the second page on: 'repeat' names the
   * token the page was asked with as its `next_token` again; 'endless' names a new token each time
   * that serves the same page again. Either way a client that trusts the cursor never reaches the end.
   */
  cursorFault: 'repeat' | 'endless' | null;
}

export interface RouteContext {
  net: Network;
  /** The owner the request speaks for. */
  viewer: number;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  settings: FakeSettings;
  timelines(owner: number): Timelines;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** As X's documentation and rate-limit tables name it: the key of the call log and of the limits. */
  endpoint: string;
  pattern: RegExp;
  /** Query parameters X accepts here; `unsupported` ones X accepts but the fake does not apply. */
  accepts: readonly string[];
  unsupported?: readonly string[];
  /** What `data` holds, so the call log can count the objects read. */
  data: 'users' | 'posts' | 'none';
  handle(ctx: RouteContext): Reply;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });

/** A user as the viewer sees it, with the requested fields. */
export function userOut(
  ctx: RouteContext,
  account: FakeAccount,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const user = selectUserFields(fullUser(ctx.net, account, ctx.viewer), fields);
  if (!ctx.settings.connectionStatus) delete user.connection_status;
  return user;
}

/** Why X will not show the account: the inline error it answers with, or null when it shows it. */
export function hiddenBecause(
  account: FakeAccount | null,
  id: string,
  parameter: string,
): Record<string, unknown> | null {
  if (account === null || account.kind === 'deactivated') return lookupError(id, 'missing', parameter);
  if (account.kind === 'suspended') return lookupError(id, 'suspended', parameter);
  if (account.kind === 'blocks_owner') return lookupError(id, 'unauthorized', parameter);
  return null;
}

/** The user named in the path; a gone one is answered as X does, with HTTP 200 and an inline error. */
export function pathUser(ctx: RouteContext, raw: string): FakeAccount {
  const id = idParam('id', raw);
  const account = ctx.net.account(id);
  const hidden = hiddenBecause(account, id, 'id');
  if (hidden) throw new Refusal(ok({ errors: [hidden] }));
  return account!;
}

export const isVisible =
  (net: Network) =>
  (index: number): boolean =>
    !GONE_ROLES.has(net.kindAt(index));
