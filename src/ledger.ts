import type {
  AccountRef,
  DirectionStats,
  InteractionEvent,
  InteractionKind,
  Ledger,
  LedgerEntry,
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

function emptyStats(): DirectionStats {
  return { count: 0, last: null, decay: 0 };
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
    // A new entry is built with its first event in it: one object per part, each of one shape.
    const first: DirectionStats = {
      count: 1,
      last: at,
      decay: KIND_WEIGHT[kind] * 2 ** ((at - DECAY_ANCHOR) / HALF_LIFE),
    };
    const kinds: LedgerEntry['kinds'] = {};
    kinds[kind] = { count: 1, last: at };
    entry =
      event.direction === 'out'
        ? { out: first, in: emptyStats(), kinds }
        : { out: emptyStats(), in: first, kinds };
    ledger.entries.set(key, entry);
    return true;
  }
  const stats = event.direction === 'out' ? entry.out : entry.in;
  stats.count += 1;
  if (stats.last === null || at > stats.last) stats.last = at;
  stats.decay += KIND_WEIGHT[kind] * 2 ** ((at - DECAY_ANCHOR) / HALF_LIFE);
  const ofKind = entry.kinds[kind];
  if (ofKind) {
    ofKind.count += 1;
    if (at > ofKind.last) ofKind.last = at;
  } else {
    entry.kinds[kind] = { count: 1, last: at };
  }
  return true;
}

function mergeStats(a: DirectionStats, b: DirectionStats): DirectionStats {
  return {
    count: a.count + b.count,
    last: a.last === null ? b.last : b.last === null ? a.last : Math.max(a.last, b.last),
    decay: a.decay + b.decay,
  };
}

function mergeEntries(a: LedgerEntry, b: LedgerEntry): LedgerEntry {
  const kinds: LedgerEntry['kinds'] = { ...a.kinds };
  for (const [k, v] of Object.entries(b.kinds) as [InteractionKind, { count: number; last: number }][]) {
    const prev = kinds[k];
    kinds[k] = prev ? { count: prev.count + v.count, last: Math.max(prev.last, v.last) } : { ...v };
  }
  return { out: mergeStats(a.out, b.out), in: mergeStats(a.in, b.in), kinds };
}

/** Everything the ledger knows about one account, by its id, its handle, or both. */
export function lookupEntry(ledger: Ledger, who: AccountRef): LedgerEntry | null {
  const handle = who.handle?.toLowerCase() ?? null;
  const id = who.id ?? (handle ? ledger.aliases.get(handle) : undefined) ?? null;
  const byId = id ? ledger.entries.get(`id:${id}`) : undefined;
  // A handle the ledger never tied to an id may still hold events of an account known here by both.
  const byHandle = handle && !ledger.aliases.has(handle) ? ledger.entries.get(`@${handle}`) : undefined;
  if (byId && byHandle) return mergeEntries(byId, byHandle);
  return byId ?? byHandle ?? null;
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
  for (const entry of ledger.entries.values())
    newest = Math.max(newest, entry.out.last ?? 0, entry.in.last ?? 0);
  return newest;
}
