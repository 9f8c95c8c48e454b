/**
 * Tend's profile snapshot: JSON lines. An optional header line
 * `{"tend":"profiles","version":1,"platform":"x","fetchedAt":"ISO"}`, then one line per account:
 * `{"id","handle","fetchedAt","user":{X API v2 user}}` or `{"id","handle","fetchedAt","error":{"kind","detail"}}`.
 */

import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { learnAlias } from '../ledger.js';
import type { GoneKind, ImportedExport, Platform, Profile } from '../model.js';
import { parseXUser, profileFromXUser } from '../sources/x-user.js';
import type { XUserV2 } from '../sources/x-user.js';
import { asRecord, asString } from './json.js';
import { instagramProfiles, parseInstagramLine, type InstagramRecord } from './instagram-snapshot.js';

export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  tend: 'profiles';
  version: number;
  platform: Platform;
  fetchedAt: string;
}

interface RecordBase {
  id: string;
  handle: string | null;
  fetchedAt: string;
}

export type SnapshotRecord =
  (RecordBase & { user: XUserV2 }) | (RecordBase & { error: { kind: GoneKind; detail: string } });

export interface ProfileSnapshot {
  /** The platform the header names, or null when the file has no header (older snapshots: X). */
  platform: Platform | null;
  /** Keyed by id and by `@` + lowercased handle (the same object under both). */
  profiles: Map<string, Profile>;
  warnings: string[];
  unreadable: { file: string; count: number; reason: string }[];
}

const GONE_KINDS: ReadonlySet<string> = new Set<GoneKind>([
  'suspended',
  'deactivated',
  'deleted',
  'withheld',
  'unauthorized',
  'not_found',
]);
/** Longer lines are not profiles; refusing them keeps a corrupt file from being parsed at length. */
const MAX_LINE = 1024 * 1024;

export function snapshotHeader(fetchedAt: string, platform: Platform = 'x'): string {
  const header: SnapshotHeader = { tend: 'profiles', version: SNAPSHOT_VERSION, platform, fetchedAt };
  return JSON.stringify(header);
}

export function snapshotLine(record: SnapshotRecord): string {
  return JSON.stringify(record);
}

/** A whole snapshot: the header, then one line per record, each ending in a newline. */
export function formatSnapshot(
  records: Iterable<SnapshotRecord>,
  fetchedAt: string,
  platform: Platform = 'x',
): string {
  const lines = [snapshotHeader(fetchedAt, platform)];
  for (const record of records) lines.push(snapshotLine(record));
  return `${lines.join('\n')}\n`;
}

export type SnapshotLine =
  | { header: SnapshotHeader }
  | { record: SnapshotRecord }
  | { instagram: InstagramRecord }
  | { unreadable: string };

/** Parses one line of a snapshot. */
export function parseSnapshotLine(line: string): SnapshotLine {
  if (line.length > MAX_LINE) return { unreadable: 'line too long' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { unreadable: 'not valid JSON' };
  }
  const o = asRecord(value);
  if (o?.tend === 'profiles') {
    const platform = o.platform === 'instagram' ? 'instagram' : 'x';
    return {
      header: {
        tend: 'profiles',
        version: Number(o.version) || 0,
        platform,
        fetchedAt: asString(o.fetchedAt) ?? '',
      },
    };
  }
  // Instagram lines (the browser companion's) are keyed by username; X lines by id.
  if (o && o.id === undefined && typeof o.username === 'string') {
    const parsed = parseInstagramLine(o);
    return 'record' in parsed ? { instagram: parsed.record } : parsed;
  }
  const id = asString(o?.id);
  if (!o || !id) return { unreadable: 'no account id' };
  const base = { id, handle: asString(o.handle), fetchedAt: asString(o.fetchedAt) ?? '' };
  const user = asRecord(o.user);
  if (user) {
    if (!asString(user.id) || !asString(user.username))
      return { unreadable: 'user object without id or username' };
    const checked = parseXUser(user);
    if ('problem' in checked) return { unreadable: checked.problem };
    return { record: { ...base, user: checked.user } };
  }
  const error = asRecord(o.error);
  const kind = asString(error?.kind);
  if (kind && GONE_KINDS.has(kind)) {
    return { record: { ...base, error: { kind: kind as GoneKind, detail: asString(error?.detail) ?? '' } } };
  }
  return { unreadable: error ? `unknown error kind "${kind ?? ''}"` : 'neither a user nor an error' };
}

