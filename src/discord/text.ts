/**
 * Text for Discord: account-written words made inert (no markdown, no mentions), links to accounts, and
 * lists cut to a length with "and N more" instead of being rejected by Discord.
 */
import { escapeMarkdown } from 'discord.js';
import type { Platform } from '../model.js';

const ELLIPSIS = '…';
/**
 * Discord shows at most 2,000 characters of message text, and every caller clips to that or less. A text is cut
 * one past that before it is escaped: escapeMarkdown's lookbehinds read back along the line at every
 * character (the square of its length: seconds for a long post), and the one extra character keeps the
 * caller's clip, and its "…", where they were.
 */
const LONGEST_SHOWN = 2_000;
const BACKSLASH = 0x5c;

/**
 * Names, bios and quoted posts are written by strangers: shown as typed, never as markdown, links or
 * pings. A zero-width space after `@` or `<@` breaks a mention without changing what the person reads.
 */
export function inert(text: string): string {
  const escaped = escapeMarkdown(text.slice(0, LONGEST_SHOWN + 1), {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    // escapeMarkdown leaves some underscores of a run bare (`x____` → `x\_\_\__`), which can still pair
    // up into underline: escape each one that an even number of backslashes (none included) precedes.
    .replace(/(?<!\\)((?:\\\\)*)_/g, '$1\\_');
  return escaped.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<@/g, '<@\u200b');
}

/**
 * Cuts to `max` characters, ending with "…". The cut must not split an emoji (half a surrogate pair) or
 * an escape (a backslash that would then escape the ellipsis).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return (
    withoutTrailingBackslashes(text.slice(0, max - ELLIPSIS.length).replace(/[\uD800-\uDBFF]$/, '')) +
    ELLIPSIS
  );
}

/** Not `/\\+$/`, which starts again at every backslash of a run that does not end the text. */
function withoutTrailingBackslashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === BACKSLASH) end -= 1;
  return text.slice(0, end);
}

/**
 * Joins as many lines as fit in `max` characters. `total` is how many items the list stands for, which
 * may be more than the lines given; when some are not shown, a last line says how many (`more(n)`, e.g.
 * "… and 12 more"), and room is kept for it.
 */
export function fitLines(
  lines: readonly string[],
  max: number,
  more: (n: number) => string,
  total = lines.length,
): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const cost = (kept.length > 0 ? 1 : 0) + line.length;
    const left = total - i - 1;
    const tail = left > 0 ? 1 + more(left).length : 0;
    if (used + cost + tail > max) break;
    kept.push(line);
    used += cost;
  }
  const left = total - kept.length;
  return (left > 0 ? [...kept, more(left)] : kept).join('\n');
}

const PROFILE_URL: Record<Platform, (handle: string) => string> = {
  x: (handle) => `https://x.com/${encodeURIComponent(handle)}`,
  instagram: (handle) => `https://www.instagram.com/${encodeURIComponent(handle)}/`,
};

/** "[@name](https://x.com/name)", or the bare id where the handle is unknown. */
export function accountLink(
  platform: Platform,
  account: { handle: string | null; id: string | null },
): string {
  if (!account.handle) return `account ${account.id ?? 'with no id'}`;
  return `[@${inert(account.handle)}](${PROFILE_URL[platform](account.handle)})`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
