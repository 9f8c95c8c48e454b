/**
 * The Instagram lines of a Tend profile snapshot, as the browser companion writes them
 * (docs/FORMATS.md, "Tend profile snapshot"): keyed by username, each with the account's numeric `pk`
 * where known and when it was fetched:
 * - `{"username","pk","fetched_at","from":"following","fields":{full_name, is_private, is_verified,
 *   has_anonymous_profile_picture, latest_reel_media},"formerly"?:[usernames]}` — a row of the following list;
 * - `{"username","pk","fetched_at","from":"profile","fields":{…, biography, follower_count, …, posts}}` —
 *   a profile lookup (web_profile_info);
 * - `{"username","pk"?,"fetched_at","not_found":true}` — the lookup found no one by that name.
 * A username the lookup no longer finds is gone, unless the same pk goes by a new username (then the
 * account is the new one's, renamed).
 */
import type { Profile } from '../model.js';
import { capOptional, capText, TEXT_LIMITS } from '../text-limits.js';
import { asArray, asRecord, asString, type JsonRecord } from './json.js';

export interface InstagramRecord {
  username: string;
  pk: string | null;
  fetchedAt: number;
  kind: 'following' | 'profile' | 'not_found';
  fields: JsonRecord;
  /** Usernames the same pk went by before (seen in an earlier reading of the following list). */
  formerly: string[];
}

/** Instagram allows 30 characters of letters, digits, `.` and `_`. */
const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
/** Captions kept per profile: the companion writes the latest twelve. */
const MAX_POSTS = 12;

const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** The most former usernames one line may give. */
const MAX_FORMER_NAMES = 10;

/** One Instagram line, or why it cannot be read. */
export function parseInstagramLine(o: JsonRecord): { record: InstagramRecord } | { unreadable: string } {
  const username = asString(o.username);
  if (!username || !USERNAME.test(username)) return { unreadable: 'no Instagram username' };
  const fetchedAt = Date.parse(asString(o.fetched_at) ?? '');
  if (Number.isNaN(fetchedAt)) return { unreadable: 'no fetch time' };
  const pk = asString(o.pk) ?? (typeof o.pk === 'number' ? String(o.pk) : null);
  // A handful of former names is all a rename needs; more is a hostile line multiplying profiles.
  const formerly = asArray(o.formerly)
    .filter((u): u is string => typeof u === 'string' && USERNAME.test(u))
    .slice(0, MAX_FORMER_NAMES);
  if (o.not_found === true)
    return { record: { username, pk, fetchedAt, kind: 'not_found', fields: {}, formerly } };
  const fields = asRecord(o.fields);
  if (!fields) return { unreadable: 'neither fields nor not_found' };
  const kind = o.from === 'following' ? 'following' : o.from === 'profile' ? 'profile' : null;
  if (!kind) return { unreadable: `unknown source "${asString(o.from) ?? ''}"` };
  return { record: { username, pk, fetchedAt, kind, fields, formerly } };
}

function seconds(v: unknown): number | null {
  const s = num(v);
  return s && s > 0 ? s * 1000 : null;
}

/** A profile from the latest lookup of an account and its latest row in the following list. */
function profileOf(username: string, lookup: InstagramRecord | null, row: InstagramRecord | null): Profile {
  const f = { ...(row?.fields ?? {}), ...(lookup?.fields ?? {}) };
  const story = seconds(row?.fields.latest_reel_media) ?? seconds(f.latest_reel_media);
  const posts = asArray(f.posts)
    .slice(0, MAX_POSTS)
    .map(asRecord)
    .filter((p): p is JsonRecord => p !== null);
  // A pinned post stays on top however old it is: it dates nothing.
  const dated = posts.filter((p) => p.pinned !== true).map((p) => seconds(p.taken_at) ?? 0);
  const lastPost = dated.length > 0 ? Math.max(...dated) : 0;
  const lastActive = Math.max(lastPost, story ?? 0);
  const captions = posts
    .map((p) => capText(asString(p.caption) ?? '', TEXT_LIMITS.post))
    .filter((c) => c.trim() !== '');
  const links = asArray(f.bio_links).filter((l): l is string => typeof l === 'string');
  const defaultAvatar =
    bool(f.has_anonymous_profile_picture) ?? bool(row?.fields.has_anonymous_profile_picture);
  const profile: Profile = {
    id: lookup?.pk ?? row?.pk ?? null,
    handle: username,
    name: capOptional(asString(f.full_name), TEXT_LIMITS.name),
    protected: bool(f.is_private),
    verified: bool(f.is_verified),
    defaultAvatar,
    lastStoryAt: story,
    platform: 'instagram',
    fetchedAt: (lookup ?? row)?.fetchedAt ?? null,
  };
  if (!lookup) return { ...profile, listOnly: true };
  return {
    ...profile,
    bio: capText(asString(f.biography) ?? '', TEXT_LIMITS.bio),
    url: capOptional(asString(f.external_url) ?? links[0] ?? null, TEXT_LIMITS.url),
    followersCount: num(f.follower_count),
    followingCount: num(f.following_count),
    postCount: num(f.media_count),
    lastPostAt: lastActive > 0 ? lastActive : null,
    recentPosts: captions,
    category: capOptional(asString(f.category_name), TEXT_LIMITS.name),
    isBusiness: bool(f.is_business_account),
  };
}

