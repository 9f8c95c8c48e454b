/**
 * `data/manifest.js` (`window.__THAR_CONFIG = {...}`), the archive's own index, and the choice of which
 * `data/*.js` parts hold each data type.
 */

import { asRecord, asString } from './json.js';
import { capOptional, TEXT_LIMITS } from '../text-limits.js';

export interface XManifest {
  accountId: string | null;
  userName: string | null;
  displayName: string | null;
  generatedAt: number | null;
  partial: boolean;
  /** Files listed per data type key (`following`, `tweets`, `directMessages` …) with their entry counts. */
  dataTypes: Map<string, { fileName: string; count: number | null }[]>;
}

/** Parses the manifest; throws an `Error` whose message says what is wrong with it. */
export function parseManifest(source: string): XManifest {
  const eq = source.indexOf('=');
  if (eq < 0) throw new Error('it does not start with "window.__THAR_CONFIG ="');
  let config: Record<string, unknown> | null;
  try {
    config = asRecord(
      JSON.parse(
        source
          .slice(eq + 1)
          .trim()
          .replace(/;$/, ''),
      ),
    );
  } catch (error) {
    throw new Error(`it is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!config) throw new Error('it holds no settings object');
  const userInfo = asRecord(config.userInfo) ?? {};
  const archiveInfo = asRecord(config.archiveInfo) ?? {};
  const generated = asString(archiveInfo.generationDate);
  const generatedAt = generated ? Date.parse(generated) : Number.NaN;
  const dataTypes = new Map<string, { fileName: string; count: number | null }[]>();
  for (const [key, value] of Object.entries(asRecord(config.dataTypes) ?? {})) {
    const files = asRecord(value)?.files;
    if (!Array.isArray(files)) continue;
    const list = [];
    for (const file of files) {
      const fileName = asString(asRecord(file)?.fileName);
      if (!fileName) continue;
      const count = Number(asString(asRecord(file)?.count) ?? Number.NaN);
      list.push({ fileName: normalizeFileName(fileName), count: Number.isFinite(count) ? count : null });
    }
    dataTypes.set(key, list);
  }
  return {
    accountId: asString(userInfo.accountId),
    userName: asString(userInfo.userName),
    displayName: capOptional(asString(userInfo.displayName), TEXT_LIMITS.name),
    generatedAt: Number.isFinite(generatedAt) ? generatedAt : null,
    partial: archiveInfo.isPartialArchive === true || archiveInfo.isPartialArchive === 'true',
    dataTypes,
  };
}

function normalizeFileName(name: string): string {
  const bare = name.replace(/^\.?\//, '');
  return bare.startsWith('data/') ? bare : `data/${bare}`;
}

/**
 * The data types Tend reads: their manifest keys and file base names. Archives before about Dec 2022
 * say `tweet` where newer ones say `tweets`; those of 2018 say `direct-message` (singular).
 */
export const X_DATA_TYPES = {
  account: { keys: ['account'], bases: ['account'] },
  profile: { keys: ['profile'], bases: ['profile'] },
  block: { keys: ['block'], bases: ['block'] },
  mute: { keys: ['mute'], bases: ['mute'] },
  following: { keys: ['following'], bases: ['following'] },
  follower: { keys: ['follower'], bases: ['follower'] },
  tweets: { keys: ['tweets', 'tweet'], bases: ['tweets', 'tweet'] },
  like: { keys: ['like'], bases: ['like'] },
  directMessages: { keys: ['directMessages'], bases: ['direct-messages', 'direct-message'] },
  directMessageHeaders: { keys: ['directMessageHeaders'], bases: ['direct-message-headers'] },
  directMessagesGroup: {
    keys: ['directMessagesGroup'],
    bases: ['direct-messages-group', 'direct-message-group'],
  },
  directMessageGroupHeaders: { keys: ['directMessageGroupHeaders'], bases: ['direct-message-group-headers'] },
} as const satisfies Record<string, { keys: readonly string[]; bases: readonly string[] }>;

export type XDataType = keyof typeof X_DATA_TYPES;

export interface ResolvedParts {
  /** Parts present in the ZIP, in part order, with the entry count the manifest gives for each. */
  files: { name: string; count: number | null }[];
  /** Entries the manifest promises for this type, or null when it does not say. */
  manifestCount: number | null;
  /** Parts the manifest lists that the ZIP does not hold. */
  missing: string[];
}

function partNumber(file: string): number {
  const match = /-part(\d+)\.js$/.exec(file);
  return match ? Number(match[1]) : 0;
}

/**
 * The parts holding one data type: those the manifest lists, plus any the name pattern finds in `dataDir`
 * (`data/`, or '' for a 2018 archive's root): an archive whose manifest omits a type, or has none, still
 * yields its data.
 */
export function resolveParts(
  type: XDataType,
  manifest: XManifest | null,
  names: ReadonlySet<string>,
  dataDir = 'data/',
): ResolvedParts {
  const { keys, bases } = X_DATA_TYPES[type];
  const listed = keys.flatMap((key) => manifest?.dataTypes.get(key) ?? []);
  const pattern = new RegExp(`^${dataDir}(?:${bases.join('|')})(?:-part\\d+)?\\.js$`);
  const files = new Map<string, number | null>();
  for (const f of listed) if (names.has(f.fileName)) files.set(f.fileName, f.count);
  for (const name of names) if (pattern.test(name) && !files.has(name)) files.set(name, null);
  const counts = listed.map((f) => f.count);
  return {
    files: [...files]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => partNumber(a.name) - partNumber(b.name) || a.name.localeCompare(b.name)),
    manifestCount:
      listed.length > 0 && counts.every((c) => c !== null)
        ? counts.reduce<number>((s, c) => s + (c ?? 0), 0)
        : null,
    missing: listed.map((f) => f.fileName).filter((name) => !names.has(name)),
  };
}
