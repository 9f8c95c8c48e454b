import { describe, expect, it } from 'vitest';
import { emptyLedger, lookupEntry, recordEvent, relationshipStrength } from '../../src/ledger.js';
import { personKeys } from '../../src/store/keys.js';
import { LedgerStore, ledgerFromJson, ledgerToJson } from '../../src/store/ledger-store.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('ledger-store');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);

describe('interaction ledger store', () => {
  it('gives back a ledger that answers exactly as the one saved', async () => {
    const ledger = emptyLedger();
    ledger.sources.push('own posts', 'likes');
    recordEvent(ledger, {
      who: { id: '42', handle: 'Maria_C' },
      kind: 'reply',
      direction: 'out',
      at: NOW - 3 * DAY,
    });
    recordEvent(ledger, { who: { handle: 'maria_c' }, kind: 'mention', direction: 'in', at: NOW - 10 * DAY });
    recordEvent(ledger, { who: { handle: 'stranger' }, kind: 'like', direction: 'out', at: NOW - 400 * DAY });
    const store = new LedgerStore(db.redis, db.prefix);
    await store.save('1', ledger);

    const loaded = await store.load('1');
    expect(loaded).toEqual(ledger);
    expect(loaded?.aliases.get('maria_c')).toBe('42');
    const entry = lookupEntry(loaded!, { handle: 'MARIA_C' });
    expect(entry?.kinds.reply).toEqual({ count: 1, last: NOW - 3 * DAY });
    expect(relationshipStrength(entry, NOW)).toBe(
      relationshipStrength(lookupEntry(ledger, { id: '42' }), NOW),
    );
    expect(await store.load('2')).toBeNull();
  });

  it('reads a ledger stored as plain JSON before ledgers were gzipped', async () => {
    const ledger = emptyLedger();
    ledger.sources.push('likes');
    recordEvent(ledger, {
      who: { id: '7', handle: 'old_friend' },
      kind: 'like',
      direction: 'out',
      at: NOW - DAY,
    });
    await db.redis.set(personKeys(db.prefix, '3').ledger, ledgerToJson(ledger));
    expect(await new LedgerStore(db.redis, db.prefix).load('3')).toEqual(ledger);
  });

  it('reads a ledger stored before its entries were packed, and stores it again byte for byte', () => {
    // The stored form is each entry's nested form, as every ledger saved so far holds it.
    const json = JSON.stringify({
      v: 1,
      entries: [
        [
          'id:42',
          {
            out: { count: 2, last: NOW - 3 * DAY, decay: 3.141592653589793 },
            in: { count: 1, last: NOW - 9 * DAY, decay: 0.1 },
            kinds: { mention: { count: 1, last: NOW - 9 * DAY }, reply: { count: 2, last: NOW - 3 * DAY } },
          },
        ],
        [
          '@stranger',
          {
            out: { count: 1, last: NOW - 400 * DAY, decay: 0.25 },
            in: { count: 0, last: null, decay: 0 },
            kinds: { like: { count: 1, last: NOW - 400 * DAY } },
          },
        ],
      ],
      aliases: [['maria_c', '42']],
      sources: ['own posts', 'likes'],
    });
    const loaded = ledgerFromJson(json);
    expect(ledgerToJson(loaded)).toBe(json);
    const entry = lookupEntry(loaded, { handle: 'Maria_C' })!;
    expect(Object.keys(entry.kinds)).toEqual(['mention', 'reply']);
    expect(entry.in).toEqual({ count: 1, last: NOW - 9 * DAY, decay: 0.1 });
    expect(lookupEntry(loaded, { handle: 'stranger' })!.in.last).toBeNull();
  });

  it('loads a ledger saved with a kind this code does not know, without that kind', async () => {
    const ledger = emptyLedger();
    ledger.sources.push('likes');
    recordEvent(ledger, { who: { id: '9', handle: 'pal' }, kind: 'like', direction: 'out', at: NOW - DAY });
    const stored = JSON.parse(ledgerToJson(ledger));
    stored.entries[0][1].kinds.voice_note = { count: 2, last: NOW - 2 * DAY };
    await db.redis.set(personKeys(db.prefix, '4').ledger, JSON.stringify(stored));

    const loaded = await new LedgerStore(db.redis, db.prefix).load('4');
    expect(loaded).toEqual(ledger);
    expect(Object.keys(lookupEntry(loaded!, { id: '9' })!.kinds)).toEqual(['like']);
  });

  it('refuses a stored ledger that is not one', () => {
    expect(() =>
      ledgerFromJson(JSON.stringify({ v: 1, entries: [['id:1', { out: {} }]], aliases: [], sources: [] })),
    ).toThrow();
  });
});
