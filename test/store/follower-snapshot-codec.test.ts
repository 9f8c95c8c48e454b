import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  applyFollowerDelta,
  decodeFollowerEntry,
  encodeFollowerDelta,
  followerDelta,
  decodeFollowerSnapshot,
  encodeFollowerSnapshot,
  normalizeIds,
  SnapshotDecodeError,
  type FollowerSnapshot,
} from '../../src/store/follower-snapshot-codec.js';

const SEED = 20_261_203;
const xId = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String);
const username = fc.stringMatching(/^[a-z0-9._]{1,30}$/);
const anyKey = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\n'));
const keys = fc.oneof(
  fc.array(xId, { maxLength: 300 }),
  fc.array(username, { maxLength: 300 }),
  fc.array(anyKey, { maxLength: 100 }),
);

const snapOf = (ids: string[]) => ({ at: 0, owner: 'x:1', ids, missing: [] });
const asSet = (ids: string[]) => [...new Set(ids.filter((id) => id !== ''))].sort();

describe('follower snapshot encoding', () => {
  it('decodes to the same set of followers, owner and time, for any keys', () => {
    fc.assert(
      fc.property(
        keys,
        keys,
        fc.string(),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (ids, missing, owner, at) => {
          const back = decodeFollowerSnapshot(encodeFollowerSnapshot({ at, owner, ids, missing }));
          expect(back.at).toBe(at);
          expect(back.owner).toBe(owner);
          expect([...back.ids].sort()).toEqual(asSet(ids));
          expect([...back.missing].sort()).toEqual(asSet(missing));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('rebuilds an older snapshot exactly from its delta and the snapshot after it', () => {
    fc.assert(
      fc.property(keys, keys, keys, (older, newer, missing) => {
        const a = { at: 1, owner: 'x:1', ids: asSet(older), missing: asSet(missing) };
        const b = { at: 2, owner: 'x:1', ids: asSet(newer), missing: [] };
        const entry = decodeFollowerEntry(encodeFollowerDelta(followerDelta(a, b)));
        expect(entry.kind).toBe('delta');
        if (entry.kind !== 'delta') return;
        const back = applyFollowerDelta(entry.delta, b);
        expect([...back.ids].sort()).toEqual(a.ids);
        expect([...back.missing].sort()).toEqual(a.missing);
        expect(back.at).toBe(1);
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(() =>
      decodeFollowerSnapshot(encodeFollowerDelta(followerDelta(snapOf(['1']), snapOf(['2'])))),
    ).toThrow(SnapshotDecodeError);
  });

  it('rebuilds from a delta how deep each follower was, X’s count and a read to the end, as stored', () => {
    const ids = fc.uniqueArray(fc.bigInt({ min: 1n, max: 1n << 40n }).map(String), { maxLength: 300 });
    fc.assert(
      fc.property(
        ids,
        ids,
        fc.option(fc.nat(), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        (older, newer, followersCount, ordered, complete) => {
          const depth: Record<string, number> = {};
          older.forEach((id, i) => {
            if (i % 3 !== 2) depth[id] = Math.floor(i / 100);
          });
          const a: FollowerSnapshot = {
            at: 1,
            owner: 'x:1',
            ids: normalizeIds(older).ids,
            missing: [],
            ...(ordered ? { depth } : {}),
            ...(ordered && followersCount !== undefined ? { followersCount } : {}),
            ...(ordered && complete ? { complete: true } : {}),
          };
          const b = { at: 2, owner: 'x:1', ids: newer, missing: [] };
          const bytes = encodeFollowerDelta(followerDelta(a, b));
          expect(gunzipSync(bytes).subarray(0, 4).toString('latin1')).toBe('TFD2');
          const entry = decodeFollowerEntry(bytes);
          if (entry.kind !== 'delta') throw new Error('not a delta');
          expect(applyFollowerDelta(entry.delta, b)).toEqual(a);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rebuilds one of an old TFD1 delta, which kept only ids, as of unknown kind, and stores it so', () => {
    const a: FollowerSnapshot = { at: 1, owner: 'x:1', ids: ['1', '2'], missing: [], depth: { '1': 0 } };
    const { shape: _shape, ...old } = followerDelta(a, snapOf(['2', '3']));
    const bytes = encodeFollowerDelta(old);
    expect(gunzipSync(bytes).subarray(0, 4).toString('latin1')).toBe('TFD1');
    const entry = decodeFollowerEntry(bytes);
    if (entry.kind !== 'delta') throw new Error('not a delta');
    const back = applyFollowerDelta(entry.delta, snapOf(['2', '3']));
    expect(back).toEqual({ at: 1, owner: 'x:1', ids: ['1', '2'], missing: [], kindUnknown: true });
    // Written again, as a delta it stays of unknown kind, and as a whole record it claims no depth.
    expect(
      gunzipSync(encodeFollowerDelta(followerDelta(back, snapOf(['3']))))
        .subarray(0, 4)
        .toString(),
    ).toBe('TFD1');
    expect(decodeFollowerSnapshot(encodeFollowerSnapshot(back))).toEqual({
      ...back,
      kindUnknown: undefined,
      depth: {},
    });
  });

  it('refuses a snapshot holding a depth beyond its list as spoiled, not as a crash of the audit', () => {
    const ids = Array.from({ length: 300 }, (_, i) => String(1000 - i));
    const depth: Record<string, number> = {};
    ids.forEach((id, i) => (depth[id] = Math.floor(i / 100)));
    const record = (d: number) =>
      encodeFollowerSnapshot({
        at: 1,
        owner: 'x:1',
        ids,
        missing: [],
        depth: { ...depth, [ids[299]!]: d },
        followersCount: 300,
      });
    expect(decodeFollowerSnapshot(record(300)).depth![ids[299]!]).toBe(300);
    for (const d of [301, 2 ** 32 - 2, Number.MAX_SAFE_INTEGER - 1])
      expect(() => decodeFollowerSnapshot(record(d))).toThrow(
        new SnapshotDecodeError('follower snapshot holds a depth beyond its list'),
      );
    const a = { at: 1, owner: 'x:1', ids, missing: [], depth: { ...depth, [ids[0]!]: 2 ** 32 - 2 } };
    expect(() => decodeFollowerEntry(encodeFollowerDelta(followerDelta(a, snapOf(['1']))))).toThrow(
      SnapshotDecodeError,
    );
  });

  it('refuses a delta cut short anywhere, or of a kind it does not know, as spoiled', () => {
    const a = {
      at: 1,
      owner: 'x:1',
      ids: ['3', '5', '10', '12'],
      missing: ['3'],
      depth: { '5': 0, '10': 1 },
      followersCount: 9,
      complete: true,
    };
    const raw = gunzipSync(encodeFollowerDelta(followerDelta(a, snapOf(['5', '7']))));
    for (let n = 0; n < raw.length; n++)
      expect(() => decodeFollowerEntry(gzipSync(raw.subarray(0, n)))).toThrow(SnapshotDecodeError);
    // The last 7 bytes: the shape byte, how many depths (4), the four depths, X's count (9).
    const shapeAt = raw.length - 7;
    expect(raw[shapeAt]).toBe(2 | 4 | 8);
    const odd = Buffer.from(raw);
    odd[shapeAt] = 16 | 2;
    expect(() => decodeFollowerEntry(gzipSync(odd))).toThrow(
      new SnapshotDecodeError('unknown follower delta shape 18'),
    );
  });

  it('sorts X ids as numbers, not as text', () => {
    expect(normalizeIds(['100', '99', '100', '7']).ids).toEqual(['7', '99', '100']);
    // A leading zero is not a canonical id: the list is kept as text, unchanged.
    expect(normalizeIds(['007', '7'])).toEqual({ kind: 2, ids: ['007', '7'] });
  });

  it('keeps 100,000 X ids in a few bytes each', () => {
    let id = 1_400_000_000_000_000_000n;
    const ids: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      id += BigInt(1 + ((i * 2_654_435_761) % 90_000_000));
      ids.push(id.toString());
    }
    const bytes = encodeFollowerSnapshot({ at: 0, owner: 'x:1', ids, missing: [] });
    // JSON would take about 22 bytes an id.
    expect(bytes.length / ids.length).toBeLessThan(5);
    expect(decodeFollowerSnapshot(bytes).ids).toEqual(ids);
  });

  /** A follow order unrelated to the ids': a hash of each. */
  const depthOrder = (id: string) => Number((BigInt(id) * 2_654_435_761n) % 1_000_003n);

  it("keeps how deep in X's list each follower read was, for little more than the ids", () => {
    let id = 1_400_000_000_000_000_000n;
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      id += BigInt(1 + ((i * 2_654_435_761) % 90_000_000));
      ids.push(id.toString());
    }
    // A read of the newest 5,000, in an order unrelated to the ids' (X orders by when they followed).
    const read = ids.filter((_, i) => i % 4 === 0);
    for (let i = read.length - 1, r = 7; i > 0; i--) {
      r = (r * 1_103_515_245 + 12_345) % 2_147_483_648;
      const j = r % (i + 1);
      [read[i], read[j]] = [read[j]!, read[i]!];
    }
    const depth = Object.fromEntries(read.map((k, i) => [k, Math.floor(i / 100)]));
    const plain = encodeFollowerSnapshot({ at: 5, owner: 'x:1', ids, missing: [ids[1]!] });
    const bytes = encodeFollowerSnapshot({ at: 5, owner: 'x:1', ids, missing: [ids[1]!], depth });
    expect(decodeFollowerSnapshot(bytes)).toEqual({ at: 5, owner: 'x:1', ids, missing: [ids[1]!], depth });
    expect(decodeFollowerSnapshot(plain).depth).toBeUndefined();
    // About +8% here; every follower read (20,000, 200 depths) takes about +29%.
    expect(bytes.length / plain.length).toBeLessThan(1.2);
    const shuffled = [...ids].sort((a, b) => depthOrder(a) - depthOrder(b));
    const everyone = Object.fromEntries(shuffled.map((k, i) => [k, Math.floor(i / 100)]));
    const whole = encodeFollowerSnapshot({ at: 5, owner: 'x:1', ids, missing: [], depth: everyone });
    expect(whole.length / plain.length).toBeLessThan(1.4);
  });

  it("keeps X's count of followers with the order of a read, and reads records kept without it", () => {
    const ids = ['100', '205', '3000000000000000000'];
    const depth = { '100': 0, '205': 1 };
    const counted = { at: 7, owner: 'x:1', ids, missing: [], depth, followersCount: 48_213 };
    expect(decodeFollowerSnapshot(encodeFollowerSnapshot(counted))).toEqual(counted);
    // A record of a read kept before counts were (TFS2), or of a read X gave no count for.
    const uncounted = decodeFollowerSnapshot(
      encodeFollowerSnapshot({ ...counted, followersCount: undefined }),
    );
    expect(uncounted).toEqual({ at: 7, owner: 'x:1', ids, missing: [], depth });
    expect('followersCount' in uncounted).toBe(false);
    expect(() => encodeFollowerSnapshot({ ...counted, followersCount: -1 })).toThrow(RangeError);
  });

  it('keeps whether a read reached the end of X’s list, with or without a count', () => {
    const ids = ['100', '205', '3000000000000000000'];
    const depth = { '100': 0, '205': 0, '3000000000000000000': 0 };
    const whole = { at: 7, owner: 'x:1', ids, missing: [], depth, complete: true };
    expect(decodeFollowerSnapshot(encodeFollowerSnapshot(whole))).toEqual(whole);
    const counted = { ...whole, followersCount: 3 };
    expect(decodeFollowerSnapshot(encodeFollowerSnapshot(counted))).toEqual(counted);
    const none = { ...whole, followersCount: 0 };
    expect(decodeFollowerSnapshot(encodeFollowerSnapshot(none))).toEqual(none);
    // A read that stopped short says nothing of it.
    expect(
      'complete' in decodeFollowerSnapshot(encodeFollowerSnapshot({ ...counted, complete: false })),
    ).toBe(false);
  });

  it('refuses bytes it did not write, saying so, whatever they are', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (raw, zipped) => {
        const bytes = zipped ? gzipSync(Buffer.from(raw)) : Buffer.from(raw);
        try {
          decodeFollowerSnapshot(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(SnapshotDecodeError);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    const good = encodeFollowerSnapshot({ at: 1, owner: 'x:1', ids: ['1', '2', '3'], missing: [] });
    expect(() => decodeFollowerSnapshot(good.subarray(0, good.length - 4))).toThrow(SnapshotDecodeError);
  });
});
