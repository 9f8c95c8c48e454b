/**
 * The reactions of the review page, shared by the page that lists them and the handler that reads them.
 */

/** Select (or unselect) the account with that number on the page; index 0 is account 1. */
export const NUMBER_EMOJI = ['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣', '7️⃣', '8️⃣', '9️⃣', '🔟'] as const;
export const CONFIRM = '✅';
export const KEEP = '🛡️';
export const NEXT = '⏭️';
export const UNDO = '↩️';

const VARIATION_SELECTOR = /\uFE0F/g;

/**
 * Discord may hand a reaction back without the emoji-presentation selector (U+FE0F) it was added with,
 * so '🛡' must match '🛡️'.
 */
export function sameEmoji(a: string, b: string): boolean {
  return a.replace(VARIATION_SELECTOR, '') === b.replace(VARIATION_SELECTOR, '');
}
