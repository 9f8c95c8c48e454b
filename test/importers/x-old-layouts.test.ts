import { describe, it, expect } from 'vitest';
import { importXArchive } from '../../src/importers/x-archive.js';
import { lookupEntry } from '../../src/ledger.js';
import type { ImportedExport } from '../../src/model.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import type { XArchiveSpec } from '../../scripts/lib/x-archive-writer.js';
import { rawZip } from '../fixtures/raw-zip.js';
import { snowflakeAt } from '../fixtures/x-archive-spec.js';
import { failure } from '../support/failure.js';

const OWNER = '2900000001';
const GENERATED = Date.parse('2018-08-20T10:00:00Z');
const at = (iso: string): Date => new Date(iso);

/** An archive as X sent them in 2018: DMs with a few partners, posts, likes, a block and a mute. */
function spec2018(options: XArchiveSpec['options'] = {}): XArchiveSpec {
  const following = Array.from({ length: 12 }, (_, i) => String(3100 + i));
  return {
    account: {
      accountId: OWNER,
      username: 'wren_sings',
      displayName: 'Wren',
      createdAt: '2011-03-02T09:00:00.000Z',
      bio: 'Choir and baroque',
    },
    generationDate: new Date(GENERATED).toISOString(),
    following,
    followers: ['3100', '3101', '3102', '3199'],
    tweets: [
      {
        id: snowflakeAt(Date.parse('2018-07-01T08:00:00Z')),
        createdAt: at('2018-07-01T08:00:00Z'),
        text: '@hal_b lovely Bach',
        inReplyTo: { userId: '3101', screenName: 'hal_b' },
        mentions: [{ id: '3101', screenName: 'hal_b' }],
      },
      {
        id: snowflakeAt(Date.parse('2018-07-03T08:00:00Z')),
        createdAt: at('2018-07-03T08:00:00Z'),
        text: 'Evensong with @ivy_c',
        mentions: [{ id: '3102', screenName: 'ivy_c' }],
      },
    ],
    likes: [{ tweetId: snowflakeAt(Date.parse('2018-07-05T08:00:00Z')), fullText: '@ivy_c what a sound' }],
    dms: [
      {
        conversationId: `3100-${OWNER}`,
        messages: [
          {
            id: '70001',
            senderId: '3100',
            recipientId: OWNER,
            text: 'Rehearsal at 7?',
            createdAt: at('2018-08-13T05:36:07.670Z'),
          },
          {
            id: '70002',
            senderId: OWNER,
            recipientId: '3100',
            text: 'Yes',
            createdAt: at('2018-08-13T05:40:00.000Z'),
          },
        ],
      },
      {
        conversationId: `${OWNER}-3103`,
        messages: [
          {
            id: '70003',
            senderId: OWNER,
            recipientId: '3103',
            text: 'Thanks!',
            createdAt: at('2018-06-01T12:00:00.000Z'),
          },
        ],
      },
    ],
    groupDms: [
      {
        conversationId: '1010000000000000001',
        participants: [OWNER, '3104', '3105'],
        messages: [
          { id: '70101', senderId: '3104', text: 'Who is in?', createdAt: at('2018-05-02T18:00:00.000Z') },
        ],
      },
    ],
    blocks: ['3111'],
    mutes: ['3110'],
    options,
  };
}

/** What a 2018 archive is told to say, as it carries no date of its own. */
const undated = (newest: string): string =>
  `This archive is in X's 2018 layout, which does not say when it was made; ${newest}. ` +
  'Anything since is not in it: for an audit as of today, download a new archive from X.';
const NEWEST_2018 = undated('the newest post, like or message in it is from 2018-08-13');

async function importSpec(spec: XArchiveSpec, name = 'twitter-2018-08-20.zip'): Promise<ImportedExport> {
  return importXArchive(await buildXArchive(spec), { name });
}

function sortedEntries(exp: ImportedExport): string {
  return JSON.stringify([...exp.ledger.entries].sort(([a], [b]) => a.localeCompare(b)));
}

