import { describe, expect, it } from 'vitest';
import { cadenceDays, lastOutgoingPhrase, tierOf } from '../../src/engine/relationship.js';
import { lookupEntry, relationshipStrength } from '../../src/ledger.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { daysAgo, ledgerOf, NOW } from './fixtures.js';

/** Replies both ways every `every` days for a year, the last `since` days ago. */
function strengthOfHabit(every: number, since = 0): number {
  const events = [];
  for (let d = since; d < 365; d += every) {
    events.push({ who: { id: 'a' }, kind: 'reply' as const, direction: 'out' as const, at: daysAgo(d) });
    events.push({ who: { id: 'a' }, kind: 'reply' as const, direction: 'in' as const, at: daysAgo(d) });
  }
  return relationshipStrength(lookupEntry(ledgerOf(events), { id: 'a' }), NOW);
}

describe('relationship tiers', () => {
  it('calls weekly exchanges close, a bimonthly exchange regular, a single old like casual', () => {
    expect(tierOf(strengthOfHabit(7))).toBe('close');
    expect(tierOf(strengthOfHabit(60))).toBe('regular');
    const like = ledgerOf([{ who: { id: 'a' }, kind: 'like', direction: 'out', at: daysAgo(200) }]);
    expect(tierOf(relationshipStrength(lookupEntry(like, { id: 'a' }), NOW))).toBe('casual');
    expect(tierOf(0)).toBeNull();
  });

  it('lets a close tie that went quiet for months drift to a looser tier', () => {
    expect(tierOf(strengthOfHabit(7, 200))).not.toBe('close');
  });

  it('gives each tier its cadence, and never-met accounts the loosest', () => {
    expect(cadenceDays('close', DEFAULT_THRESHOLDS)).toBe(14);
    expect(cadenceDays('regular', DEFAULT_THRESHOLDS)).toBe(30);
    expect(cadenceDays(null, DEFAULT_THRESHOLDS)).toBe(90);
  });

  it("names the owner's last gesture", () => {
    const ledger = ledgerOf([
      { who: { id: 'a' }, kind: 'reply', direction: 'out', at: daysAgo(47) },
      { who: { id: 'a' }, kind: 'like', direction: 'in', at: daysAgo(5) },
    ]);
    const entry = lookupEntry(ledger, { id: 'a' })!;
    expect(lastOutgoingPhrase(entry, entry.out.last!, NOW)).toBe('you last replied 47 days ago');
  });
});
