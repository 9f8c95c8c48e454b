import {
  DAY_MS,
  type AuditInput,
  type AuditReport,
  type ImportedExport,
  type Profile,
  type Thresholds,
} from '../model.js';
import { joinProfiles } from '../importers/snapshot.js';
import { resolveInterests } from '../engine/interests.js';
import { audit } from '../engine/classify.js';
import { typedName } from '../engine/typed-account.js';
import type { BotScorer } from '../engine/bot-score.js';

/** Everything one audit needs besides the engine: what was imported and what the person asked for. */
export interface AuditRequest {
  imported: ImportedExport;
  /** Profiles from snapshots, keyed by id and by `@handle`; null when none were given. */
  profiles: Map<string, Profile> | null;
  /** Interests the person gave; null to infer them from their own posts, bio and likes. */
  interests: string[] | null;
  /** Handles (with or without `@`) or ids to keep whatever the signals. */
  keep: string[];
  /** What reading the other inputs (profile snapshots) found worth telling. */
  warnings?: string[];
  now: number;
  thresholds: Thresholds;
}

/** An export older than this misses recent interactions: say so. */
const STALE_EXPORT_DAYS = 30;

function normalizeKeep(entries: Iterable<string>): Set<string> {
  const keep = new Set<string>();
  for (const entry of entries) {
    const trimmed = typedName(entry).toLowerCase();
    if (trimmed) keep.add(trimmed);
  }
  return keep;
}

/**
 * Joins profiles, settles interests and the keep list, and gathers every warning for the report: the
 * pure step from import to engine input.
 */
export function prepareAudit(request: AuditRequest): AuditInput {
  const notes: string[] = [];
  let imported = request.imported;
  if (request.profiles) {
    const joined = joinProfiles(imported, request.profiles);
    imported = joined.export;
    const total = imported.following.length;
    if (joined.matched < total) {
      notes.push(
        `The profile snapshot covers ${joined.matched} of ${total} followed accounts; the others are judged without a profile.`,
      );
    }
  }
  const keep = normalizeKeep(request.keep);
  const candidates = normalizeKeep(imported.keepCandidates);
  for (const candidate of candidates) keep.add(candidate);
  // A close friend the person does not follow is not in the audit: only the followed ones are kept.
  const followed = normalizeKeep(imported.following.flatMap((a) => [a.key, a.handle ?? '']));
  const keptFriends = [...candidates].filter((c) => followed.has(c)).length;
  if (keptFriends > 0) {
    notes.push(
      `${keptFriends} close ${keptFriends === 1 ? 'friend' : 'friends'} from your Instagram export ${keptFriends === 1 ? 'is' : 'are'} kept whatever the signals.`,
    );
  }
  // Instagram Favourites are kept like close friends.
  const favorites = [...normalizeKeep(imported.favorites ?? [])].filter((f) => followed.has(f));
  for (const f of favorites) keep.add(f);
  if (favorites.length > 0) {
    notes.push(
      `${favorites.length} ${favorites.length === 1 ? 'account' : 'accounts'} in your Instagram Favourites ${favorites.length === 1 ? 'is' : 'are'} kept whatever the signals.`,
    );
  }
  return {
    platform: imported.platform,
    owner: imported.owner,
    following: imported.following,
    followers: imported.followers,
    ledger: imported.ledger,
    interests: resolveInterests(request.interests, imported.ownerTexts),
    ownerTexts: imported.ownerTexts,
    keep,
    muted: imported.muted,
    now: request.now,
    thresholds: request.thresholds,
    warnings: [...(request.warnings ?? []), ...importWarnings(request.imported, request.now), ...notes],
  };
}

/**
 * What the import wants the person to know (its warnings already name every unreadable entry), plus
 * what only the audit's date reveals: a stale export.
 */
function importWarnings(imported: ImportedExport, now: number): string[] {
  const warnings = [...imported.warnings];
  if (imported.generatedAt !== null) {
    const age = Math.floor((now - imported.generatedAt) / DAY_MS);
    if (age > STALE_EXPORT_DAYS) {
      const date = new Date(imported.generatedAt).toISOString().slice(0, 10);
      warnings.push(
        `The export is from ${date}, ${age} days before this audit: interactions since then are not in it. Download a fresh one, or audit as of that date with --now ${date}.`,
      );
    }
  }
  if (imported.pendingRequests.length > 0) {
    const n = imported.pendingRequests.length;
    warnings.push(
      `${n} follow ${n === 1 ? 'request you sent is' : 'requests you sent are'} still pending; they are not audited.`,
    );
  }
  return warnings;
}

export function runAudit(request: AuditRequest, deps: { botScorer: BotScorer }): AuditReport {
  return audit(prepareAudit(request), deps);
}
