import { gunzipSync, gzipSync } from 'node:zlib';
import type { FollowerSnapshot } from '../model.js';

export type { FollowerSnapshot };

/**
 * The follower list of one audit, kept so the next audit can say who is new, who left and who churned
 * without reading the list again. Pure encode/decode: the store (follower-snapshots.ts) only moves bytes.
 *
 * Layout before gzip: the magic `TFS1`, the time taken (float64, epoch ms), the owner's key (varint
 * length, UTF-8), then two lists (`ids`, `missing`), each a kind byte and:
 * - kind 1, numeric ids (X): the count, then the sorted ids as varint gaps from the previous id, so
 *   ids of similar age, which X numbers close together, take a few bytes each;
 * - kind 2, anything else (Instagram usernames): the byte length, then the sorted names joined by
 *   newlines, which gzip then compresses well.
 * Both sort and drop duplicates: a list is a set.
 *
 * A snapshot of a read through X's list, which comes newest first, keeps how deep in it each follower
 * read was (`depth`, in hundreds): magic `TFS2`, and after the two lists one varint a follower of `ids`,
 * in their sorted order: 0 for one the read did not reach, else the depth plus one. A byte a follower
 * before gzip, little after it: the ids take eight or so each. `TFS3` is `TFS2` with X's count of the
 * person's followers at that read (`followersCount`) after the depths, one varint. `TFS4` is the same
 * for a read that reached the end of X's list (`complete`), the count written plus one (0: none).
 * A snapshot whose kind is unknown (`kindUnknown`, rebuilt from a `TFD1` delta) is written as `TFS2`
 * with no follower reached: read back, it claims nothing either.
 *
 * A depth beyond the number of ids cannot be (a hundred followers share one) and is refused as spoiled:
 * an audit sizes its work by the depths of the last read.
 */

const MAGIC = Buffer.from('TFS1', 'latin1');
const ORDERED_MAGIC = Buffer.from('TFS2', 'latin1');
const COUNTED_MAGIC = Buffer.from('TFS3', 'latin1');
const COMPLETE_MAGIC = Buffer.from('TFS4', 'latin1');
const DELTA_MAGIC = Buffer.from('TFD1', 'latin1');
const SHAPED_DELTA_MAGIC = Buffer.from('TFD2', 'latin1');
/** The older snapshot of a `TFD2` delta: a whole list (no order), or ordered, with a count, complete. */
const SHAPE_WHOLE = 1;
const SHAPE_ORDERED = 2;
const SHAPE_COUNTED = 4;
const SHAPE_COMPLETE = 8;
const KIND_NUMERIC = 1;
const KIND_TEXT = 2;
/** Canonical decimal below 2^64: what round-trips through a BigInt unchanged. */
const NUMERIC_ID = /^(0|[1-9]\d{0,19})$/;
const MAX_U64 = (1n << 64n) - 1n;

export class SnapshotDecodeError extends Error {}

function isNumeric(ids: readonly string[]): boolean {
  return ids.every((id) => NUMERIC_ID.test(id) && BigInt(id) <= MAX_U64);
}

