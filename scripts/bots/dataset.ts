import { createRequire } from 'node:module';
import { BOT_FEATURES, botFeatures, type HandleBigrams } from '../../src/engine/bot-features.js';
import { readLabelledProfiles } from '../../src/importers/bot-csv.js';
import { learnBigrams } from './bigrams.js';
import type { Row } from './validate.js';

/** When train.csv's profiles were collected, for a row that cannot date itself. */
export const COLLECTED = Date.parse('2020-08-18T00:00:00Z');

export function englishBigrams(): HandleBigrams {
  const words = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  return learnBigrams(words);
}

/**
 * Every labelled row of the CSVs as features, through the engine's own feature code. An account in
 * more than one file is kept once, from the first file that has it: the same account must not stand
 * on both sides of a leave-one-source-out split.
 */
export async function loadRows(paths: readonly string[], bigrams: HandleBigrams): Promise<Row[]> {
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    for await (const p of readLabelledProfiles(path, COLLECTED)) {
      if (p.label === null) throw new Error(`${path}: row ${p.id} has no account_type label`);
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      rows.push({
        x: botFeatures(p.profile, p.collectedAt, bigrams),
        y: p.label,
        source: p.source ?? 'unattributed',
      });
    }
  }
  if (rows.length === 0) throw new Error(`${paths.join(', ')}: no rows`);
  if (rows[0]!.x.length !== BOT_FEATURES.length) throw new Error('feature count mismatch');
  return rows;
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
