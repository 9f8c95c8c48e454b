/**
 * The id lists of an X archive (following, follower, block, mute) read straight from their bytes: each
 * entry is `{ "following" : { "accountId" : "<digits>", "userLink" : "<link>" } }`, and a large account has
 * hundreds of thousands of them. An entry of exactly that shape, with any JSON whitespace between its
 * tokens, is read here without JSON.parse; anything else (escapes, other fields or another order, a
 * number for the id, control characters) is left to JSON.parse and `readListedId`, which this must agree
 * with: the property tests in test/importers/x-listed-ids.property.test.ts compare the two.
 */

import type { FastElements } from './ytd.js';
import { isJsonSpace } from './ytd.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;

const ACCOUNT_ID = Buffer.from('"accountId"', 'latin1');
const USER_LINK = Buffer.from('"userLink"', 'latin1');
/** X's own layout around the id and after the link (scripts/lib/x-archive-writer.ts writes it too). */
const X_MIDDLE = Buffer.from('",\n      "userLink" : "', 'latin1');
const X_TAIL = Buffer.from('"\n    }\n  }', 'latin1');

export class ListedIdEntries implements FastElements {
  private readonly key: Buffer;
  /** X's own layout up to the id's first digit: `{\n    "<key>" : {\n      "accountId" : "`. */
  private readonly xHead: Buffer;
  private idStart = 0;
  private idEnd = 0;
  private bytes: Buffer | null = null;

  /**
   * `key` is the entry's envelope (`following`, `follower`, `blocking`, `muting`), plain ASCII;
   * `add` receives each entry's id, as `readListedId` would return it.
   */
  constructor(
    key: string,
    private readonly add: (id: string) => void,
  ) {
    if (!/^[A-Za-z]+$/.test(key)) throw new Error(`not a plain key: ${key}`);
    this.key = Buffer.from(`"${key}"`, 'latin1');
    this.xHead = Buffer.from(`{\n    "${key}" : {\n      "accountId" : "`, 'latin1');
  }

  match(bytes: Buffer, from: number): number {
    const exact = this.matchXLayout(bytes, from);
    return exact >= 0 ? exact : this.matchAnyLayout(bytes, from);
  }

  /**
   * `matchAnyLayout` for an entry laid out byte for byte as X lays them out, which is one of the layouts
   * that reads (the same tokens, X's whitespace between them), checked in three runs of bytes rather
   * than token by token. -1 for any other layout, which `matchAnyLayout` then reads.
   */
  private matchXLayout(bytes: Buffer, from: number): number {
    const n = bytes.length;
    let i = space(bytes, from, n);
    i = exactly(bytes, i, n, this.xHead);
    if (i < 0) return -1;
    const idStart = i;
    while (i < n && bytes[i]! >= ZERO && bytes[i]! <= NINE) i++;
    if (i === idStart) return -1;
    const idEnd = i;
    i = exactly(bytes, i, n, X_MIDDLE);
    if (i < 0) return -1;
    while (i < n) {
      const b = bytes[i]!;
      if (b === QUOTE || b === BACKSLASH || b < 0x20) break;
      i++;
    }
    i = exactly(bytes, i, n, X_TAIL);
    if (i < 0) return -1;
    this.bytes = bytes;
    this.idStart = idStart;
    this.idEnd = idEnd;
    return space(bytes, i, n);
  }

  private matchAnyLayout(bytes: Buffer, from: number): number {
    const n = bytes.length;
    let i = space(bytes, from, n);
    if (i >= n || bytes[i] !== OPEN_BRACE) return -1;
    i = space(bytes, i + 1, n);
    i = literal(bytes, i, n, this.key);
    if (i < 0) return -1;
    i = punct(bytes, i, n, COLON);
    if (i < 0) return -1;
    i = punct(bytes, i, n, OPEN_BRACE);
    if (i < 0) return -1;
    i = literal(bytes, i, n, ACCOUNT_ID);
    if (i < 0) return -1;
    i = punct(bytes, i, n, COLON);
    if (i < 0) return -1;
    // Past the opening quote only: whitespace after it is the id's own.
    if (i >= n || bytes[i] !== QUOTE) return -1;
    const idStart = ++i;
    while (i < n && bytes[i]! >= ZERO && bytes[i]! <= NINE) i++;
    if (i === idStart || i >= n || bytes[i] !== QUOTE) return -1;
    const idEnd = i;
    i = punct(bytes, i + 1, n, COMMA);
    if (i < 0) return -1;
    i = literal(bytes, i, n, USER_LINK);
    if (i < 0) return -1;
    i = punct(bytes, i, n, COLON);
    if (i < 0) return -1;
    if (i >= n || bytes[i] !== QUOTE) return -1;
    i++;
    // The link is not used: any string JSON.parse reads without an escape. UTF-8 bytes (≥ 0x80) are
    // fine, even invalid ones (decoding replaces them, parsing still succeeds); control bytes are not.
    while (i < n) {
      const b = bytes[i]!;
      if (b === QUOTE || b === BACKSLASH || b < 0x20) break;
      i++;
    }
    if (i >= n || bytes[i] !== QUOTE) return -1;
    i = punct(bytes, i + 1, n, CLOSE_BRACE);
    if (i < 0) return -1;
    i = punct(bytes, i, n, CLOSE_BRACE);
    if (i < 0) return -1;
    this.bytes = bytes;
    this.idStart = idStart;
    this.idEnd = idEnd;
    return i;
  }

  use(): void {
    this.add(this.bytes!.toString('latin1', this.idStart, this.idEnd));
    this.bytes = null;
  }
}

function space(bytes: Buffer, from: number, n: number): number {
  let i = from;
  while (i < n && isJsonSpace(bytes[i]!)) i++;
  return i;
}

/** Past whitespace and then `byte` (and the whitespace after it), or -1. */
function punct(bytes: Buffer, from: number, n: number, byte: number): number {
  const i = space(bytes, from, n);
  if (i >= n || bytes[i] !== byte) return -1;
  return space(bytes, i + 1, n);
}

/** Past `text`, which must start exactly at `from`; or -1. */
function exactly(bytes: Buffer, from: number, n: number, text: Buffer): number {
  const end = from + text.length;
  if (end > n) return -1;
  for (let k = 0; k < text.length; k++) if (bytes[from + k] !== text[k]) return -1;
  return end;
}

/** Past `text`, which must start exactly at `from`, and the whitespace after it; or -1. */
function literal(bytes: Buffer, from: number, n: number, text: Buffer): number {
  const end = exactly(bytes, from, n, text);
  return end < 0 ? -1 : space(bytes, end, n);
}
