/**
 * `tsx bench/import-digest.ts [export | instagram]`: a SHA-256 of everything the importer returns for
 * an export — the benchmark's X archive by default, the benchmark's Instagram export with `instagram`
 * (generated into .bench/ when missing), or any file, `importXArchive` or `importInstagram` chosen by
 * what the file holds (`detectKind`) — Maps and Sets included in their order. Run on two versions of
 * the importer, equal digests say a speed-up changed no result. Ledger entries are hashed in their
 * nested form (`entryView`), the one the store keeps.
 */
import { createHash } from 'node:crypto';
import { detectKind, importInstagram, importXArchive } from '../src/importers/index.js';
import { entryView } from '../src/ledger.js';
import { ARCHIVE } from './dataset.js';
import { INSTAGRAM_EXPORT, ensureInstagramDataset } from './instagram-dataset.js';

const plain = (value: unknown): unknown => {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [k, plain(v)]) };
  if (value instanceof Set) return { set: [...value] };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};

const asked = process.argv[2];
if (asked === 'instagram') await ensureInstagramDataset((line) => console.error(line));
const path = asked === 'instagram' ? INSTAGRAM_EXPORT : (asked ?? ARCHIVE);
const kind = await detectKind(path);
if (kind === 'profile-snapshot') throw new Error(`${path} is a profile snapshot, not an export`);
const imported = kind === 'x-archive' ? await importXArchive(path) : await importInstagram(path);
// The ledger's entries in their nested form (ledger.ts `entryView`, what the store keeps): the digest of
// an import before entries were packed is the digest of the same import after.
const ledger = {
  ...imported.ledger,
  entries: new Map([...imported.ledger.entries].map(([k, e]) => [k, entryView(e)])),
};
const text = JSON.stringify(plain({ ...imported, ledger }));
console.log(
  `${createHash('sha256').update(text).digest('hex')}  ${text.length.toLocaleString('en')} characters (${kind})`,
);
