import { describe, it, expect } from 'vitest';
import { audit } from '../../src/engine/classify.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { handleHints } from '../../src/engine/handle-signals.js';
import { resolveInterests } from '../../src/engine/interests.js';
import type { AccountReport, AuditInput } from '../../src/model.js';
import { bare, daysAgo, followed, input, ledgerOf, person } from './fixtures.js';

const botScorer = defaultBotScorer();
const run = (i: AuditInput) => audit(i, { botScorer });
const byHandle = (accounts: AccountReport[], handle: string) => accounts.find((a) => a.handle === handle)!;
/** An Instagram audit as the export gives it: no profiles, a followers list that lacks these accounts. */
const instagram = (accounts: ReturnType<typeof bare>[]) =>
  input(accounts, {
    platform: 'instagram',
    followers: { ids: new Set(), handles: new Set(['friend']) },
    ledger: ledgerOf([], ['likes', 'comments']),
  });

describe('handle and display-name hints', () => {
  it('say in words what the handle suggests', () => {
    expect(handleHints('f4f_train_uk').map((h) => h.reason)).toEqual([
      'the handle suggests a follow-for-follow account',
    ]);
    expect(handleHints('giveaway_queen22').map((h) => h.reason)).toEqual([
      'the handle suggests a giveaway account',
    ]);
    expect(handleHints('cryptoking_signals').map((h) => h.reason)).toEqual([
      'the handle suggests a crypto or trading pitch',
    ]);
    expect(handleHints('sneakerdrops').map((h) => h.reason)).toEqual([
      'the handle suggests an account selling things or announcing product drops',
    ]);
    expect(handleHints('jessica83749201').map((h) => h.category)).toEqual(['bot']);
    expect(handleHints('anna.k', 'Anna 🎁 GIVEAWAY daily').map((h) => h.reason)).toEqual([
      'the display name suggests a giveaway account',
    ]);
  });

  it('find nothing in ordinary handles, years and words that only contain a marker', () => {
    for (const handle of ['john1987', 'raindrops_photo', 'operaglassbex', 'nationaltheatre', 'mezzo_musings'])
      expect(handleHints(handle)).toEqual([]);
  });

  it('send an unprofiled account to review with the reason, never to unfollow, even with other weak signals', () => {
    const report = run(instagram([bare('f4f_train_uk'), bare('jessica83749201'), bare('plain_account')]));
    const f4f = byHandle(report.accounts, 'f4f_train_uk');
    // Not in the followers list and no interaction in 180 days: with a third weak signal that would prune.
    expect(f4f.categories).toEqual(['not_following_back', 'low_interaction', 'off_topic']);
    expect(f4f.verdict).toBe('review');
    expect(f4f.reasons).toContain('the handle suggests a follow-for-follow account');
    const generated = byHandle(report.accounts, 'jessica83749201');
    expect(generated.categories).toEqual(['not_following_back', 'bot', 'low_interaction']);
    expect(generated.verdict).toBe('review');
    expect(byHandle(report.accounts, 'plain_account').categories).toEqual([
      'not_following_back',
      'low_interaction',
    ]);
    expect(report.summary.byVerdict.unfollow).toBe(0);
  });

  it('are not read where a profile can be judged', () => {
    const report = run(input([followed(person('giveaway_fan'))]));
    expect(report.accounts[0]!.categories).not.toContain('off_topic');
    expect(report.accounts[0]!.reasons.join(' ')).not.toMatch(/handle suggests/);
  });
});

describe('Instagram evidence in the engine', () => {
  it('takes a story seen within the window as proof an account is not dormant, and reports it', () => {
    const seen = daysAgo(20);
    const stale = followed(person('quiet', { lastPostAt: daysAgo(800) }), { seenActiveAt: seen });
    const report = run(input([stale, followed(person('gone.quiet', { lastPostAt: daysAgo(800) }))]));
    expect(byHandle(report.accounts, 'quiet').categories).not.toContain('dormant');
    expect(byHandle(report.accounts, 'quiet').lastActiveAt).toBe(new Date(seen).toISOString());
    expect(byHandle(report.accounts, 'gone.quiet').categories).toContain('dormant');
  });

  it('never calls an account dormant from an old story alone', () => {
    const report = run(instagram([bare('old.story', { seenActiveAt: daysAgo(900) })]));
    expect(report.accounts[0]!.categories).not.toContain('dormant');
    expect(report.accounts[0]!.lastActiveAt).toBe(new Date(daysAgo(900)).toISOString());
  });

  it('points an Instagram user to the browser companion, not the X API', () => {
    const report = run(instagram([bare('someone')]));
    expect(report.summary.skippedChecks).toEqual([
      "bot, off_topic, dormant: no profiles for the one account — add an Instagram profile snapshot made with Tend's " +
        'browser companion, which you run on instagram.com in your own logged-in browser (see the README); the export ' +
        'itself holds no profiles',
    ]);
    expect(report.summary.skippedChecks.join(' ')).not.toMatch(/X API/);
  });

  it('infers interests from Instagram topics and says so', () => {
    const interests = resolveInterests(null, {
      bio: null,
      posts: [],
      likes: [],
      topics: ['opera', 'ballet', 'Musical theatre'],
    });
    expect(interests.source).toBe('inferred');
    expect(interests.terms).toEqual(expect.arrayContaining(['opera', 'ballet']));
    expect(interests.note).toMatch(/^your Instagram topics and likes/);
  });
});
