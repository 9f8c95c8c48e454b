import { describe, expect, it } from 'vitest';
import { defaultBotModel, defaultBotScorer } from '../../src/engine/default-bot-model.js';
import type { Profile } from '../../src/model.js';
import { daysAgo, NOW, person } from './fixtures.js';

const scorer = defaultBotScorer(0);
const { threshold } = defaultBotModel();
const score = (p: Profile) => scorer.score(p, NOW);

/** Made up for the test: a young follow farm with a generated handle and nothing personal. */
const farm = person('xkqzvbnmtr48291036', {
  bio: '',
  location: null,
  createdAt: daysAgo(100),
  postCount: 9_600,
  likeCount: 0,
  followersCount: 12,
  followingCount: 4_810,
  defaultAvatar: true,
  listedCount: 0,
});

describe('the learned bot scorer', () => {
  it('flags a follow farm, with its strongest signals in plain words', () => {
    const result = score(farm)!;
    expect(result.score).toBeGreaterThanOrEqual(threshold);
    expect(result.reasons.length).toBeGreaterThanOrEqual(2);
    expect(result.reasons.length).toBeLessThanOrEqual(4);
    const words = result.reasons.join('; ');
    expect(words).toMatch(
      /follows 4,810, followed by 12|never liked a post|posts 96 times a day|handle looks generated|account 3 months old|empty bio|default avatar/,
    );
    expect(new Set(result.reasons).size).toBe(result.reasons.length);
  });

  it('scores the same feed higher the more it posts to the same few followers', () => {
    const feed = (postCount: number) =>
      score(
        person('trend48291036', { ...farm, handle: 'trend48291036', createdAt: daysAgo(500), postCount }),
      )!;
    const scores = [5_000, 50_000, 150_000].map((n) => feed(n).score);
    expect(scores[1]).toBeGreaterThanOrEqual(scores[0]!);
    expect(scores[2]).toBeGreaterThanOrEqual(scores[1]!);
  });

  it('scores the same feed no lower for being younger', () => {
    const aged = (days: number) =>
      score(person('trend48291036', { ...farm, handle: 'trend48291036', createdAt: daysAgo(days) }))!.score;
    expect(aged(200)).toBeGreaterThanOrEqual(aged(2_000));
    expect(aged(2_000)).toBeGreaterThanOrEqual(aged(5_000));
  });

  it('leaves an ordinary person well below the threshold, with no reasons to show', () => {
    const result = score(person('janedoe', { location: 'London' }))!;
    expect(result.score).toBeLessThan(0.3);
    expect(result.reasons).toEqual([]);
  });

  it('does not flag a quiet friend: few followers, a bio, an avatar, likes', () => {
    const friend = person('sam_writes', {
      followersCount: 85,
      followingCount: 190,
      postCount: 420,
      likeCount: 2_300,
      createdAt: daysAgo(3000),
      location: 'Bristol',
    });
    expect(score(friend)!.score).toBeLessThan(threshold);
  });

  it('gives no score when the profile holds too little to judge', () => {
    expect(score({ id: '1', handle: 'janedoe', name: 'Jane Doe' })).toBeNull();
    expect(score({ id: '1', handle: 'user12345678', bio: '' })).toBeNull();
  });

  it('treats missing counts as unknown, never as zero', () => {
    const result = score({
      id: '1',
      handle: 'janedoe',
      bio: 'hello',
      defaultAvatar: false,
      followingCount: 3_000,
    })!;
    expect(result.reasons.join(' ')).not.toMatch(/followed by 0|never posted|never liked/);
  });

  it('stays within [0, 1] on extreme numbers and is the same every time', () => {
    const extreme = person('a', {
      createdAt: NOW,
      postCount: 1e9,
      likeCount: 1e9,
      followingCount: 1e9,
      followersCount: 0,
    });
    const first = score(extreme)!;
    expect(first.score).toBeGreaterThanOrEqual(0);
    expect(first.score).toBeLessThanOrEqual(1);
    expect(score(extreme)).toEqual(first);
  });
});
