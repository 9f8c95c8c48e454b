import { describe, expect, it } from 'vitest';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { importInstagram, importXArchive } from '../../src/importers/index.js';
import { profileFromXUser } from '../../src/sources/x-user.js';
import { timelineInteractions } from '../../src/sources/x-interactions.js';
import { capText, TEXT_LIMITS } from '../../src/text-limits.js';
import { baseSpec, daysAgo, snowflakeAt, NOW, OWNER_ID } from '../fixtures/x-archive-spec.js';

/** 256 KB of one post, as the upload that held a worker for 110 s. */
const HUGE = 'a.'.repeat(128_000);

describe('text is cut where it enters, above anything a real account writes', () => {
  it('keeps at most the caps of an X archive post, liked post, bio and display name', async () => {
    const archive = await buildXArchive(
      baseSpec({
        account: { accountId: OWNER_ID, username: 'ottilie', displayName: HUGE, bio: HUGE },
        tweets: [{ id: snowflakeAt(NOW - 86_400_000), createdAt: daysAgo(1), text: HUGE }],
        likes: [{ tweetId: snowflakeAt(NOW - 2 * 86_400_000), fullText: HUGE }],
      }),
    );
    const imported = await importXArchive(archive, { name: 'twitter.zip' });
    expect(imported.ownerTexts.posts.map((p) => p.length)).toEqual([TEXT_LIMITS.post]);
    expect(imported.ownerTexts.likes.map((p) => p.length)).toEqual([TEXT_LIMITS.post]);
    expect(imported.ownerTexts.bio).toHaveLength(TEXT_LIMITS.bio);
    expect(imported.owner.name).toHaveLength(TEXT_LIMITS.name);
  });

  it('keeps a real long post, bio and name whole', async () => {
    const post = '🎭'.repeat(25_000);
    const archive = await buildXArchive(
      baseSpec({
        account: {
          accountId: OWNER_ID,
          username: 'ottilie',
          displayName: '🎭'.repeat(50),
          bio: '🎭'.repeat(160),
        },
        tweets: [{ id: snowflakeAt(NOW - 86_400_000), createdAt: daysAgo(1), text: post }],
      }),
    );
    const imported = await importXArchive(archive, { name: 'twitter.zip' });
    expect(imported.ownerTexts.posts).toEqual([post]);
    expect(imported.ownerTexts.bio).toBe('🎭'.repeat(160));
    expect(imported.owner.name).toBe('🎭'.repeat(50));
  });

  it('keeps at most the caps of an Instagram comment, bio and name', async () => {
    const at = daysAgo(3);
    const zip = await buildInstagramExport({
      owner: { username: 'ottilie', name: HUGE, bio: HUGE },
      followers: ['ada'],
      following: ['ada', 'bob'],
      comments: [{ mediaOwner: 'ada', text: HUGE, at }],
      threads: [
        {
          folder: 'ada_1234',
          participants: [HUGE, 'Ada'],
          messages: [
            { sender: HUGE, at },
            { sender: 'Ada', at },
          ],
        },
      ],
      options: { mojibake: false },
    });
    const imported = await importInstagram(zip, { name: 'instagram.zip' });
    expect(imported.ownerTexts.posts.map((p) => p.length)).toEqual([TEXT_LIMITS.post]);
    expect(imported.ownerTexts.bio).toHaveLength(TEXT_LIMITS.bio);
    expect(imported.owner.name).toHaveLength(TEXT_LIMITS.name);
  });

  it('keeps at most the caps of an X API profile, and expands each bio link once', () => {
    const profile = profileFromXUser({
      id: '1',
      username: 'ada',
      name: HUGE,
      location: HUGE,
      url: HUGE,
      // Expansions that hold the short links again would grow the bio with every entity.
      description: 'a b c',
      entities: {
        description: {
          urls: Array.from({ length: 40 }, () => ({ url: 'a', expanded_url: 'aaaa'.repeat(1_000) })),
        },
      },
    });
    expect(profile.name).toHaveLength(TEXT_LIMITS.name);
    expect(profile.location).toHaveLength(TEXT_LIMITS.location);
    expect(profile.url).toHaveLength(TEXT_LIMITS.url);
    expect(profile.bio).toBe(`${'aaaa'.repeat(512)} b c`);
  });

  it('expands t.co links of an X API bio as before', () => {
    const profile = profileFromXUser({
      id: '1',
      username: 'ada',
      description: 'Opera https://t.co/abc and https://t.co/xyz, again https://t.co/abc',
      entities: {
        description: {
          urls: [
            { url: 'https://t.co/abc', expanded_url: 'https://roh.org.uk' },
            { url: 'https://t.co/xyz', expanded_url: 'https://ada.example/a?b=(c)' },
          ],
        },
      },
    });
    expect(profile.bio).toBe(
      'Opera https://roh.org.uk and https://ada.example/a?b=(c), again https://roh.org.uk',
    );
  });

  it('keeps at most a post of the X API timelines', () => {
    const page = timelineInteractions(
      'posts',
      [{ id: '5', text: HUGE, created_at: new Date(NOW).toISOString() }],
      [],
      {
        id: OWNER_ID,
        handle: 'ottilie',
        name: null,
      },
    );
    expect(page.texts.map((t) => t.length)).toEqual([TEXT_LIMITS.post]);
  });

  it('never cuts an emoji in half', () => {
    expect(capText('ab🎭', 3)).toBe('ab');
    expect(capText('ab🎭', 4)).toBe('ab🎭');
  });
});
