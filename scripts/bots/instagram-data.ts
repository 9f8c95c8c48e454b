/**
 * The labelled accounts the Instagram bot score learns from, each reduced to what Instagram shows
 * (`InstagramFacts`): the X collections of the bot model (the training CSV given by --train-csv,
 * and data/bot-profiles/), read without account age, likes or listed counts, and the Instagram
 * collection in data/instagram-profiles/ (its README says what it is).
 */
import { basename } from 'node:path';
import type { Profile } from '../../src/model.js';
import { instagramFacts, type InstagramFacts } from './instagram-features.js';
import { labelledProfileFromRecord } from '../../src/importers/bot-csv.js';
import { COLLECTED, records } from './dataset.js';

export interface LabelledFacts {
  id: string;
  facts: InstagramFacts;
  y: 0 | 1;
  source: string;
  /** X or Instagram: the platform the collection comes from. */
  platform: 'x' | 'instagram';
}

const cell = (record: Record<string, string>, column: string): number | null => {
  const v = record[column]?.trim() ?? '';
  const n = Number(v);
  return v !== '' && Number.isFinite(n) && n >= 0 ? n : null;
};

/** One row of an X collection, as Instagram would show the account. */
function fromX(record: Record<string, string>, path: string): LabelledFacts {
  const p = labelledProfileFromRecord(record, COLLECTED);
  if (p.label === null) throw new Error(`${path}: row ${p.id} has no account_type label`);
  const facts = instagramFacts(p.profile);
  // Releases that kept only lengths (caverlee-2011): the length, and nothing the text would tell.
  const bioLength = cell(record, 'description_length');
  if (bioLength !== null && facts.bio === null) facts.bioLength = bioLength;
  const handleLength = cell(record, 'screen_name_length');
  if (handleLength !== null && facts.handle === null) facts.handleLength = handleLength;
  return { id: `x:${p.id}`, facts, y: p.label, source: p.source ?? 'unattributed', platform: 'x' };
}

/** One row of data/instagram-profiles/ (prepare-instafake.ts's layout). */
function fromInstagram(record: Record<string, string>, path: string): LabelledFacts {
  const label = record.account_type?.trim();
  if (label !== '0' && label !== '1') throw new Error(`${path}: row ${record.id} has no account_type label`);
  const picture = cell(record, 'has_profile_picture');
  return {
    id: `instagram:${record.id}`,
    facts: {
      followers: cell(record, 'followers_count'),
      following: cell(record, 'following_count'),
      posts: cell(record, 'post_count'),
      defaultAvatar: picture === null ? null : picture === 0,
      bioLength: cell(record, 'bio_length'),
      bio: null,
      handle: null,
      handleLength: cell(record, 'username_length'),
      handleDigits: cell(record, 'username_digits'),
      name: null,
    },
    y: label === '1' ? 1 : 0,
    source: record.source?.trim() || basename(path, '.csv'),
    platform: 'instagram',
  };
}

/**
 * Every labelled account of the files, X collections first named by their own file, then train.csv:
 * an account in two files is kept once, from the first (so it counts for the collection that names
 * it), and one two files label differently is left out.
 */
export async function loadLabelledFacts(
  xPaths: readonly string[],
  instagramPaths: readonly string[],
): Promise<LabelledFacts[]> {
  const rows: LabelledFacts[] = [];
  const at = new Map<string, number>();
  const conflicting = new Set<number>();
  const add = (row: LabelledFacts) => {
    const seen = at.get(row.id);
    if (seen === undefined) {
      at.set(row.id, rows.length);
      rows.push(row);
    } else if (rows[seen]!.y !== row.y) conflicting.add(seen);
  };
  for (const path of xPaths) for await (const r of records(path)) add(fromX(r, path));
  for (const path of instagramPaths) for await (const r of records(path)) add(fromInstagram(r, path));
  return rows.filter((_, i) => !conflicting.has(i));
}

/**
 * The facts as a profile, for the hand-set score the learned one is compared with. A bio known only
 * by its length stands as a bio of that many letters with no words in it: the hand-set score reads
 * a bio only for being empty and for a pitch, and a pitch cannot be seen in a length.
 */
export function factsAsProfile(f: InstagramFacts): Profile {
  const bio = f.bio ?? (f.bioLength === null ? null : 'x'.repeat(f.bioLength));
  return {
    id: null,
    handle: f.handle,
    name: f.name,
    bio,
    defaultAvatar: f.defaultAvatar,
    followersCount: f.followers,
    followingCount: f.following,
    postCount: f.posts,
    platform: 'instagram',
  };
}
