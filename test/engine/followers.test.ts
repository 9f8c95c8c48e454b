import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { auditFollowers, inboundSpanAtLeastDays, type FollowersInput } from '../../src/engine/followers.js';
import { finishNewestFollowers } from '../../src/audit/followers-audit.js';
import {
  DEFAULT_THRESHOLDS,
  type FollowerReport,
  type InteractionEvent,
  type Profile,
} from '../../src/model.js';
import {
  decodeFollowerSnapshot,
  encodeFollowerSnapshot,
  type FollowerSnapshot,
} from '../../src/store/follower-snapshot-codec.js';
import { daysAgo, ledgerOf, NOW, person } from './fixtures.js';
import { entryView } from '../../src/ledger.js';
import { seededRandom } from '../../src/engine/follower-sampling.js';

const botScorer = defaultBotScorer();
const OWNER = 'x:owner';

const farm = (handle: string, id: string): Profile =>
  person(handle, {
    id,
    bio: '',
    createdAt: daysAgo(100),
    postCount: 9_600,
    likeCount: 0,
    followersCount: 12,
    followingCount: 4_810,
    defaultAvatar: true,
    listedCount: 0,
  });

const dmFrom = (id: string, days: number): InteractionEvent => ({
  who: { id },
  kind: 'dm',
  direction: 'in',
  at: daysAgo(days),
});

function base(overrides: Partial<FollowersInput> = {}): FollowersInput {
  return {
    platform: 'x',
    keyKind: 'id',
    current: [],
    population: 'all',
    sample: [],
    profiles: new Map(),
    following: new Set(),
    ledger: ledgerOf([]),
    history: [],
    owner: OWNER,
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    ...overrides,
  };
}

const run = (i: FollowersInput) => auditFollowers(i, { botScorer });
const find = (list: FollowerReport[], id: string) => list.find((f) => f.id === id);
const snap = (days: number, ids: string[], missing: string[] = []): FollowerSnapshot => ({
  at: daysAgo(days),
  owner: OWNER,
  ids,
  missing,
});

describe('followers: categories and reasons', () => {
  const profiles = new Map<string, Profile>([
    ['1', farm('xkqzvbnmtr48291036', '1')],
    ['2', person('sleepy', { id: '2', lastPostAt: daysAgo(800) })],
    ['3', person('fan', { id: '3' })],
    ['4', person('regular', { id: '4' })],
    ['5', person('never', { id: '5', lastPostAt: null, postCount: 0 })],
  ]);
  const ledger = ledgerOf([
    dmFrom('3', 5),
    dmFrom('3', 100),
    dmFrom('3', 200),
    dmFrom('3', 300),
    dmFrom('4', 10),
    { who: { id: '4' }, kind: 'reply', direction: 'out', at: daysAgo(9) },
  ]);
  const result = run(
    base({
      current: ['1', '2', '3', '4', '5', '6'],
      sample: ['1', '2', '3', '4', '5', '6'],
      profiles,
      ledger,
      following: new Set(['4']),
    }),
  );
  const { followers, summary } = result.audit;

  it('calls a follower fake with the bot model’s reasons', () => {
    const f = find(followers, '1')!;
    expect(f.categories).toEqual(['fake']);
    expect(f.reasons[0]).toMatch(/^bot score (0\.9\d|1\.00): .*follows 4,810, followed by 12/);
  });

  it('calls a follower inactive after the dormant window, or who never posted', () => {
    expect(find(followers, '2')!.reasons).toEqual(['no post since 2024-03-23']);
    expect(find(followers, '5')!.reasons).toEqual(['never posted']);
  });

  it('calls a follower engaged, loyal across months, and not followed back', () => {
    const fan = find(followers, '3')!;
    expect(fan.categories).toEqual(['engaged', 'loyal', 'not_followed_back']);
    expect(fan.reasons[0]).toBe('4 replies, mentions or messages from them, the latest on 2026-05-27');
    expect(fan.reasons[2]).toContain('you have never written back');
    const regular = find(followers, '4')!;
    expect(regular.categories).toEqual(['engaged']);
  });

  it('ranks loyal followers first and leaves out those with nothing to say', () => {
    expect(followers[0]!.id).toBe('3');
    expect(find(followers, '6')).toBeUndefined();
  });

  it('gives the audience’s shape, exact when every follower was judged', () => {
    expect(summary.judged).toBe(5);
    expect(summary.shape.fake).toMatchObject({ count: 1, of: 5, exact: false });
    expect(summary.shape.engaged).toMatchObject({ count: 2, of: 6, exact: true });
    expect(summary.shape.genuine.count).toBe(2);
    expect(summary.byCategory.inactive).toBe(2);
    expect(summary.notes.join(' ')).toContain('first followers audit');
  });
});

