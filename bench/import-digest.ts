/**
 * `tsx bench/import-digest.ts [archive]`: a SHA-256 of everything `importXArchive` returns for the
 * benchmark's archive (or another), Maps and Sets included in their order. Run on two versions of the
 * importer, equal digests say a speed-up changed no result.
 */
import { createHash } from 'node:crypto';
import { importXArchive } from '../src/importers/index.js';
import { ARCHIVE } from './dataset.js';

const plain = (value: unknown): unknown => {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [k, plain(v)]) };
  if (value instanceof Set) return { set: [...value] };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};

const text = JSON.stringify(plain(await importXArchive(process.argv[2] ?? ARCHIVE)));
console.log(
  `${createHash('sha256').update(text).digest('hex')}  ${text.length.toLocaleString('en')} characters`,
);
