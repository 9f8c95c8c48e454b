import type { Redis } from 'ioredis';
import type { Platform } from '../model.js';
import { fencedWrite, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';
import {
  decodeFollowerSnapshot,
  encodeFollowerSnapshot,
  SnapshotDecodeError,
  type FollowerSnapshot,
} from './follower-snapshot-codec.js';

/** Snapshots kept a person and platform: enough for churn over a few months of audits. */
export const DEFAULT_KEPT_SNAPSHOTS = 12;
/** Kept this long after the last followers audit: a year, so "lost since last time" spans a long gap. */
export const DEFAULT_SNAPSHOT_RETENTION_MS = 366 * 86_400_000;

/**
 * The follower lists of a person's past audits, one gzipped packed list each (follower-snapshot-codec.ts),
 * so that new, lost and churned followers cost no extra call at the next audit. One Redis list per
 * platform under the person's hash tag: `/forget` deletes it with everything else of theirs.
 */
export class FollowerSnapshots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly kept: number = DEFAULT_KEPT_SNAPSHOTS,
    private readonly retentionMs: number = DEFAULT_SNAPSHOT_RETENTION_MS,
  ) {}

  /** Adds the snapshot of this audit, dropping the oldest beyond `kept`, all or nothing. */
  async add(
    personId: string,
    platform: Platform,
    snapshot: FollowerSnapshot,
    fence?: WriteFence,
  ): Promise<void> {
    const key = personKeys(this.prefix, personId).followerSnapshots(platform);
    await fencedWrite(
      this.redis,
      this.prefix,
      personId,
      [
        ['RPUSH', key, encodeFollowerSnapshot(snapshot)],
        ['LTRIM', key, -this.kept, -1],
        ['PEXPIRE', key, this.retentionMs],
      ],
      fence,
    );
  }

  /**
   * The stored snapshots of this owner (`x:<id>`), oldest first. One that cannot be read is skipped:
   * losing one audit's list costs a "new" or "lost" less, not the audit.
   */
  async history(personId: string, platform: Platform, owner: string): Promise<FollowerSnapshot[]> {
    const key = personKeys(this.prefix, personId).followerSnapshots(platform);
    const raw = await this.redis.lrangeBuffer(key, 0, -1);
    const snapshots: FollowerSnapshot[] = [];
    for (const bytes of raw) {
      try {
        const snapshot = decodeFollowerSnapshot(bytes);
        if (snapshot.owner === owner) snapshots.push(snapshot);
      } catch (error) {
        if (!(error instanceof SnapshotDecodeError)) throw error;
      }
    }
    return snapshots.sort((a, b) => a.at - b.at);
  }

  /** Bytes stored for the person on one platform: what BENCHMARKS reports a person. */
  async bytes(personId: string, platform: Platform): Promise<number> {
    const key = personKeys(this.prefix, personId).followerSnapshots(platform);
    const raw = await this.redis.lrangeBuffer(key, 0, -1);
    return raw.reduce((n, b) => n + b.length, 0);
  }
}
