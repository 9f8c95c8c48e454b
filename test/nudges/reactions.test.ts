import { describe, expect, it } from 'vitest';
import {
  DIGEST_NOTES,
  decideDigestReaction,
  digestReactions,
  type DigestRecord,
} from '../../src/nudges/reactions.js';
import { NOW, digestPerson, planOf } from './fixtures.js';

function record(people: number, overrides: Partial<DigestRecord> = {}): DigestRecord {
  const plan = planOf(Array.from({ length: people }, (_, i) => digestPerson(`p${i + 1}`)));
  return { periodKey: '2026-W23', sentAt: NOW, plan, selected: [], outcomes: new Map(), ...overrides };
}

describe('reactions on a digest', () => {
  it('offers a number per person, then ✅ 💤 🔕; only the three when it names one person', () => {
    expect(digestReactions(record(3).plan)).toEqual(['1️⃣', '2️⃣', '3️⃣', '✅', '💤', '🔕']);
    expect(digestReactions(record(1).plan)).toEqual(['✅', '💤', '🔕']);
  });

  it('picks and unpicks people with the numbers, as Discord sends them with or without U+FE0F', () => {
    expect(decideDigestReaction(record(3), '2️⃣', true)).toEqual({ kind: 'select', index: 1 });
    expect(decideDigestReaction(record(3), '2\u20e3', false)).toEqual({ kind: 'deselect', index: 1 });
    expect(decideDigestReaction(record(3), '4️⃣', true)).toEqual({ kind: 'ignore' });
  });

  it('applies ✅, 💤 or 🔕 to the people picked', () => {
    const picked = record(5, { selected: [3, 0] });
    expect(decideDigestReaction(picked, '✅', true)).toEqual({
      kind: 'apply',
      outcome: 'done',
      indices: [0, 3],
    });
    expect(decideDigestReaction(picked, '💤', true)).toEqual({
      kind: 'apply',
      outcome: 'snooze',
      indices: [0, 3],
    });
    expect(decideDigestReaction(picked, '🔕', true)).toEqual({
      kind: 'apply',
      outcome: 'never',
      indices: [0, 3],
    });
  });

  it('acts on the one person of a one-person digest without a pick', () => {
    expect(decideDigestReaction(record(1), '💤', true)).toEqual({
      kind: 'apply',
      outcome: 'snooze',
      indices: [0],
    });
    expect(decideDigestReaction(record(1), '1️⃣', true)).toEqual({ kind: 'ignore' });
  });

  it('says to pick first, and does not record the same answer twice', () => {
    expect(decideDigestReaction(record(3), '✅', true)).toEqual({
      kind: 'note',
      text: DIGEST_NOTES.pickFirst,
    });
    const done = record(3, { selected: [0, 1], outcomes: new Map([[0, { outcome: 'done', at: NOW }]]) });
    expect(decideDigestReaction(done, '✅', true)).toEqual({ kind: 'apply', outcome: 'done', indices: [1] });
    const both = record(3, { selected: [0], outcomes: new Map([[0, { outcome: 'done', at: NOW }]]) });
    expect(decideDigestReaction(both, '✅', true)).toEqual({ kind: 'note', text: DIGEST_NOTES.already });
    expect(decideDigestReaction(both, '🔕', true)).toEqual({ kind: 'apply', outcome: 'never', indices: [0] });
  });

  it('ignores taking back an answer, other emoji, and messages that are none of the reactor’s digests', () => {
    expect(decideDigestReaction(record(1), '✅', false)).toEqual({ kind: 'ignore' });
    expect(decideDigestReaction(record(1), '🎉', true)).toEqual({ kind: 'ignore' });
    expect(decideDigestReaction(null, '✅', true)).toEqual({ kind: 'ignore' });
  });
});
