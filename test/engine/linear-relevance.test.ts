/**
 * Topic relevance costs time in proportion to the text it reads, on the texts that make it do the most
 * per word: every word a lexicon term, a known name or a word of a compound term (see
 * test/support/growth.ts for how growth is measured without a wall-clock budget). Posts reach 50,000
 * characters (text-limits.ts), some 8,000 words.
 */
import { describe, expect, it } from 'vitest';
import { relevance } from '../../src/engine/interests.js';
import type { Interests } from '../../src/model.js';
import { growth, LINEAR, repeated } from '../support/growth.js';

const interests = (list: string): Interests => ({
  terms: list.split(',').map((t) => t.trim()),
  source: 'explicit',
});

type Case = [what: string, interests: Interests, piece: string];

const CASES: Case[] = [
  ['every word a lexicon term', interests('opera, theatre'), 'opera '],
  ['every word in a known name', interests('sports, football'), 'Seahawks Red Wings '],
  ['every word in a compound term of another interest', interests('gaming'), 'fantasy football '],
  ['known names left without a cue', interests('sports'), 'Orioles Clippers '],
  // Each name's cue is checked against the sentences of the whole text.
  ['known names with a cue, a sentence each', interests('sports'), 'Eagles and Cubs fan. Go Orioles! '],
  ['known names with a cue in one long sentence', interests('sports'), 'fan of the Giants and Cubs fan '],
];

describe('relevance runs in time linear in the text', () => {
  it.each(CASES)('%s', (_, list, piece) => {
    expect(growth((bio) => relevance({ bio }, list), repeated(piece), 80_000)).toBeLessThan(LINEAR);
  });
});