export function profileOfRecord(record: SnapshotRecord): Profile {
  if ('user' in record) return profileFromXUser(record.user);
  return { id: record.id, handle: record.handle, gone: record.error };
}

/**
 * Reads a snapshot as a stream. When an account appears twice, its most recent fetch wins. `name`, how
 * the person knows the file (an upload's own name), names it in messages; by default the path does.
 */
export async function readProfileSnapshot(path: string, name?: string): Promise<ProfileSnapshot> {
  const file = name ?? basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `Cannot read ${name ?? path}: ${code === 'ENOENT' ? 'there is no such file' : String(code)}.`,
    );
  }
  const input = handle.createReadStream({ encoding: 'utf8' });
  let streamError: Error | null = null;
  input.on('error', (error) => (streamError = error));
  const byId = new Map<string, { profile: Profile; fetchedAt: string }>();
  const unreadable = new Map<string, number>();
  const warnings: string[] = [];
  let platform: Platform | null = null;
  const instagram: InstagramRecord[] = [];
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '') continue;
    const parsed = parseSnapshotLine(line);
    if ('unreadable' in parsed) {
      unreadable.set(parsed.unreadable, (unreadable.get(parsed.unreadable) ?? 0) + 1);
    } else if ('instagram' in parsed) {
      instagram.push(parsed.instagram);
    } else if ('header' in parsed) {
      platform ??= parsed.header.platform;
      if (parsed.header.version > SNAPSHOT_VERSION) {
        warnings.push(
          `${file} was written by a newer version of Tend (format ${parsed.header.version}); some fields may be missed.`,
        );
      }
    } else {
      const known = byId.get(parsed.record.id);
      if (!known || known.fetchedAt <= parsed.record.fetchedAt) {
        byId.set(parsed.record.id, {
          profile: profileOfRecord(parsed.record),
          fetchedAt: parsed.record.fetchedAt,
        });
      }
    }
  }
  if (streamError)
    throw new UserError(`${file} could not be read to the end: ${(streamError as Error).message}.`);
  const profiles = new Map<string, Profile>();
  for (const [id, { profile }] of byId) {
    profiles.set(id, profile);
    if (profile.handle) profiles.set(`@${profile.handle.toLowerCase()}`, profile);
  }
  for (const [key, profile] of instagramProfiles(instagram)) profiles.set(key, profile);
  if (instagram.length > 0) platform ??= 'instagram';
  if (byId.size === 0 && instagram.length === 0) warnings.push(`${file} holds no profiles.`);
  return {
    platform,
    profiles,
    warnings,
    unreadable: [...unreadable].map(([reason, count]) => ({ file, count, reason })),
  };
}

/**
 * Attaches profiles to followed accounts, by id, or by handle when the account has no id (or when the
 * ids agree). Fills missing handles and ids from the profiles, and teaches the ledger every profile's
 * handle so that handle-only events (quotes, likes) join the id. Pure: the input is not changed.
 */
export function joinProfiles(
  exp: ImportedExport,
  profiles: ReadonlyMap<string, Profile>,
): { export: ImportedExport; matched: number } {
  let matched = 0;
  const following = exp.following.map((account) => {
    const byId = account.id ? profiles.get(account.id) : undefined;
    const byHandle = account.handle ? profiles.get(`@${account.handle.toLowerCase()}`) : undefined;
    const profile =
      byId ??
      (byHandle && (!account.id || !byHandle.id || byHandle.id === account.id) ? byHandle : undefined);
    if (!profile) return account;
    matched++;
    return { ...account, id: account.id ?? profile.id, handle: account.handle ?? profile.handle, profile };
  });
  const ledger = structuredClone(exp.ledger);
  for (const profile of profiles.values()) {
    if (profile.id && profile.handle) learnAlias(ledger, profile.handle, profile.id);
  }
  return { export: { ...exp, following, ledger }, matched };
}
