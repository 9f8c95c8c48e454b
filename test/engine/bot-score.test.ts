import { describe, expect, it } from 'vitest';
import { handleRandomness, heuristicBotScorer } from '../../src/engine/bot-score.js';
import type { Profile } from '../../src/model.js';
import { daysAgo, NOW, person } from './fixtures.js';

const score = (p: Profile) => heuristicBotScorer.score(p, NOW);

const farm = person('xkqzvbnmtr48291036', {
  bio: '',
  createdAt: daysAgo(100),
  postCount: 9_600,
  followersCount: 12,
  followingCount: 4_810,
  defaultAvatar: true,
  listedCount: 0,
});

describe('heuristicBotScorer', () => {
  it('scores a follow farm high, with its strongest signals first in plain words', () => {
    const result = score(farm)!;
    expect(result.score).toBeGreaterThanOrEqual(0.9);
    expect(result.reasons.slice(0, 3)).toEqual(['posts 96 times a day', 'follows 4,810, followed by 12', 'default avatar']);
  });

  it('scores an ordinary person low, with no reasons to show', () => {
    const result = score(person('janedoe'))!;
    expect(result.score).toBeLessThan(0.2);
    expect(result.reasons).toEqual([]);
  });

  it('stays within [0, 1] on extreme numbers', () => {
    const extreme = person('a', { createdAt: NOW, postCount: 1e9, likeCount: 1e9, followingCount: 1e9, followersCount: 0 });
    const result = score(extreme)!;
    expect(result.score).toBeGreaterThan(0.99);
    expect(result.score).toBeLessThanOrEqual(1);
    const saint = person('janedoe', { verified: true, listedCount: 10_000 });
    expect(score(saint)!.score).toBeGreaterThanOrEqual(0);
  });

  it('gives no score when the profile holds too little to judge', () => {
    expect(score({ id: '1', handle: 'janedoe', name: 'Jane Doe' })).toBeNull();
    expect(score({ id: '1', handle: 'user12345678', bio: '' })).toBeNull();
  });

  it('treats missing counts as unknown, never as zero', () => {
    const result = score({ id: '1', handle: 'janedoe', bio: 'hello', defaultAvatar: false, followingCount: 3_000 })!;
    expect(result.reasons.join(' ')).not.toMatch(/followed by 0|never posted/);
    expect(result.score).toBeLessThan(0.2);
  });

  it('flags a very young account with huge activity', () => {
    const young = person('janedoe', { createdAt: daysAgo(10), postCount: 5_000 });
    expect(score(young)!.reasons).toContain('account 10 days old with 5,000 posts');
  });

  it('counts verification and being listed by others as signs of a person', () => {
    const plain = person('janedoe', { defaultAvatar: true, bio: '', listedCount: 0 });
    const listed = { ...plain, verified: true, listedCount: 200 };
    expect(score(listed)!.score).toBeLessThan(score(plain)!.score);
  });
});

describe('handleRandomness', () => {
  it('tells generated handles from chosen ones', () => {
    expect(handleRandomness('jane84729103')).toBe(1);
    expect(handleRandomness('xkqzvbnmtr')).toBeGreaterThanOrEqual(0.8);
    expect(handleRandomness('maria1987')).toBe(0);
    expect(handleRandomness('janedoe')).toBe(0);
  });
});
