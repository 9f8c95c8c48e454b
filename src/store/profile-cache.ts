import type { Redis } from 'ioredis';
import type { XUserV2 } from '../sources/x-user.js';
import { sharedKeys } from './keys.js';

interface Entry {
  fetchedAt: number;
  user: XUserV2;
}

/** Keys per MGET and writes per pipeline: a lookup of 20,000 ids is 20 round trips, none of them huge. */
const CHUNK = 1000;

/**
 * X user objects by X user id, shared across people: a profile is public, and reading it again within
 * the freshness window would be paid for twice. `connection_status` is not public — it says how the
 * account relates to whoever fetched it — so it is never cached.
 *
 * Freshness is judged on the `now` the caller passes (the audit's clock); the Redis TTL only makes
 * Redis forget what can no longer be fresh. Each id is its own key; they are read with MGET and
 * written through a pipeline, a thousand at a time (on a Redis Cluster, MGET would need the keys of
 * one chunk grouped by slot).
 */
export class ProfileCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly freshMs: number,
  ) {}

  /** False when the freshness window is 0: nothing is kept, and callers must keep profiles themselves. */
  get keeps(): boolean {
    return this.freshMs > 0;
  }

  async put(users: readonly XUserV2[], now: number): Promise<void> {
    if (this.freshMs <= 0) return;
    const keys = sharedKeys(this.prefix);
    for (let i = 0; i < users.length; i += CHUNK) {
      const pipeline = this.redis.pipeline();
      for (const user of users.slice(i, i + CHUNK)) {
        const { connection_status: _private, ...shared } = user;
        const entry: Entry = { fetchedAt: now, user: shared };
        pipeline.set(keys.profile(user.id), JSON.stringify(entry), 'PX', this.freshMs);
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0]!;
    }
  }

  /** The cached profiles still fresh at `now`, by id; ids not cached or stale are absent. */
  async fresh(ids: readonly string[], now: number): Promise<Map<string, XUserV2>> {
    const found = new Map<string, XUserV2>();
    if (this.freshMs <= 0) return found;
    const keys = sharedKeys(this.prefix);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const raws = await this.redis.mget(chunk.map((id) => keys.profile(id)));
      raws.forEach((raw, j) => {
        if (raw === null) return;
        const entry = JSON.parse(raw) as Entry;
        if (now - entry.fetchedAt < this.freshMs) found.set(chunk[j]!, entry.user);
      });
    }
    return found;
  }
}
