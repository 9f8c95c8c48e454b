import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Profile } from '../model.js';
import { DAY_MS } from '../model.js';
import { errorMessage } from '../errors.js';
import { capOptional, capText, TEXT_LIMITS } from '../text-limits.js';

/**
 * Labelled account profiles in the CSV layout of the bot-profiles training set (X API v1.1 names):
 * `created_at` (UTC, `YYYY-MM-DD HH:MM:SS`), `default_profile_image`, `description`,
 * `favourites_count`, `followers_count`, `friends_count`, `id`, `location`, `screen_name`,
 * `statuses_count`, `account_age_days`, and optionally `account_type` (1 bot, 0 human) and `source`.
 * Each row becomes the same `Profile` an X API v2 user object becomes, so the model trains and scores
 * on one representation.
 */
export interface LabelledProfile {
  id: string;
  profile: Profile;
  /** When the profile was collected: `created_at` + `account_age_days`, else the reader's default. */
  collectedAt: number;
  /** 1 bot, 0 human, null when the file has no label. */
  label: 0 | 1 | null;
  source: string | null;
}

export const REQUIRED_COLUMNS = ['id', 'screen_name'] as const;

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

function bool(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  return TRUE.has(v) ? true : FALSE.has(v) ? false : null;
}

function count(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function time(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const v = value.trim();
  // "2007-01-08 08:05:57" is UTC in this layout; Date.parse would read it as local time.
  const t = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isFinite(t) ? t : null;
}

/** The collection set writes "unknown" where a person gave no location. */
function location(value: string | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' || v.toLowerCase() === 'unknown' ? null : v;
}

/** One CSV record (column name → cell) as a labelled profile; `defaultNow` when the row cannot date its collection. */
export function labelledProfileFromRecord(
  record: Record<string, string | undefined>,
  defaultNow: number,
): LabelledProfile {
  const createdAt = time(record.created_at);
  const age = count(record.account_age_days);
  const avatar = bool(record.default_profile_image);
  const imageUrl = record.profile_image_url?.trim();
  const label = record.account_type?.trim();
  const description = record.description;
  return {
    id: record.id?.trim() ?? '',
    profile: {
      id: record.id?.trim() || null,
      handle: record.screen_name?.trim() || null,
      name: capOptional(record.name?.trim() || null, TEXT_LIMITS.name),
      bio: description === undefined ? null : capText(description, TEXT_LIMITS.bio),
      location: capOptional(location(record.location), TEXT_LIMITS.location),
      verified: bool(record.verified),
      createdAt,
      defaultAvatar: avatar ?? (imageUrl ? imageUrl.includes('default_profile_images') : null),
      followersCount: count(record.followers_count),
      followingCount: count(record.friends_count),
      postCount: count(record.statuses_count),
      likeCount: count(record.favourites_count),
    },
    collectedAt: createdAt !== null && age !== null ? createdAt + age * DAY_MS : defaultNow,
    label: label === '1' ? 1 : label === '0' ? 0 : null,
    source: record.source?.trim() || null,
  };
}

/**
 * Reads a CSV of profiles as a stream, row by row. Throws, naming the file and what is wrong, when the
 * header lacks a required column or a row cannot be parsed.
 */
export async function* readLabelledProfiles(
  path: string,
  defaultNow: number,
): AsyncGenerator<LabelledProfile> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true, trim: false }),
  );
  let checked = false;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (!checked) {
        const missing = REQUIRED_COLUMNS.filter((c) => !(c in record));
        if (missing.length > 0) throw new Error(`no ${missing.join(', ')} column in the header`);
        checked = true;
      }
      yield labelledProfileFromRecord(record, defaultNow);
    }
  } catch (error) {
    throw new Error(`${path}: ${errorMessage(error)}`, { cause: error });
  }
}
