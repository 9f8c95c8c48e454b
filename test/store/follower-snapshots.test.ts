import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FencedOut } from '../../src/store/fence.js';
import { forgetPerson } from '../../src/store/forget.js';
import { FollowerSnapshots } from '../../src/store/follower-snapshots.js';
import { personKeys } from '../../src/store/keys.js';
import { seededRandom } from '../../src/engine/follower-sampling.js';
import type { FollowerSnapshot } from '../../src/store/follower-snapshot-codec.js';
import { useTestRedis } from '../support/redis.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { auditFollowers, type FollowersInput } from '../../src/engine/followers.js';
import { finishNewestFollowers } from '../../src/audit/followers-audit.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import {
  decodeFollowerEntry,
  encodeFollowerDelta,
  followerDelta,
} from '../../src/store/follower-snapshot-codec.js';
import { ledgerOf, NOW } from '../engine/fixtures.js';

const db = useTestRedis('follower-snapshots');
const snap = (at: number, ids: string[], owner = 'x:42') => ({ at, owner, ids, missing: [] });

describe('follower snapshots in Redis', () => {
  it('keeps the latest snapshots of each account, oldest first', async () => {
    const store = new FollowerSnapshots(db.redis, db.prefix, 3);
    for (let i = 1; i <= 5; i++) await store.add('p1', 'x', snap(i * 1000, [String(i), '7']));
    await store.add('p1', 'x', snap(9000, ['1'], 'x:other'));
    const history = await store.history('p1', 'x', 'x:42');
    expect(history.map((s) => s.at)).toEqual([4000, 5000]);
    expect(history[1]!.ids).toEqual(['5', '7']);
    expect(await store.history('p1', 'instagram', 'x:42')).toEqual([]);
    expect(await db.redis.pttl(personKeys(db.prefix, 'p1').followerSnapshots('x'))).toBeGreaterThan(0);
  });

  it('keeps older audits as deltas: twelve weekly audits cost little more than one list', async () => {
    const store = new FollowerSnapshots(db.redis, db.prefix);
    const random = seededRandom(7);
    let next = 1_000_000_000_000;
    const newId = () => String((next += 1 + Math.floor(random() * 50_000_000)));
    let ids = Array.from({ length: 20_000 }, newId);
    const written: FollowerSnapshot[] = [];
    for (let week = 0; week < 12; week++) {
      const snapshot = {
        at: week * 7 * 86_400_000,
        owner: 'x:42',
        ids,
        missing: week === 3 ? [ids[0]!] : [],
      };
      written.push(snapshot);
      await store.add('p4', 'x', snapshot);
      ids = [
        ...ids.slice(200),
        ...Array.from({ length: 200 }, (_, i) => String(9_000_000_000 + week * 1_000 + i)),
      ];
    }
    const history = await store.history('p4', 'x', 'x:42');
    expect(history.map((s) => s.at)).toEqual(written.map((s) => s.at));
    history.forEach((s, i) => {
      expect(s.ids).toEqual([...written[i]!.ids].sort((a, b) => Number(a) - Number(b)));
      expect(s.missing).toEqual(written[i]!.missing);
    });
    const one =
      (await new FollowerSnapshots(db.redis, `${db.prefix}:one`).add('p5', 'x', written[0]!),
      await new FollowerSnapshots(db.redis, `${db.prefix}:one`).bytes('p5', 'x'));
    expect(await store.bytes('p4', 'x')).toBeLessThan(one * 2);
  });

  it('replaces the newest snapshot with one taken at the same time, the older ones intact', async () => {
    const store = new FollowerSnapshots(db.redis, db.prefix);
    await store.add('p6', 'x', snap(1000, ['1', '2', '3']));
    await store.add('p6', 'x', snap(2000, ['2', '3', '4']));
    // The audit of 2000 completed with the lookups the person confirmed: its list, re-checked, replaces it.
    await store.add('p6', 'x', snap(2000, ['2', '3', '4', '5']));
    const history = await store.history('p6', 'x', 'x:42');
    expect(history.map((s) => [s.at, s.ids])).toEqual([
      [1000, ['1', '2', '3']],
      [2000, ['2', '3', '4', '5']],
    ]);
    await store.add('p7', 'x', snap(1000, ['1']));
    await store.add('p7', 'x', snap(1000, ['1', '9']));
    expect((await store.history('p7', 'x', 'x:42')).map((s) => s.ids)).toEqual([['1', '9']]);
  });

  it('skips a stored value it cannot read rather than failing the audit', async () => {
    const store = new FollowerSnapshots(db.redis, db.prefix);
    await store.add('p2', 'x', snap(1000, ['1']));
    await db.redis.rpush(personKeys(db.prefix, 'p2').followerSnapshots('x'), 'not a snapshot');
    expect((await store.history('p2', 'x', 'x:42')).map((s) => s.ids)).toEqual([['1']]);
  });

  it('is deleted by /forget, and a late write after it is refused', async () => {
    const store = new FollowerSnapshots(db.redis, db.prefix);
    await store.add('p3', 'x', snap(1000, ['1', '2']));
    await store.add('p3', 'instagram', snap(1000, ['ana', 'bo'], 'instagram:me'));
    expect(await store.bytes('p3', 'x')).toBeGreaterThan(0);
    await forgetPerson(db.redis, db.prefix, 'p3');
    expect(await db.redis.exists(personKeys(db.prefix, 'p3').followerSnapshots('x'))).toBe(0);
    expect(await db.redis.exists(personKeys(db.prefix, 'p3').followerSnapshots('instagram'))).toBe(0);
    await expect(store.add('p3', 'x', snap(2000, ['1']))).rejects.toBeInstanceOf(FencedOut);
  });

  describe('an audit against an older snapshot rebuilt from its delta', () => {
    const botScorer = defaultBotScorer();
    const OWNER = 'x:owner';
    const DAY = 86_400_000;
    // 2,000 long-time followers, newest first.
    const all = Array.from({ length: 2000 }, (_, i) => String(3000 - i));
    const t1 = NOW - 14 * DAY;
    const t2 = NOW - 7 * DAY;
    /** A read through X of the newest 1,000 (not to the end of the list); X counts 2,000. */
    const newest = () =>
      finishNewestFollowers(
        {
          owner: OWNER,
          following: [],
          ledger: ledgerOf([]),
          history: [],
          now: t1,
          read: { ids: all.slice(0, 1000), profiles: new Map(), complete: false },
          followersCount: 2000,
          cost: null,
          thresholds: DEFAULT_THRESHOLDS,
        },
        { botScorer },
      ).snapshot;
    /** An archive's whole list (no order), audited as of `now` against `history`. */
    const archive = (history: FollowerSnapshot[], now: number) =>
      auditFollowers(
        {
          platform: 'x',
          keyKind: 'id',
          current: all,
          population: 'all',
          sample: [],
          profiles: new Map(),
          following: new Set(),
          ledger: ledgerOf([]),
          history,
          owner: OWNER,
          now,
          thresholds: DEFAULT_THRESHOLDS,
        } satisfies FollowersInput,
        { botScorer },
      );

    it('keeps how deep its followers were, X’s count and whether it was whole', async () => {
      const store = new FollowerSnapshots(db.redis, db.prefix);
      const s1 = newest();
      await store.add('p8', 'x', s1);
      const first = archive(await store.history('p8', 'x', OWNER), t2);
      // The newest 1,000 were read then: nobody of the archive's 2,000 can be told new.
      expect(first.audit.summary.byCategory.new).toBe(0);
      await store.add('p8', 'x', first.snapshot);
      const [rebuilt, latest] = await store.history('p8', 'x', OWNER);
      expect(rebuilt!.depth).toEqual(s1.depth);
      expect(rebuilt!.followersCount).toBe(2000);
      expect(rebuilt!.complete).toBeUndefined();
      expect(latest!.depth).toBeUndefined();
      // "Look up followers" audits the archive again as of its own time, against the snapshots before it.
      const again = archive(
        [rebuilt!, latest!].filter((s) => s.at < t2),
        t2,
      );
      expect(again.audit.summary.byCategory.new).toBe(0);
      // A read that reached the end of the list stays whole once rebuilt: whoever it lacks is new.
      const whole = { ...s1, ids: all.slice(0, 1999), complete: true };
      await store.add('p9', 'x', whole);
      await store.add('p9', 'x', first.snapshot);
      const [wholeBack] = await store.history('p9', 'x', OWNER);
      expect(wholeBack!.complete).toBe(true);
      expect(archive([wholeBack!], t2).audit.summary.byCategory.new).toBe(1);
    });

    it('claims nobody new against one rebuilt from an old delta that kept only ids', async () => {
      const store = new FollowerSnapshots(db.redis, db.prefix);
      const s1 = newest();
      const latest = archive([s1], t2).snapshot;
      const key = personKeys(db.prefix, 'p10').followerSnapshots('x');
      // What an older Tend wrote: the read of the newest 1,000 as a TFD1 delta from the next audit's.
      const { shape: _shape, ...old } = followerDelta(s1, latest);
      const oldDelta = encodeFollowerDelta(old);
      expect(decodeFollowerEntry(oldDelta)).toMatchObject({ kind: 'delta' });
      expect(gunzipSync(oldDelta).subarray(0, 4).toString('latin1')).toBe('TFD1');
      await store.add('p10', 'x', latest);
      await db.redis.lpush(key, oldDelta);
      const [rebuilt] = await store.history('p10', 'x', OWNER);
      expect(rebuilt!.at).toBe(t1);
      expect(rebuilt!.ids).toHaveLength(1000);
      const audit = archive([rebuilt!], t2).audit;
      expect(audit.summary.byCategory.new).toBe(0);
      expect(audit.summary.notes.join(' ')).toMatch(/does not say whether it held all your followers/);
    });
  });
});