class Writer {
  private readonly chunks: Buffer[] = [];
  private buf = Buffer.alloc(4096);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.alloc(Math.max(4096, n));
    this.at = 0;
  }

  bytes(b: Buffer): void {
    this.room(b.length);
    b.copy(this.buf, this.at);
    this.at += b.length;
  }

  byte(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }

  float(v: number): void {
    this.room(8);
    this.buf.writeDoubleLE(v, this.at);
    this.at += 8;
  }

  /** Unsigned LEB128. Numbers below 2^32 avoid BigInt, which most gaps and every count are. */
  varint(v: bigint | number): void {
    this.room(10);
    if (typeof v === 'number' && v < 0x1_0000_0000) {
      let n = v >>> 0;
      while (n >= 0x80) {
        this.buf[this.at++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
      this.buf[this.at++] = n;
      return;
    }
    let n = BigInt(v);
    while (n >= 0x80n) {
      this.buf[this.at++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.buf[this.at++] = Number(n);
  }

  done(): Buffer {
    return Buffer.concat([...this.chunks, this.buf.subarray(0, this.at)]);
  }
}

class Reader {
  at = 0;
  constructor(private readonly buf: Buffer) {}

  need(n: number): void {
    if (this.at + n > this.buf.length) throw new SnapshotDecodeError('follower snapshot is truncated');
  }

  byte(): number {
    this.need(1);
    return this.buf[this.at++]!;
  }

  float(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.at);
    this.at += 8;
    return v;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new SnapshotDecodeError('follower snapshot holds an oversized number');
    }
  }

  bytes(n: number): Buffer {
    this.need(n);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/** The sorted set of ids, numerically where they are all numbers, else as text. Empty keys are dropped. */
export function normalizeIds(ids: Iterable<string>): { kind: 1 | 2; ids: string[] } {
  const unique = [...new Set(ids)].filter((id) => id !== '');
  if (isNumeric(unique)) {
    const sorted = unique.map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { kind: KIND_NUMERIC, ids: sorted.map(String) };
  }
  return { kind: KIND_TEXT, ids: unique.sort() };
}

function writeList(w: Writer, list: Iterable<string>): void {
  const { kind, ids } = normalizeIds(list);
  w.byte(kind);
  if (kind === KIND_NUMERIC) {
    w.varint(ids.length);
    let previous = 0n;
    for (const id of ids) {
      const value = BigInt(id);
      const gap = value - previous;
      w.varint(gap < 0x1_0000_0000n ? Number(gap) : gap);
      previous = value;
    }
    return;
  }
  if (ids.some((id) => id.includes('\n')))
    throw new RangeError('a follower key holds a newline: it cannot be stored');
  const text = Buffer.from(ids.join('\n'), 'utf8');
  w.varint(text.length);
  w.bytes(text);
}

function readList(r: Reader, size: number): string[] {
  const kind = r.byte();
  if (kind === KIND_NUMERIC) {
    const count = Number(r.varint());
    // Every id takes a byte at least: a count beyond the bytes left is a spoiled snapshot.
    if (count > size - r.at) throw new SnapshotDecodeError('follower snapshot is truncated');
    const ids = new Array<string>(count);
    let value = 0n;
    for (let i = 0; i < count; i++) {
      value += r.varint();
      ids[i] = value.toString();
    }
    return ids;
  }
  if (kind === KIND_TEXT) {
    const text = r.bytes(Number(r.varint())).toString('utf8');
    return text === '' ? [] : text.split('\n');
  }
  throw new SnapshotDecodeError(`unknown follower snapshot kind ${kind}`);
}

/** A record's start: its magic, the time of the audit and the owner (varint length, UTF-8). */
function writeHeader(w: Writer, magic: Buffer, at: number, ownerText: string): void {
  w.bytes(magic);
  w.float(at);
  const owner = Buffer.from(ownerText, 'utf8');
  w.varint(owner.length);
  w.bytes(owner);
}

/** A depth as stored, a varint a follower in the sorted order of `ids`: 0 for one not reached, else the depth plus one. */
function depthCodes(ids: readonly string[], depth: Readonly<Record<string, number>>): number[] {
  return normalizeIds(ids).ids.map((id) => (depth[id] === undefined ? 0 : depth[id] + 1));
}

/** The depths again from their codes (`depthCodes`), one a follower of `ids` in sorted order. */
function depthOfCodes(ids: readonly string[], codes: readonly number[]): Record<string, number> {
  const depth: Record<string, number> = {};
  codes.forEach((d, i) => {
    if (d > 0) depth[ids[i]!] = d - 1;
  });
  return depth;
}

/** X's count of the person's followers as it can be stored: a whole number, not negative. */
function checkedCount(followersCount: number): number {
  if (!(Number.isSafeInteger(followersCount) && followersCount >= 0))
    throw new RangeError(`a follower count of ${followersCount} cannot be stored`);
  return followersCount;
}

export function encodeFollowerSnapshot(snapshot: FollowerSnapshot): Buffer {
  const w = new Writer();
  const unknown = snapshot.kindUnknown === true;
  const depth = unknown ? {} : snapshot.depth;
  const followersCount = unknown ? undefined : snapshot.followersCount;
  const counted = depth !== undefined && followersCount !== undefined;
  const complete = depth !== undefined && snapshot.complete === true && !unknown;
  if (counted) checkedCount(followersCount);
  const magic = complete ? COMPLETE_MAGIC : counted ? COUNTED_MAGIC : depth ? ORDERED_MAGIC : MAGIC;
  writeHeader(w, magic, snapshot.at, snapshot.owner);
  writeList(w, snapshot.ids);
  writeList(w, snapshot.missing);
  if (depth) for (const code of depthCodes(snapshot.ids, depth)) w.varint(code);
  if (complete) w.varint(counted ? followersCount + 1 : 0);
  else if (counted) w.varint(followersCount);
  return gzipSync(w.done(), { level: 9 });
}

/** Reads what `encodeFollowerSnapshot` wrote; throws `SnapshotDecodeError` on anything else. */
export function decodeFollowerSnapshot(bytes: Buffer): FollowerSnapshot {
  const entry = decodeFollowerEntry(bytes);
  if (entry.kind !== 'full') throw new SnapshotDecodeError('a follower delta, not a snapshot');
  return entry.snapshot;
}

/**
 * An older snapshot as the difference from the one after it: who followed then and not at the next
 * audit (`added`), who follows at the next and not then (`removed`), and its own `missing`. Audits a
 * week apart change a follower list by a percent or so: a person's history takes one full list and
 * small deltas.
 */
export interface FollowerDelta {
  at: number;
  owner: string;
  added: string[];
  removed: string[];
  missing: string[];
  /**
   * What kind of snapshot the older one was, so that it is rebuilt as it was read: absent from a
   * `TFD1` record, which kept only ids (the rebuilt snapshot is then `kindUnknown`).
   */
  shape?: DeltaShape;
}

export interface DeltaShape {
  /**
   * For a read through X's list: a varint's worth a follower of the older snapshot, in the sorted
   * order of its ids, 0 for one the read did not reach, else the depth plus one (as in `TFS2`). Null:
   * a whole list without order (an export's or an archive's).
   */
  depths: number[] | null;
  followersCount?: number;
  complete?: boolean;
}

function shapeOf(snapshot: FollowerSnapshot): DeltaShape | undefined {
  if (snapshot.kindUnknown) return undefined;
  const { depth } = snapshot;
  if (!depth) return { depths: null };
  return {
    depths: depthCodes(snapshot.ids, depth),
    ...(snapshot.followersCount !== undefined ? { followersCount: snapshot.followersCount } : {}),
    ...(snapshot.complete === true ? { complete: true } : {}),
  };
}

export function followerDelta(older: FollowerSnapshot, newer: FollowerSnapshot): FollowerDelta {
  const inNewer = new Set(newer.ids);
  const inOlder = new Set(older.ids);
  const shape = shapeOf(older);
  return {
    at: older.at,
    owner: older.owner,
    added: older.ids.filter((id) => !inNewer.has(id)),
    removed: newer.ids.filter((id) => !inOlder.has(id)),
    missing: older.missing,
    ...(shape ? { shape } : {}),
  };
}

/**
 * The older snapshot again, from its delta and the snapshot after it. Where the delta does not say
 * what kind of snapshot it was (`TFD1`), or its depths do not fit the ids rebuilt, the snapshot is
 * `kindUnknown`: an audit against it claims nothing it cannot know.
 */
export function applyFollowerDelta(delta: FollowerDelta, newer: FollowerSnapshot): FollowerSnapshot {
  const removed = new Set(delta.removed);
  const ids = normalizeIds([...newer.ids.filter((id) => !removed.has(id)), ...delta.added]).ids;
  const base = { at: delta.at, owner: delta.owner, ids, missing: normalizeIds(delta.missing).ids };
  const { shape } = delta;
  if (!shape || (shape.depths && shape.depths.length !== ids.length)) return { ...base, kindUnknown: true };
  if (!shape.depths) return base;
  return {
    ...base,
    depth: depthOfCodes(ids, shape.depths),
    ...(shape.followersCount !== undefined ? { followersCount: shape.followersCount } : {}),
    ...(shape.complete ? { complete: true } : {}),
  };
}

/** A delta of a known shape is written as `TFD2`, one of unknown shape as `TFD1`. */
export function encodeFollowerDelta(delta: FollowerDelta): Buffer {
  const w = new Writer();
  const { shape } = delta;
  writeHeader(w, shape ? SHAPED_DELTA_MAGIC : DELTA_MAGIC, delta.at, delta.owner);
  writeList(w, delta.added);
  writeList(w, delta.removed);
  writeList(w, delta.missing);
  if (shape) {
    const { depths, followersCount } = shape;
    const counted = depths !== null && followersCount !== undefined;
    if (counted) checkedCount(followersCount);
    w.byte(
      depths === null
        ? SHAPE_WHOLE
        : SHAPE_ORDERED | (counted ? SHAPE_COUNTED : 0) | (shape.complete ? SHAPE_COMPLETE : 0),
    );
    if (depths !== null) {
      w.varint(depths.length);
      for (const d of depths) w.varint(d);
    }
    if (counted) w.varint(followersCount);
  }
  return gzipSync(w.done(), { level: 9 });
}

export type FollowerEntry =
  { kind: 'full'; snapshot: FollowerSnapshot } | { kind: 'delta'; delta: FollowerDelta };

/** Reads a stored snapshot or delta; throws `SnapshotDecodeError` on anything else. */
export function decodeFollowerEntry(bytes: Buffer): FollowerEntry {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw new SnapshotDecodeError('follower snapshot is not gzip');
  }
  const r = new Reader(raw);
  const magic = r.bytes(MAGIC.length);
  const shaped = magic.equals(SHAPED_DELTA_MAGIC);
  const isDelta = shaped || magic.equals(DELTA_MAGIC);
  const complete = magic.equals(COMPLETE_MAGIC);
  const counted = magic.equals(COUNTED_MAGIC);
  const ordered = complete || counted || magic.equals(ORDERED_MAGIC);
  if (!isDelta && !ordered && !magic.equals(MAGIC)) throw new SnapshotDecodeError('not a follower snapshot');
  const at = r.float();
  const owner = r.bytes(Number(r.varint())).toString('utf8');
  const lists = [readList(r, raw.length), readList(r, raw.length)];
  if (isDelta) lists.push(readList(r, raw.length));
  let depth: Record<string, number> | null = null;
  if (ordered) {
    const ids = lists[0]!;
    depth = depthOfCodes(
      ids,
      ids.map(() => checkedDepth(r, ids.length)),
    );
  }
  const shape = shaped ? readShape(r, raw.length) : undefined;
  let followersCount = counted ? Number(r.varint()) : null;
  if (complete) {
    const plusOne = Number(r.varint());
    followersCount = plusOne > 0 ? plusOne - 1 : null;
  }
  if (r.at !== raw.length) throw new SnapshotDecodeError('follower snapshot has bytes after its lists');
  if (isDelta) {
    const [added, removed, missing] = lists as [string[], string[], string[]];
    return { kind: 'delta', delta: { at, owner, added, removed, missing, ...(shape ? { shape } : {}) } };
  }
  const [ids, missing] = lists as [string[], string[]];
  return {
    kind: 'full',
    snapshot: {
      at,
      owner,
      ids,
      missing,
      ...(depth ? { depth } : {}),
      ...(followersCount !== null ? { followersCount } : {}),
      ...(complete ? { complete } : {}),
    },
  };
}

/**
 * One depth varint (the depth plus one, 0: not reached) of a list of `count` ids: a depth in hundreds
 * beyond the number of ids cannot be, and would have an audit size its work by it.
 */
function checkedDepth(r: Reader, count: number): number {
  const d = r.varint();
  if (d > BigInt(count) + 1n)
    throw new SnapshotDecodeError('follower snapshot holds a depth beyond its list');
  return Number(d);
}

function readShape(r: Reader, size: number): DeltaShape {
  const flags = r.byte();
  if (flags === SHAPE_WHOLE) return { depths: null };
  if ((flags & SHAPE_ORDERED) === 0 || (flags & ~(SHAPE_ORDERED | SHAPE_COUNTED | SHAPE_COMPLETE)) !== 0)
    throw new SnapshotDecodeError(`unknown follower delta shape ${flags}`);
  const count = Number(r.varint());
  // A depth takes a byte at least: a count beyond the bytes left is a spoiled delta.
  if (count > size - r.at) throw new SnapshotDecodeError('follower snapshot is truncated');
  const depths = new Array<number>(count);
  for (let i = 0; i < count; i++) depths[i] = checkedDepth(r, count);
  return {
    depths,
    ...((flags & SHAPE_COUNTED) !== 0 ? { followersCount: Number(r.varint()) } : {}),
    ...((flags & SHAPE_COMPLETE) !== 0 ? { complete: true } : {}),
  };
}