const latest = (a: InstagramRecord | null, b: InstagramRecord) => (!a || b.fetchedAt >= a.fetchedAt ? b : a);

/**
 * The profiles the records describe, keyed by `@` + lowercased username (and by pk for live accounts).
 * For each username: the latest lookup wins; a "not found" later than any lookup makes it gone, unless its
 * pk (from an earlier lookup, the following list, or the line itself) goes by another username now, or the
 * following list names it among another account's former usernames: then it is that account, renamed.
 */
export function instagramProfiles(records: readonly InstagramRecord[]): Map<string, Profile> {
  const byName = new Map<
    string,
    { lookup: InstagramRecord | null; row: InstagramRecord | null; missing: InstagramRecord | null }
  >();
  const slot = (u: string) => {
    const key = u.toLowerCase();
    let s = byName.get(key);
    if (!s) byName.set(key, (s = { lookup: null, row: null, missing: null }));
    return s;
  };
  /** pk → the username it went by most recently, and when. */
  const current = new Map<string, InstagramRecord>();
  const formerOf = new Map<string, string>();
  for (const r of records) {
    const s = slot(r.username);
    if (r.kind === 'profile') s.lookup = latest(s.lookup, r);
    else if (r.kind === 'following') s.row = latest(s.row, r);
    else s.missing = latest(s.missing, r);
    if (r.pk && r.kind !== 'not_found') current.set(r.pk, latest(current.get(r.pk) ?? null, r));
    for (const old of r.formerly) formerOf.set(old.toLowerCase(), r.username);
  }
  const profiles = new Map<string, Profile>();
  const live = new Map<string, Profile>();
  for (const [key, s] of byName) {
    const seen = s.lookup && s.row ? latest(s.lookup, s.row) : (s.lookup ?? s.row);
    if (seen && (!s.missing || seen.fetchedAt > s.missing.fetchedAt)) {
      const profile = profileOf(seen.username, s.lookup, s.row);
      live.set(key, profile);
      profiles.set(key.startsWith('@') ? key : `@${key}`, profile);
      if (profile.id) profiles.set(profile.id, profile);
    }
  }
  for (const [key, s] of byName) {
    if (live.has(key) || !s.missing) continue;
    const pk = s.missing.pk ?? s.lookup?.pk ?? s.row?.pk ?? null;
    const now = pk ? current.get(pk) : undefined;
    const renamedTo = now && now.username.toLowerCase() !== key ? now.username : (formerOf.get(key) ?? null);
    const target = renamedTo ? live.get(renamedTo.toLowerCase()) : undefined;
    if (renamedTo && target) {
      profiles.set(`@${key}`, { ...target, renamedTo });
      continue;
    }
    profiles.set(`@${key}`, {
      id: pk,
      handle: s.missing.username,
      platform: 'instagram',
      fetchedAt: s.missing.fetchedAt,
      gone: {
        kind: 'not_found',
        detail: `no account @${s.missing.username} on ${new Date(s.missing.fetchedAt).toISOString().slice(0, 10)}: deleted, deactivated, or it blocked you`,
      },
    });
  }
  // A former username no lookup asked about: the export still calls the account by it.
  for (const [old, now] of formerOf) {
    const target = live.get(now.toLowerCase());
    if (!profiles.has(`@${old}`) && target) profiles.set(`@${old}`, { ...target, renamedTo: now });
  }
  return profiles;
}
