/**
 * `recordEvent` was rewritten for the X archive's import speed (fewer keys built, a new entry built with
 * its first event in it, then entries packed into arrays of doubles): the ledger it builds, read through
 * `entryView`, must be exactly the one the plain version below built over nested objects — the same keys
 * in the same order, the same counts, times and decay sums to the last bit, the same kinds in the same
 * order, the same aliases — and `lookupEntry` must merge an id's and a handle's entries as the plain
 * merge did. fast-check draws sequences of events over a few ids and handles (case variants, empty ids,
 * missing handles, impossible times) with aliases learned between them. Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyLedger,
  entryView,
  HALF_LIFE_DAYS,
  inCount,
  inLast,
  KIND_WEIGHT,
  lastInteraction,
  learnAlias,
  lookupEntry,
  lookupPacked,
  outCount,
  outLast,
  packedLastInteraction,
  packedStrength,
  packEntry,
  recordEvent,
  relationshipStrength,
} from '../src/ledger.js';
import type {
  AccountRef,
  DirectionStats,
  InteractionEvent,
  InteractionKind,
  Ledger,
  LedgerEntry,
} from '../src/model.js';

const DECAY_ANCHOR = Date.UTC(2020, 0, 1);
const HALF_LIFE = HALF_LIFE_DAYS * 86_400_000;

/** The ledger as it was before entries were packed: nested objects. */
interface PlainLedger {
  entries: Map<string, LedgerEntry>;
  aliases: Map<string, string>;
}

function plainMergeStats(a: DirectionStats, b: DirectionStats): DirectionStats {
  return {
    count: a.count + b.count,
    last: a.last === null ? b.last : b.last === null ? a.last : Math.max(a.last, b.last),
    decay: a.decay + b.decay,
  };
}

/** `mergeEntries` as it was over nested entries. */
function plainMerge(a: LedgerEntry, b: LedgerEntry): LedgerEntry {
  const kinds: LedgerEntry['kinds'] = { ...a.kinds };
  for (const [k, v] of Object.entries(b.kinds) as [InteractionKind, { count: number; last: number }][]) {
    const prev = kinds[k];
    kinds[k] = prev ? { count: prev.count + v.count, last: Math.max(prev.last, v.last) } : { ...v };
  }
  return { out: plainMergeStats(a.out, b.out), in: plainMergeStats(a.in, b.in), kinds };
}

/** `learnAlias` as it was over nested entries. */
function plainLearnAlias(ledger: PlainLedger, handle: string, id: string): void {
  const lower = handle.toLowerCase();
  if (ledger.aliases.get(lower) === id) return;
  ledger.aliases.set(lower, id);
  const byHandle = ledger.entries.get(`@${lower}`);
  if (!byHandle) return;
  ledger.entries.delete(`@${lower}`);
  const byId = ledger.entries.get(`id:${id}`);
  ledger.entries.set(`id:${id}`, byId ? plainMerge(byId, byHandle) : byHandle);
}

/** `lookupEntry` as it was over nested entries. */
function plainLookup(ledger: PlainLedger, who: AccountRef): LedgerEntry | null {
  const handle = who.handle?.toLowerCase() ?? null;
  const id = who.id ?? (handle ? ledger.aliases.get(handle) : undefined) ?? null;
  const byId = id ? ledger.entries.get(`id:${id}`) : undefined;
  const byHandle = handle && !ledger.aliases.has(handle) ? ledger.entries.get(`@${handle}`) : undefined;
  if (byId && byHandle) return plainMerge(byId, byHandle);
  return byId ?? byHandle ?? null;
}

/** `recordEvent` as it was written before the rewrite: one key built per event, an entry made empty first. */
function plainRecordEvent(ledger: PlainLedger, event: InteractionEvent): boolean {
  if (event.who.id && event.who.handle) plainLearnAlias(ledger, event.who.handle, event.who.id);
  const who = event.who;
  const id = who.id ?? (who.handle ? ledger.aliases.get(who.handle.toLowerCase()) : undefined);
  const key = id ? `id:${id}` : who.handle ? `@${who.handle.toLowerCase()}` : null;
  if (key === null || !(event.at >= Date.UTC(2000, 0, 1) && event.at <= Date.UTC(2100, 0, 1))) return false;
  let entry = ledger.entries.get(key);
  if (!entry) {
    const empty = (): DirectionStats => ({ count: 0, last: null, decay: 0 });
    entry = { out: empty(), in: empty(), kinds: {} } as LedgerEntry;
    ledger.entries.set(key, entry);
  }
  const stats = entry[event.direction];
  stats.count += 1;
  if (stats.last === null || event.at > stats.last) stats.last = event.at;
  stats.decay += KIND_WEIGHT[event.kind] * 2 ** ((event.at - DECAY_ANCHOR) / HALF_LIFE);
  const kind = entry.kinds[event.kind];
  if (kind) {
    kind.count += 1;
    if (event.at > kind.last) kind.last = event.at;
  } else {
    entry.kinds[event.kind] = { count: 1, last: event.at };
  }
  return true;
}

