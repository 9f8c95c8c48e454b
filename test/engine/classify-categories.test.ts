import { describe, expect, it } from 'vitest';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { audit } from '../../src/engine/classify.js';
import { DEFAULT_THRESHOLDS, type AccountReport, type AuditInput, type Category } from '../../src/model.js';
import { bare, daysAgo, followed, input, ledgerOf, person } from './fixtures.js';
import { entryView, packEntry } from '../../src/ledger.js';

const botScorer = defaultBotScorer();
const run = (i: AuditInput) => audit(i, { botScorer });

function reportOf(i: AuditInput, handle: string): AccountReport {
  const found = run(i).accounts.find((a) => a.handle === handle);
  if (!found) throw new Error(`no report for @${handle}`);
  return found;
}

function reasonFor(report: AccountReport, category: Category): string | undefined {
  const at = report.categories.indexOf(category);
  return at < 0 ? undefined : report.reasons[at];
}

describe('not_following_back', () => {
  it('comes from follow-back status or absence from the followers list, matched by id or any-case handle', () => {
    const followers = { ids: new Set(['id-byid']), handles: new Set(['ByHandle']) };
    const accounts = [
      followed(person('says', { followsOwner: false })),
      followed(person('byid', { followsOwner: null })),
      followed(person('byhandle', { id: null, followsOwner: null }), { id: null, key: '@byhandle' }),
      followed(person('absent', { followsOwner: null })),
    ];
    const report = run(input(accounts, { followers }));
    const flagged = report.accounts
      .filter((a) => a.categories.includes('not_following_back'))
      .map((a) => a.handle);
    expect(flagged.sort()).toEqual(['absent', 'says']);
    expect(
      reasonFor(
        report.accounts.find((a) => a.handle === 'says')!,
        'not_following_back',
      ),
    ).toBe('does not follow you back');
  });

  it('is not guessed without a followers list or follow-back status', () => {
    const report = run(input([bare('someone')]));
    expect(report.accounts[0]!.categories).not.toContain('not_following_back');
    expect(
      report.summary.skippedChecks.some((s) =>
        s.startsWith('not_following_back, neglected: no followers list'),
      ),
    ).toBe(true);
  });
});

describe('bot', () => {
  it('flags a high bot score with its top signals', () => {
    const farm = person('xkqzvbnmtr48291036', {
      bio: '',
      createdAt: daysAgo(100),
      postCount: 9_600,
      likeCount: 0,
      followersCount: 12,
      followingCount: 4_810,
      defaultAvatar: true,
      listedCount: 0,
    });
    const r = reportOf(input([followed(farm)]), 'xkqzvbnmtr48291036');
    expect(reasonFor(r, 'bot')).toMatch(/^bot score (?:0\.9\d|1\.00): /);
    expect(reasonFor(r, 'bot')).toContain('follows 4,810, followed by 12');
  });

  it('is not guessed on a profile with too little data, and says so', () => {
    const report = run(input([followed({ id: '7', handle: 'thin', name: 'Thin', bio: 'Tosca fan' })]));
    expect(report.accounts[0]!.botScore).toBeNull();
    expect(
      report.summary.skippedChecks.some(
        (s) => s.startsWith('bot: too little profile data') && s.includes('the one account'),
      ),
    ).toBe(true);
  });

  it('does not flag a person who merely has no bio and a default avatar', () => {
    const lurker = person('quietreader', { bio: '', defaultAvatar: true });
    expect(reportOf(input([followed(lurker)]), 'quietreader').categories).not.toContain('bot');
  });
});

