import { describe, it, expect } from 'vitest';
import {
  emptyLedger,
  lastInteraction,
  lookupEntry,
  recordEvent,
  relationshipStrength,
  HALF_LIFE_DAYS,
} from '../src/ledger.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('the interaction ledger', () => {
  it('keeps counts and the latest time per direction and per kind', () => {
    const ledger = emptyLedger();
    recordEvent(ledger, { who: { id: '42' }, kind: 'reply', direction: 'out', at: NOW - 10 * DAY });
    recordEvent(ledger, { who: { id: '42' }, kind: 'reply', direction: 'out', at: NOW - 3 * DAY });
    recordEvent(ledger, { who: { id: '42' }, kind: 'dm', direction: 'in', at: NOW - 5 * DAY });
    const entry = lookupEntry(ledger, { id: '42' })!;
    expect(entry.out).toMatchObject({ count: 2, last: NOW - 3 * DAY });
    expect(entry.in).toMatchObject({ count: 1, last: NOW - 5 * DAY });
    expect(entry.kinds.reply).toEqual({ count: 2, last: NOW - 3 * DAY });
    expect(lastInteraction(entry)).toBe(NOW - 3 * DAY);
  });

  it('joins events known by handle only to the id the archive revealed for that handle', () => {
    const ledger = emptyLedger();
    recordEvent(ledger, {
      who: { id: '42', handle: 'Priya' },
      kind: 'mention',
      direction: 'out',
      at: NOW - 20 * DAY,
    });
    recordEvent(ledger, { who: { handle: 'priya' }, kind: 'like', direction: 'out', at: NOW - 2 * DAY });
    expect(lookupEntry(ledger, { id: '42' })?.out.count).toBe(2);
    expect(lookupEntry(ledger, { handle: 'PRIYA' })?.out.count).toBe(2);
  });

  it('halves an interaction’s weight every half-life', () => {
    const ledger = emptyLedger();
    recordEvent(ledger, { who: { id: '1' }, kind: 'dm', direction: 'out', at: NOW });
    const entry = lookupEntry(ledger, { id: '1' });
    const fresh = relationshipStrength(entry, NOW);
    expect(fresh).toBeCloseTo(3, 6);
    expect(relationshipStrength(entry, NOW + HALF_LIFE_DAYS * DAY)).toBeCloseTo(fresh / 2, 6);
  });

  it('weighs a mutual exchange above the same attention one way', () => {
    const oneWay = emptyLedger();
    recordEvent(oneWay, { who: { id: '1' }, kind: 'reply', direction: 'out', at: NOW - DAY });
    recordEvent(oneWay, { who: { id: '1' }, kind: 'reply', direction: 'out', at: NOW - DAY });
    const mutual = emptyLedger();
    recordEvent(mutual, { who: { id: '1' }, kind: 'reply', direction: 'out', at: NOW - DAY });
    recordEvent(mutual, { who: { id: '1' }, kind: 'reply', direction: 'in', at: NOW - DAY });
    expect(relationshipStrength(lookupEntry(mutual, { id: '1' }), NOW)).toBeGreaterThan(
      relationshipStrength(lookupEntry(oneWay, { id: '1' }), NOW),
    );
  });

  it('refuses an impossible time instead of letting it make every strength infinite', () => {
    const ledger = emptyLedger();
    expect(
      recordEvent(ledger, { who: { id: '5' }, kind: 'like', direction: 'out', at: 1719878400000 * 1000 }),
    ).toBe(false);
    expect(recordEvent(ledger, { who: { id: '5' }, kind: 'like', direction: 'out', at: NOW - DAY })).toBe(
      true,
    );
    const strength = relationshipStrength(lookupEntry(ledger, { id: '5' }), NOW);
    expect(Number.isFinite(strength)).toBe(true);
    expect(lookupEntry(ledger, { id: '5' })?.out.count).toBe(1);
  });

  it('has nothing for someone never interacted with', () => {
    const ledger = emptyLedger();
    expect(lookupEntry(ledger, { id: '7', handle: 'nobody' })).toBeNull();
    expect(relationshipStrength(null, NOW)).toBe(0);
  });
});
