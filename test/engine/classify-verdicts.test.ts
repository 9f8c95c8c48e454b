import { describe, expect, it } from 'vitest';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { audit } from '../../src/engine/classify.js';
import type { AccountReport, AuditInput } from '../../src/model.js';
import { bare, daysAgo, followed, input, ledgerOf, person } from './fixtures.js';

const botScorer = defaultBotScorer();
const run = (i: AuditInput) => audit(i, { botScorer });
const byHandle = (i: AuditInput) =>
  new Map(run(i).accounts.map((a) => [a.handle, a] as [string, AccountReport]));

/** A regular friendship: replies and DMs both ways, the owner's last reply 47 days ago. */
const friendship = (handle: string) => [
  { who: { handle }, kind: 'reply' as const, direction: 'out' as const, at: daysAgo(47) },
  { who: { handle }, kind: 'reply' as const, direction: 'in' as const, at: daysAgo(47) },
  { who: { handle }, kind: 'dm' as const, direction: 'out' as const, at: daysAgo(60) },
  { who: { handle }, kind: 'dm' as const, direction: 'in' as const, at: daysAgo(60) },
];

/** The owner talked with these handles this week, so nothing about interaction is flagged. */
const recentlyTalkedTo = (...handles: string[]) =>
  ledgerOf(
    handles.flatMap((handle) => [
      { who: { handle }, kind: 'reply' as const, direction: 'out' as const, at: daysAgo(2) },
      { who: { handle }, kind: 'reply' as const, direction: 'in' as const, at: daysAgo(2) },
    ]),
  );

const operaHouse = person('royaloperahouse', {
  name: 'Royal Opera House',
  bio: 'Home of the Royal Ballet and Opera. Tosca opens 12 June.',
  followersCount: 900_000,
  followingCount: 300,
  followsOwner: false,
});

