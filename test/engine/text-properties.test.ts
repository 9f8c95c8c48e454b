/**
 * Properties of the text functions over strings fast-check makes up: they never throw, they answer in
 * the types they promise, they take time linear in the text, and the linear rewrites of two patterns
 * find exactly what the backtracking originals found. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, inert } from '../../src/discord/text.js';
import { readBioPointer, saysRetired } from '../../src/engine/bio-statements.js';
import { botFeatures } from '../../src/engine/bot-features.js';
import { defaultBotModel } from '../../src/engine/default-bot-model.js';
import { handleBase, nameWords, normalizeWebsite } from '../../src/engine/duplicate-keys.js';
import { spamMarkers } from '../../src/engine/spam.js';
import { foldText, removeUrls, sentenceStarts, stemsOf, tokenize, wordsOf } from '../../src/engine/text.js';
import { unescapeHtml } from '../../src/importers/html.js';
import { usernameFromHref } from '../../src/importers/instagram-records.js';
import { repairMojibake } from '../../src/importers/mojibake.js';
import { parseXDate } from '../../src/importers/x-tweets.js';
import { statusUrlHandle } from '../../src/sources/x-status-url.js';
import { capText } from '../../src/text-limits.js';
import { growth, LINEAR } from '../support/growth.js';

const SEED = 20_261_202;
const bigrams = defaultBotModel().bigrams;
const NOW = Date.UTC(2026, 0, 1);

/** Any UTF-16 text, lone surrogates included, and text made of the pieces the patterns look for. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);
const PIECES = [
  'a',
  'Z',
  '1',
  '-',
  '_',
  '.',
  '/',
  ' ',
  '\n',
  '@',
  '#',
  '$',
  ':',
  '\\',
  '*',
  '?',
  '&',
  ';',
  'com',
  'co',
  'uk',
  'www',
  'http',
  'https',
  '://',
  'main',
  'moved to',
  'nft',
  'crypto',
  'give',
  'away',
  'index.html',
  'é',
  '🎭',
  'Ã©',
];
const piecesText = (maxLength: number) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength }).map((p) => p.join(''));
const text = fc.oneof(anyText, piecesText(40));

const FUNCTIONS: [string, (text: string) => unknown][] = [
  ['removeUrls', removeUrls],
  ['tokenize', tokenize],
  ['wordsOf', wordsOf],
  ['stemsOf', stemsOf],
  ['foldText', foldText],
  ['spamMarkers', spamMarkers],
  ['readBioPointer', (t) => readBioPointer(t, 'own')],
  ['saysRetired', saysRetired],
  ['normalizeWebsite', normalizeWebsite],
  ['handleBase', handleBase],
  ['nameWords', nameWords],
  ['botFeatures', (t) => botFeatures({ id: '1', handle: t, bio: t, location: t, name: t }, NOW, bigrams)],
  ['inert', inert],
  ['clip', (t) => clip(t, 50)],
  ['usernameFromHref', usernameFromHref],
  ['unescapeHtml', unescapeHtml],
  ['repairMojibake', repairMojibake],
  ['parseXDate', parseXDate],
  ['statusUrlHandle', statusUrlHandle],
];

describe('text functions over any text', () => {
  it('never throw, and keep their promises', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const [, run] of FUNCTIONS) run(t);
        expect(tokenize(t).every((token) => token.word.length >= 2 && token.stem.length > 0)).toBe(true);
        expect(removeUrls(t).length).toBeLessThanOrEqual(t.length);
        expect(clip(inert(t), 50).length).toBeLessThanOrEqual(50);
        const features = botFeatures({ id: '1', handle: t, bio: t }, NOW, bigrams);
        expect(features[12]).toBeGreaterThanOrEqual(0);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('find sentences at the words wordsOf cuts: as many words, each start inside them, in order', () => {
    const sentences = fc.oneof(
      text,
      fc
        .array(
          fc.constantFrom(...PIECES, '!', '|', '•', '…', '. ', 'GoHawks', '#gohawks', '@jane.doe.', 'x.com'),
          {
            maxLength: 40,
          },
        )
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(sentences, (t) => {
        const starts: number[] = [];
        const count = sentenceStarts(t, starts);
        if (count < 0) expect(starts).toEqual([]);
        else expect(count).toBe(wordsOf(t).length);
        for (let i = 0; i < starts.length; i++) {
          expect(starts[i]).toBeGreaterThan(i === 0 ? 0 : starts[i - 1]!);
          expect(starts[i]).toBeLessThan(count);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('cut to a cap, keep a prefix and never half an emoji', () => {
    fc.assert(
      fc.property(anyText, fc.nat(320), (t, max) => {
        const cut = capText(t, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(t.startsWith(cut)).toBe(true);
        if (cut.length < t.length) expect(/[\uD800-\uDBFF]$/.test(cut)).toBe(false);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('take time linear in a text made of one piece repeated to 100 KB', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FUNCTIONS),
        piecesText(4).filter((p) => p.length > 0),
        fc.constantFrom('', '!', 'x', '\n'),
        ([, run], piece, tail) => {
          const input = (length: number) =>
            piece.repeat(Math.ceil(length / piece.length)).slice(0, length) + tail;
          expect(growth(run, input)).toBeLessThan(LINEAR);
        },
      ),
      { seed: SEED, numRuns: 24 },
    );
  });
});

/** The patterns as they were: correct, but quadratic on long runs. */
const ORIGINAL = {
  bareDomain:
    /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|uk|ee|ly|me|link|bio|site|xyz|info|app|page|gg|tv|shop|store)\b(?:\/\S*)?/gi,
  link: /\b(?:https?:\/\/|www\.)\S+/gi,
  maybeUrl: /[a-z0-9]\.[a-z]/i,
  botLink:
    /(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|io|co|ly|me|link|site|xyz|info|app|page|tv|shop)\b/gi,
};

function originalRemoveUrls(t: string): string {
  if (!ORIGINAL.maybeUrl.test(t)) return t;
  const withoutLinks = t.replace(ORIGINAL.link, ' ');
  return ORIGINAL.maybeUrl.test(withoutLinks) ? withoutLinks.replace(ORIGINAL.bareDomain, ' ') : withoutLinks;
}

function originalLinkCount(t: string): number {
  const bio = t.trim();
  return bio.includes('.') ? (bio.match(ORIGINAL.botLink) ?? []).length : 0;
}

describe('the linear rewrites find what the original patterns found', () => {
  const domainish = fc
    .array(
      fc.constantFrom(
        'a',
        'B',
        '1',
        '-',
        '_',
        '.',
        '..',
        '/',
        ' ',
        'com',
        'co',
        'uk',
        'ee',
        'm',
        'www',
        'www.',
        'http',
        'https',
        '://',
        ':',
        'é',
        'x',
      ),
      { maxLength: 20 },
    )
    .map((p) => p.join(''));

  it('bare domains taken out of a text', () => {
    fc.assert(
      fc.property(domainish, (t) => {
        expect(removeUrls(t)).toBe(originalRemoveUrls(t));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('links counted in a bio', () => {
    fc.assert(
      fc.property(domainish, (t) => {
        expect(botFeatures({ id: '1', handle: null, bio: t }, NOW, bigrams)[12]).toBe(originalLinkCount(t));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
