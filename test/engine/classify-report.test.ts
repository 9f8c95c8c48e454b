import { describe, expect, it } from 'vitest';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { audit } from '../../src/engine/classify.js';
import { CATEGORIES, VERDICTS, type AuditInput } from '../../src/model.js';
import { bare, daysAgo, followed, input, ledgerOf, NOW, person } from './fixtures.js';

const botScorer = defaultBotScorer();
const run = (i: AuditInput) => audit(i, { botScorer });

function mixedAudit(): AuditInput {
  const accounts = [
    followed(person('friend')),
    followed(person('gymbro', { bio: 'Gym, protein shakes and leg day', followsOwner: false })),
    followed(person('sleepy', { lastPostAt: daysAgo(900) })),
    followed(person('banned', { gone: { kind: 'suspended', detail: '' } })),
    followed(person('roh', { bio: 'Tosca tonight', followsOwner: false })),
    bare('insta_only'),
    bare('another'),
  ];
  const ledger = ledgerOf([
    { who: { handle: 'friend' }, kind: 'reply', direction: 'out', at: daysAgo(2) },
    { who: { handle: 'friend' }, kind: 'like', direction: 'in', at: daysAgo(1) },
  ]);
  return input(accounts, {
    ledger,
    followers: { ids: new Set(['id-friend', 'id-sleepy']), handles: new Set(['another']) },
  });
}

describe('audit summary', () => {
  it('counts every category and verdict, zeros included, adding up to the accounts', () => {
    const report = run(mixedAudit());
    const { byCategory, byVerdict } = report.summary;
    expect(Object.keys(byCategory).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(byVerdict).sort()).toEqual([...VERDICTS].sort());
    expect(Object.values(byVerdict).reduce((a, b) => a + b, 0)).toBe(report.accounts.length);
    for (const c of CATEGORIES)
      expect(byCategory[c]).toBe(report.accounts.filter((a) => a.categories.includes(c)).length);
    expect(byCategory.duplicate).toBe(0);
    expect(byCategory.gone).toBe(1);
  });

  it('reports following and followers, and null followers when unknown', () => {
    expect(run(mixedAudit()).summary).toMatchObject({ following: 7, followers: 2 });
    expect(run(input([bare('a')])).summary.followers).toBeNull();
  });

  it('says which checks were skipped for how many accounts and what would enable them', () => {
    const { skippedChecks } = run(mixedAudit()).summary;
    expect(skippedChecks).toEqual([
      'bot, off_topic, dormant: no profiles for 2 of 7 accounts — add a profile snapshot or audit through the X API',
    ]);
    const noData = run(
      input([bare('a'), bare('b')], { ledger: ledgerOf([], []), interests: { terms: [], source: 'none' } }),
    );
    expect(noData.summary.skippedChecks).toEqual([
      'bot, dormant: no profiles for all 2 accounts — add a profile snapshot or audit through the X API',
      'off_topic: no interests given or inferred for all 2 accounts — name your interests, or include your own bio, posts and likes so they can be inferred',
      "not_following_back, neglected: no followers list nor follow-back status for all 2 accounts — add your followers (the X archive's follower.js or Instagram's followers file) or audit through the X API",
      'low_interaction, neglected: no interaction history for all 2 accounts — include your posts, likes and messages (an X archive or an Instagram export)',
    ]);
  });

  it('passes the import warnings through and dates the report at `now`', () => {
    const report = run(input([], { warnings: ['like.js: 3 entries could not be read'] }));
    expect(report.warnings).toEqual(['like.js: 3 entries could not be read']);
    expect(report.generatedAt).toBe(new Date(NOW).toISOString());
    expect(report.accounts).toEqual([]);
    expect(report.summary.skippedChecks).toEqual([]);
  });

  it('shows the interests it judged against', () => {
    const interests = { terms: ['ballet'], source: 'inferred' as const };
    expect(run(input([], { interests })).interests).toEqual(interests);
  });
});

describe('account report', () => {
  it('gives times as ISO strings, the bot score to two decimals, strength and tier', () => {
    const report = run(mixedAudit());
    const friend = report.accounts.find((a) => a.handle === 'friend')!;
    expect(friend.lastActiveAt).toBe(new Date(daysAgo(3)).toISOString());
    expect(friend.lastInteractionAt).toBe(new Date(daysAgo(1)).toISOString());
    expect(friend.botScore).toBe(Math.round(friend.botScore! * 100) / 100);
    expect(friend.botScore).toBeLessThan(0.7);
    expect(friend.strength).toBeGreaterThan(0);
    expect(friend.strength).toBe(Math.round(friend.strength * 100) / 100);
    expect(friend.tier).toBe('casual');
    expect(friend.duplicateOf).toBeNull();
    const unknown = report.accounts.find((a) => a.handle === 'insta_only')!;
    expect(unknown).toMatchObject({
      botScore: null,
      lastActiveAt: null,
      lastInteractionAt: null,
      strength: 0,
      tier: null,
      name: null,
    });
  });

  it('shows a faded old interaction as a small strength, never as none', () => {
    const ledger = ledgerOf([
      { who: { handle: 'oldpal' }, kind: 'like', direction: 'out', at: daysAgo(1_500) },
    ]);
    const [r] = run(input([followed(person('oldpal'))], { ledger })).accounts;
    expect(r!.strength).toBe(0.01);
    expect(r!.tier).toBe('casual');
  });

  it('gives one reason per category, in order, then the notes', () => {
    const i = input(
      [followed(person('gymbro', { bio: 'Gym, protein shakes and leg day', followsOwner: false }))],
      { muted: new Set(['gymbro']) },
    );
    const [r] = run(i).accounts;
    expect(r!.categories).toEqual(['not_following_back', 'low_interaction', 'off_topic']);
    expect(r!.reasons).toEqual([
      'does not follow you back',
      'no interaction either way in 180 days (none on record)',
      'nothing in the bio or recent posts near opera, theatre, blogging or London',
      'you muted them',
    ]);
  });
});
