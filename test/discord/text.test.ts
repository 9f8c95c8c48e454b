import { describe, it, expect } from 'vitest';
import { clip, fitLines, inert } from '../../src/discord/text.js';

describe('text for Discord', () => {
  it('breaks every kind of mention without changing what is read', () => {
    expect(inert('hi @everyone and @HERE, <@123> <@&456> <@!789>')).toBe(
      'hi @\u200beveryone and @\u200bHERE, <@\u200b123> <@\u200b&456> <@\u200b!789>',
    );
  });

  it('escapes every underscore of a handle, however many in a row', () => {
    expect(inert('x____')).toBe('x\\_\\_\\_\\_');
    expect(inert('__init__')).toBe('\\_\\_init\\_\\_');
    // A backslash the account wrote stays a backslash, and the underscore after it is still escaped.
    expect(inert('a\\_b')).toBe('a\\\\\\_b');
  });

  it('never shows half an emoji or a dangling escape where it cuts', () => {
    expect(clip('abcd🎭efg', 6)).toBe('abcd…');
    expect(clip(inert('abc_def'), 5)).toBe('abc…');
    expect(clip('short', 5)).toBe('short');
  });

  it('says how many lines it left out, counting those never given', () => {
    const more = (n: number) => `… and ${n} more`;
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 100, more)).toBe('aaaa\nbbbb\ncccc');
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 20, more)).toBe('aaaa\n… and 2 more');
    expect(fitLines(['aaaa', 'bbbb'], 100, more, 10)).toBe('aaaa\nbbbb\n… and 8 more');
    for (let max = 14; max < 40; max++)
      expect(fitLines(['aaaa', 'bbbb', 'cccc', 'dddd'], max, more, 12).length).toBeLessThanOrEqual(max);
  });
});
