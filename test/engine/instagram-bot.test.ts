import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/model.js';
import { INSTAGRAM_BOT_THRESHOLD, instagramBotScore } from '../../src/engine/instagram-bot.js';

/** The Instagram bot score: each signal in words, none a bot on its own, nothing scored on too little. */
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

describe('the Instagram bot score', () => {
  it('gives an ordinary person no signal at all', () => {
    expect(instagramBotScore(person())).toEqual({
      score: 0,
      reasons: [],
      threshold: INSTAGRAM_BOT_THRESHOLD,
    });
  });

  it('never calls a bot on one trait, however strong', () => {
    const single: Partial<Profile>[] = [
      { followingCount: 7_000, followersCount: 5_000 },
      { postCount: 0 },
      { defaultAvatar: true },
      { handle: 'user83749201' },
      { bio: 'Crypto signals daily, DM for forex' },
    ];
    for (const trait of single) {
      const scored = instagramBotScore(person(trait))!;
      expect(scored.reasons, JSON.stringify(trait)).toHaveLength(1);
      expect(scored.score, JSON.stringify(trait)).toBeLessThan(threshold);
    }
  });

  it('names a mass follower, an anonymous avatar and a generated handle in words', () => {
    expect(instagramBotScore(person({ followingCount: 7_400, followersCount: 5_000 }))!.reasons).toEqual([
      'a mass follower (follows 7,400)',
    ]);
    expect(instagramBotScore(person({ followingCount: 1_500 }))!.reasons).toEqual([]);
    expect(instagramBotScore(person({ defaultAvatar: true }))!.reasons).toEqual(['no profile picture']);
    expect(instagramBotScore(person({ handle: 'jessica83749201' }))!.reasons).toEqual([
      'handle looks generated',
    ]);
    expect(instagramBotScore(person({ handle: 'mira_sings_22' }))!.reasons).toEqual([]);
  });

  it('calls a bot on two strong signals, and names them strongest first', () => {
    const scored = instagramBotScore(person({ handle: 'user83749201', defaultAvatar: true, bio: '' }))!;
    expect(scored.score).toBeGreaterThanOrEqual(threshold);
    expect(scored.reasons).toEqual(['no profile picture', 'handle looks generated', 'an empty bio']);
  });

  it('calls a bot on exactly two independent strong signals and nothing else', () => {
    const scored = instagramBotScore(person({ handle: 'user83749201', defaultAvatar: true }))!;
    expect(scored.reasons).toEqual(['no profile picture', 'handle looks generated']);
    expect(scored.score).toBeCloseTo(1 - 0.45 * 0.45, 10);
    expect(scored.score).toBeGreaterThanOrEqual(threshold);
  });

  it('counts a mass follower with lopsided counts as one trait: a singer who follows 1,600 is no bot', () => {
    const singer = person({ followingCount: 1_600, followersCount: 140, postCount: 40 });
    const scored = instagramBotScore(singer)!;
    expect(scored.reasons).toEqual(['a mass follower (follows 1,600)', 'follows 1,600, followed by 140']);
    expect(scored.score).toBeCloseTo(0.55, 10);
    expect(scored.score).toBeLessThan(threshold);
    // One more, independent, strong signal makes two pieces of evidence.
    const anonymous = instagramBotScore({ ...singer, defaultAvatar: true })!;
    expect(anonymous.reasons).toHaveLength(3);
    expect(anonymous.score).toBeGreaterThanOrEqual(threshold);
  });

  it('does not call a bot on one strong signal with two weak ones', () => {
    const scored = instagramBotScore(person({ defaultAvatar: true, bio: '', postCount: 2 }))!;
    expect(scored.reasons).toEqual(['no profile picture', 'only 2 posts', 'an empty bio']);
    expect(scored.score).toBeLessThan(threshold);
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
});