describe('loyal: engaged across months, from the ledger alone', () => {
  it('bounds the span of inbound events from below, exactly for events of one kind', () => {
    const ledger = ledgerOf([dmFrom('a', 1), dmFrom('a', 91)]);
    const entry = entryView(ledger.entries.get('id:a')!);
    // Two messages 90 days apart: the bound is below the truth, but says more than a month.
    const span = inboundSpanAtLeastDays(entry);
    expect(span).toBeGreaterThan(30);
    expect(span).toBeLessThanOrEqual(90);
  });

  it('does not call a burst of messages in one week loyal', () => {
    const ledger = ledgerOf([1, 2, 3, 4, 5, 6].map((d) => dmFrom('b', d)));
    const r = run(base({ current: ['b'], ledger }));
    expect(r.audit.followers[0]!.categories).toEqual(['engaged', 'not_followed_back']);
  });
});

describe('new and lost, re-checked', () => {
  it('tells who followed since the last audit', () => {
    const r = run(base({ current: ['a', 'b', 'c'], history: [snap(30, ['a', 'b'])] }));
    // When they followed is known only between the two audits: both bounds are said.
    expect(find(r.audit.followers, 'c')!.reasons).toEqual([
      'started following you after the audit of 2026-05-02, by 2026-06-01 at the latest',
    ]);
    expect(r.audit.summary.byCategory.new).toBe(1);
  });

  it('of the newest followers read through X after a whole list, calls new every one that list lacks', () => {
    // Newest first: n1, n2 and o9 followed since the last audit, whose list (an archive's, with no
    // order) held every follower then: o9, below o1, followed again after leaving, or is new.
    const r = run(
      base({
        population: 'newest',
        current: ['n1', 'n2', 'o1', 'o9'],
        sample: ['n1', 'n2', 'o1', 'o9'],
        history: [snap(30, ['o1', 'o2'])],
      }),
    );
    expect(r.audit.followers.filter((f) => f.categories.includes('new')).map((f) => f.id)).toEqual([
      'n1',
      'n2',
      'o9',
    ]);
  });

  it('does not report a follower who vanished for one read as lost', () => {
    const first = run(base({ current: ['a', 'b'], history: [snap(30, ['a', 'b', 'c'])] }));
    expect(first.audit.summary.byCategory.lost).toBe(0);
    expect(first.audit.summary.unconfirmedLost).toBe(1);
    expect(first.snapshot.ids.sort()).toEqual(['a', 'b', 'c']);
    expect(first.snapshot.missing).toEqual(['c']);
    // The next read has them back: neither lost nor new.
    const second = run(base({ current: ['a', 'b', 'c'], history: [first.snapshot], now: NOW + 86_400_000 }));
    expect(second.audit.followers).toEqual([]);
    expect(second.snapshot.missing).toEqual([]);
  });

  it('reports a follower missing from two reads in a row as lost', () => {
    const r = run(base({ current: ['a'], history: [snap(60, ['a', 'c']), snap(30, ['a', 'c'], ['c'])] }));
    expect(find(r.audit.followers, 'c')!.reasons[0]).toContain('missing from two reads in a row');
  });

  it('takes a lookup that says they still follow over a read that missed them', () => {
    const profiles = new Map([
      ['c', person('glitch', { id: 'c', followsOwner: true })],
      ['d', person('gone', { id: 'd', followsOwner: false })],
    ]);
    const r = run(base({ current: ['a'], profiles, history: [snap(30, ['a', 'c', 'd'])] }));
    expect(r.audit.followers.map((f) => [f.id, f.categories])).toEqual([['d', ['lost']]]);
    expect(r.audit.followers[0]!.reasons[0]).toContain('re-checked with the platform');
    expect(r.snapshot.ids.sort()).toEqual(['a', 'c']);
  });
});

