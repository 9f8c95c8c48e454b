import type { Redis } from 'ioredis';
import type { XUserV2 } from '../sources/x-user.js';
import { sharedKeys } from './keys.js';

interface Entry {
  fetchedAt: number;
  user: XUserV2;
}

/**
 * X user objects by X user id, shared across people: a profile is public, and reading it again within
 * the freshness window would be paid for twice. `connection_status` is not public — it says how the
 * account relates to whoever fetched it — so it is never cached.
 *
 * Freshness is judged on the `now` the caller passes (the audit's clock); the Redis TTL only makes
 * Redis forget what can no longer be fresh. Each id is its own key, read with its own GET: no
 * multi-key command, so the cache works unchanged on a Redis Cluster.
 */
export class ProfileCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly freshMs: number,
  ) {}

  async put(users: readonly XUserV2[], now: number): Promise<void> {
    if (this.freshMs <= 0) return;
    await Promise.all(
      users.map((user) => {
        const { connection_status: _private, ...shared } = user;
        const entry: Entry = { fetchedAt: now, user: shared };
        return this.redis.set(sharedKeys(this.prefix).profile(user.id), JSON.stringify(entry), 'PX', this.freshMs);
      }),
    );
  }

  /** The cached profiles still fresh at `now`, by id; ids not cached or stale are absent. */
  async fresh(ids: readonly string[], now: number): Promise<Map<string, XUserV2>> {
    const found = new Map<string, XUserV2>();
    if (this.freshMs <= 0) return found;
    const raws = await Promise.all(ids.map((id) => this.redis.get(sharedKeys(this.prefix).profile(id))));
    raws.forEach((raw, i) => {
      if (raw === null) return;
      const entry = JSON.parse(raw) as Entry;
      if (now - entry.fetchedAt < this.freshMs) found.set(ids[i]!, entry.user);
    });
    return found;
  }
}