describe('verdicts', () => {
  it('keeps a big on-topic account that does not follow back, even with no interaction', () => {
    const r = byHandle(input([followed(operaHouse)])).get('royaloperahouse')!;
    expect(r.categories).toEqual(['not_following_back', 'low_interaction']);
    expect(r.verdict).toBe('keep');
    expect(r.verdictReason).toMatch(
      /^does not follow you back and no interaction in 180 days, which is normal for an account about your interests \(opera/,
    );
  });

  it('recommends unfollowing an account that does not follow back, never interacts and is off-topic', () => {
    const r = byHandle(
      input([followed(person('gymbro', { bio: 'Gym, protein shakes and leg day', followsOwner: false }))]),
    ).get('gymbro')!;
    expect(r.categories).toEqual(['not_following_back', 'low_interaction', 'off_topic']);
    expect(r.verdict).toBe('unfollow');
    expect(r.verdictReason).toBe('does not follow you back, no interaction in 180 days and off-topic');
  });

  it('recommends unfollowing on any strong signal alone', () => {
    const i = input(
      [
        followed(person('banned', { gone: { kind: 'deactivated', detail: '' } })),
        followed(person('sleepy', { lastPostAt: daysAgo(800) })),
        followed(person('promo', { bio: 'Opera! DM for promo' })),
        followed(
          person('farm', {
            bio: '',
            createdAt: daysAgo(100),
            postCount: 9_600,
            likeCount: 0,
            followersCount: 12,
            followingCount: 4_810,
            defaultAvatar: true,
          }),
        ),
        followed(person('janedoe_old', { bio: 'Moved to @janedoewrites' })),
        followed(person('janedoewrites')),
      ],
      { ledger: recentlyTalkedTo('banned', 'sleepy', 'promo', 'farm', 'janedoe_old', 'janedoewrites') },
    );
    const reports = byHandle(i);
    expect(reports.get('banned')!.verdictReason).toBe('deactivated');
    expect(reports.get('sleepy')!.verdictReason).toBe(
      `no post since ${new Date(daysAgo(800)).toISOString().slice(0, 10)}`,
    );
    expect(reports.get('promo')!.verdictReason).toBe('spam');
    expect(reports.get('farm')!.verdictReason).toMatch(/^likely a bot \(\d\.\d\d\)$/);
    expect(reports.get('janedoe_old')!.verdictReason).toBe('a duplicate of @janedoewrites');
    for (const h of ['banned', 'sleepy', 'promo', 'farm', 'janedoe_old'])
      expect(reports.get(h)!.verdict).toBe('unfollow');
    expect(reports.get('janedoewrites')!.verdict).toBe('keep');
  });

  it('leaves a bot score to the owner where the two talk with each other, but not for one exchange', () => {
    const farmLike = {
      bio: '',
      createdAt: daysAgo(100),
      postCount: 9_600,
      likeCount: 0,
      followersCount: 12,
      followingCount: 4_810,
      defaultAvatar: true,
    };
    const i = input([followed(person('oldfriend', farmLike)), followed(person('spamreply', farmLike))], {
      ledger: ledgerOf([
        ...friendship('oldfriend'),
        { who: { handle: 'spamreply' }, kind: 'reply', direction: 'in', at: daysAgo(2) },
        { who: { handle: 'spamreply' }, kind: 'reply', direction: 'out', at: daysAgo(2) },
      ]),
    });
    const reports = byHandle(i);
    const friend = reports.get('oldfriend')!;
    expect(friend.categories).toContain('bot');
    expect(friend.verdict).toBe('review');
    expect(friend.reasons[friend.categories.indexOf('bot')]).toMatch(
      /^bot score \d\.\d\d: .*; but you and they have talked with each other$/,
    );
    expect(reports.get('spamreply')!.verdict).toBe('unfollow');
  });

  it('asks for a review on a single weak signal', () => {
    const r = byHandle(input([followed(person('quiet', { followsOwner: null }))])).get('quiet')!;
    expect(r.categories).toEqual(['low_interaction']);
    expect(r.verdict).toBe('review');
    expect(r.verdictReason).toBe('a single weak signal: no interaction in 180 days');
  });

  it('asks for a review when not following back on an account whose topic is unknown', () => {
    const i = input([followed(person('mystery', { bio: '', followsOwner: false }))], {
      ledger: recentlyTalkedTo('mystery'),
    });
    const r = byHandle(i).get('mystery')!;
    expect(r.categories).toEqual(['not_following_back']);
    expect(r.verdict).toBe('review');
  });

  it('counts muting as a weak signal with a note', () => {
    const i = input([followed(person('loud'))], {
      ledger: recentlyTalkedTo('loud'),
      muted: new Set(['loud']),
    });
    const r = byHandle(i).get('loud')!;
    expect(r.categories).toEqual([]);
    expect(r.reasons).toEqual(['you muted them']);
    expect(r.verdict).toBe('review');
    expect(r.verdictReason).toBe('a single weak signal: you muted them');
  });

  it('nurtures a neglected genuine follower', () => {
    const ledger = ledgerOf(friendship('friend'));
    const r = byHandle(input([followed(person('friend'))], { ledger })).get('friend')!;
    expect(r.verdict).toBe('nurture');
    expect(r.verdictReason).toBe(
      'a genuine follower you have gone quiet with: mutual and on-topic; you last replied 47 days ago (cadence 30 days)',
    );
  });

  it('keeps an account with nothing flagged', () => {
    const r = byHandle(input([followed(person('pal'))], { ledger: recentlyTalkedTo('pal') })).get('pal')!;
    expect(r.categories).toEqual([]);
    expect(r.verdict).toBe('keep');
    expect(r.verdictReason).toBe('nothing flagged');
  });

  it('always keeps keep-listed accounts, by id or lowercased handle, still reporting their categories', () => {
    const banned = followed(person('Banned', { gone: { kind: 'suspended', detail: '' } }));
    const spam = bare('SpamBot', { profile: person('SpamBot', { bio: 'F4F' }) });
    const i = input([banned, spam], { keep: new Set([banned.id!, 'spambot']) });
    for (const r of run(i).accounts) {
      expect(r.verdict).toBe('keep');
      expect(r.verdictReason).toBe('on your keep list');
      expect(r.categories.length).toBeGreaterThan(0);
    }
  });

  it('orders unfollow, review, nurture, keep; the strongest evidence first, then by handle', () => {
    const ledger = ledgerOf([
      ...['zed', 'amy', 'cat', 'kit'].flatMap((handle) => [
        { who: { handle }, kind: 'reply' as const, direction: 'out' as const, at: daysAgo(2) },
        { who: { handle }, kind: 'reply' as const, direction: 'in' as const, at: daysAgo(2) },
      ]),
      ...friendship('friend'),
    ]);
    const i = input(
      [
        followed(person('zed')),
        followed(person('friend')),
        followed(person('kit', { followsOwner: false, bio: '' })),
        followed(person('amy', { lastPostAt: daysAgo(900) })),
        followed(person('bob', { gone: { kind: 'deleted', detail: '' } })),
        followed(person('cat', { lastPostAt: daysAgo(900) })),
      ],
      { ledger },
    );
    expect(run(i).accounts.map((a) => `${a.verdict}:${a.handle}`)).toEqual([
      'unfollow:bob',
      'unfollow:amy',
      'unfollow:cat',
      'review:kit',
      'nurture:friend',
      'keep:zed',
    ]);
  });
});
