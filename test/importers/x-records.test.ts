import { describe, it, expect } from 'vitest';
import { unescapeHtml } from '../../src/importers/html.js';
import { likeInteraction, readLike } from '../../src/importers/x-likes.js';
import { parseManifest, resolveParts } from '../../src/importers/x-manifest.js';
import { parseXDate, readTweet, tweetInteractions } from '../../src/importers/x-tweets.js';
import { statusUrlHandle } from '../../src/sources/x-status-url.js';
import { conversationEvents } from '../../src/importers/x-dms.js';
import { snowflakeAt } from '../fixtures/x-archive-spec.js';

const owner = { id: '1', handle: 'Ottilie' };

describe('X post records', () => {
  it('parse created_at with any offset, and refuse what is not a date', () => {
    expect(parseXDate('Sat Feb 18 12:33:11 +0000 2023')).toBe(Date.parse('2023-02-18T12:33:11Z'));
    expect(parseXDate('Sat Feb 18 13:33:11 +0100 2023')).toBe(Date.parse('2023-02-18T12:33:11Z'));
    expect(parseXDate('Sat Feb 18 02:03:11 -1030 2023')).toBe(Date.parse('2023-02-18T12:33:11Z'));
    expect(parseXDate('2023-02-18T12:33:11.000Z')).toBe(Date.parse('2023-02-18T12:33:11Z'));
    expect(parseXDate('Sat Foo 18 12:33:11 +0000 2023')).toBeNaN();
  });

  it('unescape HTML entities as X writes them', () => {
    expect(unescapeHtml('Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &#39;y&#39; &#x1F600; &bogus;')).toBe(
      'Tom & Jerry <3 > "x" \'y\' 😀 &bogus;',
    );
  });

  it('name the author of a post link, but not for i/web links', () => {
    expect(statusUrlHandle('https://x.com/Dave_Opera/status/123')).toBe('Dave_Opera');
    expect(statusUrlHandle('https://mobile.twitter.com/bob/status/123?s=20')).toBe('bob');
    expect(statusUrlHandle('https://twitter.com/i/web/status/123')).toBeNull();
    expect(statusUrlHandle('https://example.com/bob/status/123')).toBeNull();
  });

  it('are unreadable without an id, a text or a date', () => {
    expect(readTweet({ tweet: { id_str: '5', created_at: 'Sat Feb 18 12:33:11 +0000 2023' } })).toBeNull();
    expect(readTweet({ tweet: { id_str: '5', full_text: 'x', created_at: 'yesterday' } })).toBeNull();
    expect(readTweet('a string')).toBeNull();
  });

  it('ignore quotes and reposts of the owner’s own posts', () => {
    const at = Date.parse('2024-01-01T00:00:00Z');
    const base = { id: '9', at, inReplyTo: null, mentions: [], urls: [] };
    expect(
      tweetInteractions({ ...base, text: 'Me, last year', urls: ['https://x.com/ottilie/status/5'] }, owner)
        .events,
    ).toEqual([]);
    expect(
      tweetInteractions(
        { ...base, text: 'RT @Ottilie: me', mentions: [{ id: '1', handle: 'Ottilie' }] },
        owner,
      ),
    ).toEqual({ events: [], post: null });
    expect(tweetInteractions({ ...base, text: 'RT @bob: hi' }, owner).events).toEqual([
      { who: { id: null, handle: 'bob' }, kind: 'repost', direction: 'out', at },
    ]);
  });
});

describe('X like records', () => {
  it('are dated by the liked post and attributed by its link first, then a leading mention', () => {
    const at = Date.parse('2024-03-01T10:00:00Z');
    const id = snowflakeAt(at);
    const byLink = readLike({
      like: {
        tweetId: id,
        fullText: '@someone_else hi',
        expandedUrl: `https://twitter.com/author/status/${id}`,
      },
    })!;
    expect(likeInteraction(byLink, owner)).toEqual({
      who: { handle: 'author' },
      kind: 'like',
      direction: 'out',
      at,
    });
    const byMention = readLike({
      like: {
        tweetId: id,
        fullText: '  @bob great &amp; true',
        expandedUrl: `https://twitter.com/i/web/status/${id}`,
      },
    })!;
    expect(byMention.text).toBe('  @bob great & true');
    expect(likeInteraction(byMention, owner)?.who).toEqual({ handle: 'bob' });
  });

  it('give no event without a hint, for the owner, or before snowflakes', () => {
    const id = snowflakeAt(Date.parse('2024-03-01T10:00:00Z'));
    expect(likeInteraction(readLike({ like: { tweetId: id, fullText: 'no hint' } })!, owner)).toBeNull();
    expect(likeInteraction(readLike({ like: { tweetId: id, fullText: '@ottilie me' } })!, owner)).toBeNull();
    expect(
      likeInteraction(readLike({ like: { tweetId: '20', fullText: '@jack just setting up' } })!, owner),
    ).toBeNull();
    expect(readLike({ like: { fullText: 'no id' } })).toBeNull();
    expect(readLike({ like: { tweetId: id } })).toEqual({ tweetId: id, text: null, url: null });
  });
});

