import { describe, expect, it } from 'vitest';
import {
  BOT_FEATURES,
  botFeatures,
  handleLikelihood,
  type BotFeature,
} from '../../src/engine/bot-features.js';
import { defaultBotModel } from '../../src/engine/default-bot-model.js';
import type { Profile } from '../../src/model.js';
import { daysAgo, NOW, person } from './fixtures.js';

const bigrams = defaultBotModel().bigrams;
const features = (p: Profile) => {
  const x = botFeatures(p, NOW, bigrams);
  return Object.fromEntries(BOT_FEATURES.map((f, i) => [f, x[i]!])) as Record<BotFeature, number>;
};

describe('bot features', () => {
  it('turns a complete profile into counts, rates and ratios', () => {
    const f = features(
      person('janedoe', {
        createdAt: daysAgo(1000),
        postCount: 9_999,
        likeCount: 0,
        followersCount: 99,
        followingCount: 999,
        location: 'Leeds',
      }),
    );
    expect(f.log_posts).toBeCloseTo(4, 6);
    expect(f.log_likes).toBe(0);
    expect(f.log_age_days).toBeCloseTo(3, 6);
    expect(f.posts_per_day).toBeCloseTo(Math.log10(1 + 9.999), 6);
    expect(f.follower_ratio).toBeCloseTo(-1, 6);
    expect(f.location_present).toBe(1);
    expect(f.default_avatar).toBe(0);
  });

  it('sets output against audience: a news desk posts a lot to many, a spam feed a lot to nobody', () => {
    const desk = features(person('citydesk', { postCount: 99_999, followersCount: 99_999 }));
    const feed = features(person('feed', { postCount: 99_999, followersCount: 9 }));
    expect(desk.posts_per_follower).toBeCloseTo(0, 6);
    expect(feed.posts_per_follower).toBeCloseTo(4, 6);
    expect(features({ id: '2', handle: 'feed', postCount: 10 }).posts_per_follower).toBeNaN();
  });

  it('keeps a missing fact missing: no count becomes zero', () => {
    const f = features({ id: '1', handle: 'janedoe', bio: 'hello' });
    for (const name of [
      'log_posts',
      'log_followers',
      'log_following',
      'log_likes',
      'log_age_days',
      'posts_per_day',
      'follower_ratio',
      'default_avatar',
    ] as const) {
      expect(f[name], name).toBeNaN();
    }
    expect(f.bio_length).toBe(5);
    expect(f.handle_length).toBe(7);
  });

  it('handles zero counts and a brand-new account without dividing by zero', () => {
    const f = features(
      person('newbie', { createdAt: NOW, postCount: 0, likeCount: 0, followersCount: 0, followingCount: 0 }),
    );
    expect(f.log_age_days).toBe(0);
    expect(f.posts_per_day).toBe(0);
    expect(f.follower_ratio).toBe(0);
    for (const [name, value] of Object.entries(f)) expect(Number.isFinite(value), name).toBe(true);
  });

  it('reads a bio: empty, links, mentions, hashtags, a declared bot, a pitch', () => {
    expect(features(person('a', { bio: '' }))).toMatchObject({
      bio_length: 0,
      bio_links: 0,
      bio_mentions: 0,
      bio_declares_bot: 0,
    });
    expect(features(person('a', { bio: null })).bio_length).toBeNaN();
    expect(
      features(person('a', { bio: 'Tenor. @royalopera #opera #london https://example.com' })),
    ).toMatchObject({ bio_links: 1, bio_mentions: 1, bio_hashtags: 2 });
    expect(features(person('a', { bio: 'A bot posting a painting every 6 hours' })).bio_declares_bot).toBe(1);
    expect(features(person('a', { bio: 'Robotics engineer' })).bio_declares_bot).toBe(0);
    expect(features(person('a', { bio: 'I am not a bot, just shy' })).bio_declares_bot).toBe(0);
    expect(features(person('a', { bio: 'Do you like my site? 😙' })).bio_pitch).toBe(1);
  });

  it('reads a handle: length, digits, trailing digits', () => {
    expect(features(person('maria1987'))).toMatchObject({
      handle_length: 9,
      handle_digits: 4,
      handle_trailing_digits: 4,
    });
    expect(features(person('jane84729103'))).toMatchObject({ handle_digits: 8, handle_trailing_digits: 8 });
    expect(features(person('r2d2_fan'))).toMatchObject({ handle_digits: 2, handle_trailing_digits: 0 });
  });

  it('counts a location the profile leaves out as none (X API v2 omits an empty one)', () => {
    expect(features(person('a', { location: undefined })).location_present).toBe(0);
    expect(features(person('a', { location: '  ' })).location_present).toBe(0);
  });
});

describe('handle likelihood', () => {
  it('scores handles that read like words above generated ones', () => {
    const chosen = ['operafan', 'jane_doe', 'theatrelover', 'londonblogger'].map((h) =>
      handleLikelihood(h, bigrams),
    );
    const generated = ['xkqzvbnmtr', 'qwpzxjvk', 'zx9q7w2kf', 'bcdfghjk'].map((h) =>
      handleLikelihood(h, bigrams),
    );
    expect(Math.min(...chosen)).toBeGreaterThan(Math.max(...generated));
  });

  it('reads digits and underscores as breaks between words, leaving digits to their own features', () => {
    expect(handleLikelihood('jane_doe_84', bigrams)).toBe(handleLikelihood('jane doe', bigrams));
    expect(handleLikelihood('2024', bigrams)).toBeNaN();
  });

  it('does not care about case', () => {
    expect(handleLikelihood('OperaFan', bigrams)).toBe(handleLikelihood('operafan', bigrams));
  });
});
