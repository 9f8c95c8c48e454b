import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { importXArchive } from '../../src/importers/x-archive.js';
import { lookupEntry } from '../../src/ledger.js';
import type { ImportedExport } from '../../src/model.js';
import { buildXArchive, writeXArchive } from '../../scripts/lib/x-archive-writer.js';
import type { XArchiveSpec } from '../../scripts/lib/x-archive-writer.js';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import { rawZip } from '../fixtures/raw-zip.js';
import { baseSpec, DAY, daysAgo, NOW, OWNER_ID, snowflakeAt } from '../fixtures/x-archive-spec.js';
import { failure } from '../support/failure.js';

const alice = { id: '201', screenName: 'alice' };
const bob = { id: '202', screenName: 'bob' };
const carol = { id: '203', screenName: 'Carol' };
const troll = { id: '206', screenName: 'troll' };

const reply = {
  id: snowflakeAt(daysAgo(10).getTime()),
  createdAt: daysAgo(10),
  text: '@alice Bravo & brava <3',
  inReplyTo: { userId: '201', screenName: 'alice' },
  mentions: [alice],
};
const selfThread = {
  id: snowflakeAt(daysAgo(9).getTime()),
  createdAt: daysAgo(9),
  text: '@ottilie (2/2) and Vienna.',
  inReplyTo: { userId: OWNER_ID, screenName: 'ottilie' },
  mentions: [{ id: OWNER_ID, screenName: 'ottilie' }],
};
const mention = {
  id: snowflakeAt(daysAgo(8).getTime()),
  createdAt: daysAgo(8),
  text: 'Tosca with @bob and @Carol tonight',
  mentions: [bob, carol],
  utcOffset: '+0100',
};
const retweet = {
  id: snowflakeAt(daysAgo(7).getTime()),
  createdAt: daysAgo(7),
  text: 'RT @Carol: What a night at @bob’s',
  mentions: [carol, bob],
  utcOffset: '-0500',
};
const quote = {
  id: snowflakeAt(daysAgo(6).getTime()),
  createdAt: daysAgo(6),
  text: 'This, exactly.',
  quotedUrl: 'https://x.com/Dave_Opera/status/1790000000000000000',
};
const trollMention = {
  id: snowflakeAt(daysAgo(5).getTime()),
  createdAt: daysAgo(5),
  text: 'Stop it @troll',
  mentions: [troll],
};

/** One of each thing the importer turns into an interaction. */
function richSpec(options: XArchiveSpec['options'] = {}): XArchiveSpec {
  return baseSpec({
    account: {
      accountId: OWNER_ID,
      username: 'ottilie',
      displayName: 'Ottilie Marsh',
      bio: 'Opera &amp; theatre in London',
    },
    following: ['201', '202', '203', '204', '205'],
    followers: ['201', '202', '299'],
    tweets: [reply, selfThread, mention, retweet, quote, trollMention],
    likes: [
      { tweetId: snowflakeAt(daysAgo(3).getTime()), fullText: '@bob What a night' },
      { tweetId: snowflakeAt(daysAgo(4).getTime()), fullText: 'No author here' },
      {
        tweetId: snowflakeAt(daysAgo(2).getTime()),
        fullText: 'hello',
        expandedUrl: `https://twitter.com/carol/status/${snowflakeAt(daysAgo(2).getTime())}`,
      },
      { tweetId: snowflakeAt(daysAgo(2).getTime(), 1), fullText: '@troll whatever' },
    ],
    dms: [
      {
        conversationId: `201-${OWNER_ID}`,
        messages: [
          {
            id: '9001',
            senderId: '201',
            recipientId: OWNER_ID,
            text: 'Coming Thursday?',
            createdAt: daysAgo(1),
          },
          {
            id: '9002',
            senderId: OWNER_ID,
            recipientId: '201',
            text: 'Yes!',
            createdAt: new Date(daysAgo(1).getTime() + 60_000),
          },
        ],
      },
      {
        conversationId: `${OWNER_ID}-206`,
        messages: [
          { id: '9003', senderId: '206', recipientId: OWNER_ID, text: 'hey', createdAt: daysAgo(1) },
        ],
      },
    ],
    groupDms: [
      {
        conversationId: '1650000000000000001',
        participants: [OWNER_ID, '202', '203'],
        messages: [
          { id: '9101', senderId: '202', text: 'Rigoletto?', createdAt: daysAgo(2) },
          { id: '9102', senderId: OWNER_ID, text: 'In!', createdAt: daysAgo(1) },
        ],
      },
    ],
    blocks: ['206'],
    mutes: ['205'],
    options,
  });
}