describe('X archives in the 2018 layout (files at the root, no manifest)', () => {
  it('reads the same owner, follow graph and interactions as the same data in today’s layout', async () => {
    const old = await importSpec(spec2018({ layout: '2018' }));
    const today = await importSpec(spec2018());
    expect(old.owner).toEqual({ id: OWNER, handle: 'wren_sings', name: 'Wren' });
    expect(old.following.map((a) => a.key)).toEqual(spec2018().following);
    expect(old.followers?.ids).toEqual(new Set(['3100', '3101', '3102', '3199']));
    expect(old.blocked).toEqual(new Set(['3111']));
    expect(old.muted).toEqual(new Set(['3110']));
    expect(old.following).toEqual(today.following);
    expect(sortedEntries(old)).toEqual(sortedEntries(today));
    expect(old.ownerTexts).toEqual(today.ownerTexts);
    expect(old.ledger.sources).toEqual(['own posts', 'likes', 'direct messages']);
    expect(old.warnings).toEqual([NEWEST_2018]);
    expect(old.unreadable).toEqual([]);
  });

  it('gives DM partners their message times, written in epoch milliseconds in direct-message.js', async () => {
    const exp = await importSpec(spec2018({ layout: '2018' }));
    const partner = lookupEntry(exp.ledger, { id: '3100' })!;
    expect(partner.kinds.dm).toEqual({ count: 2, last: Date.parse('2018-08-13T05:40:00.000Z') });
    expect(partner.in).toMatchObject({ count: 1, last: Date.parse('2018-08-13T05:36:07.670Z') });
    expect(lookupEntry(exp.ledger, { id: '3103' })!.kinds.dm).toEqual({
      count: 1,
      last: Date.parse('2018-06-01T12:00:00.000Z'),
    });
    expect(lookupEntry(exp.ledger, { id: '3104' })!.kinds.group_dm).toEqual({
      count: 1,
      last: Date.parse('2018-05-02T18:00:00.000Z'),
    });
  });

  it('counts every message of an archive the size of a real one: 2,772 messages with 16 partners', async () => {
    const partners = spec2018()
      .following.slice(0, 8)
      .concat(Array.from({ length: 8 }, (_, i) => String(3200 + i)));
    const start = Date.parse('2016-03-01T00:00:00Z');
    let n = 0;
    const dms = partners.map((id, p) => ({
      conversationId: `${id}-${OWNER}`,
      messages: Array.from({ length: p < 4 ? 174 : 173 }, () => {
        n++;
        const sender = n % 2 === 0 ? OWNER : id;
        return {
          id: String(800_000 + n),
          senderId: sender,
          recipientId: sender === OWNER ? id : OWNER,
          text: 'x',
          createdAt: new Date(start + n * 3_600_000),
        };
      }),
    }));
    const exp = await importSpec({ ...spec2018({ layout: '2018' }), dms, groupDms: [] });
    expect(n).toBe(2_772);
    const counts = partners.map((id) => lookupEntry(exp.ledger, { id })?.kinds.dm?.count ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2_772);
    expect(counts.every((c) => c >= 173)).toBe(true);
    expect(exp.unreadable).toEqual([]);
  });

  it('reads a 2018 archive that was unzipped and zipped again as its folder', async () => {
    const exp = await importSpec(spec2018({ layout: '2018', rootFolder: 'twitter-2018-08-20' }));
    expect(exp.owner.id).toBe(OWNER);
    expect(exp.following).toHaveLength(12);
    expect(lookupEntry(exp.ledger, { id: '3100' })!.kinds.dm?.count).toBe(2);
    expect(exp.warnings).toEqual([NEWEST_2018]);
  });

  it('says it cannot tell when the archive was made, and how recent its newest entry is', async () => {
    const quiet = await importSpec({
      ...spec2018({ layout: '2018' }),
      tweets: [],
      likes: [],
      dms: [],
      groupDms: [],
    });
    expect(quiet.warnings).toEqual([undated('it holds no dated post, like or message')]);
    const today = await importSpec(spec2018());
    expect(today.warnings).toEqual([]);
  });

  it('names the files as the archive has them when one is missing or broken', async () => {
    const noFollowers = await importSpec(spec2018({ layout: '2018', omitEntries: ['follower.js'] }));
    expect(noFollowers.followers).toBeNull();
    expect(noFollowers.warnings).toEqual([
      NEWEST_2018,
      'The archive has no follower.js: Tend cannot tell which accounts follow you back.',
    ]);
    const noFollowing = await failure(
      importSpec(spec2018({ layout: '2018', omitEntries: ['following.js'] })),
    );
    expect(noFollowing.message).toBe(
      'twitter-2018-08-20.zip has no following.js, so there is nothing to audit. The archive may be incomplete; download it again.',
    );
    const cut = {
      name: 'following.js',
      content: 'window.YTD.following.part0 = [ {"following": {"accountId": "3100"}}, {"foll',
    };
    const broken = await failure(importSpec(spec2018({ layout: '2018', extraEntries: [cut] })));
    expect(broken.message).toBe(
      'following.js could not be read: the list never ends (no closing "]"); the file is cut short — the archive may be truncated; download it again.',
    );
  });
});