describe('low_interaction', () => {
  it('flags no interaction either way within the window, and not a recent one', () => {
    const ledger = ledgerOf([
      { who: { handle: 'old' }, kind: 'like', direction: 'out', at: daysAgo(400) },
      { who: { handle: 'recent' }, kind: 'mention', direction: 'in', at: daysAgo(100) },
    ]);
    const i = input([followed(person('old')), followed(person('recent')), followed(person('never'))], {
      ledger,
    });
    expect(reasonFor(reportOf(i, 'old'), 'low_interaction')).toBe(
      'no interaction either way in 180 days (the last on 2025-04-27)',
    );
    expect(reasonFor(reportOf(i, 'never'), 'low_interaction')).toBe(
      'no interaction either way in 180 days (none on record)',
    );
    expect(reportOf(i, 'recent').categories).not.toContain('low_interaction');
  });

  it('joins interactions recorded under an id to an account known only by handle', () => {
    const ledger = ledgerOf([
      { who: { id: '42', handle: 'Pal' }, kind: 'reply', direction: 'out', at: daysAgo(5) },
    ]);
    const r = reportOf(input([bare('pal')], { ledger }), 'pal');
    expect(r.categories).not.toContain('low_interaction');
    expect(r.lastInteractionAt).toBe(new Date(daysAgo(5)).toISOString());
  });

  it('leaves accounts followed within the window alone: too new to judge', () => {
    const i = input([followed(person('newish'), { followedAt: daysAgo(20) })]);
    expect(reportOf(i, 'newish').categories).not.toContain('low_interaction');
  });

  it('is not guessed without any interaction history, and says so', () => {
    const report = run(input([followed(person('someone'))], { ledger: ledgerOf([], []) }));
    expect(report.accounts[0]!.categories).not.toContain('low_interaction');
    expect(report.summary.skippedChecks).toContain(
      'low_interaction, neglected: no interaction history for the one account — include your posts, likes and messages (an X archive or an Instagram export)',
    );
  });
});

describe('off_topic', () => {
  it('flags a profile with nothing about the interests, naming them', () => {
    const r = reportOf(input([followed(person('gymbro', { bio: 'Gym, protein, gains' }))]), 'gymbro');
    expect(reasonFor(r, 'off_topic')).toBe(
      'nothing in the bio or recent posts near opera, theatre, blogging or London',
    );
  });

  it('does not flag an opera house whose bio names Tosca, nor one on topic only in its posts', () => {
    const house = person('roh', { bio: 'Tosca, 12–30 June' });
    const poster = person('poster', {
      bio: 'Dad, runner',
      recentPosts: ['La Traviata was sublime', 'Tosca next'],
    });
    const i = input([followed(house), followed(poster)]);
    expect(reportOf(i, 'roh').categories).not.toContain('off_topic');
    expect(reportOf(i, 'poster').categories).not.toContain('off_topic');
  });

  it('flags spam on its own, even on an on-topic bio', () => {
    const r = reportOf(
      input([followed(person('promo', { bio: 'Opera fan! DM for promo, follow back' }))]),
      'promo',
    );
    expect(reasonFor(r, 'off_topic')).toBe(
      'spam: asks for follow-backs ("follow back"); sells promotion ("DM for promo")',
    );
  });

  it('names a kind of spam once when the bio and the name both show it', () => {
    const r = reportOf(
      input([followed(person('f4f', { name: 'F4F', bio: 'Music lover. Follow for follow!' }))]),
      'f4f',
    );
    expect(reasonFor(r, 'off_topic')).toBe('spam: asks for follow-backs ("Follow for follow")');
  });

  it('quotes spam in the words the account wrote, not as folded to be read', () => {
    const r = reportOf(
      input([followed(person('takip', { name: 'Ich folge zurück', bio: 'Opera fan. TAKİPÇİ SATIN AL' }))]),
      'takip',
    );
    expect(reasonFor(r, 'off_topic')).toBe(
      'spam: sells followers ("TAKİPÇİ SATIN AL"); asks for follow-backs ("Ich folge zurück")',
    );
  });

  it('is not guessed without interests, nor without a bio or posts', () => {
    const none = run(
      input([followed(person('gymbro', { bio: 'Gym' }))], { interests: { terms: [], source: 'none' } }),
    );
    expect(none.accounts[0]!.categories).not.toContain('off_topic');
    expect(
      none.summary.skippedChecks.some((s) => s.startsWith('off_topic: no interests given or inferred')),
    ).toBe(true);
    const silent = run(input([followed(person('silent', { bio: '' }))]));
    expect(silent.accounts[0]!.categories).not.toContain('off_topic');
    expect(
      silent.summary.skippedChecks.some((s) =>
        s.startsWith('off_topic: no bio or recent posts for the one account'),
      ),
    ).toBe(true);
  });

  it('is not claimed for someone the owner talks with both ways: the conversation is the topic', () => {
    const talk = (direction: 'in' | 'out', days: number) => ({
      who: { id: 'id-chef' },
      kind: 'reply' as const,
      direction,
      at: daysAgo(days),
    });
    const chef = followed(person('chef', { bio: 'Sourdough, knives and long kitchen nights' }));
    const talking = run(
      input([chef], { ledger: ledgerOf([talk('in', 3), talk('in', 9), talk('out', 4), talk('out', 10)]) }),
    );
    expect(talking.accounts[0]!.categories).not.toContain('off_topic');
    const once = run(input([chef], { ledger: ledgerOf([talk('in', 3), talk('out', 4)]) }));
    expect(once.accounts[0]!.categories).toContain('off_topic');
  });

  it('is not claimed on too little text, so it never tips a verdict to unfollow, and says so', () => {
    const quiet = { followsOwner: false, lastPostAt: daysAgo(2) };
    const r = run(
      input([
        followed(person('hello', { bio: 'Follow me =)', ...quiet })),
        followed(person('vibes', { bio: 'Remain curious....', ...quiet })),
      ]),
    );
    for (const a of r.accounts) {
      expect(a.categories).toEqual(['not_following_back', 'low_interaction']);
      expect(a.verdict).toBe('review');
    }
    expect(r.summary.skippedChecks).toContain(
      'off_topic: too little text to judge the topic by (fewer than three meaningful words in the bio and recent posts) for all 2 accounts — add recent posts: a profile snapshot with posts, or an audit through the X API',
    );
    const said = run(input([followed(person('gym', { bio: 'Gym, protein shakes and leg day', ...quiet }))]));
    expect(said.accounts[0]!.categories).toContain('off_topic');
  });
});

