import { readFile, writeFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import {
  applyFollowerDelta,
  decodeFollowerEntry,
  encodeFollowerDelta,
  encodeFollowerSnapshot,
  followerDelta,
  SnapshotDecodeError,
  type FollowerEntry,
  type FollowerSnapshot,
} from '../store/follower-snapshot-codec.js';

/**
 * The CLI's follower history: the snapshots of earlier followers audits in one small JSON file, in
 * base64 — the newest a gzipped packed list, each older one a delta from the one after it
 * (follower-snapshot-codec.ts), as the bot keeps them in Redis — so `tend --followers` on next month's
 * archive can say who is new, who left and who churned.
 *
 *   {"tend":"follower-snapshots","version":1,"snapshots":["H4sI…", …]}
 */

export const KEPT_SNAPSHOTS = 12;

export function parseFollowerHistory(text: string, file: string): FollowerSnapshot[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`--followers-history ${file}: not a Tend follower history (not JSON)`);
  }
  const body = parsed as { tend?: unknown; version?: unknown; snapshots?: unknown };
  if (body?.tend !== 'follower-snapshots' || body.version !== 1 || !Array.isArray(body.snapshots))
    throw new UserError(`--followers-history ${file}: not a Tend follower history`);
  const entries: FollowerEntry[] = body.snapshots.map((entry, i) => {
    try {
      if (typeof entry !== 'string') throw new SnapshotDecodeError('not text');
      return decodeFollowerEntry(Buffer.from(entry, 'base64'));
    } catch (error) {
      if (!(error instanceof SnapshotDecodeError)) throw error;
      throw new UserError(`--followers-history ${file}: snapshot ${i + 1} cannot be read (${error.message})`);
    }
  });
  // Rebuilt from the newest back: each delta applies to the snapshot after it.
  const snapshots: FollowerSnapshot[] = [];
  let newer: FollowerSnapshot | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.kind === 'full') newer = entry.snapshot;
    else if (newer) newer = applyFollowerDelta(entry.delta, newer);
    else
      throw new UserError(
        `--followers-history ${file}: snapshot ${i + 1} is a change from a snapshot that is not there`,
      );
    snapshots.push(newer);
  }
  return snapshots.reverse();
}

export function formatFollowerHistory(snapshots: readonly FollowerSnapshot[]): string {
  const kept = [...snapshots].sort((a, b) => a.at - b.at).slice(-KEPT_SNAPSHOTS);
  return `${JSON.stringify({
    tend: 'follower-snapshots',
    version: 1,
    snapshots: kept.map((s, i) => {
      const next = kept[i + 1];
      const bytes =
        next && next.owner === s.owner
          ? encodeFollowerDelta(followerDelta(s, next))
          : encodeFollowerSnapshot(s);
      return bytes.toString('base64');
    }),
  })}\n`;
}

/** The history in `file`, or none when the file is not there yet. */
export async function readFollowerHistory(file: string): Promise<FollowerSnapshot[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UserError(`--followers-history ${file}: cannot read the file`);
  }
  return parseFollowerHistory(text, file);
}

/** Adds this audit's snapshot, replacing one taken at the same time (an audit run twice as of one date). */
export async function appendFollowerHistory(
  file: string,
  history: readonly FollowerSnapshot[],
  snapshot: FollowerSnapshot,
): Promise<void> {
  const rest = history.filter((s) => !(s.at === snapshot.at && s.owner === snapshot.owner));
  await writeFile(file, formatFollowerHistory([...rest, snapshot])).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      `--followers-history ${file}: cannot write the file (${error.code ?? error.message})`,
    );
  });
}
