import { describe, expect, it } from 'vitest';
import { sentenceStarts, stemKey, tokenize, wordsOf } from '../../src/engine/text.js';

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

describe('sentenceStarts', () => {
  const startsOf = (text: string) => {
    const starts: number[] = [];
    const count = sentenceStarts(text, starts);
    return { count, starts };
  };

  it('says at which word each sentence or item of a bio starts, counting the words as wordsOf does', () => {
    const text = 'Go outside. Eagles soar! Hawks hunt? Mom; teacher | coffee • tea\nDad…Pilot';
    const { count, starts } = startsOf(text);
    expect(count).toBe(wordsOf(text).length);
    // go outside | eagles soar | hawks hunt | mom | teacher | coffee | tea | dad | pilot
    expect(starts).toEqual([2, 4, 6, 7, 8, 9, 10, 11]);
  });

  it('cuts nothing at the dots of links and handles, nor after the last sentence', () => {
    const text = 'See https://jane.example.com/a.b and @jane.doe now. Eagles fan.';
    const { count, starts } = startsOf(text);
    expect(wordsOf(text)).toEqual(['see', 'and', 'now', 'eagles', 'fan']);
    expect(count).toBe(5);
    expect(starts).toEqual([3]);
    expect(startsOf('Eagles and Cubs fan').starts).toEqual([]);
  });
});
