/**
 * The longest text Tend keeps of each kind, in UTF-16 code units (a JavaScript string's length), cut
 * where the text enters: in each importer and in the X API source, nowhere later. Each cap is above
 * what X or Instagram lets a person write, so no real account is ever cut: the platforms count
 * characters (code points), and a code point is at most two code units. Only a doctored export or a
 * broken answer holds more, and every check then reads at most this much of it, however large the file.
 */
export const TEXT_LIMITS = {
  /** Display names: X allows 50 characters; twice that again leaves room for any platform's names. */
  name: 200,
  /** Bios: X allows 160 characters, Instagram 150. */
  bio: 320,
  /** A profile's location: X allows 30 characters. */
  location: 100,
  /** A website or an expanded link: 2,048 is the longest address browsers and X reliably keep. */
  url: 2_048,
  /**
   * A bio with its t.co links expanded (X API): 160 characters hold at most seven t.co links of 23, each
   * expanded to at most `url`.
   */
  expandedBio: 320 + 7 * 2_048,
  /** Posts, liked posts, comments: X long posts allow 25,000 characters, Instagram comments 2,200. */
  post: 50_000,
} as const;

const HIGH_SURROGATE_FIRST = 0xd800;
const HIGH_SURROGATE_LAST = 0xdbff;

/** `text` cut to `max` code units, without leaving half an emoji at the end. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= HIGH_SURROGATE_FIRST && last <= HIGH_SURROGATE_LAST ? max - 1 : max);
}

/** `capText` for a field that may be missing. */
export function capOptional(text: string | null, max: number): string | null {
  return text === null ? null : capText(text, max);
}
