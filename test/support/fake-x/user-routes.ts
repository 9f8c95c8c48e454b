/** Follows, followers, user lookup, me, follow and unfollow. */
import { idParam, listParam, maxResults, page, Refusal } from './params.js';
import { clientNotEnrolled, forbidden, invalidRequest, type Reply } from './problems.js';
import { hiddenBecause, isVisible, ok, pathUser, userOut, type Route, type RouteContext } from './routes.js';
import { USER_FIELDS } from './users.js';

const FIELD_PARAMS = ['user.fields', 'expansions', 'tweet.fields'];

function usersReply(ctx: RouteContext, indices: number[], meta: Record<string, unknown>): Reply {
  const fields = listParam(ctx.query, 'user.fields', USER_FIELDS);
  const data = indices.map((i) => userOut(ctx, ctx.net.accountAt(i), fields));
  return ok(data.length > 0 ? { data, meta } : { meta });
}

function followList(which: 'following' | 'followers'): Route {
  return {
    method: 'GET',
    endpoint: `GET /2/users/:id/${which}`,
    pattern: new RegExp(`^/2/users/([^/]+)/${which}$`),
    accepts: ['max_results', 'pagination_token', ...FIELD_PARAMS],
    data: 'users',
    handle(ctx) {
      if (!ctx.settings.followsAccess) return clientNotEnrolled();
      const user = pathUser(ctx, ctx.params[0]!);
      const size = maxResults(ctx.query, 1, 1000, 100);
      // Only owners follow or are followed by anyone in a fake network.
      const all =
        user.kind !== 'owner'
          ? []
          : which === 'following'
            ? ctx.net.followingOf(user.index)
            : ctx.net.followersOf(user.index);
      const { items, meta } = page(all.filter(isVisible(ctx.net)), ctx.query, which, size);
      const asked = ctx.query.get('pagination_token');
      if (ctx.settings.cursorFault === 'repeat' && asked !== null) meta.next_token = asked;
      if (ctx.settings.cursorFault === 'endless' && asked !== null)
        meta.next_token = Buffer.from(`${Buffer.from(asked, 'base64url').toString()}:again`).toString(
          'base64url',
        );
      return usersReply(ctx, items, meta);
    },
  };
}

/** The source of a follow or unfollow must be the user the token speaks for. */
function actingUser(ctx: RouteContext, raw: string): number {
  const id = idParam('id', raw);
  if (ctx.net.account(id)?.index !== ctx.viewer)
    throw new Refusal(forbidden('You are not permitted to perform this action on behalf of another user.'));
  return ctx.viewer;
}

export const USER_ROUTES: Route[] = [
  followList('following'),
  followList('followers'),
  {
    method: 'GET',
    endpoint: 'GET /2/users',
    pattern: /^\/2\/users$/,
    accepts: ['ids', ...FIELD_PARAMS],
    data: 'users',
    handle(ctx) {
      const raw = ctx.query.get('ids') ?? '';
      const ids = raw === '' ? [] : raw.split(',');
      if (ids.length < 1 || ids.length > 100) {
        return invalidRequest(
          'ids',
          raw,
          `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`,
        );
      }
      const fields = listParam(ctx.query, 'user.fields', USER_FIELDS);
      const data: unknown[] = [];
      const errors: unknown[] = [];
      for (const id of ids.map((value) => idParam('ids', value))) {
        const account = ctx.net.account(id);
        const hidden = hiddenBecause(account, id, 'ids');
        if (hidden) errors.push(hidden);
        else data.push(userOut(ctx, account!, fields));
      }
      return ok({ ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) });
    },
  },
  {
    method: 'GET',
    endpoint: 'GET /2/users/me',
    pattern: /^\/2\/users\/me$/,
    accepts: FIELD_PARAMS,
    data: 'users',
    handle: (ctx) =>
      ok({
        data: userOut(ctx, ctx.net.accountAt(ctx.viewer), listParam(ctx.query, 'user.fields', USER_FIELDS)),
      }),
  },
  {
    method: 'DELETE',
    endpoint: 'DELETE /2/users/:source_user_id/following/:target_user_id',
    pattern: /^\/2\/users\/([^/]+)\/following\/([^/]+)$/,
    accepts: [],
    data: 'none',
    handle(ctx) {
      const owner = actingUser(ctx, ctx.params[0]!);
      const target = ctx.net.account(idParam('target_user_id', ctx.params[1]!));
      // Not following (or no such account) is no error on X: the answer is the same `following: false`.
      if (target) ctx.net.unfollow(owner, target.index);
      return ok({ data: { following: false } });
    },
  },
  {
    method: 'POST',
    endpoint: 'POST /2/users/:id/following',
    pattern: /^\/2\/users\/([^/]+)\/following$/,
    accepts: [],
    data: 'none',
    handle(ctx) {
      const owner = actingUser(ctx, ctx.params[0]!);
      const raw = typeof ctx.body.target_user_id === 'string' ? ctx.body.target_user_id : '';
      const id = idParam('target_user_id', raw);
      const target = ctx.net.account(id);
      if (target?.kind === 'blocks_owner')
        return forbidden('You have been blocked from following this account at the request of the user.');
      // X does not document its answer for following a vanished account; the fake words it as its lookups do.
      const hidden = hiddenBecause(target, id, 'target_user_id');
      if (hidden) {
        const status = target?.kind === 'suspended' ? 403 : 404;
        return { status, body: { ...hidden, status } };
      }
      if (target!.kind === 'protected' && !ctx.net.isFollowing(owner, target!.index))
        return ok({ data: { following: false, pending_follow: true } });
      ctx.net.follow(owner, target!.index);
      return ok({ data: { following: true, pending_follow: false } });
    },
  },
];
