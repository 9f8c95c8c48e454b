import type {
  AccountRef,
  DirectionStats,
  InteractionEvent,
  InteractionKind,
  Ledger,
  LedgerEntry,
  PackedEntry,
} from './model.js';
import { DAY_MS } from './model.js';

/**
 * Decay is stored relative to a fixed anchor so that entries can be built incrementally and merged
 * (a later sync just adds), and strength at any `now` is one multiplication.
 */
const DECAY_ANCHOR = Date.UTC(2020, 0, 1);
/** Half-life of an interaction's weight in relationship strength (docs/PRODUCT.md: about 60 days). */
export const HALF_LIFE_DAYS = 60;
const HALF_LIFE = HALF_LIFE_DAYS * DAY_MS;

/** How much one interaction says about a relationship. A DM or a reply is worth more than a like. */
export const KIND_WEIGHT: Record<InteractionKind, number> = {
  dm: 3,
  reply: 2,
  comment: 2,
  quote: 1.5,
  mention: 1.5,
  group_dm: 1,
  repost: 1,
  like: 0.5,
  /** A reaction to an Instagram story (a like, an emoji, a sticker answered): worth a like. */
  story: 0.5,
};

export function emptyLedger(): Ledger {
  return { entries: new Map(), aliases: new Map(), sources: [] };
}

/**
 * A packed entry (model.ts `PackedEntry`) is one array of doubles, which V8 keeps unboxed in one block
 * the collector copies without reading: per direction (out at 0, in at 3) the count, the latest time and
 * the decay sum; then per kind, in the order the kinds first came, three numbers: the kind's place in
 * INTERACTION_KINDS, its count and its latest time. Most accounts have one kind: nine numbers. A latest time not
 * there (no event that way) is NONE.
 */
const OUT = 0;
const IN = 3;
const FIRST_KIND = 6;
const NONE = -Infinity;
/** Every interaction kind, in the order of their codes in a packed entry; the store reads the same list. */
export const INTERACTION_KINDS = [
  'reply',
  'mention',
  'quote',
  'repost',
  'like',
  'comment',
  'dm',
  'group_dm',
  'story',
] as const satisfies readonly InteractionKind[];
const KIND_CODE = Object.fromEntries(INTERACTION_KINDS.map((k, i) => [k, i])) as Record<
  InteractionKind,
  number
>;

/** Where the kind of `code` starts in `entry`, or -1. */
function kindAt(entry: readonly number[], code: number): number {
  for (let i = FIRST_KIND; i < entry.length; i += 3) if (entry[i] === code) return i;
  return -1;
}

const lastOrNull = (t: number): number | null => (t === NONE ? null : t);

/** How many interactions out and in a packed entry counts, read without its view. */
export const outCount = (entry: PackedEntry): number => entry[OUT]!;
export const inCount = (entry: PackedEntry): number => entry[IN]!;
/** The latest time out and in of a packed entry, null when none that way (the view's `out.last`, `in.last`). */
export const outLast = (entry: PackedEntry): number | null => lastOrNull(entry[OUT + 1]!);
export const inLast = (entry: PackedEntry): number | null => lastOrNull(entry[IN + 1]!);

/** An entry as its readers and the store see it (model.ts `LedgerEntry`): a new object, not a view into the ledger. */
export function entryView(entry: PackedEntry): LedgerEntry {
  const kinds: LedgerEntry['kinds'] = {};
  for (let i = FIRST_KIND; i < entry.length; i += 3)
    kinds[INTERACTION_KINDS[entry[i]!]!] = { count: entry[i + 1]!, last: entry[i + 2]! };
  return {
    out: { count: entry[OUT]!, last: lastOrNull(entry[OUT + 1]!), decay: entry[OUT + 2]! },
    in: { count: entry[IN]!, last: lastOrNull(entry[IN + 1]!), decay: entry[IN + 2]! },
    kinds,
  };
}