describe('churners, from snapshots across audits', () => {
  it('finds the follow-for-follow pattern and nobody else', () => {
    const history = [
      snap(60, ['a', 'x']),
      snap(40, ['a', 'x', 'ff', 'slow', 'unfollowed']),
      snap(20, ['a', 'x', 'slow', 'unfollowed']),
    ];
    // ff: joined after day 60, gone by day 20 (≤ 40 days). slow: stayed past the window. unfollowed:
    // left quickly but she does not follow them.
    const r = run(
      base({
        current: ['a', 'x'],
        history: [...history, snap(0, ['a', 'x', 'slow', 'unfollowed'], ['slow', 'unfollowed'])].slice(0, 3),
        following: new Set(['ff', 'slow', 'a']),
        profiles: new Map([
          ['slow', person('slow', { id: 'slow', followsOwner: false })],
          ['unfollowed', person('unf', { id: 'unfollowed', followsOwner: false })],
        ]),
      }),
    );
    const churners = r.audit.followers.filter((f) => f.categories.includes('churner')).map((f) => f.id);
    expect(churners).toEqual(['ff']);
    expect(find(r.audit.followers, 'ff')!.reasons[0]).toMatch(
      /^followed you after 2026-04-02, you follow them, and they left within 6 weeks/,
    );
    // slow was lost now, 60 days after it followed: lost, not a churner.
    expect(find(r.audit.followers, 'slow')!.categories).toEqual(['lost']);
  });
});

describe('the newest N through the API', () => {
  it('says the figures are for the newest followers and reports nobody lost', () => {
    const r = run(base({ current: ['a'], population: 'newest', history: [snap(30, ['a', 'b'])] }));
    expect(r.audit.summary.notes.join(' ')).toContain('your newest 1 followers');
    expect(r.audit.summary.byCategory.lost).toBe(0);
    expect(r.snapshot.ids.sort()).toEqual(['a', 'b']);
    // The last snapshot kept no order: who left, and churners, are said to be unknown.
    expect(r.audit.summary.notes.join(' ')).toMatch(
      /Who left since the audit of .*, and churners, are unknown/,
    );
  });

  // The last read, newest first: n1…n250 (depths 0, 1, 2 in hundreds), f followed 20 days before it.
  const order = Array.from({ length: 250 }, (_, i) => `n${i + 1}`);
  const ordered = (days: number, ids: string[], missing: string[] = []): FollowerSnapshot => ({
    ...snap(days, ids, missing),
    depth: Object.fromEntries(ids.map((k, i) => [k, Math.floor(i / 100)])),
  });

  it('tells who left among the followers a read of the newest reaches, and the churners among them', () => {
    // f and g, high in the list then, are missing now; f was missed by that read already. n250 is deep
    // in the list, beyond this read of the newest 150: nothing is known of them.
    // X counted 251 followers then (f gone already) and 249 now (g and n3 gone).
    const last = { ...ordered(10, ['f', 'g', ...order], ['f']), followersCount: 251 };
    const r = run(
      base({
        current: order.slice(0, 150).filter((k) => k !== 'n3'),
        population: 'newest',
        newestFirst: true,
        followersCount: 249,
        following: new Set(['f']),
        history: [snap(40, order), last],
      }),
    );
    const lost = r.audit.followers.filter((f) => f.categories.includes('lost')).map((f) => f.id);
    // f: missed twice in a row. g, n3: missed once, not told yet. n150…n250: beyond the read.
    expect(lost).toEqual(['f']);
    // f followed after day 40 and was gone by now: within six weeks, and she follows f back.
    expect(find(r.audit.followers, 'f')!.categories).toEqual(['lost', 'churner']);
    expect(r.audit.summary.unconfirmedLost).toBe(2);
    expect(r.snapshot.missing.sort()).toEqual(['g', 'n3']);
    expect(r.snapshot.ids).toEqual(expect.arrayContaining(order.slice(150)));
    expect(r.snapshot.ids).not.toContain('f');
    expect(r.audit.summary.notes.join(' ')).toMatch(
      /Who left is told among the \d+ followers .*for your older followers, lost and churners are unknown/,
    );
  });

  it('tells nobody lost where the read reaches none of the last one’s followers', () => {
    const r = run(
      base({
        current: ['new1', 'new2'],
        population: 'newest',
        newestFirst: true,
        history: [ordered(10, order, ['n1'])],
      }),
    );
    expect(r.audit.summary.byCategory.lost).toBe(0);
    expect(r.snapshot.ids).toEqual(expect.arrayContaining(order));
  });
});

