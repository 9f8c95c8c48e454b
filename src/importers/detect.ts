import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { ExportKindVote, xTweetsOnlyError } from './export-kind.js';
import type { ExportKind } from './export-kind.js';
import { parseSnapshotLine } from './snapshot.js';
import { hasZipMagic, readHead, withZip } from './zip.js';
import type { ZipLimits } from './zip.js';

export type InputKind = ExportKind | 'profile-snapshot';

/** Enough for a snapshot's first line, which holds at most one profile. */
const HEAD_BYTES = 256 * 1024;

/**
 * What a file is, by its content, not its name: a ZIP is told apart by the entry names in its central
 * directory (nothing is inflated); a JSON-lines file is a profile snapshot when its first line is a
 * snapshot header or record. `limits` are the user's ZIP caps (the defaults when not given): the entry
 * count is checked here already, so a raised cap must reach this first look too. `name`, how the person
 * knows the file (an upload's own name), names it in messages; by default the path does.
 */
export async function detectKind(path: string, limits?: ZipLimits, name?: string): Promise<InputKind> {
  const label = name ?? basename(path);
  const head = await readHead(path, HEAD_BYTES, name);
  if (hasZipMagic(head)) {
    const vote = new ExportKindVote();
    const pick = (name: string): boolean => {
      vote.see(name);
      return false;
    };
    await withZip(path, { pick, limits, name: label }, async () => undefined);
    if (vote.kind) return vote.kind;
    if (vote.xTweetsOnly) throw xTweetsOnlyError(label);
    throw new UserError(
      `${label} is a ZIP, but neither an X archive (it would hold data/manifest.js and data/following.js, or ` +
        'following.js at its root in archives from 2018) ' +
        'nor an Instagram export (it would hold following.json and followers_1.json).',
    );
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split('\n', 1)[0]!.trim();
  if (firstLine !== '' && !('unreadable' in parseSnapshotLine(firstLine))) return 'profile-snapshot';
  throw new UserError(`${label} is not an X archive, an Instagram export or a Tend profile snapshot.`);
}
