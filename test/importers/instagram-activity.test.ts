import { describe, it, expect } from 'vitest';
import { importInstagram } from '../../src/importers/instagram.js';
import { lookupEntry } from '../../src/ledger.js';
import { prepareAudit, runAudit } from '../../src/audit/run-audit.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { DEFAULT_THRESHOLDS, type ImportedExport } from '../../src/model.js';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import type { InstagramSpec } from '../../scripts/lib/instagram-writer.js';

/** The files of the 2024–26 export beyond follows: every shape (A)–(D), old and new places (docs/FORMATS.md). */

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;
const NOW = ms('2026-11-20T00:00:00Z');
const OWNER = 'Ottilie Marsh';

function spec(more: Partial<InstagramSpec> = {}, options: InstagramSpec['options'] = {}): InstagramSpec {
  return {
    owner: { username: 'ottilie.m', name: OWNER },
    followers: ['rebecca.holt', 'sam.one'],
    following: [
      { username: 'rebecca.holt', at: at('2024-01-01T00:00:00Z') },
      { username: 'sam.one', at: at('2024-01-02T00:00:00Z') },
      { username: 'sam.two', at: at('2024-01-03T00:00:00Z') },
      { username: 'tosca.fan', at: at('2024-01-04T00:00:00Z') },
    ],
    options,
    ...more,
  };
}

async function importSpec(s: InstagramSpec): Promise<ImportedExport> {
  return importInstagram(await buildInstagramExport(s), { name: 'instagram.zip' });
}

const entry = (exp: ImportedExport, handle: string) => lookupEntry(exp.ledger, { handle });

describe('Instagram activity files', () => {
  it('reads 2026 liked_posts (shape C) with the owner nested under a localised Owner block', async () => {
    const exp = await importSpec(
      spec(
        {
          likes: [
            {
              owner: 'tosca.fan',
              name: 'Tosca Fan',
              at: at('2025-05-01T00:00:00Z'),
              caption: 'Vissi d’arte #opera',
            },
          ],
        },
        {
          activity2026: true,
          labels: {
            owner: 'Propriétaire',
            username: "Nom d'utilisateur",
            name: 'Nom',
            caption: 'Légende',
          },
        },
      ),
    );
    expect(entry(exp, 'tosca.fan')?.kinds.like).toEqual({ count: 1, last: ms('2025-05-01T00:00:00Z') });
    expect(exp.ownerTexts.likes).toEqual(['Vissi d’arte #opera']);
    expect(exp.following.find((a) => a.handle === 'tosca.fan')?.displayName).toBe('Tosca Fan');
    expect(exp.warnings).toEqual([]);
  });

  it('reads the older likes_media_likes, liked comments, reels comments and story comments', async () => {
    const exp = await importSpec(
      spec({
        likes: [{ owner: 'tosca.fan', at: at('2025-05-01T00:00:00Z') }],
        likedComments: [{ owner: 'sam.two', at: at('2025-05-02T00:00:00Z') }],
        reelsComments: [{ mediaOwner: 'rebecca.holt', text: 'Bravissima', at: at('2025-05-03T00:00:00Z') }],
        storyComments: [{ mediaOwner: 'sam.one', text: 'See you there!', at: at('2025-05-04T00:00:00Z') }],
      }),
    );
    expect(entry(exp, 'tosca.fan')?.kinds.like?.count).toBe(1);
    expect(entry(exp, 'sam.two')?.kinds.like?.last).toBe(ms('2025-05-02T00:00:00Z'));
    expect(entry(exp, 'rebecca.holt')?.kinds.comment?.last).toBe(ms('2025-05-03T00:00:00Z'));
    expect(entry(exp, 'sam.one')?.kinds.comment?.last).toBe(ms('2025-05-04T00:00:00Z'));
    expect([...exp.ownerTexts.posts].sort()).toEqual(['Bravissima', 'See you there!']);
    expect(exp.ledger.sources).toEqual(['likes', 'comments']);
  });

  for (const activity2026 of [false, true]) {
    const where = activity2026
      ? 'story_interactions/ (2025–26, shape C)'
      : 'story_sticker_interactions/ (older)';
    it(`reads story interactions in ${where} as interactions and as proof their owner was active`, async () => {
      const exp = await importSpec(
        spec(
          {
            stories: [
              { kind: 'polls', owner: 'tosca.fan', at: at('2026-10-01T00:00:00Z'), value: 'Yes' },
              { kind: 'emoji_sliders', owner: 'tosca.fan', at: at('2026-09-01T00:00:00Z'), value: '😍' },
              { kind: 'story_likes', owner: 'sam.two', at: at('2026-08-01T00:00:00Z') },
              { kind: 'stories_viewed', owner: 'rebecca.holt', at: at('2026-11-01T00:00:00Z') },
            ],
          },
          { activity2026 },
        ),
      );
      const account = (h: string) => exp.following.find((a) => a.handle === h)!;
      // A story lasts a day: its owner was active at most a day before the interaction.
      expect(account('tosca.fan').seenActiveAt).toBe(ms('2026-10-01T00:00:00Z') - DAY);
      expect(account('sam.two').seenActiveAt).toBe(ms('2026-08-01T00:00:00Z') - DAY);
      expect(account('rebecca.holt').seenActiveAt).toBe(ms('2026-11-01T00:00:00Z') - DAY);
      expect(entry(exp, 'tosca.fan')?.out.count).toBe(2);
      // A reaction to a story, not a like of a post: the reasons say which.
      expect(entry(exp, 'tosca.fan')?.kinds).toEqual({
        story: { count: 2, last: ms('2026-10-01T00:00:00Z') },
      });
      // Viewing a story is not a gesture towards its owner.
      expect(entry(exp, 'rebecca.holt')).toBeNull();
      expect(exp.ledger.sources).toContain('story interactions');
      expect(exp.warnings).toEqual([]);
    });
  }

  it('says a story reaction was one in the reasons, not a like of a post', async () => {
    const exp = await importSpec(
      spec(
        {
          likes: [{ owner: 'sam.one', at: at('2026-05-01T00:00:00Z') }],
          stories: [{ kind: 'emoji_story_reactions', owner: 'sam.one', at: at('2026-07-23T00:00:00Z') }],
        },
        { activity2026: true },
      ),
    );
    const report = runAudit(
      { imported: exp, profiles: null, interests: null, keep: [], now: NOW, thresholds: DEFAULT_THRESHOLDS },
      { botScorer: defaultBotScorer() },
    );
    const sam = report.accounts.find((a) => a.handle === 'sam.one')!;
    expect(sam.categories).toContain('neglected');
    expect(sam.reasons[0]).toMatch(/; you last reacted to their story 120 days ago \(cadence 90 days\)$/);
  });

  it('reads saved posts in both shapes for their captions, not as interactions', async () => {
    for (const activity2026 of [false, true]) {
      const exp = await importSpec(
        spec(
          { saved: [{ owner: 'tosca.fan', at: at('2025-07-01T00:00:00Z'), caption: 'La Bohème tonight' }] },
          { activity2026 },
        ),
      );
      // A save is private, not a gesture towards the account: interests only, and the Name↔Username pair.
      expect(entry(exp, 'tosca.fan')).toBeNull();
      // The older saved_saved_media holds no caption.
      expect(exp.ownerTexts.likes).toEqual(activity2026 ? ['La Bohème tonight'] : []);
    }
  });
});

