/**
 * Meta writes the UTF-8 bytes of non-ASCII text as `\u00XX` escapes, one per byte, so after JSON.parse
 * "😁" reads "ð\u009f\u0098\u0081". Re-reading such a string's code units as bytes restores it.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs a string only when it really is mojibake: every code unit fits in a byte, at least one is
 * non-ASCII, and the bytes form valid UTF-8. A genuine "café" (é alone is not valid UTF-8) is kept.
 */
export function repairMojibake(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[\u0100-\uffff]/.test(text)) return text;
  try {
    return strictUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/**
 * Whether JSON text can hold a string `repairMojibake` would change: only one with a code unit in
 * U+0080–U+00FF can, written as an escape (`\u0080`–`\u00ff`) or as it stands. Most files of an export
 * (the follow lists: usernames are ASCII) hold none, and need no repair at all.
 */
export function mayHoldMojibake(json: string): boolean {
  return /\\u00[89a-fA-F]|[\u0080-\u00ff]/.test(json);
}

/**
 * Repairs every string in parsed JSON, object keys included (Meta's localised labels are keys too). The
 * value is repaired where it lies, as it was just parsed and is no one else's: an export's activity
 * files hold hundreds of thousands of small objects, and copying each of them cost more than parsing.
 */
export function repairMojibakeDeep(value: unknown): unknown {
  if (typeof value === 'string') return repairMojibake(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = repairMojibakeDeep(value[i]);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    let keysChange = false;
    for (const key of keys) {
      record[key] = repairMojibakeDeep(record[key]);
      if (repairMojibake(key) !== key) keysChange = true;
    }
    if (!keysChange) return record;
    // A key repaired: the object is made again with its keys in their order.
    const out: Record<string, unknown> = {};
    for (const key of keys) out[repairMojibake(key)] = record[key];
    return out;
  }
  return value;
}