describe('new and lost over any two reads', () => {
  it('reports lost only when confirmed, new only when absent before, and keeps every unconfirmed follower', () => {
    const key = fc.integer({ min: 1, max: 40 }).map(String);
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 30 }),
        fc.uniqueArray(key, { maxLength: 30 }),
        fc.uniqueArray(key, { maxLength: 10 }),
        fc.dictionary(key, fc.constantFrom(true, false, null)),
        (before, now, missedBefore, recheck) => {
          const profiles = new Map(
            Object.entries(recheck).map(([id, follows]) => [
              id,
              person(`p${id}`, { id, followsOwner: follows }),
            ]),
          );
          const previous = snap(30, [...new Set([...before, ...missedBefore])], missedBefore);
          const r = run(base({ current: now, profiles, history: [previous] }));
          const of = (c: string) =>
            r.audit.followers.filter((f) => f.categories.includes(c as never)).map((f) => f.id!);
          for (const id of of('lost')) {
            expect(now).not.toContain(id);
            expect(recheck[id] === false || missedBefore.includes(id)).toBe(true);
          }
          for (const id of of('new')) expect(previous.ids).not.toContain(id);
          // Nobody who may still follow drops out of the next snapshot.
          const kept = new Set(r.snapshot.ids);
          for (const id of previous.ids) if (!of('lost').includes(id)) expect(kept.has(id)).toBe(true);
          for (const id of now) expect(kept.has(id)).toBe(true);
        },
      ),
      { seed: 20_261_203, numRuns: 300 },
    );
  });
});