describe('Instagram messages', () => {
  it('joins a thread split over several files and reads message requests and reactions', async () => {
    const exp = await importSpec(
      spec(
        {
          threads: [
            {
              folder: 'rebeccaholt_1029384756',
              participants: [OWNER, 'Rebecca Holt'],
              messages: [
                { sender: 'Rebecca Holt', at: at('2025-04-01T10:00:00Z') },
                {
                  sender: OWNER,
                  at: at('2025-04-02T10:00:00Z'),
                  reactions: [{ actor: 'Rebecca Holt', reaction: '❤' }],
                },
                { sender: OWNER, at: at('2025-04-03T10:00:00Z') },
              ],
            },
            {
              folder: 'tosca.fan_555',
              request: true,
              participants: [OWNER, 'tosca.fan'],
              messages: [{ sender: 'tosca.fan', at: at('2025-04-05T10:00:00Z') }],
            },
          ],
        },
        { messagesPerFile: 1 },
      ),
    );
    const rebecca = entry(exp, 'rebecca.holt')!;
    expect(rebecca.kinds.dm?.count).toBe(3);
    expect(rebecca.out).toMatchObject({ count: 2, last: ms('2025-04-03T10:00:00Z') });
    // Her reaction to the owner's message is the one inbound gesture besides her own message.
    expect(rebecca.in.count).toBe(2);
    expect(rebecca.kinds.like).toEqual({ count: 1, last: ms('2025-04-02T10:00:00Z') });
    expect(entry(exp, 'tosca.fan')?.in.count).toBe(1);
    expect(exp.warnings).toEqual([]);
  });

  it('ties a display name to the one username the export pairs it with, and a shared name to neither', async () => {
    const exp = await importSpec(
      spec(
        {
          likes: [
            { owner: 'tosca.fan', name: 'Flora Tosca', at: at('2025-03-01T00:00:00Z') },
            { owner: 'sam.one', name: 'Sam', at: at('2025-03-02T00:00:00Z') },
            { owner: 'sam.two', name: 'Sam', at: at('2025-03-03T00:00:00Z') },
          ],
          threads: [
            // Folder names that say nothing: only the pairs can tie these threads.
            {
              folder: 'thread_1',
              participants: [OWNER, 'Flora Tosca'],
              messages: [{ sender: 'Flora Tosca', at: at('2025-04-01T00:00:00Z') }],
            },
            {
              folder: 'thread_2',
              participants: [OWNER, 'Sam'],
              messages: [{ sender: 'Sam', at: at('2025-04-02T00:00:00Z') }],
            },
          ],
        },
        { activity2026: true },
      ),
    );
    expect(entry(exp, 'tosca.fan')?.kinds.dm).toEqual({ count: 1, last: ms('2025-04-01T00:00:00Z') });
    expect(entry(exp, 'sam.one')?.kinds.dm).toBeUndefined();
    expect(entry(exp, 'sam.two')?.kinds.dm).toBeUndefined();
    expect(exp.following.find((a) => a.handle === 'sam.one')?.displayName).toBeUndefined();
    expect(exp.warnings).toEqual([
      '1 of 2 message threads could not be tied to an account: Instagram gives display names only, and the export ' +
        'pairs none of these names with exactly one username, so their messages are left out of the interaction history.',
    ]);
  });
});

