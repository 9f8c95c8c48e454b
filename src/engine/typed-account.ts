/**
 * An account as a person types it — in /keep, /undo, /nudges cadence or the CLI's --keep: "@Jane",
 * " jane ", "12345". Digits alone are an id, anything else a handle, without its "@". Pure.
 */
import type { AccountRef } from '../model.js';

const DIGITS = /^\d+$/;

/** The handle or id as typed, trimmed and without a leading "@" (case kept); "" for nothing. */
export function typedName(text: string): string {
  return text.trim().replace(/^@/, '');
}

/** "@jane" → { handle: "jane" }, "12345" → { id: "12345" }, "" → null. */
export function typedAccount(text: string): AccountRef | null {
  const name = typedName(text);
  if (!name) return null;
  return DIGITS.test(name) ? { id: name } : { handle: name };
}

/** "@jane, 12345 bob" → one ref each, in order; separators are commas and spaces. */
export function typedAccounts(text: string): AccountRef[] {
  return text
    .split(/[\s,]+/)
    .map(typedAccount)
    .filter((ref): ref is AccountRef => ref !== null);
}
