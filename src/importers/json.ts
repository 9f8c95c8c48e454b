/** Narrowing helpers for JSON of unknown shape: exports change without notice, so nothing is assumed. */

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

/** A non-empty string, or null. X writes numbers as strings; a number is accepted and turned into one. */
export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Unwraps `{ <key>: {...} }`, the envelope X puts around every archive entry, when it is there. */
export function unwrap(value: unknown, key: string): JsonRecord | null {
  const outer = asRecord(value);
  if (!outer) return null;
  return asRecord(outer[key]) ?? outer;
}
