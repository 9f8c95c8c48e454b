import { describe, it, expect } from 'vitest';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO, sameEmoji } from '../../src/discord/emoji.js';

describe('the review reactions', () => {
  it('number ten accounts with ten distinct keycaps, 1️⃣ first', () => {
    expect(NUMBER_EMOJI).toHaveLength(10);
    expect(new Set(NUMBER_EMOJI).size).toBe(10);
    expect(NUMBER_EMOJI[0]).toBe('1\uFE0F\u20E3');
    expect(NUMBER_EMOJI[9]).toBe('🔟');
  });

  it('match a reaction Discord hands back without the variation selector', () => {
    expect(sameEmoji(KEEP, '\u{1F6E1}')).toBe(true);
    expect(sameEmoji('\u{1F6E1}', KEEP)).toBe(true);
    expect(sameEmoji(NEXT, '\u23ED')).toBe(true);
    expect(sameEmoji(UNDO, '\u21A9')).toBe(true);
    expect(sameEmoji(NUMBER_EMOJI[2], '3\u20E3')).toBe(true);
    expect(sameEmoji(CONFIRM, '✅')).toBe(true);
  });

  it('tell different reactions apart', () => {
    expect(sameEmoji(KEEP, CONFIRM)).toBe(false);
    expect(sameEmoji(NUMBER_EMOJI[0], NUMBER_EMOJI[1])).toBe(false);
    expect(sameEmoji(NUMBER_EMOJI[0], '1')).toBe(false);
    expect(new Set([CONFIRM, KEEP, NEXT, UNDO, ...NUMBER_EMOJI]).size).toBe(14);
  });
});