async function importSpec(spec: XArchiveSpec): Promise<ImportedExport> {
  return importXArchive(await buildXArchive(spec), { name: 'twitter.zip' });
}

function kinds(exp: ImportedExport, who: { id?: string; handle?: string }) {
  return lookupEntry(exp.ledger, who)?.kinds ?? null;
}

describe('importXArchive', () => {
  it('reads the owner, the follow graph, blocks and mutes', async () => {
    const exp = await importSpec(richSpec());
    expect(exp.platform).toBe('x');
    expect(exp.owner).toEqual({ id: OWNER_ID, handle: 'ottilie', name: 'Ottilie Marsh' });
    expect(exp.following.map((a) => a.key)).toEqual(['201', '202', '203', '204', '205']);
    expect(exp.followers?.ids).toEqual(new Set(['201', '202', '299']));
    expect(exp.blocked).toEqual(new Set(['206']));
    expect(exp.muted).toEqual(new Set(['205']));
    expect(exp.generatedAt).toBe(Date.parse(baseSpec().generationDate));
    expect(exp.warnings).toEqual([]);
    expect(exp.unreadable).toEqual([]);
  });

  it('names followed accounts from the handle ↔ id pairs the archive reveals, and no others', async () => {
    const exp = await importSpec(richSpec());
    expect(exp.following.map((a) => [a.id, a.handle])).toEqual([
      ['201', 'alice'],
      ['202', 'bob'],
      ['203', 'Carol'],
      ['204', null],
      ['205', null],
    ]);
  });

  it('names a renamed account by its newest handle, and still joins events under the old one', async () => {
    const newer = {
      id: snowflakeAt(daysAgo(2).getTime()),
      createdAt: daysAgo(2),
      text: 'with @Dave_New',
      mentions: [{ id: '204', screenName: 'Dave_New' }],
    };
    const older = {
      id: snowflakeAt(daysAgo(400).getTime()),
      createdAt: daysAgo(400),
      text: 'with @dave_old',
      mentions: [{ id: '204', screenName: 'dave_old' }],
    };
    const quoteOld = {
      id: snowflakeAt(daysAgo(300).getTime()),
      createdAt: daysAgo(300),
      text: 'so true',
      quotedUrl: 'https://twitter.com/dave_old/status/1',
    };
    const exp = await importSpec(baseSpec({ following: ['204'], tweets: [newer, older, quoteOld] }));
    expect(exp.following[0]!.handle).toBe('Dave_New');
    expect(kinds(exp, { id: '204' })).toEqual({
      mention: { count: 2, last: daysAgo(2).getTime() },
      quote: { count: 1, last: daysAgo(300).getTime() },
    });
  });

  it('turns replies, mentions, reposts and quotes into outgoing events at the posts’ real times', async () => {
    const exp = await importSpec(richSpec());
    expect(kinds(exp, { id: '201' })?.reply).toEqual({ count: 1, last: reply.createdAt.getTime() });
    // The reply's own "@alice" prefix is not a second, separate mention.
    expect(kinds(exp, { id: '201' })?.mention).toBeUndefined();
    expect(kinds(exp, { id: '202' })?.mention).toEqual({ count: 1, last: mention.createdAt.getTime() });
    // A retweet is a repost of its author only; the handles inside it are the author's mentions.
    expect(kinds(exp, { id: '203' })?.repost).toEqual({ count: 1, last: retweet.createdAt.getTime() });
    expect(kinds(exp, { id: '202' })?.repost).toBeUndefined();
    expect(kinds(exp, { handle: 'dave_opera' })?.quote).toEqual({
      count: 1,
      last: quote.createdAt.getTime(),
    });
  });

  it('ignores replies within the owner’s own thread', async () => {
    const exp = await importSpec(richSpec());
    expect(lookupEntry(exp.ledger, { id: OWNER_ID })).toBeNull();
    expect(lookupEntry(exp.ledger, { handle: 'ottilie' })).toBeNull();
  });

  it('dates likes by the liked post’s snowflake, attributing them only on a hint', async () => {
    const exp = await importSpec(richSpec());
    expect(kinds(exp, { id: '202' })?.like).toEqual({ count: 1, last: daysAgo(3).getTime() });
    expect(kinds(exp, { id: '203' })?.like).toEqual({ count: 1, last: daysAgo(2).getTime() });
    expect(exp.ownerTexts.likes).toEqual(['@bob What a night', 'No author here', 'hello', '@troll whatever']);
  });

  it('counts direct messages by direction, once each, and group messages per participant', async () => {
    const exp = await importSpec(richSpec());
    const alices = lookupEntry(exp.ledger, { id: '201' })!;
    expect(alices.kinds.dm).toEqual({ count: 2, last: daysAgo(1).getTime() + 60_000 });
    expect(alices.in).toMatchObject({ count: 1, last: daysAgo(1).getTime() });
    expect(alices.out.count).toBe(2); // the reply and her DM answer
    expect(lookupEntry(exp.ledger, { id: '202' })!.kinds.group_dm).toEqual({
      count: 2,
      last: daysAgo(1).getTime(),
    });
    expect(lookupEntry(exp.ledger, { id: '202' })!.in.count).toBe(1);
    expect(lookupEntry(exp.ledger, { id: '203' })!.kinds.group_dm).toEqual({
      count: 1,
      last: daysAgo(1).getTime(),
    });
    expect(exp.ledger.sources).toEqual(['own posts', 'likes', 'direct messages']);
  });

  it('reads direct messages from the headers file when the full one is absent', async () => {
    const exp = await importSpec(richSpec({ dmFiles: 'headers' }));
    expect(lookupEntry(exp.ledger, { id: '201' })!.kinds.dm).toEqual({
      count: 2,
      last: daysAgo(1).getTime() + 60_000,
    });
    expect(lookupEntry(exp.ledger, { id: '202' })!.kinds.group_dm?.count).toBe(2);
  });

  it('never counts a message twice when its conversation appears in two parts', async () => {
    const spec = richSpec({ partSize: 1 });
    spec.dms = [spec.dms[0]!, spec.dms[0]!];
    const exp = await importSpec(spec);
    expect(lookupEntry(exp.ledger, { id: '201' })!.kinds.dm?.count).toBe(2);
  });

  it('ignores every interaction with blocked accounts', async () => {
    const exp = await importSpec(richSpec());
    expect(lookupEntry(exp.ledger, { id: '206' })).toBeNull();
    expect(lookupEntry(exp.ledger, { handle: 'troll' })).toBeNull();
  });

  it('keeps the owner’s texts: posts unescaped and without retweets, the bio', async () => {
    const exp = await importSpec(richSpec());
    expect(exp.ownerTexts.posts).toEqual([
      '@alice Bravo & brava <3',
      '@ottilie (2/2) and Vienna.',
      'Tosca with @bob and @Carol tonight',
      'This, exactly.',
      'Stop it @troll',
    ]);
    expect(exp.ownerTexts.bio).toBe('Opera &amp; theatre in London');
  });

  it('reads legacy names, unwrapped tweets, shuffled parts and no manifest the same way', async () => {
    const modern = await importSpec(richSpec());
    const legacy = await importSpec(
      richSpec({ legacyTweetNames: true, unwrappedTweets: true, partSize: 1, omitManifest: true }),
    );
    expect(legacy.following.map((a) => [a.id, a.handle])).toEqual(
      modern.following.map((a) => [a.id, a.handle]),
    );
    expect(legacy.followers).toEqual(modern.followers);
    expect([...legacy.ledger.entries].sort()).toEqual([...modern.ledger.entries].sort());
    expect(legacy.ownerTexts.posts.sort()).toEqual(modern.ownerTexts.posts.sort());
    expect(legacy.generatedAt).toBeNull();
    expect(legacy.warnings).toEqual([]);
  });

  it('parses created_at offsets: the same instant whatever the offset it was written in', async () => {
    const at = new Date('2023-02-18T12:33:11Z');
    const offsets: [string, { id: string; screenName: string }][] = [
      ['+0000', alice],
      ['+0530', bob],
      ['-0800', carol],
    ];
    const spec = baseSpec({
      tweets: offsets.map(([utcOffset, who], i) => ({
        id: snowflakeAt(at.getTime(), i),
        createdAt: at,
        text: `hi @${who.screenName}`,
        mentions: [who],
        utcOffset,
      })),
    });
    const exp = await importSpec(spec);
    for (const [, who] of offsets)
      expect(kinds(exp, { id: who.id })?.mention).toEqual({ count: 1, last: at.getTime() });
  });

  it('reads the same archive from a path as from a buffer, reporting progress up to the total', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-x-'));
    const path = join(dir, 'twitter-2025-06-01-abc.zip');
    await writeXArchive(richSpec({ media: { files: 3, bytesEach: 50_000 } }), path);
    const seen: [number, number][] = [];
    const fromPath = await importXArchive(path, { onProgress: (done, total) => seen.push([done, total]) });
    const fromBuffer = await importSpec(richSpec());
    expect(fromPath.following).toEqual(fromBuffer.following);
    expect([...fromPath.ledger.entries]).toEqual([...fromBuffer.ledger.entries]);
    const total = seen.at(-1)![1];
    expect(seen.at(-1)).toEqual([total, total]);
    expect(total).toBeLessThan(100_000); // media is not part of the work
    expect(seen.every(([done], i) => i === 0 || done >= seen[i - 1]![0])).toBe(true);
  });

  it('takes the owner from the manifest when account.js is missing', async () => {
    const exp = await importSpec(richSpec({ omitEntries: ['data/account.js'] }));
    expect(exp.owner).toEqual({ id: OWNER_ID, handle: 'ottilie', name: 'Ottilie Marsh' });
    expect(exp.warnings).toEqual([
      "data/account.js is listed in the archive's manifest but missing from the ZIP: your account details are taken from the manifest.",
    ]);
  });
});

