/** Query parameters checked as X checks them: a bad one is refused with X's 400, never ignored. */
import { invalidRequest, type Reply } from './problems.js';

/** Thrown by a route to answer with `reply` (a refusal) instead of its page. */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(`refused with ${reply.status}`);
  }
}

/** The values of a comma-separated list parameter, each checked against what X accepts. */
export function listParam(query: URLSearchParams, name: string, allowed: ReadonlySet<string>): Set<string> {
  const raw = query.get(name);
  const values = new Set(raw ? raw.split(',') : []);
  for (const value of values) {
    if (!allowed.has(value)) {
      throw new Refusal(
        invalidRequest(
          name,
          value,
          `The \`${name}\` query parameter value [${value}] is not one of [${[...allowed].join(',')}]`,
        ),
      );
    }
  }
  return values;
}

export function maxResults(query: URLSearchParams, min: number, max: number, fallback: number): number {
  const raw = query.get('max_results');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Refusal(
      invalidRequest(
        'max_results',
        raw,
        `The \`max_results\` query parameter value [${raw}] is not between ${min} and ${max}`,
      ),
    );
  }
  return n;
}

/** An id parameter (`since_id`, a path id): digits only, or X refuses it. */
export function idParam(name: string, value: string): string {
  if (!/^\d{1,19}$/.test(value)) {
    throw new Refusal(
      invalidRequest(
        name,
        value,
        `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`,
      ),
    );
  }
  return value;
}

/** One page of `items` from the `pagination_token` on, with X's `meta`. Tokens are opaque to clients. */
export function page<T>(
  items: readonly T[],
  query: URLSearchParams,
  list: string,
  size: number,
): { items: T[]; meta: Record<string, unknown> } {
  const token = query.get('pagination_token');
  let offset = 0;
  if (token !== null) {
    const [label, at] = Buffer.from(token, 'base64url').toString().split(':');
    offset = Number(at);
    if (label !== list || !Number.isInteger(offset) || offset < 0 || offset > items.length) {
      throw new Refusal(
        invalidRequest(
          'pagination_token',
          token,
          `The \`pagination_token\` query parameter value [${token}] is not valid`,
        ),
      );
    }
  }
  const slice = items.slice(offset, offset + size);
  const meta: Record<string, unknown> = { result_count: slice.length };
  if (offset > 0)
    meta.previous_token = Buffer.from(`${list}:${Math.max(0, offset - size)}`).toString('base64url');
  if (offset + size < items.length)
    meta.next_token = Buffer.from(`${list}:${offset + size}`).toString('base64url');
  return { items: slice, meta };
}