/** The packed form of an entry (what `entryView` gives back); kinds this code does not know are left out. */
export function packEntry(view: LedgerEntry): PackedEntry {
  const { out, in: inbound } = view;
  const entry = [out.count, out.last ?? NONE, out.decay, inbound.count, inbound.last ?? NONE, inbound.decay];
  for (const [kind, stats] of Object.entries(view.kinds)) {
    const code = KIND_CODE[kind as InteractionKind];
    if (code !== undefined && stats) entry.push(code, stats.count, stats.last);
  }
  return entry as PackedEntry;
}

/**
 * The key an event for `who` is recorded under: its id's, else the id its handle is an alias of, else
 * its handle's. (An id that is there but empty names no id: the handle's key, unaliased, as `??` did.)
 */
function refKey(
  ledger: Ledger,
  id: string | null | undefined,
  handle: string | null | undefined,
): string | null {
  if (id) return 'id:' + id;
  if (!handle) return null;
  const lower = handle.toLowerCase();
  if (id == null) {
    const aliased = ledger.aliases.get(lower);
    if (aliased) return 'id:' + aliased;
  }
  return '@' + lower;
}

/**
 * Records that a handle belongs to an id, so handle-only events join the id's entry: those already
 * recorded under the handle move to the id now, later ones go straight to it.
 */
export function learnAlias(ledger: Ledger, handle: string, id: string): void {
  const lower = handle.toLowerCase();
  if (ledger.aliases.get(lower) === id) return;
  ledger.aliases.set(lower, id);
  const byHandle = ledger.entries.get(`@${lower}`);
  if (!byHandle) return;
  ledger.entries.delete(`@${lower}`);
  const byId = ledger.entries.get(`id:${id}`);
  ledger.entries.set(`id:${id}`, byId ? mergeEntries(byId, byHandle) : byHandle);
}

/**
 * Sources check times against their own dates; this bound only keeps a time no source could mean (far
 * past or future) from making a weight infinite and every strength with it.
 */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Records one interaction; returns false (recording nothing) when it names no one or its time is impossible. */
export function recordEvent(ledger: Ledger, event: InteractionEvent): boolean {
  const { id, handle } = event.who;
  if (id && handle) learnAlias(ledger, handle, id);
  const key = refKey(ledger, id, handle);
  const at = event.at;
  if (key === null || !(at >= EARLIEST && at <= LATEST)) return false;
  const kind = event.kind;
  const code = KIND_CODE[kind];
  const weight = KIND_WEIGHT[kind] * 2 ** ((at - DECAY_ANCHOR) / HALF_LIFE);
  const entry = ledger.entries.get(key);
  if (entry === undefined) {
    // Built whole, as a literal of numbers: one array of doubles, of the length it needs.
    const first =
      event.direction === 'out'
        ? [1, at, weight, 0, NONE, 0, code, 1, at]
        : [0, NONE, 0, 1, at, weight, code, 1, at];
    ledger.entries.set(key, first as PackedEntry);
    return true;
  }
  const d = event.direction === 'out' ? OUT : IN;
  entry[d] = entry[d]! + 1;
  if (at > entry[d + 1]!) entry[d + 1] = at;
  entry[d + 2] = entry[d + 2]! + weight;
  const i = kindAt(entry, code);
  if (i < 0) {
    // A kind new to the account: the entry grows by three, copied at its new length (not pushed, which
    // would leave room for a dozen more).
    ledger.entries.set(key, entry.concat([code, 1, at]) as PackedEntry);
  } else {
    entry[i + 1] = entry[i + 1]! + 1;
    if (at > entry[i + 2]!) entry[i + 2] = at;
  }
  return true;
}