describe('Instagram keep signals, history and interests', () => {
  it('keeps favourites, mutes hidden-story accounts and never suggests recently unfollowed ones again', async () => {
    const exp = await importSpec(
      spec({
        favorites: ['sam.two'],
        hideStoryFrom: ['tosca.fan'],
        recentlyUnfollowed: [
          { username: 'old.friend', at: at('2026-10-01T00:00:00Z') },
          // Still in following.json, followed before the unfollow: a stale entry, left out of the audit.
          { username: 'sam.one', at: at('2026-10-02T00:00:00Z') },
        ],
      }),
    );
    expect(exp.keepCandidates).toEqual([]);
    expect(exp.favorites).toEqual(['@sam.two']);
    const prepared = prepareAudit({
      imported: exp,
      profiles: null,
      interests: null,
      keep: [],
      now: Date.parse('2026-11-20T00:00:00Z'),
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect([...prepared.keep]).toEqual(['sam.two']);
    expect(prepared.warnings).toContain(
      '1 account in your Instagram Favourites is kept whatever the signals.',
    );
    expect([...exp.muted]).toEqual(['tosca.fan']);
    expect(exp.recentlyUnfollowed).toEqual([
      { handle: 'old.friend', at: ms('2026-10-01T00:00:00Z') },
      { handle: 'sam.one', at: ms('2026-10-02T00:00:00Z') },
    ]);
    expect(exp.following.map((a) => a.handle)).toEqual(['rebecca.holt', 'sam.two', 'tosca.fan']);
    expect(exp.warnings).toEqual([
      'You unfollowed 2 accounts recently (@old.friend, @sam.one); Tend does not suggest them again, and leaves out ' +
        'the 1 the following list still shows.',
    ]);
  });

  it('reads followed hashtags and topics as the owner’s topics, ad interests as weak hints', async () => {
    const exp = await importSpec(
      spec({
        followingHashtags: ['opera', 'ballet'],
        topics: ['Musical theatre'],
        recommendedTopics: ['Classical music'],
        adInterests: ['Opera houses', 'Cats'],
      }),
    );
    expect(exp.ownerTexts.topics).toEqual(['opera', 'ballet', 'Musical theatre']);
    expect([...exp.ownerTexts.likes].sort()).toEqual(['Cats', 'Classical music', 'Opera houses']);
  });
});

describe('Instagram files Tend cannot read', () => {
  it('names a file it does not know in a folder it reads, and reads the rest', async () => {
    const exp = await importSpec(
      spec(
        { likes: [{ owner: 'tosca.fan', at: at('2025-05-01T00:00:00Z') }] },
        {
          extraEntries: [
            { name: 'your_instagram_activity/likes/liked_reels.json', content: '[]' },
            { name: 'your_instagram_activity/story_interactions/story_stickers_2027.json', content: '[]' },
            { name: 'your_instagram_activity/messages/archived_threads/x_1/message_1.json', content: '{}' },
          ],
        },
      ),
    );
    expect(exp.warnings).toEqual([
      '3 files in folders Tend reads have names it does not know, so they are left out: ' +
        'your_instagram_activity/likes/liked_reels.json, your_instagram_activity/story_interactions/story_stickers_2027.json, ' +
        'your_instagram_activity/messages/archived_threads/x_1/message_1.json. ' +
        'Please report them: Instagram may have added or renamed files.',
    ]);
    expect(exp.unreadable).toContainEqual({
      file: 'your_instagram_activity/likes/liked_reels.json',
      count: 1,
      reason: 'file not known to Tend',
    });
    expect(entry(exp, 'tosca.fan')?.kinds.like?.count).toBe(1);
  });

  it('tells what is wrong with hostile or malformed files and loses nothing else', async () => {
    const polls = 'your_instagram_activity/story_interactions/polls.json';
    const saved = 'your_instagram_activity/saved/saved_posts.json';
    const topics = 'preferences/your_topics/your_topics.json';
    const questions = 'your_instagram_activity/story_interactions/questions.json';
    const closeFriends = 'connections/followers_and_following/close_friends.json';
    const exp = await importSpec(
      spec(
        {
          likes: [{ owner: 'tosca.fan', at: at('2025-05-01T00:00:00Z') }],
          reelsComments: [{ mediaOwner: 'rebecca.holt', text: 'Bravissima', at: at('2025-05-03T00:00:00Z') }],
        },
        {
          extraEntries: [
            {
              name: polls,
              content: JSON.stringify([
                1,
                null,
                'x',
                { label_values: 'nope' },
                { title: { a: 1 }, string_list_data: 7 },
                { title: 'sam.two', string_list_data: [{ timestamp: 1e15 }] },
              ]),
            },
            { name: saved, content: '{"saved_saved_media": "oops"}' },
            { name: topics, content: '{"topics_your_topics": [' },
            { name: questions, content: '['.repeat(200_000) + ']'.repeat(200_000) },
            // Text to repair (docs/FORMATS.md, mojibake), at a depth no export file has.
            { name: closeFriends, content: '['.repeat(200_000) + '"\\u00c3\\u00a9"' + ']'.repeat(200_000) },
          ],
        },
      ),
    );
    expect(exp.warnings).toEqual(
      expect.arrayContaining([
        `${saved} has a layout Tend does not recognise; its entries are left out. Please report it: Instagram may have changed it.`,
        expect.stringMatching(
          new RegExp(`^${topics} could not be read: it is not valid JSON .*; it is left out\\.$`),
        ),
        `${polls}: 5 unreadable (no account or time found), left out.`,
        // An activity's strings are repaired as they are read, and its nesting is never walked.
        `${questions}: 1 unreadable (no account or time found), left out.`,
        `${closeFriends} could not be read: it is nested too deeply to be an export file; it is left out.`,
        `${polls}: 1 unreadable (implausible time (before 2006 or after the export was made)), left out.`,
      ]),
    );
    expect(entry(exp, 'tosca.fan')?.kinds.like?.count).toBe(1);
    expect(entry(exp, 'rebecca.holt')?.kinds.comment?.count).toBe(1);
    expect(entry(exp, 'sam.two')).toBeNull();
    expect(exp.following).toHaveLength(4);
  });
});

describe('large Instagram activity files', () => {
  const many = 25_000;
  const likes = Array.from({ length: many }, (_, i) => ({
    owner: `user_${i % 500}`,
    name: `Name ${i % 500}`,
    at: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    caption: 'Tosca tonight #opera',
  }));

  it('reads a liked_posts.json too large to parse whole one like at a time, losing none', async () => {
    const exp = await importSpec(spec({ likes }, { activity2026: true }));
    expect(exp.ownerTexts.likes).toHaveLength(many);
    expect(entry(exp, 'user_7')?.kinds.like?.count).toBe(many / 500);
    expect(exp.warnings).toEqual([]);
  });

  it('keeps what comes before the cut of a large file cut short, and says so', async () => {
    const name = 'your_instagram_activity/likes/liked_posts.json';
    const item = (i: number) =>
      JSON.stringify({
        title: `user_${i % 500}`,
        string_list_data: [
          { href: 'https://www.instagram.com/p/C1/', value: 'x'.repeat(600), timestamp: 1_735_689_600 + i },
        ],
      });
    const content = `{"likes_media_likes": [${Array.from({ length: many + 5_000 }, (_, i) => item(i)).join(',')}`;
    const exp = await importSpec(spec({}, { extraEntries: [{ name, content }] }));
    // The list never closes: every element followed by a comma is read; the last, which may be cut, is not.
    expect(entry(exp, 'user_7')?.kinds.like?.count).toBe((many + 5_000) / 500);
    expect(entry(exp, 'user_499')?.kinds.like?.count).toBe((many + 5_000) / 500 - 1);
    expect(exp.warnings).toEqual([
      `${name} could not be read: the list never ends (no closing "]"); the file is cut short; what came before is read, the rest is left out.`,
    ]);
  });
});
