import { describe, it, expect } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import {
  helpEntries,
  helpText,
  unexpectedErrorReply,
  userErrorReply,
} from '../../../src/bot/render/replies.js';

describe('/help', () => {
  it('names every command and the review reactions, within one message', () => {
    const text = helpText(helpEntries(COMMANDS));
    for (const command of [
      '/audit',
      '/link',
      '/unlink',
      '/keep',
      '/interests',
      '/nudges',
      '/report',
      '/undo',
      '/forget',
    ])
      expect(text).toContain(`\`${command}`);
    for (const emoji of ['1️⃣', '🔟', '✅', '🛡️', '⏭️', '↩️']) expect(text).toContain(emoji);
    expect(text.length).toBeLessThanOrEqual(2000);
  });
});

describe('error replies', () => {
  it('show a UserError’s message as written', () => {
    expect(userErrorReply('Link your X account first: /link.')).toEqual({
      content: 'Link your X account first: /link.',
    });
  });

  it('make a quoted file name or handle inert, and fit one message', () => {
    const { content } = userErrorReply(`archive_*final*.zip is not a ZIP file @everyone ${'x'.repeat(3000)}`);
    expect(content).toMatch(/^archive\\_\\\*final\\\*\.zip is not a ZIP file @\u200beveryone x+…$/);
    expect(content!.length).toBe(2000);
  });

  it('give a reference for anything else', () => {
    expect(unexpectedErrorReply('abc123')).toEqual({
      content: 'Something went wrong (ref abc123). It has been logged.',
    });
  });
});