/** Both entries' interactions in one new entry: counts and sums added, latest times the later, `a`'s kinds first. */
function mergeEntries(a: PackedEntry, b: PackedEntry): PackedEntry {
  const merged = a.slice() as PackedEntry;
  for (const d of [OUT, IN]) {
    merged[d] = a[d]! + b[d]!;
    merged[d + 1] = Math.max(a[d + 1]!, b[d + 1]!);
    merged[d + 2] = a[d + 2]! + b[d + 2]!;
  }
  for (let j = FIRST_KIND; j < b.length; j += 3) {
    const i = kindAt(merged, b[j]!);
    if (i < 0) merged.push(b[j]!, b[j + 1]!, b[j + 2]!);
    else {
      merged[i + 1] = merged[i + 1]! + b[j + 1]!;
      merged[i + 2] = Math.max(merged[i + 2]!, b[j + 2]!);
    }
  }
  return merged;
}

/** Everything the ledger knows about one account, by its id, its handle, or both. */
export function lookupEntry(ledger: Ledger, who: AccountRef): LedgerEntry | null {
  const entry = lookupPacked(ledger, who);
  return entry ? entryView(entry) : null;
}

/** What `lookupEntry` finds, packed: an entry of the ledger itself (or a merged copy), not to be changed. */
export function lookupPacked(ledger: Ledger, who: AccountRef): PackedEntry | null {
  const handle = who.handle?.toLowerCase() ?? null;
  const id = who.id ?? (handle ? ledger.aliases.get(handle) : undefined) ?? null;
  const byId = id ? ledger.entries.get(`id:${id}`) : undefined;
  // A handle the ledger never tied to an id may still hold events of an account known here by both.
  const byHandle = handle && !ledger.aliases.has(handle) ? ledger.entries.get(`@${handle}`) : undefined;
  return (byId && byHandle ? mergeEntries(byId, byHandle) : (byId ?? byHandle)) ?? null;
}

/** An audit weighs every account at one `now`: its decay factor is worked out once, not per account. */
let factorNow = NaN;
let factorAtNow = 0;

function decayFactor(now: number): number {
  if (now !== factorNow) {
    factorAtNow = 2 ** (-(now - DECAY_ANCHOR) / HALF_LIFE);
    factorNow = now;
  }
  return factorAtNow;
}

/** Decayed weight of one direction at `now`: each interaction counts half as much every half-life. */
export function decayedAt(stats: DirectionStats, now: number): number {
  if (stats.count === 0) return 0;
  return stats.decay * decayFactor(now);
}

/**
 * Relationship strength: recency-weighted interactions both ways, with a bonus for reciprocity
 * (the smaller of the two directions counts again), so a mutual exchange outweighs one-way attention.
 */
export function relationshipStrength(entry: LedgerEntry | null, now: number): number {
  if (!entry) return 0;
  const out = decayedAt(entry.out, now);
  const inbound = decayedAt(entry.in, now);
  return out + inbound + Math.min(out, inbound);
}

/** `relationshipStrength` of the entry's view, read from the packed entry: the same sums. */
export function packedStrength(entry: PackedEntry | null, now: number): number {
  if (!entry) return 0;
  const out = entry[OUT] === 0 ? 0 : entry[OUT + 2]! * decayFactor(now);
  const inbound = entry[IN] === 0 ? 0 : entry[IN + 2]! * decayFactor(now);
  return out + inbound + Math.min(out, inbound);
}

/** `lastInteraction` of the entry's view, read from the packed entry. */
export function packedLastInteraction(entry: PackedEntry | null): number | null {
  if (!entry) return null;
  const out = lastOrNull(entry[OUT + 1]!);
  const inbound = lastOrNull(entry[IN + 1]!);
  if (out === null) return inbound;
  if (inbound === null) return out;
  return Math.max(out, inbound);
}

export function lastInteraction(entry: LedgerEntry | null): number | null {
  if (!entry) return null;
  const { out, in: inbound } = entry;
  if (out.last === null) return inbound.last;
  if (inbound.last === null) return out.last;
  return Math.max(out.last, inbound.last);
}

/** The newest interaction time a ledger holds: what a sync must add after. */
export function newestInteraction(ledger: Ledger): number {
  let newest = 0;
  for (const entry of ledger.entries.values()) newest = Math.max(newest, entry[OUT + 1]!, entry[IN + 1]!);
  return newest;
}
