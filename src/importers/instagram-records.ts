/**
 * The record shapes of an Instagram export (FORMATS.md), already mojibake-repaired:
 *  1. bare arrays of `{title, string_list_data: [{href, value, timestamp}]}` (followers_N.json, likes);
 *  2. wrappers `{relationships_following: [...]}` with the username in `title` and a `/_u/` link;
 *  3. 2026 lists of `{timestamp, label_values: [{label, value}]}` with labels in the user's language;
 * any of which may hold a one-item list as a bare object. Comments use `string_map_data` keyed by
 * localised labels.
 */

import { asArray, asRecord, asString } from './json.js';
import type { JsonRecord } from './json.js';
import { capOptional, TEXT_LIMITS } from '../text-limits.js';

export interface Relationship {
  username: string;
  /** Epoch ms, or null when the export gives no time. */
  at: number | null;
}

const USERNAME = /^[A-Za-z0-9._]{1,30}$/;

/** Labels compare without case, and with typographic apostrophes as plain ones. */
function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[’‘`]/g, "'");
}

function labelSet(...labels: string[]): ReadonlySet<string> {
  return new Set(labels.map(normalizeLabel));
}

/** Labels meaning "username", lowercased, in the languages Instagram exports in most often. */
const USERNAME_LABELS = labelSet(
  'username',
  'user name',
  "nom d'utilisateur",
  'nombre de usuario',
  'benutzername',
  'nome utente',
  'nome de usuário',
  'nome de utilizador',
  'gebruikersnaam',
  'nazwa użytkownika',
  'kullanıcı adı',
  'användarnamn',
  'brugernavn',
  'brukernavn',
  'käyttäjänimi',
  'имя пользователя',
  'ім’я користувача',
  'ユーザーネーム',
  '사용자 이름',
  '用户名',
  '用戶名稱',
  'اسم المستخدم',
  'nama pengguna',
  'tên người dùng',
  'ชื่อผู้ใช้',
  'שם משתמש',
  'όνομα χρήστη',
  'uživatelské jméno',
  'felhasználónév',
  'nume de utilizator',
);
const MEDIA_OWNER_LABELS = labelSet(
  'media owner',
  'propriétaire du contenu multimédia',
  'propriétaire du média',
  'propietario del contenido',
  'propietario del contenido multimedia',
  'medieninhaber',
  'inhaber des mediums',
  'proprietario del contenuto',
  'proprietário do conteúdo',
  'proprietário da mídia',
  'eigenaar van media',
);
const COMMENT_LABELS = labelSet(
  'comment',
  'commentaire',
  'comentario',
  'kommentar',
  'commento',
  'comentário',
  'opmerking',
  'reactie',
);
const NAME_LABELS = labelSet('name', 'nom', 'nombre', 'nome', 'naam', 'imię', 'isim', 'namn', 'navn');
const BIO_LABELS = labelSet('bio', 'biographie', 'biografía', 'biografia', 'biografie');

function labelIn(set: ReadonlySet<string>, label: string): boolean {
  return set.has(normalizeLabel(label));
}

/** A username as written, without a leading `@`, or null when the value cannot be one. */
function asUsername(value: unknown): string | null {
  const text = asString(value)?.trim().replace(/^@/, '');
  return text && USERNAME.test(text) ? text : null;
}

/** The username in a profile link: `https://www.instagram.com/_u/fulano/` → `fulano`. */
export function usernameFromHref(href: string): string | null {
  // The query and fragment are cut at their first character, not by `/[?#].*$/`, which starts again at
  // every `?` and `#` of a line that has more: the square of its length.
  const query = href.search(/[?#]/);
  const path = (query < 0 ? href : href.slice(0, query)).replace(/^https?:\/\/[^/]+\/?/i, '');
  const segments = path.split('/').filter((s) => s !== '' && s !== '_u');
  return asUsername(segments.at(-1));
}

interface LabelValue {
  label: string;
  value: string | null;
  href: string | null;
}

function labelValues(item: JsonRecord): LabelValue[] {
  return asArray(item.label_values).flatMap((v) => {
    const entry = asRecord(v);
    if (!entry) return [];
    return [{ label: asString(entry.label) ?? '', value: asString(entry.value), href: asString(entry.href) }];
  });
}

/**
 * The username among localised label/value pairs: a known "username" label, else the one value shaped
 * like a username that is not a link (a display name may look like one, so two candidates mean none).
 */
function usernameFromLabels(values: LabelValue[]): string | null {
  const known = values.find((v) => labelIn(USERNAME_LABELS, v.label) && asUsername(v.value));
  if (known) return asUsername(known.value);
  const candidates = values.filter((v) => normalizeLabel(v.label) !== 'url' && asUsername(v.value));
  return candidates.length === 1 ? asUsername(candidates[0]!.value) : null;
}

/**
 * Milliseconds since the epoch from an Instagram timestamp, which is in seconds, though some files hold
 * milliseconds: a value above 1e11 (the year 5138 in seconds, 1973 in milliseconds) is already in
 * milliseconds. Whether the time is plausible is for the caller to judge.
 */
export function timestampToMs(value: unknown): number | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return null;
  return n > 1e11 ? n : n * 1000;
}

/**
 * The items of a relationship file in any of its shapes, or null when the shape is not recognised.
 * A file holding one item may give it as a bare object instead of a list.
 */
export function relationshipItems(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  const record = asRecord(json);
  if (!record) return null;
  if ('string_list_data' in record || 'label_values' in record || 'string_map_data' in record)
    return [record];
  for (const value of Object.values(record)) {
    if (Array.isArray(value)) return value;
    const inner = asRecord(value);
    if (inner && ('string_list_data' in inner || 'label_values' in inner || 'string_map_data' in inner))
      return [inner];
  }
  return null;
}

/**
 * One account of a relationship or likes file. The username is taken, in this order, from
 * `string_list_data[0].value`, `title`, the username entry of `label_values`, then the link.
 */
export function readRelationship(element: unknown): Relationship | null {
  const item = asRecord(element);
  if (!item) return null;
  const first = asRecord(asArray(item.string_list_data)[0]);
  const labels = labelValues(item);
  const href =
    asString(first?.href) ??
    labels.find((v) => v.href)?.href ??
    labels.find((v) => /^https?:/.test(v.value ?? ''))?.value;
  const username =
    asUsername(first?.value) ??
    asUsername(item.title) ??
    usernameFromLabels(labels) ??
    (href ? usernameFromHref(href) : null);
  if (!username) return null;
  return { username, at: timestampToMs(first?.timestamp) ?? timestampToMs(item.timestamp) };
}

export interface Comment {
  mediaOwner: string;
  text: string | null;
  at: number;
}

/** One comment: `{string_map_data: {Comment: {value}, "Media Owner": {value}, Time: {timestamp}}}`, labels localised. */
export function readComment(element: unknown): Comment | null {
  const map = asRecord(asRecord(element)?.string_map_data);
  if (!map) return null;
  const entries = Object.entries(map).map(([label, v]) => ({
    label,
    value: asString(asRecord(v)?.value),
    at: timestampToMs(asRecord(v)?.timestamp),
  }));
  const at = entries.find((e) => e.at !== null)?.at;
  const owner =
    entries.find((e) => labelIn(MEDIA_OWNER_LABELS, e.label) && asUsername(e.value)) ??
    onlyOne(entries.filter((e) => !labelIn(COMMENT_LABELS, e.label) && asUsername(e.value)));
  const mediaOwner = asUsername(owner?.value);
  if (!mediaOwner || !at) return null;
  const text =
    entries.find((e) => labelIn(COMMENT_LABELS, e.label))?.value ??
    onlyOne(entries.filter((e) => e !== owner && e.value))?.value;
  return { mediaOwner, text: capOptional(text ?? null, TEXT_LIMITS.post), at };
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** The owner's username, name and bio from `personal_information.json` (`profile_user[0].string_map_data`). */
export function readPersonalInformation(json: unknown): {
  handle: string | null;
  name: string | null;
  bio: string | null;
} {
  const user = asRecord(relationshipItems(json)?.[0]);
  const map = asRecord(user?.string_map_data) ?? {};
  const find = (labels: ReadonlySet<string>) =>
    asString(asRecord(Object.entries(map).find(([label]) => labelIn(labels, label))?.[1])?.value);
  return {
    handle: asUsername(find(USERNAME_LABELS)),
    name: capOptional(find(NAME_LABELS), TEXT_LIMITS.name),
    bio: capOptional(find(BIO_LABELS), TEXT_LIMITS.bio),
  };
}
