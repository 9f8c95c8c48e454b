import type { Redis } from 'ioredis';
import { fencedWrite, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';

export interface FollowingSnapshot {
  fetchedAt: number;
  /** The X account the list belongs to: a person who linked another account starts afresh. */
  xUserId: string;
  following: { id: string; followsOwner: boolean | null }[];
}

/**
 * The following list a person's last X audit read, with who follows back, kept for the freshness
 * window: a re-audit within it takes the list from here and the profiles from the shared cache, and
 * pays X for neither. Redis forgets it when the window closes.
 */
export class FollowingSnapshots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly freshMs: number,
  ) {}

  async save(personId: string, snapshot: FollowingSnapshot, fence?: WriteFence): Promise<void> {
    if (this.freshMs <= 0) return;
    await fencedWrite(
      this.redis,
      this.prefix,
      personId,
      [['SET', personKeys(this.prefix, personId).xFollowing, JSON.stringify(snapshot), 'PX', this.freshMs]],
      fence,
    );
  }

  /** The snapshot of this X account, if it is still fresh at `now`. */
  async fresh(personId: string, xUserId: string, now: number): Promise<FollowingSnapshot | null> {
    const raw = await this.redis.get(personKeys(this.prefix, personId).xFollowing);
    if (raw === null) return null;
    const snapshot = JSON.parse(raw) as FollowingSnapshot;
    return snapshot.xUserId === xUserId && now - snapshot.fetchedAt < this.freshMs ? snapshot : null;
  }
}