describe('dormant', () => {
  it('flags no post for longer than the limit, or never posting', () => {
    const i = input([
      followed(person('stale', { lastPostAt: Date.parse('2024-03-02T10:00:00Z') })),
      followed(person('mute', { lastPostAt: null, postCount: 0 })),
      followed(person('fresh', { lastPostAt: daysAgo(300) })),
    ]);
    expect(reasonFor(reportOf(i, 'stale'), 'dormant')).toBe('no post since 2024-03-02');
    expect(reasonFor(reportOf(i, 'mute'), 'dormant')).toBe('never posted');
    expect(reportOf(i, 'fresh').categories).not.toContain('dormant');
  });

  it('never calls a protected account dormant for lack of data, nor one without a profile', () => {
    const locked = person('locked', { protected: true, lastPostAt: null, postCount: null });
    const report = run(input([followed(locked), bare('noprofile')]));
    for (const a of report.accounts) expect(a.categories).not.toContain('dormant');
    expect(report.summary.skippedChecks.some((s) => s.startsWith('dormant: no time of the last post'))).toBe(
      true,
    );
  });
});

describe('gone', () => {
  it('reports what the platform said', () => {
    const p = person('banned', { gone: { kind: 'suspended', detail: 'User has been suspended: [42].' } });
    expect(reasonFor(reportOf(input([followed(p)]), 'banned'), 'gone')).toBe(
      'suspended by the platform (User has been suspended: [42].)',
    );
  });
});

describe('duplicate', () => {
  it('flags the account to drop and points at the one to keep', () => {
    const old = followed(person('janedoe_old', { bio: 'Moved to @janedoewrites' }));
    const current = followed(person('janedoewrites'));
    const i = input([old, current]);
    expect(reportOf(i, 'janedoe_old').duplicateOf).toBe(current.key);
    expect(reportOf(i, 'janedoe_old').categories).toContain('duplicate');
    expect(reportOf(i, 'janedoewrites').categories).not.toContain('duplicate');
  });
});

