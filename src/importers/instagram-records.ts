/**
 * The record shapes of an Instagram export (docs/FORMATS.md), mojibake-repaired (activities excepted:
 * `readActivity` repairs what it reads):
 *  (A) wrappers `{relationships_following: [{title, string_list_data: [{href, value?, timestamp}]}]}`;
 *  (B) bare arrays of the same items (followers_N.json);
 *  (C) 2025–26 lists of `{timestamp, label_values: [{label, value}]}`, labels in the user's language, an
 *      activity's account nested in an Owner block `{title: "Owner", dict: [{dict: [URL, Name, Username]}]}`;
 *  (D) `{string_map_data: {<Label>: {value?, href?, timestamp?}}}` (comments, topics, the owner's profile);
 * any of which may hold a one-item list as a bare object.
 */

import { asArray, asRecord, asString } from './json.js';
import { repairMojibake } from './mojibake.js';
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
  let normal = normalized.get(label);
  if (normal === undefined) {
    normal = repairMojibake(label).trim().toLowerCase().replace(/[’‘`]/g, "'");
    // An export holds a few dozen labels, each hundreds of thousands of times; a hostile one, any number.
    if (normalized.size >= MAX_NORMALIZED) normalized.clear();
    normalized.set(label, normal);
  }
  return normal;
}
const normalized = new Map<string, string>();
const MAX_NORMALIZED = 1_000;

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
const NAME_LABELS = labelSet(
  'name',
  'nom',
  'nombre',
  'nome',
  'naam',
  'imię',
  'isim',
  'namn',
  'navn',
  'nom de profil',
  'nom du profil',
  'profile name',
);
/** The title of the nested block naming an account in 2025–26 activity files (shape C). */
const OWNER_LABELS = labelSet(
  'owner',
  'propriétaire',
  'propietario',
  'inhaber',
  'eigentümer',
  'proprietario',
  'proprietário',
  'eigenaar',
  'właściciel',
  'sahibi',
  'ägare',
  'ejer',
  'eier',
  'omistaja',
  'владелец',
  'author',
  'auteur',
  'autor',
  'autore',
);
const CAPTION_LABELS = labelSet(
  'caption',
  'légende',
  'leyenda',
  'bildunterschrift',
  'didascalia',
  'legenda',
  'onderschrift',
  'podpis',
  'açıklama',
  'bildtext',
  'billedtekst',
  'bildetekst',
  'kuvateksti',
  'подпись',
  'text',
  'texte',
  'texto',
  'testo',
);
const BIO_LABELS = labelSet('bio', 'biographie', 'biografía', 'biografia', 'biografie');

function labelIn(set: ReadonlySet<string>, label: string): boolean {
  return set.has(normalizeLabel(label));
}

/** A username as written, without a leading `@`, or null when the value cannot be one. */
function asUsername(value: unknown): string | null {
  const raw = asString(value);
  const text = raw === null ? null : repairMojibake(raw).trim().replace(/^@/, '');
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

const labelValue = (entry: JsonRecord): LabelValue => ({
  label: asString(entry.label) ?? '',
  value: asString(entry.value),
  href: asString(entry.href),
});

/** The records among `label_values`. Activity files hold hundreds of thousands of items: loops, no closures. */
function labelRecords(item: JsonRecord): JsonRecord[] {
  const records: JsonRecord[] = [];
  for (const v of asArray(item.label_values)) {
    const entry = asRecord(v);
    if (entry) records.push(entry);
  }
  return records;
}

function labelValues(item: JsonRecord): LabelValue[] {
  return labelRecords(item).map(labelValue);
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

/** One thing the owner did about someone's content: a like, comment, save or story reaction. */
export interface Activity {
  /** Whose content it was; null when the record does not say. */
  username: string | null;
  /** The display name the record pairs with the username (2025–26 Owner blocks), when it gives one. */
  name: string | null;
  /** A comment's text or a post's caption, when the record holds one. */
  text: string | null;
  at: number | null;
}

/** Paths that name a post, not an account: `/p/<code>/`, `/reel/<code>/`. */
const MEDIA_PATH = /^https?:\/\/[^/]+\/(?:p|reel|reels|tv|explore|direct|accounts)\//i;
const STORY_PATH = /^https?:\/\/[^/]+\/stories\/([^/?#]+)/i;

/** The account a link points at: a profile link, or the owner of a story link; null for a post link. */
export function accountFromHref(href: string | null | undefined): string | null {
  if (!href || MEDIA_PATH.test(href)) return null;
  const story = STORY_PATH.exec(href);
  if (story) return asUsername(story[1]);
  return /^https?:\/\//i.test(href) ? usernameFromHref(href) : null;
}

interface Pair {
  username: string | null;
  name: string | null;
}

/**
 * The account of a 2025–26 Owner block: `{title: "Owner", dict: [{dict: [{label: "URL"}, {label: "Name"},
 * {label: "Username", value}]}]}`, labels localised. Blocks of any other title are not accounts.
 */
function ownerBlock(entry: JsonRecord): Pair | null {
  const dicts = asArray(entry.dict);
  if (dicts.length === 0) return null;
  const values: LabelValue[] = [];
  for (const d of dicts) {
    const record = asRecord(d);
    if (!record) continue;
    for (const v of Array.isArray(record.dict) ? record.dict : [record]) {
      const e = asRecord(v);
      if (e) values.push(labelValue(e));
    }
  }
  let labelledValue: string | null | undefined;
  let nameValue: string | null | undefined;
  for (const v of values) {
    if (labelledValue === undefined && labelIn(USERNAME_LABELS, v.label)) labelledValue = v.value;
    if (nameValue === undefined && labelIn(NAME_LABELS, v.label)) nameValue = v.value;
  }
  // A profile link names the account whatever the labels' language.
  const username = asUsername(labelledValue) ?? linkedAccount(values);
  const name = capOptional(repaired(nameValue ?? null), TEXT_LIMITS.name);
  const title = asString(entry.title) ?? asString(entry.label) ?? '';
  if (!labelIn(OWNER_LABELS, title) && !username) return null;
  return username || name ? { username, name } : null;
}

/** The first account a value or link of `values` points at. */
function linkedAccount(values: LabelValue[]): string | null {
  for (const v of values) {
    const account = accountFromHref(v.value) ?? accountFromHref(v.href);
    if (account !== null) return account;
  }
  return null;
}

function firstTime(values: unknown[]): number | null {
  for (const v of values) {
    const t = timestampToMs(v);
    if (t !== null) return t;
  }
  return null;
}

const repaired = (text: string | null) => (text === null ? null : repairMojibake(text));

/**
 * One activity record in any of the export's shapes (docs/FORMATS.md): (A) `{title: <owner>, string_list_data:
 * [{href, value?, timestamp}]}` — `value` there is a poll answer or an emoji, never the owner; (C)
 * `{timestamp, label_values: [{label, value}, {title: "Owner", dict: [...]}]}`; (D) `{title?,
 * string_map_data: {<Label>: {value?, href?, timestamp?}}}`. Null when it names no account and no time.
 * `titleIsOwner` is false for saved collections, whose `title` names the collection, not an account.
 * The record's strings may be as Meta wrote them (mojibake, docs/FORMATS.md): the few it reads are
 * repaired here, which costs far less than repairing every string of every record first.
 */
export function readActivity(element: unknown, titleIsOwner = true): Activity | null {
  const item = asRecord(element);
  if (!item) return null;
  const list = asRecord(asArray(item.string_list_data)[0]);
  const map = asRecord(item.string_map_data);
  const mapEntries = map
    ? Object.entries(map).map(([label, v]) => ({
        label,
        value: asString(asRecord(v)?.value),
        href: asString(asRecord(v)?.href),
        at: timestampToMs(asRecord(v)?.timestamp),
      }))
    : [];
  const labelled = labelRecords(item);
  let owner: Pair | null = null;
  for (const entry of labelled) {
    owner = ownerBlock(entry);
    if (owner !== null) break;
  }
  const flat = labelled.map(labelValue);

  const username =
    (titleIsOwner ? asUsername(item.title) : null) ??
    owner?.username ??
    asUsername(
      mapEntries.find((e) => labelIn(MEDIA_OWNER_LABELS, e.label) || labelIn(USERNAME_LABELS, e.label))
        ?.value,
    ) ??
    asUsername(flat.find((v) => labelIn(USERNAME_LABELS, v.label))?.value) ??
    // Labels in a language Tend does not know: the one username-shaped value that is not the text.
    asUsername(
      onlyOne(
        mapEntries.filter(
          (e) =>
            !labelIn(COMMENT_LABELS, e.label) && !labelIn(CAPTION_LABELS, e.label) && asUsername(e.value),
        ),
      )?.value,
    ) ??
    accountFromHref(asString(list?.href)) ??
    accountFromHref(flat.find((v) => normalizeLabel(v.label) === 'url')?.value) ??
    null;
  const text =
    mapEntries.find((e) => labelIn(COMMENT_LABELS, e.label) || labelIn(CAPTION_LABELS, e.label))?.value ??
    onlyOne(mapEntries.filter((e) => e.value && !asUsername(e.value)))?.value ??
    flat.find((v) => labelIn(COMMENT_LABELS, v.label) || labelIn(CAPTION_LABELS, v.label))?.value ??
    null;
  const at =
    timestampToMs(item.timestamp) ??
    timestampToMs(list?.timestamp) ??
    firstTime(mapEntries.map((e) => e.at)) ??
    firstTime(labelled.map((v) => v.timestamp_value));
  if (!username && at === null) return null;
  return { username, name: owner?.name ?? null, text: capOptional(repaired(text), TEXT_LIMITS.post), at };
}

/** Longest topic or hashtag name kept: longer strings are sentences or links, not topics. */
const MAX_TOPIC_LENGTH = 60;

function topicName(value: unknown): string | null {
  const text = asString(value)?.trim();
  if (!text || text.length > MAX_TOPIC_LENGTH || /^https?:/i.test(text) || /^\d+$/.test(text)) return null;
  return text;
}

/**
 * The names in a topics, hashtags or ad-interests file, whatever its shape: `title`, `string_list_data[].
 * value`, the values of `string_map_data` (`Name`, `Interest`), and `label_values[].value` or their `vec`
 * lists (2025–26). Links, numbers and long sentences are not names.
 */
export function topicNames(element: unknown): string[] {
  const item = asRecord(element);
  if (!item) return [];
  const found: string[] = [];
  const add = (v: unknown) => {
    const name = topicName(v);
    if (name && !found.includes(name)) found.push(name);
  };
  add(item.title);
  for (const v of asArray(item.string_list_data)) add(asRecord(v)?.value);
  for (const v of Object.values(asRecord(item.string_map_data) ?? {})) add(asRecord(v)?.value);
  for (const v of asArray(item.label_values)) {
    const entry = asRecord(v);
    if (!entry || normalizeLabel(asString(entry.label) ?? '') === 'url') continue;
    add(entry.value);
    for (const w of asArray(entry.vec)) add(asRecord(w)?.value);
  }
  return found;
}