describe('direct-message times', () => {
  it('reads direct-message.js (singular) and direct-messages.js in today’s layout too, counting each message once', async () => {
    const conversation = JSON.stringify({
      dmConversation: {
        conversationId: `3100-${OWNER}`,
        messages: [
          {
            messageCreate: { id: '70001', senderId: '3100', recipientId: OWNER, createdAt: '1534138567670' },
          },
          {
            messageCreate: {
              id: '70009',
              senderId: OWNER,
              recipientId: '3100',
              createdAt: '2018-08-14T09:00:00.000Z',
            },
          },
        ],
      },
    });
    const singular = {
      name: 'data/direct-message.js',
      content: `window.YTD.direct_message.part0 = [ ${conversation} ]`,
    };
    const exp = await importSpec(spec2018({ dmFiles: 'full', extraEntries: [singular] }));
    // 70001 is in both files; 70002 only in direct-messages.js, 70009 only in direct-message.js.
    expect(lookupEntry(exp.ledger, { id: '3100' })!.kinds.dm).toEqual({
      count: 3,
      last: Date.parse('2018-08-14T09:00:00.000Z'),
    });
    expect(exp.unreadable).toEqual([]);
    expect(exp.warnings).toEqual([]);
  });

  it('leaves out epoch times that cannot be right (seconds taken for milliseconds), counting them', async () => {
    const conversation = JSON.stringify({
      dmConversation: {
        conversationId: `3100-${OWNER}`,
        messages: [
          { messageCreate: { id: '1', senderId: '3100', recipientId: OWNER, createdAt: '1534138567' } },
          { messageCreate: { id: '2', senderId: '3100', recipientId: OWNER, createdAt: '99999999999999' } },
          { messageCreate: { id: '3', senderId: '3100', recipientId: OWNER, createdAt: '1534138567670' } },
        ],
      },
    });
    const file = {
      name: 'direct-message.js',
      content: `window.YTD.direct_message.part0 = [ ${conversation} ]`,
    };
    const exp = await importSpec(spec2018({ layout: '2018', extraEntries: [file] }));
    expect(lookupEntry(exp.ledger, { id: '3100' })!.kinds.dm).toEqual({ count: 1, last: 1534138567670 });
    expect(exp.unreadable).toEqual([
      {
        file: 'direct-message.js',
        count: 2,
        reason: 'messages without a sender or a plausible time, or from outside the conversation',
      },
    ]);
  });
});

describe('accurate refusals and warnings', () => {
  it('says a tweets-only archive from before 2018 has posts but no following list', async () => {
    const error = await failure(importSpec(spec2018({ layout: '2016' }), 'twitter-2016.zip'));
    expect(error.message).toBe(
      'twitter-2016.zip is an X archive from before 2018: it has your posts (tweets.csv) but no following list, ' +
        'so there is nothing to audit. Download a new archive from X: Settings → Your account → Download an archive of your data.',
    );
  });

  it('warns when the archive lists no followed accounts', async () => {
    const exp = await importSpec({ ...spec2018(), following: [] });
    expect(exp.following).toEqual([]);
    expect(exp.warnings).toEqual([
      'The archive lists no accounts you follow (data/following.js has none Tend can read), so there is no one to audit. ' +
        'If you do follow accounts, the archive is incomplete: download a new one.',
    ]);
  });

  it('does not take a ZIP with unrelated scripts at its root for a 2018 archive', async () => {
    const site = rawZip([
      { name: 'index.html', data: '<html></html>' },
      { name: 'app.js', data: 'console.log(1)' },
    ]);
    expect((await failure(importXArchive(site, { name: 'site.zip' }))).message).toMatch(
      /^site\.zip is not an X archive/,
    );
  });
});
