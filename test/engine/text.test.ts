import { describe, expect, it } from 'vitest';
import { stemKey, tokenize, wordsOf } from '../../src/engine/text.js';

describe('tokenize', () => {
  it('folds case, plurals, diacritics and hashtags into one stem', () => {
    const keys = ['Operas', 'opera', 'OPERA', '#opera', 'opéra'].map(stemKey);
    expect(new Set(keys)).toEqual(new Set(['opera']));
  });

  it('drops URLs, bare domains and @handles', () => {
    const words = tokenize(
      'Tickets https://roh.org.uk/tosca and linktr.ee/roh from @RoyalOperaHouse now',
    ).map((t) => t.word);
    expect(words).toEqual(['tickets', 'and', 'from', 'now']);
  });

  it('reads camel-case hashtags as words and keeps acronym-like tags whole', () => {
    const tokens = tokenize('#RoyalOpera #NaNoWriMo #F4F');
    expect(tokens.map((t) => t.word)).toEqual(['royal', 'opera', 'nanowrimo', 'f4f']);
    expect(tokens.every((t) => t.hashtag)).toBe(true);
  });

  it('turns possessives and contractions into plain words', () => {
    expect(tokenize("Shakespeare's Globe, don't miss").map((t) => t.word)).toEqual([
      'shakespeare',
      'globe',
      'dont',
      'miss',
    ]);
  });

  it('reads "fancy" unicode letters as plain ones', () => {
    expect(tokenize('𝐎𝐩𝐞𝐫𝐚 night').map((t) => t.word)).toEqual(['opera', 'night']);
  });

  it('cuts the same words on the fast path as the full tokenizer', () => {
    for (const text of [
      "#RoyalOpera at the ROH's café, https://roh.org.uk @roh",
      'Plain bio: opera, I am a singer',
      'Ünïcödé #F4F',
    ]) {
      expect(wordsOf(text)).toEqual(tokenize(text).map((t) => t.word));
    }
  });

  it('keys multi-word terms word by word', () => {
    expect(stemKey('Royal Operas')).toBe('royal opera');
    expect(stemKey('West End')).toBe(stemKey('west end'));
  });
});
