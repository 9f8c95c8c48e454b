import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/model.js';
import {
  INSTAGRAM_BOT_MODEL,
  INSTAGRAM_BOT_THRESHOLD,
  instagramBotScore,
} from '../../src/engine/instagram-bot.js';
import { parseInstagramBotModel } from '../../src/engine/instagram-bot-features.js';

/** The learned Instagram bot score: its reasons in words, none a bot on its own, nothing scored on too little. */
const person = (overrides: Partial<Profile> = {}): Profile => ({
  id: '1',
  handle: 'mira_sings',
  name: 'Mira',
  bio: 'Soprano in London',
  defaultAvatar: false,
  followersCount: 800,
  followingCount: 400,
  postCount: 120,
  platform: 'instagram',
  ...overrides,
});
const threshold = INSTAGRAM_BOT_THRESHOLD;
const score = (overrides: Partial<Profile>) => instagramBotScore(person(overrides))!;

describe('the Instagram bot score', () => {
  it('scores an ordinary person low, with no reason, on the scale of its own threshold', () => {
    const scored = instagramBotScore(person())!;
    expect(scored.reasons).toEqual([]);
    expect(scored.score).toBeLessThan(0.5);
    expect(scored.threshold).toBe(INSTAGRAM_BOT_MODEL.threshold);
  });

  it('names a mass follower, an anonymous avatar and a generated handle in words', () => {
    expect(score({ followingCount: 7_000, followersCount: 5_000 }).reasons).toEqual([
      'a mass follower (follows 7,000)',
    ]);
    expect(score({ defaultAvatar: true }).reasons).toEqual(['no profile picture']);
    expect(score({ handle: 'user83749201' }).reasons).toEqual(['handle looks generated']);
    expect(score({ postCount: 0 }).reasons).toEqual(['has never posted']);
  });

  it('scores each of those traits above the ordinary person, and none of them a bot alone', () => {
    const ordinary = instagramBotScore(person())!.score;
    const single: Partial<Profile>[] = [
      { followingCount: 7_000, followersCount: 5_000 },
      { postCount: 0 },
      { defaultAvatar: true },
      { handle: 'user83749201' },
    ];
    for (const trait of single) {
      const scored = score(trait);
      expect(scored.score, JSON.stringify(trait)).toBeGreaterThan(ordinary);
      expect(scored.score, JSON.stringify(trait)).toBeLessThan(threshold);
    }
  });

  it('calls the blatant follow-for-follow account a bot, its strongest reasons first', () => {
    const scored = score({
      handle: 'f4f_train_uk',
      followingCount: 7_400,
      followersCount: 31,
      postCount: 0,
      defaultAvatar: true,
      bio: '',
    });
    expect(scored.score).toBeGreaterThanOrEqual(threshold);
    expect(scored.reasons).toEqual(
      expect.arrayContaining([
        'a mass follower (follows 7,400)',
        'follows 7,400, followed by 31',
        'has never posted',
        'no profile picture',
        'the handle suggests a follow-for-follow account',
      ]),
    );
    // Strongest first: the follow-for-follow handle (a pitch) outweighs the avatar in this model.
    expect(scored.reasons.indexOf('the handle suggests a follow-for-follow account')).toBeLessThan(
      scored.reasons.indexOf('no profile picture'),
    );
  });

  it('scores a mass follower higher than the same account following a few hundred', () => {
    const few = score({ followingCount: 400, followersCount: 300, postCount: 1, defaultAvatar: true });
    const mass = score({ followingCount: 6_000, followersCount: 300, postCount: 1, defaultAvatar: true });
    expect(mass.score).toBeGreaterThan(few.score);
    expect(mass.reasons).toContain('a mass follower (follows 6,000)');
    expect(few.reasons.some((r) => r.startsWith('a mass follower'))).toBe(false);
  });

  it('does not score a row of the following list alone, nor a profile with too little known', () => {
    expect(instagramBotScore(person({ listOnly: true }))).toBeNull();
    expect(
      instagramBotScore({
        id: '1',
        handle: 'x',
        platform: 'instagram',
        bio: null,
        postCount: null,
        defaultAvatar: null,
      }),
    ).toBeNull();
  });

  it('refuses a model file trained on other features, naming what is wrong', () => {
    expect(() =>
      parseInstagramBotModel({ ...INSTAGRAM_BOT_MODEL, features: INSTAGRAM_BOT_MODEL.features.slice(1) }),
    ).toThrow(/other features/);
  });
});