describe('importXArchive on damaged archives', () => {
  it('warns when the manifest counts differ from what the parts hold', async () => {
    const exp = await importSpec(richSpec({ manifestCounts: { following: 600, tweets: 7 } }));
    expect(exp.warnings).toEqual([
      "The archive's manifest lists 600 accounts you follow, but data/following.js holds 5: the archive may be incomplete.",
      "The archive's manifest lists 7 posts, but data/tweets.js holds 6: the archive may be incomplete.",
    ]);
    expect(exp.following).toHaveLength(5);
  });

  it.each([
    ['data/following.js', 'following'],
    ['data/follower.js', 'follower'],
  ])('stops when %s cannot be read, naming it', async (file, type) => {
    const spec = richSpec({
      extraEntries: [
        {
          name: file,
          content: `window.YTD.${type}.part0 = [ {"${type}": {"accountId": "201"}}, {"${type}": {"acc`,
        },
      ],
    });
    const error = await failure(importSpec(spec));
    expect(error.message).toBe(
      `${file} could not be read: the list never ends (no closing "]"); the file is cut short — the archive may be truncated; download it again.`,
    );
  });

  it('stops when the manifest cannot be read', async () => {
    const error = await failure(
      importSpec(
        richSpec({
          extraEntries: [{ name: 'data/manifest.js', content: 'window.__THAR_CONFIG = { "userInfo": ' }],
        }),
      ),
    );
    expect(error.message).toMatch(
      /^data\/manifest\.js could not be read: it is not valid JSON \(.+\) — the archive may be truncated; download it again\.$/,
    );
  });

  it('stops when following.js is missing, and warns when follower.js is', async () => {
    const noFollowing = await failure(
      importSpec(richSpec({ omitEntries: ['data/following.js'], omitManifest: true })),
    );
    expect(noFollowing.message).toBe(
      'twitter.zip has no data/following.js, so there is nothing to audit. The archive may be incomplete; download it again.',
    );
    const listedButMissing = await failure(importSpec(richSpec({ omitEntries: ['data/follower.js'] })));
    expect(listedButMissing.message).toBe(
      "data/follower.js is listed in the archive's manifest but missing from the ZIP: the archive is incomplete; download it again.",
    );
    const exp = await importSpec(richSpec({ omitEntries: ['data/follower.js'], omitManifest: true }));
    expect(exp.followers).toBeNull();
    expect(exp.warnings).toContain(
      'The archive has no data/follower.js: Tend cannot tell which accounts follow you back.',
    );
  });

  it('goes on without a broken tweets part, with a warning and a count of what was lost', async () => {
    const readable = JSON.stringify({
      tweet: {
        id_str: '1',
        created_at: 'Sat Feb 18 12:33:11 +0000 2023',
        full_text: '@alice hi',
        in_reply_to_user_id_str: '201',
        in_reply_to_screen_name: 'alice',
        entities: { user_mentions: [] },
      },
    });
    const spec = richSpec({
      extraEntries: [
        {
          name: 'data/tweets.js',
          content: `window.YTD.tweets.part0 = [ ${readable}, {"tweet": {"id_str": "2", "full_te`,
        },
      ],
    });
    const exp = await importSpec(spec);
    expect(exp.warnings).toEqual([
      'data/tweets.js could not be read: the list never ends (no closing "]"); the file is cut short; your posts in it are left out of the interaction history. The archive may be truncated.',
    ]);
    expect(exp.unreadable).toEqual([
      {
        file: 'data/tweets.js',
        count: 5,
        reason: 'the file breaks off: the list never ends (no closing "]"); the file is cut short',
      },
    ]);
    // What came before the break, and everything else, is still there.
    expect(kinds(exp, { id: '201' })?.reply).toEqual({ count: 1, last: Date.parse('2023-02-18T12:33:11Z') });
    expect(kinds(exp, { id: '201' })?.dm?.count).toBe(2);
    expect(exp.following).toHaveLength(5);
  });

  it('abandons a part broken at its start and reads the parts after it', async () => {
    const content = `window.YTD.like.part0 = {${' '.repeat(2_000_000)}}`;
    const exp = await importSpec(richSpec({ extraEntries: [{ name: 'data/like.js', content }] }));
    expect(exp.warnings).toEqual([
      'data/like.js could not be read: a list ("[") should follow "=", found "{"; your likes in it are left out of the interaction history. The archive may be truncated.',
    ]);
    expect(exp.unreadable).toEqual([
      {
        file: 'data/like.js',
        count: 4,
        reason: 'the file breaks off: a list ("[") should follow "=", found "{"',
      },
    ]);
    expect(exp.ownerTexts.likes).toEqual([]);
    expect(kinds(exp, { id: '201' })?.dm?.count).toBe(2);
  });

  it('counts entries that are not JSON or lack their fields, and keeps the rest', async () => {
    const content =
      'window.YTD.following.part0 = [ {"following": {"accountId": "201"}}, {"following": oops}, {"following": {"userLink": "x"}}, {"following": {"accountId": "203"}} ]';
    const exp = await importSpec(
      richSpec({ extraEntries: [{ name: 'data/following.js', content }], manifestCounts: { following: 4 } }),
    );
    expect(exp.following.map((a) => a.id)).toEqual(['201', '203']);
    expect(exp.unreadable).toEqual([
      { file: 'data/following.js', count: 1, reason: 'not valid JSON' },
      { file: 'data/following.js', count: 1, reason: 'missing the expected fields' },
    ]);
    expect(exp.warnings).toEqual([
      'data/following.js: 1 unreadable (not valid JSON), left out.',
      'data/following.js: 1 unreadable (missing the expected fields), left out.',
    ]);
  });

  it('says what it expected when the ZIP is not an X archive', async () => {
    const notes = rawZip([{ name: 'notes.txt', data: 'hello' }]);
    expect((await failure(importXArchive(notes, { name: 'notes.zip' }))).message).toBe(
      'notes.zip is not an X archive: it has no data/manifest.js, data/account.js or data/following.js ' +
        '(nor account.js or following.js at its root, as archives from 2018). ' +
        'Tend expects the ZIP X sends from Settings → Your account → Download an archive of your data.',
    );
    const instagram = await buildInstagramExport({ followers: ['a'], following: ['b'] });
    expect((await failure(importXArchive(instagram, { name: 'instagram.zip' }))).message).toBe(
      'instagram.zip is an Instagram export, not an X archive: import it as an Instagram export.',
    );
  });
});