describe('neglected', () => {
  it('flags a mutual friend the owner last replied to longer ago than the cadence', () => {
    const ledger = ledgerOf([
      { who: { handle: 'friend' }, kind: 'reply', direction: 'out', at: daysAgo(47) },
      { who: { handle: 'friend' }, kind: 'reply', direction: 'in', at: daysAgo(50) },
      { who: { handle: 'friend' }, kind: 'dm', direction: 'in', at: daysAgo(60) },
      { who: { handle: 'friend' }, kind: 'dm', direction: 'out', at: daysAgo(60) },
    ]);
    const r = reportOf(input([followed(person('friend'))], { ledger }), 'friend');
    expect(r.tier).toBe('regular');
    expect(reasonFor(r, 'neglected')).toBe(
      'mutual and on-topic; you last replied 47 days ago (cadence 30 days)',
    );
  });

  it('holds close friends to the shorter cadence', () => {
    const events = [];
    for (let d = 20; d < 200; d += 7) {
      events.push({
        who: { handle: 'bestie' },
        kind: 'dm' as const,
        direction: 'out' as const,
        at: daysAgo(d),
      });
      events.push({
        who: { handle: 'bestie' },
        kind: 'dm' as const,
        direction: 'in' as const,
        at: daysAgo(d),
      });
    }
    const r = reportOf(input([followed(person('bestie'))], { ledger: ledgerOf(events) }), 'bestie');
    expect(r.tier).toBe('close');
    expect(reasonFor(r, 'neglected')).toBe(
      'mutual and on-topic; you last messaged them 20 days ago (cadence 14 days)',
    );
  });

  it('flags a mutual on-topic account the owner never interacted with', () => {
    const r = reportOf(input([followed(person('singer'))], { ledger: ledgerOf([]) }), 'singer');
    expect(reasonFor(r, 'neglected')).toBe('mutual and on-topic; you have never interacted');
  });

  it('does not flag within the cadence, nor someone who does not follow back, is a bot, or is dormant', () => {
    const ledger = ledgerOf(
      ['recent', 'oneway', 'botty', 'sleepy'].map((handle) => ({
        who: { handle },
        kind: 'reply' as const,
        direction: 'in' as const,
        at: daysAgo(100),
      })),
    );
    ledger.entries.set(
      '@recent',
      packEntry({
        ...entryView(ledger.entries.get('@recent')!),
        out: { count: 1, last: daysAgo(10), decay: 0 },
      }),
    );
    const i = input(
      [
        followed(person('recent')),
        followed(person('oneway', { followsOwner: false })),
        followed(
          person('botty', {
            bio: 'Do you like my site? https://t.co/x',
            postCount: 30,
            likeCount: 2,
            followingCount: 0,
            followersCount: 8,
          }),
        ),
        followed(person('sleepy', { lastPostAt: daysAgo(900) })),
      ],
      // The rule under test is that a bot is not "neglected", at a threshold this made-up bot clears
      // whatever the shipped model's own; the model's own calibration is bot-score.test.ts's question.
      { ledger, thresholds: { ...DEFAULT_THRESHOLDS, botThreshold: 0.8 } },
    );
    expect(reportOf(i, 'botty').categories).toContain('bot');
    for (const handle of ['recent', 'oneway', 'botty', 'sleepy'])
      expect(reportOf(i, handle).categories).not.toContain('neglected');
  });

  it('takes someone without a profile for a person when they reached out', () => {
    const ledger = ledgerOf([{ who: { handle: 'pal' }, kind: 'mention', direction: 'in', at: daysAgo(120) }]);
    const followers = { ids: new Set<string>(), handles: new Set(['pal', 'stranger']) };
    const i = input([bare('pal'), bare('stranger')], { ledger, followers });
    expect(reasonFor(reportOf(i, 'pal'), 'neglected')).toBe(
      'mutual; they last reached out 120 days ago and you have never interacted back',
    );
    expect(reportOf(i, 'stranger').categories).not.toContain('neglected');
  });

  it('takes someone without a profile for a person when you talked before and they follow you back', () => {
    const ledger = ledgerOf([
      { who: { handle: 'oldfriend' }, kind: 'comment', direction: 'out', at: daysAgo(150) },
    ]);
    const followers = { ids: new Set<string>(), handles: new Set(['oldfriend', 'lurker']) };
    const i = input([bare('oldfriend'), bare('lurker')], { ledger, followers });
    expect(reasonFor(reportOf(i, 'oldfriend'), 'neglected')).toBe(
      'mutual; you last commented 150 days ago (cadence 90 days)',
    );
    expect(reportOf(i, 'oldfriend').verdict).toBe('nurture');
    expect(reportOf(i, 'lurker').categories).not.toContain('neglected');
  });
});