const KINDS = Object.keys(KIND_WEIGHT) as InteractionKind[];
const time = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: Date.UTC(2009, 0, 1), max: Date.UTC(2027, 0, 1) }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      0,
      Date.UTC(2000, 0, 1),
      Date.UTC(2100, 0, 1),
      Date.UTC(2100, 0, 2),
    ),
  },
);
const id = fc.constantFrom('1', '2', '3', '', undefined, null);
const handle = fc.constantFrom('ann', 'Ann', 'ANN', 'bob', 'Cy', '', undefined, null);

/** Every way a reader asks for an account among the ids and handles the events use. */
const LOOKUPS: AccountRef[] = ['1', '2', '3', '4', null].flatMap((i) =>
  ['ann', 'Bob', 'cy', null].map((h) => ({ id: i, handle: h })),
);

/** Audit times the strengths are compared at: before, within and after the events' years. */
const NOWS = [Date.UTC(2008, 5, 1), Date.UTC(2026, 11, 4, 12, 34, 56, 789), Date.UTC(2031, 0, 1)];

type Step = { event: InteractionEvent } | { alias: [string, string] };
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        id,
        handle,
        kind: fc.constantFrom(...KINDS),
        direction: fc.constantFrom('in', 'out'),
        at: time,
      })
      .map(({ id, handle, kind, direction, at }) => ({
        event: { who: { id, handle }, kind, direction, at } as InteractionEvent,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('ann', 'Bob', 'cy'), fc.constantFrom('1', '2', '4'))
      .map((alias) => ({ alias })),
  },
);

/** Everything a ledger holds, in its order, entries in their nested form; JSON keeps each double's every bit. */
const plain = (ledger: Ledger) =>
  JSON.stringify({
    entries: [...ledger.entries].map(([key, entry]) => [key, entryView(entry)]),
    aliases: [...ledger.aliases],
  });
const plainOfPlain = (ledger: PlainLedger) =>
  JSON.stringify({ entries: [...ledger.entries], aliases: [...ledger.aliases] });

describe('recording interactions', () => {
  it('builds the ledger the plain version built, to the last bit', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const fast = emptyLedger();
        const slow: PlainLedger = { entries: new Map(), aliases: new Map() };
        for (const s of steps) {
          if ('alias' in s) {
            learnAlias(fast, ...s.alias);
            plainLearnAlias(slow, ...s.alias);
          } else {
            expect(recordEvent(fast, structuredClone(s.event))).toBe(
              plainRecordEvent(slow, structuredClone(s.event)),
            );
          }
        }
        expect(plain(fast)).toBe(plainOfPlain(slow));
        // What readers get: every id and handle looked up, an id's entry merged with its handle's.
        for (const who of LOOKUPS)
          expect(JSON.stringify(lookupEntry(fast, who))).toBe(JSON.stringify(plainLookup(slow, who)));
        // What the audit's checks read from the packed entry, without its view, is what the view says.
        for (const who of LOOKUPS) {
          const packed = lookupPacked(fast, who);
          const view = lookupEntry(fast, who);
          expect(packed === null ? null : entryView(packed)).toEqual(view);
          for (const now of NOWS)
            expect(Object.is(packedStrength(packed, now), relationshipStrength(view, now))).toBe(true);
          expect(packedLastInteraction(packed)).toBe(lastInteraction(view));
          if (packed && view) {
            expect([outCount(packed), inCount(packed), outLast(packed), inLast(packed)]).toEqual([
              view.out.count,
              view.in.count,
              view.out.last,
              view.in.last,
            ]);
          }
        }
        // And what the store keeps: the nested form packed again is the same entry.
        for (const entry of fast.entries.values()) expect(packEntry(entryView(entry))).toEqual(entry);
      }),
      { seed: 20_261_205, numRuns: 2_000 },
    );
  });

  it('would tell a merge that lost a kind from the plain one', () => {
    // An id's entry and an unaliased handle's entry of other kinds: lookupEntry merges them.
    const fast = emptyLedger();
    const slow: PlainLedger = { entries: new Map(), aliases: new Map() };
    const steps: InteractionEvent[] = [
      { who: { id: '1' }, kind: 'dm', direction: 'in', at: Date.UTC(2026, 0, 2) },
      { who: { handle: 'Ann' }, kind: 'like', direction: 'out', at: Date.UTC(2026, 0, 3) },
      { who: { handle: 'ann' }, kind: 'reply', direction: 'out', at: Date.UTC(2026, 0, 1) },
    ];
    for (const e of steps) {
      recordEvent(fast, structuredClone(e));
      plainRecordEvent(slow, structuredClone(e));
    }
    const merged = lookupEntry(fast, { id: '1', handle: 'ANN' });
    expect(merged).toEqual(plainLookup(slow, { id: '1', handle: 'ANN' }));
    expect(Object.keys(merged!.kinds)).toEqual(['dm', 'like', 'reply']);
    expect(merged!.out).toMatchObject({ count: 2, last: Date.UTC(2026, 0, 3) });
  });
});
