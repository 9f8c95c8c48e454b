/**
 * `recordEvent` was rewritten for the X archive's import speed (fewer keys built, a new entry built with
 * its first event in it): the ledger it builds must be exactly the one the plain version below built — the
 * same keys in the same order, the same counts, times and decay sums to the last bit, the same kinds in
 * the same order, the same aliases. fast-check draws sequences of events over a few ids and handles (case
 * variants, empty ids, missing handles, impossible times) with aliases learned between them. Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLedger, HALF_LIFE_DAYS, KIND_WEIGHT, learnAlias, recordEvent } from '../src/ledger.js';
import type { DirectionStats, InteractionEvent, InteractionKind, Ledger, LedgerEntry } from '../src/model.js';

const DECAY_ANCHOR = Date.UTC(2020, 0, 1);
const HALF_LIFE = HALF_LIFE_DAYS * 86_400_000;

/** `recordEvent` as it was written before the rewrite: one key built per event, an entry made empty first. */
function plainRecordEvent(ledger: Ledger, event: InteractionEvent): boolean {
  if (event.who.id && event.who.handle) learnAlias(ledger, event.who.handle, event.who.id);
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

/** Everything a ledger holds, in its order, with the floats as their exact bits. */
const plain = (ledger: Ledger) =>
  JSON.stringify({ entries: [...ledger.entries], aliases: [...ledger.aliases] });

describe('recording interactions', () => {
  it('builds the ledger the plain version built, to the last bit', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const fast = emptyLedger();
        const slow = emptyLedger();
        for (const s of steps) {
          if ('alias' in s) {
            learnAlias(fast, ...s.alias);
            learnAlias(slow, ...s.alias);
          } else {
            expect(recordEvent(fast, structuredClone(s.event))).toBe(
              plainRecordEvent(slow, structuredClone(s.event)),
            );
          }
        }
        expect(plain(fast)).toBe(plain(slow));
      }),
      { seed: 20_261_205, numRuns: 2_000 },
    );
  });
});
