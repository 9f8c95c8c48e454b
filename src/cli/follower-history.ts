import { readFile, writeFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import {
  decodeFollowerSnapshot,
  encodeFollowerSnapshot,
  SnapshotDecodeError,
  type FollowerSnapshot,
} from '../store/follower-snapshot-codec.js';

/**
 * The CLI's follower history: the snapshots of earlier followers audits in one small JSON file, each a
 * gzipped packed list (follower-snapshot-codec.ts) in base64, so `tend --followers` on next month's
 * archive can say who is new, who left and who churned. The bot keeps the same snapshots in Redis.
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
  return body.snapshots.map((entry, i) => {
    try {
      if (typeof entry !== 'string') throw new SnapshotDecodeError('not text');
      return decodeFollowerSnapshot(Buffer.from(entry, 'base64'));
    } catch (error) {
      if (!(error instanceof SnapshotDecodeError)) throw error;
      throw new UserError(`--followers-history ${file}: snapshot ${i + 1} cannot be read (${error.message})`);
    }
  });
}

export function formatFollowerHistory(snapshots: readonly FollowerSnapshot[]): string {
  const kept = [...snapshots].sort((a, b) => a.at - b.at).slice(-KEPT_SNAPSHOTS);
  return `${JSON.stringify({
    tend: 'follower-snapshots',
    version: 1,
    snapshots: kept.map((s) => encodeFollowerSnapshot(s).toString('base64')),
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