describe('the newest N read again and again, each snapshot stored and read back', () => {
  // X's list, newest first, numeric ids as the store keeps them; each read is of the newest `n`.
  const list = Array.from({ length: 3_000 }, (_, i) => String(100_000 + i));
  /** Reads in turn, each audit given the snapshots the ones before stored (through the codec). */
  /**
   * `counts`: X's count of her followers at each read; by default the length of the list given, which
   * is then the whole list at that time.
   */
  function reads(
    lists: string[][],
    n = 1_000,
    profiles: Map<string, Profile>[] = [],
    counts: (number | null)[] = lists.map((l) => l.length),
  ) {
    const stored: FollowerSnapshot[] = [];
    return lists.map((now, i) => {
      const current = now.slice(0, n);
      const r = run(
        base({
          current,
          sample: current,
          profiles: profiles[i] ?? new Map(),
          population: 'newest',
          newestFirst: true,
          history: [...stored],
          now: daysAgo(30 - i),
          followersCount: counts[i] ?? null,
        }),
      );
      stored.push(decodeFollowerSnapshot(encodeFollowerSnapshot(r.snapshot)));
      return r;
    });
  }
  const lostIn = (r: ReturnType<typeof run>) =>
    r.audit.followers.filter((f) => f.categories.includes('lost')).map((f) => f.id);
  const newIn = (r: ReturnType<typeof run>) =>
    r.audit.followers.filter((f) => f.categories.includes('new')).map((f) => f.id);

  it('reports a follower who left from among the newest as lost at the second read missing them, then forgets them', () => {
    const leaver = list[500]!;
    const after = list.filter((k) => k !== leaver);
    const [first, second, third, fourth, fifth] = reads([list, after, after, after, after]);
    expect(lostIn(first!)).toEqual([]);
    expect(second!.audit.summary.unconfirmedLost).toBe(1);
    expect(second!.snapshot.missing).toEqual([leaver]);
    expect(lostIn(third!)).toEqual([leaver]);
    expect(third!.snapshot.ids).not.toContain(leaver);
    for (const r of [fourth!, fifth!]) {
      expect(lostIn(r)).toEqual([]);
      expect(r.audit.summary.unconfirmedLost).toBe(0);
      expect(r.snapshot.ids).not.toContain(leaver);
    }
  });

  it('does not anchor the reach on a follower the last read missed, whose depth is only a bound', () => {
    // X leaves u out of the second read once (and out of its count, 2,999 of 3,000); the third reads
    // only the newest 51, u last among them.
    const u = list[50]!;
    const [, second, third] = reads(
      [list.slice(0, 1_000), list.slice(0, 1_001).filter((k) => k !== u), list.slice(0, 51)],
      1_001,
      [],
      [3_000, 2_999, 2_999],
    );
    expect(second!.audit.summary.unconfirmedLost).toBe(1);
    // Every follower the third read reaches is in it: nobody may have left.
    expect(third!.audit.summary.unconfirmedLost).toBe(0);
    expect(lostIn(third!)).toEqual([]);
    expect(third!.snapshot.missing).toEqual([]);
  });

  it('carries the depth of a follower a re-check found still following as a bound tight enough not to stretch the reach', () => {
    // X leaves u (at 750) out of the second read, the re-check says u follows; the third reads the
    // newest 751, u last among them.
    const u = list[750]!;
    const [, second, third] = reads(
      [list.slice(0, 1_000), list.slice(0, 1_001).filter((k) => k !== u), list.slice(0, 751)],
      1_001,
      [new Map(), new Map([[u, person('u', { id: u, followsOwner: true })]])],
    );
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
    expect(second!.snapshot.ids).toContain(u);
    expect(third!.audit.summary.unconfirmedLost).toBe(0);
    expect(lostIn(third!)).toEqual([]);
  });

  it('does not take a follower who left and followed again, now at the top, as a mark of how deep the others are', () => {
    // The second read: l900 followed again (now newest) and X leaves l150 out; the third: 850 new
    // followers, then l900, then the list, so l150, still following, is beyond the read.
    const l150 = list[150]!;
    const l900 = list[900]!;
    const fresh = Array.from({ length: 850 }, (_, i) => String(900_000 + i));
    const rest = list.filter((k) => k !== l900);
    const [, second, third] = reads([
      list,
      [l900, ...rest.filter((k) => k !== l150)],
      [...fresh, l900, ...rest],
    ]);
    expect(second!.snapshot.missing).toEqual([l150]);
    expect(lostIn(third!)).toEqual([]);
    expect(third!.snapshot.ids).toContain(l150);
  });

  it('reaches nobody where the one follower two reads share may have left and followed again', () => {
    // The second read: l900 (followed again, or the one who stayed) and 999 new followers.
    const l900 = list[900]!;
    const fresh = Array.from({ length: 999 }, (_, i) => String(900_000 + i));
    const [, second] = reads([list, [l900, ...fresh]]);
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
    expect(lostIn(second!)).toEqual([]);
    expect(second!.snapshot.missing).toEqual([]);
  });

  it('does not mark as reached the followers below one a re-check found still following', () => {
    // The second read: one new follower, and X leaves l100 out (the re-check: still following); the
    // third reads only the newest 102, l100 last among them. Nobody below l100 may be said to have left.
    const l100 = list[100]!;
    const n = '900000';
    const [, second, third] = reads(
      [
        list.slice(0, 1_000),
        [n, ...list.filter((k) => k !== l100)].slice(0, 1_000),
        [n, ...list].slice(0, 102),
      ],
      3_001,
      [new Map(), new Map([[l100, person('l100', { id: l100, followsOwner: true })]])],
    );
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
    expect(third!.audit.summary.unconfirmedLost).toBe(0);
    expect(lostIn(third!)).toEqual([]);
  });
  it('does not take followers who left and followed again, at the top in their old order, as marks of how deep the others are', () => {
    // The second read: 998 new followers, and a and b (5th and 351st then) left and followed again,
    // still in their old order, a above b: the newest 1,000 are all since the last read. Everyone
    // else still follows, below the read's end; the third read finds the list unchanged.
    const a = list[5]!;
    const b = list[350]!;
    const fresh = Array.from({ length: 998 }, (_, i) => String(900_000 + i));
    const rest = list.filter((k) => k !== a && k !== b);
    const now = [...fresh.slice(0, 500), a, ...fresh.slice(500, 800), b, ...fresh.slice(800), ...rest];
    const [, second, third] = reads([list, now, now]);
    // list[10] still follows: never lost, not even "may have left".
    const still = list[10]!;
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
    expect(second!.snapshot.missing).toEqual([]);
    expect(second!.snapshot.ids).toContain(still);
    expect(lostIn(third!)).toEqual([]);
    expect(third!.snapshot.ids).toContain(still);
    expect(second!.audit.summary.notes.join(' ')).toMatch(/cannot be told/);
    // Every one of the 998 who followed since is new, and neither a nor b is.
    expect(newIn(second!).sort()).toEqual([...fresh].sort());
  });

  it('calls new every follower since the last read where the one follower both reads share is at the top', () => {
    // The second read: l400 followed again (now newest), then 999 new followers. X counts 999 more.
    const l400 = list[400]!;
    const fresh = Array.from({ length: 999 }, (_, i) => String(900_000 + i));
    const [, second] = reads([list, [l400, ...fresh, ...list.filter((k) => k !== l400)]]);
    expect(newIn(second!).sort()).toEqual([...fresh].sort());
    expect(lostIn(second!)).toEqual([]);
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
  });

  it('calls new, in a read to the end of the list after one of the newest, only those who followed since', () => {
    // The first read took the newest 1,000 of 3,000; then 20 new followers, and the second read went
    // through the whole list: the 2,000 older followers the first never reached are not new.
    const fresh = Array.from({ length: 20 }, (_, i) => String(900_000 + i));
    const [first] = reads([list], 1_000, [], [3_000]);
    const whole = [...fresh, ...list];
    const second = run(
      base({
        current: whole,
        sample: [],
        population: 'all',
        newestFirst: true,
        history: [decodeFollowerSnapshot(encodeFollowerSnapshot(first!.snapshot))],
        now: daysAgo(20),
        followersCount: 3_020,
      }),
    );
    expect(newIn(second).sort()).toEqual([...fresh].sort());
    // That read held every follower: the next read calls new whoever it lacks, below the top too.
    const third = run(
      base({
        current: ['777', ...fresh, list[0]!, '778'],
        sample: [],
        population: 'newest',
        newestFirst: true,
        history: [decodeFollowerSnapshot(encodeFollowerSnapshot(second.snapshot))],
        followersCount: 3_022,
      }),
    );
    expect(newIn(third).sort()).toEqual(['777', '778']);
  });

  it('squares the next read with the length of a read to the end of the list, not the count X gave before it', () => {
    // In Discord X's count is the offer's: 960, then 40 more followed before the read, which went
    // through all 1,000. A week on, one of the newest 500 has left, and X counts 999.
    const whole = list.slice(0, 1_000);
    const first = finishNewestFollowers(
      {
        owner: OWNER,
        following: [],
        ledger: ledgerOf([]),
        history: [],
        now: daysAgo(8),
        read: { ids: whole, profiles: new Map(), complete: true },
        followersCount: 960,
        cost: null,
        thresholds: DEFAULT_THRESHOLDS,
      },
      { botScorer },
    );
    expect(first.snapshot.followersCount).toBe(1_000);
    const leaver = whole[250]!;
    const second = run(
      base({
        current: whole.filter((k) => k !== leaver).slice(0, 500),
        sample: [],
        population: 'newest',
        newestFirst: true,
        history: [decodeFollowerSnapshot(encodeFollowerSnapshot(first.snapshot))],
        followersCount: 999,
      }),
    );
    // Told as missing (lost if the next read misses her too), not "cannot be told from this read".
    expect(second.snapshot.missing).toEqual([leaver]);
    expect(second.audit.summary.notes.join(' ')).not.toMatch(/cannot be told/);
  });

  it('tells nobody new in a list with no order after a read of only the newest', () => {
    const [first] = reads([list], 1_000, [], [3_000]);
    // An archive's list of every follower, a week later: one in the 2,000 the read did not reach may
    // have followed for years.
    const r = run(
      base({
        current: list,
        sample: [],
        population: 'all',
        history: [decodeFollowerSnapshot(encodeFollowerSnapshot(first!.snapshot))],
      }),
    );
    expect(newIn(r)).toEqual([]);
    expect(r.audit.summary.notes.join(' ')).toMatch(/Who followed since the audit of .* cannot be told/);
  });

  it('claims nobody left where X’s count of followers at either read is unknown', () => {
    // One leaves before the second read, but X gave no count at the first; another before the third.
    const leaver = list[500]!;
    const after = list.filter((k) => k !== leaver);
    const later = after.filter((k) => k !== list[600]);
    const [, second, third] = reads([list, after, later], 1_000, [], [null, 2_999, 2_998]);
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
    expect(second!.audit.summary.notes.join(' ')).toMatch(
      /count of your followers at one of the two audits is not known/,
    );
    // The second read kept its count: the third can tell again.
    expect(third!.audit.summary.unconfirmedLost).toBe(1);
    expect(third!.snapshot.missing).toEqual([list[600]]);
  });

  it('does not mark as missing a follower X left out of a read when its count says nobody left', () => {
    // X leaves l300 out of the second read, but counts her 3,000 followers as before: a glitch.
    const l300 = list[300]!;
    const [, second, third] = reads(
      [list, list.filter((k) => k !== l300), list],
      1_000,
      [],
      [3_000, 3_000, 3_000],
    );
    expect(second!.audit.summary.unconfirmedLost).toBe(0);
    expect(second!.snapshot.ids).toContain(l300);
    expect(lostIn(third!)).toEqual([]);
  });
});

