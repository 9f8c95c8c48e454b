import { describe, it, expect } from 'vitest';
import {
  goneFromXError,
  hasSnowflakeTime,
  profileFromXUser,
  snowflakeTime,
} from '../../src/sources/x-user.js';
import type { XUserV2 } from '../../src/sources/x-user.js';
import { snowflakeAt } from '../fixtures/x-archive-spec.js';

const LAST_POST = Date.parse('2025-05-30T08:15:00Z');

const user: XUserV2 = {
  id: '1234567890123456789',
  username: 'RoyalOperaHouse',
  name: 'Royal Opera House',
  description: 'Opera and ballet in Covent Garden. Tickets: https://t.co/abc',
  location: 'London',
  url: 'https://t.co/xyz',
  created_at: '2009-03-02T11:00:00.000Z',
  protected: false,
  verified: false,
  verified_type: 'business',
  profile_image_url: 'https://pbs.twimg.com/profile_images/1/roh_normal.jpg',
  most_recent_tweet_id: snowflakeAt(LAST_POST, 7),
  public_metrics: {
    followers_count: 412_000,
    following_count: 1_200,
    tweet_count: 31_000,
    listed_count: 2_300,
    like_count: 9_000,
    media_count: 4_000,
  },
  entities: {
    url: { urls: [{ url: 'https://t.co/xyz', expanded_url: 'https://www.roh.org.uk' }] },
    description: { urls: [{ url: 'https://t.co/abc', expanded_url: 'https://www.roh.org.uk/tickets' }] },
  },
  connection_status: ['following', 'followed_by'],
};

describe('profileFromXUser', () => {
  it('maps every field of the X API v2 user object', () => {
    expect(profileFromXUser(user)).toEqual({
      id: '1234567890123456789',
      handle: 'RoyalOperaHouse',
      name: 'Royal Opera House',
      bio: 'Opera and ballet in Covent Garden. Tickets: https://www.roh.org.uk/tickets',
      url: 'https://www.roh.org.uk',
      location: 'London',
      createdAt: Date.parse('2009-03-02T11:00:00.000Z'),
      protected: false,
      verified: true,
      defaultAvatar: false,
      followersCount: 412_000,
      followingCount: 1_200,
      postCount: 31_000,
      likeCount: 9_000,
      listedCount: 2_300,
      mediaCount: 4_000,
      lastPostAt: LAST_POST,
      followsOwner: true,
      gone: null,
    });
  });

  it('says what is unknown as null, and reads default avatars and one-way follows', () => {
    const bare = profileFromXUser({
      id: '1',
      username: 'x',
      profile_image_url: 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
    });
    expect(bare).toMatchObject({
      defaultAvatar: true,
      followsOwner: null,
      lastPostAt: null,
      verified: null,
      followersCount: null,
      bio: null,
      url: null,
    });
    expect(profileFromXUser({ id: '1', username: 'x', connection_status: ['following'] }).followsOwner).toBe(
      false,
    );
    expect(
      profileFromXUser({ id: '1', username: 'x', verified: false, verified_type: 'none' }).verified,
    ).toBe(false);
  });
});

describe('snowflakes', () => {
  it('carry their creation time', () => {
    expect(snowflakeTime(snowflakeAt(Date.parse('2023-02-18T12:33:11.123Z'), 4000))).toBe(
      Date.parse('2023-02-18T12:33:11.123Z'),
    );
    // A real id: 1626579093485211648 was created on 2023-02-17.
    expect(new Date(snowflakeTime('1626579093485211648')).toISOString().slice(0, 10)).toBe('2023-02-17');
    expect(snowflakeTime('not-an-id')).toBeNaN();
  });

  it('tell pre-2010 sequential ids apart', () => {
    expect(hasSnowflakeTime('20')).toBe(false);
    expect(hasSnowflakeTime('29700859247')).toBe(false);
    expect(hasSnowflakeTime('1626579093485211648')).toBe(true);
  });
});

describe('goneFromXError', () => {
  it('sorts inline lookup errors into kinds, keeping X’s words', () => {
    expect(
      goneFromXError({
        title: 'Forbidden',
        detail: 'User has been suspended: [42].',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      }),
    ).toEqual({
      kind: 'suspended',
      detail: 'User has been suspended: [42].',
    });
    expect(
      goneFromXError({ title: 'Not Found Error', detail: 'Could not find user with ids: [42].' }),
    ).toEqual({
      kind: 'deactivated',
      detail: 'Could not find user with ids: [42].',
    });
    expect(
      goneFromXError({ detail: 'Sorry, you are not authorized to see the user with id: [42].' })?.kind,
    ).toBe('unauthorized');
    expect(goneFromXError({ detail: 'User is withheld in your country: [42].' })?.kind).toBe('withheld');
    expect(goneFromXError({ title: 'Service Unavailable', detail: 'Try again later.' })).toBeNull();
  });
});

describe('profileFromXUser on malformed data', () => {
  it('treats fields of the wrong type as missing instead of throwing', () => {
    const garbage = {
      id: '1',
      username: 12345,
      name: ['x'],
      description: 5,
      entities: { description: { urls: {} }, url: { urls: 'nope' } },
      profile_image_url: 7,
      connection_status: 'followed_by',
      public_metrics: { followers_count: '10' },
      verified: 'yes',
      most_recent_tweet_id: 42,
      created_at: {},
    } as unknown as XUserV2;
    expect(profileFromXUser(garbage)).toMatchObject({
      id: '1',
      handle: null,
      name: null,
      bio: null,
      url: null,
      defaultAvatar: null,
      followsOwner: null,
      followersCount: null,
      verified: null,
      lastPostAt: null,
      createdAt: null,
    });
    const oddUrls = {
      id: '2',
      username: 'bob',
      description: 'see https://t.co/a',
      entities: {
        description: { urls: [null, 3, { url: 'https://t.co/a', expanded_url: 'https://bob.example' }] },
      },
    };
    expect(profileFromXUser(oddUrls as unknown as XUserV2).bio).toBe('see https://bob.example');
  });
});
