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
 * A packed entry (model.ts `PackedEntry`) is one array of 25 doubles, which V8 keeps unboxed in one
 * block the collector copies without reading: per direction (out at 0, in at 3) the count, the latest
 * time and the decay sum; at 6 the order the kinds first came in, as digits (a kind's place in KINDS
 * plus one, the first kind the highest digit); from 7 on, per kind, its count and latest time. A time
 * not there (no event that way, or of that kind) is NONE.
 */
const OUT = 0;
const IN = 3;
const ORDER = 6;
const FIRST_KIND = 7;
const NONE = -Infinity;
const KINDS = [
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
/** Where each kind's count is in a packed entry; its latest time is next to it. */
const KIND_SLOT = Object.fromEntries(KINDS.map((k, i) => [k, FIRST_KIND + 2 * i])) as Record<
  InteractionKind,
  number
>;
/** The empty entry every new one is copied from: a literal of doubles, so copies are arrays of doubles. */
const EMPTY: readonly number[] = [
  0,
  NONE,
  0,
  0,
  NONE,
  0,
  0,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
  0,
  NONE,
];

const emptyEntry = () => EMPTY.slice() as PackedEntry;

/** The kinds an entry holds, in the order they first came. */
function kindsInOrder(entry: readonly number[]): InteractionKind[] {
  const order = entry[ORDER]!;
  return order === 0 ? [] : [...String(order)].map((digit) => KINDS[Number(digit) - 1]!);
}

const lastOrNull = (t: number): number | null => (t === NONE ? null : t);

/** An entry as its readers and the store see it (model.ts `LedgerEntry`): a new object, not a view into the ledger. */
export function entryView(entry: PackedEntry): LedgerEntry {
  const kinds: LedgerEntry['kinds'] = {};
  for (const kind of kindsInOrder(entry)) {
    const slot = KIND_SLOT[kind];
    kinds[kind] = { count: entry[slot]!, last: entry[slot + 1]! };
  }
  return {
    out: { count: entry[OUT]!, last: lastOrNull(entry[OUT + 1]!), decay: entry[OUT + 2]! },
    in: { count: entry[IN]!, last: lastOrNull(entry[IN + 1]!), decay: entry[IN + 2]! },
    kinds,
  };
}

/** The packed form of an entry (what `entryView` gives back); kinds this code does not know are left out. */
export function packEntry(view: LedgerEntry): PackedEntry {
  const entry = emptyEntry();
  for (const [at, stats] of [
    [OUT, view.out],
    [IN, view.in],
  ] as const) {
    entry[at] = stats.count;
    entry[at + 1] = stats.last ?? NONE;
    entry[at + 2] = stats.decay;
  }
  for (const [kind, stats] of Object.entries(view.kinds)) {
    const slot = KIND_SLOT[kind as InteractionKind];
    if (slot === undefined || !stats) continue;
    entry[ORDER] = entry[ORDER]! * 10 + (slot - FIRST_KIND) / 2 + 1;
    entry[slot] = stats.count;
    entry[slot + 1] = stats.last;
  }
  return entry;
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
  let entry = ledger.entries.get(key);
  if (entry === undefined) {
    entry = emptyEntry();
    ledger.entries.set(key, entry);
  }
  const d = event.direction === 'out' ? OUT : IN;
  entry[d] = entry[d]! + 1;
  if (at > entry[d + 1]!) entry[d + 1] = at;
  entry[d + 2] = entry[d + 2]! + KIND_WEIGHT[kind] * 2 ** ((at - DECAY_ANCHOR) / HALF_LIFE);
  const slot = KIND_SLOT[kind];
  if (entry[slot + 1] === NONE) entry[ORDER] = entry[ORDER]! * 10 + (slot - FIRST_KIND) / 2 + 1;
  entry[slot] = entry[slot]! + 1;
  if (at > entry[slot + 1]!) entry[slot + 1] = at;
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
  for (const kind of kindsInOrder(b)) {
    const slot = KIND_SLOT[kind];
    if (merged[slot + 1] === NONE) {
      merged[ORDER] = merged[ORDER]! * 10 + (slot - FIRST_KIND) / 2 + 1;
      merged[slot] = b[slot]!;
      merged[slot + 1] = b[slot + 1]!;
    } else {
      merged[slot] = merged[slot]! + b[slot]!;
      merged[slot + 1] = Math.max(merged[slot + 1]!, b[slot + 1]!);
    }
  }
  return merged;
}

/** Everything the ledger knows about one account, by its id, its handle, or both. */
export function lookupEntry(ledger: Ledger, who: AccountRef): LedgerEntry | null {
  const handle = who.handle?.toLowerCase() ?? null;
  const id = who.id ?? (handle ? ledger.aliases.get(handle) : undefined) ?? null;
  const byId = id ? ledger.entries.get(`id:${id}`) : undefined;
  // A handle the ledger never tied to an id may still hold events of an account known here by both.
  const byHandle = handle && !ledger.aliases.has(handle) ? ledger.entries.get(`@${handle}`) : undefined;
  const entry = byId && byHandle ? mergeEntries(byId, byHandle) : (byId ?? byHandle);
  return entry ? entryView(entry) : null;
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
