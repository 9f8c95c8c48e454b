/**
 * Every function that runs regexes over text a person or an export supplies costs time in proportion to
 * the text, on the inputs that make a backtracking regex slowest (the attack strings a ReDoS checker
 * finds for each, grown to 100 KB). A quadratic one costs about 8 times as much per character on the
 * 100 KB input as on one of 12.5 KB; a linear one about as much (see test/support/growth.ts).
 */
import { describe, expect, it } from 'vitest';
import { inert, clip } from '../../src/discord/text.js';
import { readBioPointer, saysRetired } from '../../src/engine/bio-statements.js';
import { botFeatures } from '../../src/engine/bot-features.js';
import { defaultBotModel } from '../../src/engine/default-bot-model.js';
import { handleBase, nameWords, normalizeWebsite } from '../../src/engine/duplicate-keys.js';
import { spamMarkers } from '../../src/engine/spam.js';
import { removeUrls, stemsOf, tokenize, wordsOf } from '../../src/engine/text.js';
import { unescapeHtml } from '../../src/importers/html.js';
import { usernameFromHref } from '../../src/importers/instagram-records.js';
import { repairMojibake } from '../../src/importers/mojibake.js';
import { statusUrlHandle } from '../../src/sources/x-status-url.js';
import { growth, LINEAR, repeated } from '../support/growth.js';

const bigrams = defaultBotModel().bigrams;
const bioFeatures = (text: string) =>
  botFeatures({ id: '1', handle: text, bio: text, location: text }, Date.UTC(2026, 0, 1), bigrams);
const endingWith = (head: string, piece: string, tail: string) => (length: number) =>
  head + repeated(piece, tail)(length - head.length);

type Case = [what: string, run: (text: string) => unknown, input: (length: number) => string];

const CASES: Case[] = [
  ['removeUrls, labels and dots ("a.a.a…")', removeUrls, repeated('a.')],
  ['removeUrls, labels and dots ending in no domain', removeUrls, repeated('T.', 'x')],
  ['removeUrls, a domain then labels', removeUrls, repeated('a.com', 'x')],
  ['removeUrls, one dot then many words', removeUrls, endingWith('a.b', ' a', '')],
  ['tokenize, labels and dots', tokenize, repeated('a.b.')],
  ['tokenize, hashtags', tokenize, repeated('#a_')],
  ['tokenize, one long word', tokenize, repeated('ab')],
  ['wordsOf, hyphens', wordsOf, repeated('a-', '!')],
  ['stemsOf, hyphens', stemsOf, repeated('a-', '!')],
  ['spamMarkers, labels and dots', spamMarkers, repeated('a.')],
  ['spamMarkers, crypto words apart', spamMarkers, repeated('nft\u0000', '\n')],
  ['spamMarkers, amounts', spamMarkers, repeated('$1', 'give away')],
  ['spamMarkers, come-ons before a link', spamMarkers, repeated('come in! ', 'http://')],
  ['spamMarkers, loans apart', spamMarkers, repeated('loans ', 'approved')],
  ['readBioPointer, "main" then spaces', (text) => readBioPointer(text, null), endingWith('main', ' ', '!@')],
  ['readBioPointer, "main" then colons', (text) => readBioPointer(text, null), endingWith('main', ':', '!@')],
  [
    'readBioPointer, a handle of dots',
    (text) => readBioPointer(text, null),
    endingWith('moved to @', '.', '!'),
  ],
  ['saysRetired', saysRetired, repeated('old ')],
  ['bot features, hyphens and a dot (the link count)', bioFeatures, repeated('a-', '.x')],
  ['bot features, a generated hyphen run', bioFeatures, endingWith('W', '-I', '\u0000.')],
  ['normalizeWebsite, trailing slashes', normalizeWebsite, endingWith('a', '/', '')],
  ['normalizeWebsite, trailing index pages', normalizeWebsite, endingWith('a', '/index.html', '')],
  ['handleBase', handleBase, repeated('a1_')],
  ['nameWords', nameWords, repeated("'a", 'x')],
  ['inert (Discord markdown escaping), one long line', inert, repeated('a')],
  ['inert, underscores and backslashes', inert, repeated('\\_')],
  ['clip, a run of backslashes', (text) => clip(text, text.length - 1), repeated('\\', 'xyz')],
  ['usernameFromHref, fragments on one line', usernameFromHref, repeated('#', '\n#')],
  ['unescapeHtml, unfinished entities', unescapeHtml, repeated('&a')],
  ['repairMojibake', repairMojibake, repeated('Ã©')],
  ['statusUrlHandle', statusUrlHandle, endingWith('https://x.com/a/status/', '1', 'x')],
];

describe('text functions run in time linear in their input', () => {
  it.each(CASES)('%s', (_, run, input) => {
    expect(growth(run, input)).toBeLessThan(LINEAR);
  });
});
