import type { Redis } from 'ioredis';
import type { Platform } from '../model.js';
import { fencedWrite, type Write, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';
import {
  applyFollowerDelta,
  decodeFollowerEntry,
  encodeFollowerDelta,
  encodeFollowerSnapshot,
  followerDelta,
  SnapshotDecodeError,
  type FollowerSnapshot,
} from './follower-snapshot-codec.js';

/** Snapshots kept a person and platform: enough for churn over a few months of audits. */
export const DEFAULT_KEPT_SNAPSHOTS = 12;
/** Kept this long after the last followers audit: a year, so "lost since last time" spans a long gap. */
export const DEFAULT_SNAPSHOT_RETENTION_MS = 366 * 86_400_000;

/**
 * The follower lists of a person's past audits (follower-snapshot-codec.ts), so that new, lost and
 * churned followers cost no extra call at the next audit. One Redis list per platform under the person's
 * hash tag, oldest first: the newest entry is a full snapshot (a gzipped packed list), each older one a
 * delta from the entry after it, so a history of audits a week apart costs little more than one list.
 * `/forget` deletes it with everything else of the person's.
 */
export class FollowerSnapshots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly kept: number = DEFAULT_KEPT_SNAPSHOTS,
    private readonly retentionMs: number = DEFAULT_SNAPSHOT_RETENTION_MS,
  ) {}

  /**
   * Adds the snapshot of this audit: the previous newest becomes a delta from it, the oldest beyond
   * `kept` are dropped, all or nothing. A snapshot of the same owner taken at the same time as the
   * newest replaces it: the bot's followers audit completed with the lookups the person confirmed is
   * audited as of the audit it completes. One audit runs per person at a time, so nothing else writes
   * between the read of the newest entries and this write.
   */
  async add(
    personId: string,
    platform: Platform,
    snapshot: FollowerSnapshot,
    fence?: WriteFence,
  ): Promise<void> {
    const key = personKeys(this.prefix, personId).followerSnapshots(platform);
    const [beforeLast, last] = await this.redis
      .lrangeBuffer(key, -2, -1)
      .then((r) => (r.length === 2 ? r : [null, r[0]]));
    let previous = last ? this.fullOrNull(last) : null;
    const writes: Write[] = [];
    if (previous && previous.owner === snapshot.owner && previous.at === snapshot.at) {
      writes.push(['RPOP', key]);
      // The one before it is a delta from the one replaced: rebuilt, it is the previous newest.
      const older = beforeLast ? this.entryOrNull(beforeLast) : null;
      previous =
        older?.kind === 'delta'
          ? applyFollowerDelta(older.delta, previous)
          : older?.kind === 'full'
            ? older.snapshot
            : null;
      if (previous && previous.owner === snapshot.owner && previous.at < snapshot.at)
        writes.unshift(['LSET', key, -2, encodeFollowerDelta(followerDelta(previous, snapshot))]);
      else if (previous) writes.unshift(['LSET', key, -2, encodeFollowerSnapshot(previous)]);
    } else if (previous && previous.owner === snapshot.owner && previous.at < snapshot.at)
      writes.push(['LSET', key, -1, encodeFollowerDelta(followerDelta(previous, snapshot))]);
    writes.push(
      ['RPUSH', key, encodeFollowerSnapshot(snapshot)],
      ['LTRIM', key, -this.kept, -1],
      ['PEXPIRE', key, this.retentionMs],
    );
    await fencedWrite(this.redis, this.prefix, personId, writes, fence);
  }

  private fullOrNull(bytes: Buffer): FollowerSnapshot | null {
    const entry = this.entryOrNull(bytes);
    return entry?.kind === 'full' ? entry.snapshot : null;
  }

  private entryOrNull(bytes: Buffer): ReturnType<typeof decodeFollowerEntry> | null {
    try {
      return decodeFollowerEntry(bytes);
    } catch (error) {
      if (error instanceof SnapshotDecodeError) return null;
      throw error;
    }
  }

  /**
   * The stored snapshots of this owner (`x:<id>`), oldest first, rebuilt from the newest back. An
   * entry that cannot be read is skipped with the deltas that depend on it: losing old lists costs a
   * churner less, not the audit.
   */
  async history(personId: string, platform: Platform, owner: string): Promise<FollowerSnapshot[]> {
    const key = personKeys(this.prefix, personId).followerSnapshots(platform);
    const raw = await this.redis.lrangeBuffer(key, 0, -1);
    const snapshots: FollowerSnapshot[] = [];
    let newer: FollowerSnapshot | null = null;
    for (let i = raw.length - 1; i >= 0; i--) {
      let entry;
      try {
        entry = decodeFollowerEntry(raw[i]!);
      } catch (error) {
        if (!(error instanceof SnapshotDecodeError)) throw error;
        // The deltas before it cannot be rebuilt; an older full snapshot still can.
        newer = null;
        continue;
      }
      if (entry.kind === 'full') newer = entry.snapshot;
      else if (newer) newer = applyFollowerDelta(entry.delta, newer);
      else continue;
      if (newer.owner === owner) snapshots.push(newer);
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
