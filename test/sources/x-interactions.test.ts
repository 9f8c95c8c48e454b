import { describe, expect, it } from 'vitest';
import { timelineInteractions, type XTweetV2 } from '../../src/sources/x-interactions.js';
import { snowflakeAt } from '../fixtures/x-archive-spec.js';

const owner = { id: '100', handle: 'Ottilie' };
const AT = '2026-10-01T19:30:00.000Z';
const at = Date.parse(AT);
const users = [
  { id: '200', username: 'bob' },
  { id: '300', username: 'carol' },
  { id: '100', username: 'Ottilie' },
];

describe('timelineInteractions: own posts', () => {
  it('reads a reply and the other accounts it mentions, not the automatic mention of the one replied to', () => {
    const reply: XTweetV2 = {
      id: '1',
      text: '@bob @carol see you at Tosca',
      created_at: AT,
      in_reply_to_user_id: '200',
      referenced_tweets: [{ type: 'replied_to', id: '9' }],
      entities: {
        mentions: [
          { username: 'bob', id: '200' },
          { username: 'carol', id: '300' },
          { username: 'carol', id: '300' },
        ],
      },
    };
    expect(timelineInteractions('posts', [reply], [], owner)).toEqual({
      events: [
        { who: { id: '200', handle: 'bob' }, kind: 'reply', direction: 'out', at },
        { who: { id: '300', handle: 'carol' }, kind: 'mention', direction: 'out', at },
      ],
      texts: ['@bob @carol see you at Tosca'],
    });
  });

  it('reads a repost as a repost of its author only, and keeps it out of the owner’s own words', () => {
    const repost: XTweetV2 = {
      id: '2',
      text: 'RT @dave: thanks @carol for the tickets',
      created_at: AT,
      referenced_tweets: [{ type: 'retweeted', id: '8' }],
      entities: {
        mentions: [
          { username: 'dave', id: '400' },
          { username: 'carol', id: '300' },
        ],
      },
    };
    expect(timelineInteractions('posts', [repost], [], owner)).toEqual({
      events: [{ who: { id: '400', handle: 'dave' }, kind: 'repost', direction: 'out', at }],
      texts: [],
    });
  });

  it('reads a quote from the quoted post’s link, and ignores self-replies and quotes of oneself', () => {
    const quote: XTweetV2 = {
      id: '3',
      text: 'So true https://t.co/q',
      created_at: AT,
      referenced_tweets: [{ type: 'quoted', id: '7' }],
      entities: { urls: [{ url: 'https://t.co/q', expanded_url: 'https://x.com/erin/status/7' }] },
    };
    const selfQuote: XTweetV2 = {
      ...quote,
      id: '4',
      entities: { urls: [{ expanded_url: 'https://x.com/ottilie/status/6' }] },
    };
    const thread: XTweetV2 = {
      id: '5',
      text: 'and another thing',
      created_at: AT,
      in_reply_to_user_id: '100',
      referenced_tweets: [{ type: 'replied_to', id: '3' }],
    };
    const { events } = timelineInteractions('posts', [quote, selfQuote, thread], [], owner);
    expect(events).toEqual([{ who: { handle: 'erin' }, kind: 'quote', direction: 'out', at }]);
  });

  it('dates a post by its id when created_at was not returned', () => {
    const when = Date.parse('2025-05-30T08:15:00Z');
    const { events } = timelineInteractions(
      'posts',
      [{ id: snowflakeAt(when), text: 'hi @bob', entities: { mentions: [{ username: 'bob', id: '200' }] } }],
      [],
      owner,
    );
    expect(events[0]?.at).toBe(when);
  });
});

describe('timelineInteractions: mentions and likes', () => {
  it('reads replies to and mentions of the owner as inbound, naming authors from the expansion', () => {
    const tweets: XTweetV2[] = [
      { id: '11', text: '@Ottilie agreed!', author_id: '200', created_at: AT, in_reply_to_user_id: '100' },
      { id: '12', text: 'Great review by @Ottilie', author_id: '300', created_at: AT },
      { id: '13', text: 'note to self @Ottilie', author_id: '100', created_at: AT },
    ];
    expect(timelineInteractions('mentions', tweets, users, owner).events).toEqual([
      { who: { id: '200', handle: 'bob' }, kind: 'reply', direction: 'in', at },
      { who: { id: '300', handle: 'carol' }, kind: 'mention', direction: 'in', at },
    ]);
  });

  it('reads a liked post as a like of its author, dated by the post, and keeps its text for interests', () => {
    const tweets: XTweetV2[] = [
      { id: '21', text: 'Tosca tonight', author_id: '200', created_at: AT },
      { id: '22', text: 'my own post', author_id: '100', created_at: AT },
      { id: '23', text: 'someone unknown', author_id: '999', created_at: AT },
    ];
    expect(timelineInteractions('likes', tweets, users, owner)).toEqual({
      events: [
        { who: { id: '200', handle: 'bob' }, kind: 'like', direction: 'out', at },
        { who: { id: '999', handle: null }, kind: 'like', direction: 'out', at },
      ],
      texts: ['Tosca tonight', 'someone unknown'],
    });
  });
});