describe('the newest N over random histories of X’s list', () => {
  it('never tells a follower who still follows lost, nor one who stayed new, and still tells some who left', () => {
    // Each week: 0.5% or 2% of her followers leave, half or a twentieth of them follow again (at the
    // top, half the weeks in their old order), and 50 to 2,500 new ones follow; X's count is exact.
    // Each audit reads the newest 500, 1,000 or 2,000 of some 3,000 and more, through the codec.
    const random = seededRandom(20_261_204);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    let next = 1_000_000;
    const told = { lost: 0, new: 0 };
    for (let history = 0; history < 24; history++) {
      let list = Array.from({ length: 3_000 }, () => String(next++));
      const n = pick([500, 1_000, 2_000]);
      const stored: FollowerSnapshot[] = [];
      for (let week = 0; week < 5; week++) {
        const before = new Set(list);
        const since = new Set<string>();
        if (week > 0) {
          const leave = pick([0.005, 0.02]);
          const again = random() < 0.5 ? 0.5 : 0.05;
          const stayed: string[] = [];
          const back: string[] = [];
          for (const k of list) {
            if (random() >= leave) stayed.push(k);
            else if (random() < again) back.push(k);
          }
          const fresh = Array.from({ length: pick([50, 300, 900, 1_100, 2_500]) }, () => String(next++));
          const arrivals = [...fresh, ...back].map((k) => ({ k, t: random() }));
          if (random() < 0.5) {
            // Those who followed again do so in their old order, among the new.
            const times = back.map(() => random()).sort((a, b) => b - a);
            const at = new Map(back.map((k, i) => [k, times[i]!]));
            for (const a of arrivals) a.t = at.get(a.k) ?? a.t;
          }
          arrivals.sort((a, b) => b.t - a.t);
          list = [...arrivals.map((a) => a.k), ...stayed];
          for (const a of arrivals) since.add(a.k);
        }
        const current = list.slice(0, n);
        const r = run(
          base({
            current,
            population: 'newest',
            newestFirst: true,
            history: [...stored],
            now: daysAgo(40 - 7 * week),
            followersCount: list.length,
          }),
        );
        stored.push(decodeFollowerSnapshot(encodeFollowerSnapshot(r.snapshot)));
        const following = new Set(list);
        for (const f of r.audit.followers) {
          if (f.categories.includes('lost')) {
            expect(following.has(f.id!)).toBe(false);
            told.lost++;
          }
          if (f.categories.includes('new')) {
            expect(since.has(f.id!) || !before.has(f.id!)).toBe(true);
            told.new++;
          }
        }
      }
    }
    expect(told.lost).toBeGreaterThan(50);
    expect(told.new).toBeGreaterThan(10_000);
  });

  it('calls nobody who stayed new when the counts come before the reads and are not kept for the next', () => {
    // As in Discord: X's count is the offer's, and up to 200 follow between the offer and the read;
    // the worker keeps no such count for the next read (a read to the end keeps its own length).
    const random = seededRandom(20_261_205);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    let next = 5_000_000;
    const follow = (list: string[], count: number, leave: number) => {
      const stayed = list.filter(() => random() >= leave);
      const fresh = Array.from({ length: count }, () => String(next++));
      return { list: [...fresh, ...stayed], fresh };
    };
    let told = 0;
    for (let history = 0; history < 12; history++) {
      let list = Array.from({ length: 3_000 }, () => String(next++));
      const stored: FollowerSnapshot[] = [];
      for (let week = 0; week < 5; week++) {
        const before = new Set(list);
        const since = new Set<string>();
        if (week > 0) {
          const w = follow(list, pick([50, 300, 900, 2_500]), pick([0.005, 0.02]));
          list = w.list;
          for (const k of w.fresh) since.add(k);
        }
        const offered = list.length;
        const late = follow(list, Math.floor(random() * 201), 0);
        list = late.list;
        for (const k of late.fresh) since.add(k);
        const current = list.slice(0, pick([500, 1_000, 2_000, 100_000]));
        const whole = current.length === list.length;
        const r = run(
          base({
            current,
            population: whole ? 'all' : 'newest',
            newestFirst: true,
            history: [...stored],
            now: daysAgo(40 - 7 * week),
            followersCount: whole ? current.length : offered,
          }),
        );
        if (!whole && late.fresh.length > 0) delete r.snapshot.followersCount;
        stored.push(decodeFollowerSnapshot(encodeFollowerSnapshot(r.snapshot)));
        for (const f of r.audit.followers)
          if (f.categories.includes('new')) {
            expect(since.has(f.id!) || !before.has(f.id!)).toBe(true);
            told++;
          }
      }
    }
    expect(told).toBeGreaterThan(10_000);
  });
});
