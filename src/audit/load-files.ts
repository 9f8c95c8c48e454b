import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isUserError, UserError } from '../errors.js';
import type { ImportedExport, Platform, Profile } from '../model.js';
import { EXPORT_NAME, PLATFORM_NAME } from '../report/labels.js';
import {
  detectKind,
  importInstagram,
  importXArchive,
  readProfileSnapshot,
  type ZipLimits,
} from '../importers/index.js';

export interface LoadedFiles {
  imported: ImportedExport;
  profiles: Map<string, Profile> | null;
  warnings: string[];
}

export type ProgressListener = (file: string) => ((done: number, total: number) => void) | undefined;

/**
 * Reads one export and any number of profile snapshots, each recognised by its content. A file given by
 * its path (the CLI's) is named by it; an upload's, by the name the person knows it by.
 */
export async function loadFiles(
  files: (string | UploadedFile)[],
  limits: ZipLimits,
  onProgress: ProgressListener,
): Promise<LoadedFiles> {
  let imported: ImportedExport | null = null;
  let profiles: Map<string, Profile> | null = null;
  /** Which file gave profiles of which platform: an X snapshot must never name Instagram accounts. */
  const snapshots: { file: string; platform: Platform }[] = [];
  const warnings: string[] = [];
  for (const given of files) {
    const { path: file, name } = typeof given === 'string' ? { path: given, name: undefined } : given;
    const shown = name ?? basename(file);
    const info = await stat(file).catch(() => null);
    if (!info) throw new UserError(`${name ?? file}: no such file`);
    if (!info.isFile()) throw new UserError(`${name ?? file}: not a file`);
    const kind = await detectKind(file, limits, name);
    if (kind === 'profile-snapshot') {
      const snapshot = await readProfileSnapshot(file, name);
      // Snapshots before the header existed were all fetched from X.
      snapshots.push({ file: shown, platform: snapshot.platform ?? 'x' });
      profiles ??= new Map();
      // Of two snapshots describing one account, the later fetch wins, whichever file came first; but a
      // profile seen only in a following list never replaces one looked up (each companion file re-reads
      // the whole list, and a later file may hold only the list row of an account an earlier one looked up).
      for (const [key, profile] of snapshot.profiles) {
        const known = profiles.get(key);
        const later = !known || (profile.fetchedAt ?? 0) >= (known.fetchedAt ?? 0);
        const listOverLookup = known !== undefined && profile.listOnly === true && known.listOnly !== true;
        const lookupOverList = known?.listOnly === true && profile.listOnly !== true;
        if (lookupOverList || (later && !listOverLookup)) profiles.set(key, profile);
      }
      warnings.push(...snapshot.warnings);
      for (const { count, reason } of snapshot.unreadable) {
        warnings.push(`${shown}: ${count} ${count === 1 ? 'line' : 'lines'} could not be read (${reason}).`);
      }
      continue;
    }
    if (imported) {
      throw new UserError(
        `${name ?? file}: one export per audit, please — ${EXPORT_NAME[imported.platform]} was already given`,
      );
    }
    const options = { limits, onProgress: onProgress(name ?? file), ...(name ? { name } : {}) };
    imported =
      kind === 'x-archive' ? await importXArchive(file, options) : await importInstagram(file, options);
  }
  if (!imported) {
    throw new UserError(
      'no export given: add an X archive or an Instagram export (.zip); a profile snapshot alone has nothing to audit',
    );
  }
  const foreign = snapshots.find((s) => s.platform !== imported.platform);
  if (foreign) {
    const platform = PLATFORM_NAME[foreign.platform];
    throw new UserError(
      `${foreign.file} holds ${platform} profiles; it cannot describe the accounts of ${EXPORT_NAME[imported.platform]}`,
    );
  }
  return { imported, profiles, warnings };
}

/** A file of an upload: where it was fetched to, and the name the person knows it by. */
export interface UploadedFile {
  path: string;
  name: string;
}

const COMPANION_SNAPSHOT = 'the .jsonl Tend’s browser companion saved';

/** The refusal of an export of the other platform than the audit's source, saying which source fits it. */
function wrongSource(name: string, platform: Platform, expected: Platform): UserError {
  return new UserError(
    `${name} is ${EXPORT_NAME[platform]}, not ${EXPORT_NAME[expected]}: audit it with source ${platform === 'x' ? 'x-archive' : 'instagram'}`,
  );
}

/**
 * Reads an upload of the bot as the CLI reads its files: the export attached as `file`, and beside it,
 * as `profiles`, a profile snapshot. Each has its own slot in /audit, so a file in the wrong one is
 * named, with the slot it belongs in, before anything is read; so is an export of the other platform
 * than `expected` (the audit's source), which would otherwise be read whole first.
 */
export async function loadUpload(
  exported: UploadedFile,
  profiles: UploadedFile | null,
  limits: ZipLimits,
  expected: Platform | null = null,
): Promise<LoadedFiles> {
  const kind = await detectKind(exported.path, limits, exported.name);
  if (kind === 'profile-snapshot')
    throw new UserError(
      `${exported.name} is a profile snapshot, not an export: attach your export (.zip) as file${profiles ? '' : ', and the snapshot as profiles'}`,
    );
  const platform = kind === 'x-archive' ? 'x' : 'instagram';
  if (expected && platform !== expected) throw wrongSource(exported.name, platform, expected);
  if (profiles) {
    const kind = await detectKind(profiles.path, limits, profiles.name).catch((error: unknown) => {
      if (!isUserError(error)) throw error;
      throw new UserError(
        `${profiles.name} is not a profile snapshot: attach as profiles ${COMPANION_SNAPSHOT}`,
      );
    });
    if (kind !== 'profile-snapshot')
      throw new UserError(
        `${profiles.name} is ${EXPORT_NAME[kind === 'x-archive' ? 'x' : 'instagram']}, not a profile snapshot: attach the export as file, and as profiles ${COMPANION_SNAPSHOT}`,
      );
  }
  return loadFiles(profiles ? [exported, profiles] : [exported], limits, () => undefined);
}
