import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse';
import {
  BOT_FEATURES,
  FEATURE_INDEX,
  botFeatures,
  type HandleBigrams,
} from '../../src/engine/bot-features.js';
import { labelledProfileFromRecord } from '../../src/importers/bot-csv.js';
import { learnBigrams } from './bigrams.js';
import type { Row } from './validate.js';

/** The collections prepared into data/bot-profiles/ (its README says what each is and where it came from). */
export const COLLECTIONS = ['cresci-2017', 'caverlee-2011', 'vendor-purchased-2019', 'verified-2019'];

/** When train.csv's profiles were collected, for a row that cannot date itself. */
export const COLLECTED = Date.parse('2020-08-18T00:00:00Z');

export function englishBigrams(): HandleBigrams {
  const words = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  return learnBigrams(words);
}

/**
 * Columns a collection may give in place of the text they measure, for releases that kept only
 * lengths: the feature is the length, and what the text would tell beyond it (links, digits, …) stays
 * missing.
 */
const UNATTRIBUTED = 'unattributed';

const LENGTH_COLUMNS = [
  { column: 'description_length', feature: FEATURE_INDEX.bio_length },
  { column: 'screen_name_length', feature: FEATURE_INDEX.handle_length },
] as const;

/** The rows of a CSV file with a header, as records; a malformed file's error names the file. */
export async function* records(path: string): AsyncGenerator<Record<string, string>> {
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
  try {
    yield* parser as AsyncIterable<Record<string, string>>;
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Every labelled row of the CSVs as features, through the engine's own feature code. An account in
 * more than one file is kept once — the same account must not stand on both sides of a
 * leave-one-source-out split — from the first file that names its collection (a row of
 * `unattributed` gives way to one that names it), else from the first file; one that two files label
 * differently is left out. A file without a `location` column says nothing of locations: the feature
 * is missing there, not "no location".
 */
export async function loadRows(paths: readonly string[], bigrams: HandleBigrams): Promise<Row[]> {
  const rows: Row[] = [];
  const at = new Map<string, number>();
  const conflicting = new Set<number>();
  for (const path of paths) {
    for await (const record of records(path)) {
      const p = labelledProfileFromRecord(record, COLLECTED);
      if (p.label === null) throw new Error(`${path}: row ${p.id} has no account_type label`);
      const source = p.source ?? UNATTRIBUTED;
      const seen = at.get(p.id);
      if (seen !== undefined) {
        if (rows[seen]!.y !== p.label) conflicting.add(seen);
        if (rows[seen]!.source !== UNATTRIBUTED || source === UNATTRIBUTED) continue;
      }
      const x = botFeatures(p.profile, p.collectedAt, bigrams);
      for (const { column, feature } of LENGTH_COLUMNS) {
        const cell = record[column]?.trim() ?? '';
        if (cell !== '' && Number.isFinite(Number(cell))) x[feature] = Number(cell);
      }
      if (!('location' in record)) x[FEATURE_INDEX.location_present] = NaN;
      const row = { x, y: p.label, source };
      if (seen === undefined) {
        at.set(p.id, rows.length);
        rows.push(row);
      } else rows[seen] = row;
    }
  }
  const kept = rows.filter((_, i) => !conflicting.has(i));
  if (kept.length === 0) throw new Error(`${paths.join(', ')}: no rows`);
  if (kept[0]!.x.length !== BOT_FEATURES.length) throw new Error('feature count mismatch');
  return kept;
}

/**
 * Weights giving each (source, class) group the same total within its class: one large collection
 * must not teach the model that its own humans are what humans look like.
 */
export function sourceBalancedWeights(rows: readonly Row[]): Float64Array {
  const groups = new Map<string, number>();
  const key = (r: Row) => `${r.source}\u0000${r.y}`;
  for (const r of rows) groups.set(key(r), (groups.get(key(r)) ?? 0) + 1);
  const groupsPerClass = [0, 0];
  for (const k of groups.keys()) groupsPerClass[Number(k.endsWith('1'))]! += 1;
  return Float64Array.from(rows.map((r) => rows.length / 2 / groupsPerClass[r.y]! / groups.get(key(r))!));
}