describe('X direct message records', () => {
  const message = (id: string, senderId: string, recipientId: string | undefined, createdAt: string) => ({
    messageCreate: { id, senderId, ...(recipientId ? { recipientId } : {}), createdAt },
  });

  it('ignore conversations with oneself, and count messages from outsiders as unreadable', () => {
    const self = {
      dmConversation: { conversationId: '1-1', messages: [message('a', '1', '1', '2024-01-01T00:00:00Z')] },
    };
    expect(conversationEvents(self, '1', false, new Set())).toEqual({ events: [], unreadableMessages: 0 });
    const odd = {
      dmConversation: {
        conversationId: '1-2',
        messages: [message('b', '3', '1', '2024-01-01T00:00:00Z'), { messageCreate: { id: 'c' } }],
      },
    };
    expect(conversationEvents(odd, '1', false, new Set())).toEqual({ events: [], unreadableMessages: 2 });
    expect(conversationEvents({ dmConversation: { messages: [] } }, '1', false, new Set())).toBeNull();
  });

  it('take group participants from snapshots, joins and senders', () => {
    const group = {
      dmConversation: {
        conversationId: '555',
        messages: [
          message('m1', '1', '0', '2024-01-02T00:00:00Z'),
          { participantsJoin: { initiatingUserId: '2', userIds: ['4'], createdAt: '2024-01-01T12:00:00Z' } },
          {
            joinConversation: {
              initiatingUserId: '2',
              participantsSnapshot: ['1', '2', '3'],
              createdAt: '2024-01-01T00:00:00Z',
            },
          },
        ],
      },
    };
    const at = Date.parse('2024-01-02T00:00:00Z');
    const events = conversationEvents(group, '1', true, new Set())!.events;
    expect(events.sort((a, b) => a.who.id!.localeCompare(b.who.id!))).toEqual(
      ['2', '3', '4'].map((id) => ({ who: { id }, kind: 'group_dm', direction: 'out', at })),
    );
  });
});

describe('the X manifest', () => {
  const manifest = parseManifest(`window.__THAR_CONFIG = {
    "userInfo": {"accountId": "1", "userName": "o", "displayName": "O"},
    "archiveInfo": {"generationDate": "2025-01-01T00:00:00.000Z", "isPartialArchive": true},
    "dataTypes": {
      "tweets": {"files": [{"fileName": "data/tweets.js", "count": "10"}, {"fileName": "data/tweets-part1.js", "count": "5"}]},
      "like": {"files": [{"fileName": "data/like.js", "count": "many"}]},
      "tweetsMedia": {"mediaDirectory": "data/tweets_media"}
    }
  };`);

  it('reads the owner, the date, and the files per type', () => {
    expect(manifest).toMatchObject({
      accountId: '1',
      userName: 'o',
      displayName: 'O',
      generatedAt: Date.parse('2025-01-01T00:00:00Z'),
      partial: true,
    });
    expect(manifest.dataTypes.get('tweets')).toEqual([
      { fileName: 'data/tweets.js', count: 10 },
      { fileName: 'data/tweets-part1.js', count: 5 },
    ]);
  });

  it('finds parts the manifest lists, plus those the name pattern finds, in part order', () => {
    const names = new Set([
      'data/tweets-part2.js',
      'data/tweets-part1.js',
      'data/tweets.js',
      'data/tweet-part1.js',
      'data/tweets_media/1.jpg',
      'data/like.js',
    ]);
    expect(resolveParts('tweets', manifest, names)).toEqual({
      files: [
        { name: 'data/tweets.js', count: 10 },
        { name: 'data/tweet-part1.js', count: null },
        { name: 'data/tweets-part1.js', count: 5 },
        { name: 'data/tweets-part2.js', count: null },
      ],
      manifestCount: 15,
      missing: [],
    });
    expect(resolveParts('like', manifest, names).manifestCount).toBeNull();
    expect(resolveParts('tweets', manifest, new Set(['data/tweets.js'])).missing).toEqual([
      'data/tweets-part1.js',
    ]);
    expect(
      resolveParts(
        'directMessages',
        null,
        new Set(['data/direct-messages-group.js', 'data/direct-messages.js']),
      ).files,
    ).toEqual([{ name: 'data/direct-messages.js', count: null }]);
  });

  it('explains what is wrong with a broken manifest', () => {
    expect(() => parseManifest('{}')).toThrow('it does not start with "window.__THAR_CONFIG ="');
    expect(() => parseManifest('window.__THAR_CONFIG = [1]')).toThrow('it holds no settings object');
    expect(() => parseManifest('window.__THAR_CONFIG = {')).toThrow(/^it is not valid JSON/);
  });
});
