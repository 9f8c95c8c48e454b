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

/** Repairs every string in parsed JSON, object keys included (Meta's localised labels are keys too). */
export function repairMojibakeDeep(value: unknown): unknown {
  if (typeof value === 'string') return repairMojibake(value);
  if (Array.isArray(value)) return value.map(repairMojibakeDeep);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[repairMojibake(key)] = repairMojibakeDeep(inner);
    return out;
  }
  return value;
}