describe('importXArchive: review fixes', () => {
  it('passes over a post larger than the per-entry cap, counting it, and reads the rest', async () => {
    const huge = {
      id: snowflakeAt(daysAgo(4).getTime()),
      createdAt: daysAgo(4),
      text: 'a'.repeat(9 * 1024 ** 2),
    };
    const spec = richSpec();
    spec.tweets = [reply, huge, mention];
    const exp = await importXArchive(await buildXArchive(spec), { name: 'twitter.zip' });
    expect(exp.unreadable).toEqual([
      { file: 'data/tweets.js', count: 1, reason: 'entry too large (over 8 MB)' },
    ]);
    expect(exp.warnings).toContain('data/tweets.js: 1 unreadable (entry too large (over 8 MB)), left out.');
    expect(kinds(exp, { id: '201' })).toMatchObject({ reply: { count: 1 } });
    expect(kinds(exp, { id: '202' })).toMatchObject({ mention: { count: 1 } });
    expect(exp.ownerTexts.posts).toHaveLength(2);
  });

  it('takes the owner from the manifest, with a warning, when account.js is broken', async () => {
    const broken = { name: 'data/account.js', content: 'window.YTD.account.part0 = [ {"account": {"acc' };
    const exp = await importSpec(richSpec({ extraEntries: [broken] }));
    expect(exp.owner).toEqual({ id: OWNER_ID, handle: 'ottilie', name: 'Ottilie Marsh' });
    expect(exp.warnings).toContain(
      'data/account.js could not be read: the list never ends (no closing "]"); the file is cut short; ' +
        'your account details are taken from the manifest. The archive may be truncated.',
    );
    expect(exp.following).toHaveLength(5);
    const error = await failure(importSpec(richSpec({ extraEntries: [broken], omitManifest: true })));
    expect(error.message).toBe(
      'data/account.js could not be read: the list never ends (no closing "]"); the file is cut short — the archive may be truncated; download it again.',
    );
  });

  it('reads an archive that was unzipped and zipped again as its folder', async () => {
    const exp = await importSpec(richSpec({ rootFolder: 'twitter-2025-06-01-abc' }));
    expect(exp.owner).toEqual({ id: OWNER_ID, handle: 'ottilie', name: 'Ottilie Marsh' });
    expect(exp.following).toHaveLength(5);
    expect(exp.warnings).toEqual([]);
    expect(kinds(exp, { id: '201' })).toMatchObject({ reply: { count: 1 } });
    // Two top-level folders: not one re-zipped archive.
    const two = rawZip([
      { name: 'twitter-2025-06-01-abc/data/following.js', data: 'window.YTD.following.part0 = []' },
      { name: 'holiday/photo.jpg', data: 'x' },
    ]);
    await expect(importXArchive(two, { name: 'two.zip' })).rejects.toThrow(/^two\.zip is not an X archive/);
  });

  it('leaves out posts, likes and messages with implausible times, counting them', async () => {
    const future = new Date(NOW + 30 * DAY);
    const ancient = new Date('1999-01-01T00:00:00Z');
    const spec = richSpec();
    spec.tweets = [
      reply,
      { id: '1', createdAt: future, text: 'from the future @bob', mentions: [bob] },
      { id: '2', createdAt: ancient, text: 'from the past @carol', mentions: [carol] },
    ];
    spec.groupDms = [];
    spec.likes = [{ tweetId: snowflakeAt(NOW + 30 * DAY), fullText: '@bob later' }];
    spec.dms = [
      {
        conversationId: `201-${OWNER_ID}`,
        messages: [
          { id: '9001', senderId: '201', recipientId: OWNER_ID, text: 'ok', createdAt: daysAgo(1) },
          {
            id: '9002',
            senderId: '201',
            recipientId: OWNER_ID,
            text: 'year 56000',
            createdAt: new Date(8.64e15),
          },
        ],
      },
    ];
    const exp = await importSpec(spec);
    expect(kinds(exp, { id: '202' })).toBeNull();
    expect(kinds(exp, { handle: 'bob' })).toBeNull();
    expect(kinds(exp, { id: '203' })).toBeNull();
    expect(kinds(exp, { id: '201' })).toMatchObject({ reply: { count: 1 }, dm: { count: 1 } });
    const reason = 'implausible time (before 2006 or after the export was made)';
    expect(exp.unreadable).toEqual(
      expect.arrayContaining([
        { file: 'data/tweets.js', count: 2, reason },
        { file: 'data/like.js', count: 1, reason },
      ]),
    );
    expect(exp.warnings).toContain(`data/tweets.js: 2 unreadable (${reason}), left out.`);
    expect(
      exp.warnings.some((w) =>
        w.startsWith('data/direct-messages.js: 1 unreadable (messages without a sender or a plausible time'),
      ),
    ).toBe(true);
  });
});
