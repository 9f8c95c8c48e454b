import { describe, it, expect } from 'vitest';
import { importInstagram } from '../../src/importers/instagram.js';
import { lookupEntry } from '../../src/ledger.js';
import type { ImportedExport } from '../../src/model.js';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import type { InstagramSpec } from '../../scripts/lib/instagram-writer.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { rawZip } from '../fixtures/raw-zip.js';
import { baseSpec } from '../fixtures/x-archive-spec.js';
import { failure } from '../support/failure.js';

const at = (iso: string) => new Date(iso);
const OWNER_NAME = 'Ottilie Märsh';

function spec(options: InstagramSpec['options'] = {}, more: Partial<InstagramSpec> = {}): InstagramSpec {
  return {
    owner: { username: 'ottilie.m', name: OWNER_NAME, bio: 'Opéra & théâtre 🎭' },
    followers: ['Alice.Opera', 'bob', 'carol_1', 'dave'],
    following: [
      { username: 'alice.opera', at: at('2021-03-04T10:00:00Z') },
      { username: 'Bob', at: at('2022-05-06T10:00:00Z') },
      { username: 'carol_1', at: at('2023-01-02T10:00:00Z') },
      { username: 'troll', at: at('2023-01-03T10:00:00Z') },
    ],
    closeFriends: ['Carol_1'],
    pendingRequests: [{ username: '_sarah_', at: at('2025-01-05T09:00:00Z') }],
    blocked: ['troll'],
    restricted: ['meh.meh'],
    likes: [
      { owner: 'bob', at: at('2025-02-01T12:00:00Z') },
      { owner: 'troll', at: at('2025-02-02T12:00:00Z') },
    ],
    comments: [{ mediaOwner: 'carol_1', text: 'Brava! 😁 très bien', at: at('2025-03-01T20:00:00Z') }],
    threads: [
      {
        participants: [OWNER_NAME, 'alice.opera'],
        messages: [
          { sender: 'alice.opera', at: at('2025-04-01T10:00:00Z') },
          { sender: OWNER_NAME, at: at('2025-04-01T10:05:00Z') },
        ],
      },
      {
        participants: [OWNER_NAME, 'Robert Smith'],
        messages: [{ sender: 'Robert Smith', at: at('2025-04-02T10:00:00Z') }],
      },
    ],
    options,
    ...more,
  };
}

async function importSpec(s: InstagramSpec): Promise<ImportedExport> {
  return importInstagram(await buildInstagramExport(s), { name: 'instagram.zip' });
}

describe('importInstagram', () => {
  it('reads following with usernames and follow times, keyed by lowercased username', async () => {
    const exp = await importSpec(spec());
    expect(exp.platform).toBe('instagram');
    expect(exp.following).toEqual([
      {
        key: '@alice.opera',
        id: null,
        handle: 'alice.opera',
        followedAt: Date.parse('2021-03-04T10:00:00Z'),
        profile: null,
      },
      { key: '@bob', id: null, handle: 'Bob', followedAt: Date.parse('2022-05-06T10:00:00Z'), profile: null },
      {
        key: '@carol_1',
        id: null,
        handle: 'carol_1',
        followedAt: Date.parse('2023-01-02T10:00:00Z'),
        profile: null,
      },
      {
        key: '@troll',
        id: null,
        handle: 'troll',
        followedAt: Date.parse('2023-01-03T10:00:00Z'),
        profile: null,
      },
    ]);
  });

  it('compares usernames without case: followers, and an account listed twice', async () => {
    const exp = await importSpec(spec());
    expect(exp.followers?.handles).toEqual(new Set(['alice.opera', 'bob', 'carol_1', 'dave']));
    expect(exp.followers?.ids.size).toBe(0);
    const twice = await importSpec(spec({}, { following: ['Bob', 'bob', 'BOB'] }));
    expect(twice.following.map((a) => [a.key, a.handle])).toEqual([['@bob', 'Bob']]);
  });

  it('reads close friends, pending requests, blocked and restricted accounts', async () => {
    const exp = await importSpec(spec());
    expect(exp.keepCandidates).toEqual(['@carol_1']);
    expect(exp.pendingRequests).toEqual([{ handle: '_sarah_', at: Date.parse('2025-01-05T09:00:00Z') }]);
    expect(exp.blocked).toEqual(new Set(['troll']));
    expect(exp.muted).toEqual(new Set(['meh.meh']));
  });

  it('repairs Meta’s mojibake in names, texts and labels', async () => {
    const exp = await importSpec(spec());
    expect(exp.owner).toEqual({ id: null, handle: 'ottilie.m', name: OWNER_NAME });
    expect(exp.ownerTexts.bio).toBe('Opéra & théâtre 🎭');
    expect(exp.ownerTexts.posts).toEqual(['Brava! 😁 très bien']);
  });

  it('keeps text that was never mojibake as it is', async () => {
    const exp = await importSpec(spec({ mojibake: false }));
    expect(exp.ownerTexts.posts).toEqual(['Brava! 😁 très bien']);
    expect(exp.owner.name).toBe(OWNER_NAME);
  });

  it('turns likes and comments into outgoing events, ignoring blocked accounts', async () => {
    const exp = await importSpec(spec());
    expect(lookupEntry(exp.ledger, { handle: 'bob' })?.kinds).toEqual({
      like: { count: 1, last: Date.parse('2025-02-01T12:00:00Z') },
    });
    expect(lookupEntry(exp.ledger, { handle: 'carol_1' })?.kinds.comment).toEqual({
      count: 1,
      last: Date.parse('2025-03-01T20:00:00Z'),
    });
    expect(lookupEntry(exp.ledger, { handle: 'troll' })).toBeNull();
    expect(exp.ledger.sources).toEqual(['likes', 'comments', 'direct messages']);
  });

  it('ties a message thread to a followed account only when unambiguous, with one warning for the rest', async () => {
    const exp = await importSpec(spec());
    const alice = lookupEntry(exp.ledger, { handle: 'alice.opera' })!;
    expect(alice.in).toMatchObject({ count: 1, last: Date.parse('2025-04-01T10:00:00Z') });
    expect(alice.out).toMatchObject({ count: 1, last: Date.parse('2025-04-01T10:05:00Z') });
    expect(alice.kinds.dm?.count).toBe(2);
    expect(exp.warnings).toEqual([
      '1 of 2 message threads could not be tied to an account: Instagram gives display names only, and the export ' +
        'pairs none of these names with exactly one username, so their messages are left out of the interaction history.',
    ]);
  });

  it('uses the thread folder, named after the other person, when the display name says nothing', async () => {
    const threads = [
      {
        folder: 'bob_1234567',
        participants: [OWNER_NAME, 'Bobby B.'],
        messages: [{ sender: 'Bobby B.', at: at('2025-05-01T10:00:00Z') }],
      },
      // The display name fits one account and the folder another: ambiguous, so not tied.
      {
        folder: 'bob_7654321',
        participants: [OWNER_NAME, 'carol_1'],
        messages: [{ sender: 'carol_1', at: at('2025-05-02T10:00:00Z') }],
      },
    ];
    const exp = await importSpec(spec({}, { threads }));
    expect(lookupEntry(exp.ledger, { handle: 'bob' })?.kinds.dm).toEqual({
      count: 1,
      last: Date.parse('2025-05-01T10:00:00Z'),
    });
    expect(lookupEntry(exp.ledger, { handle: 'carol_1' })?.kinds.dm).toBeUndefined();
    expect(exp.warnings[0]).toMatch(/^1 of 2 message threads could not be tied/);
  });

  it('counts group messages per tied participant', async () => {
    const threads = [
      {
        participants: [OWNER_NAME, 'alice.opera', 'carol_1', 'Stranger'],
        messages: [
          { sender: 'alice.opera', at: at('2025-06-01T10:00:00Z') },
          { sender: 'Stranger', at: at('2025-06-01T10:01:00Z') },
          { sender: OWNER_NAME, at: at('2025-06-01T10:02:00Z') },
        ],
      },
      { participants: [OWNER_NAME, 'alice.opera'], messages: [] },
    ];
    const exp = await importSpec(spec({}, { threads }));
    expect(lookupEntry(exp.ledger, { handle: 'alice.opera' })?.kinds.group_dm?.count).toBe(2);
    expect(lookupEntry(exp.ledger, { handle: 'alice.opera' })?.in.count).toBe(1);
    expect(lookupEntry(exp.ledger, { handle: 'carol_1' })?.kinds.group_dm).toEqual({
      count: 1,
      last: Date.parse('2025-06-01T10:02:00Z'),
    });
    expect(exp.warnings).toEqual([]);
  });

  it('reads the old root layout, older wrappers and one-item lists as bare objects the same way', async () => {
    const modern = await importSpec(spec());
    const old = await importSpec(spec({ rootLayout: true, legacyLists: true, singleAsObject: true }));
    expect(old.following).toEqual(modern.following);
    expect(old.followers).toEqual(modern.followers);
    expect(old.keepCandidates).toEqual(modern.keepCandidates);
    expect(old.pendingRequests).toEqual(modern.pendingRequests);
    expect(old.blocked).toEqual(modern.blocked);
    expect(old.muted).toEqual(modern.muted);
    expect([...old.ledger.entries]).toEqual([...modern.ledger.entries]);
    expect(old.owner).toEqual(modern.owner);
  });

  it('reads every followers_N.json', async () => {
    const followers = Array.from({ length: 25 }, (_, i) => `fan_${i}`);
    const exp = await importSpec(spec({ followersPerFile: 10 }, { followers }));
    expect(exp.followers?.handles.size).toBe(25);
    expect(exp.followers?.handles.has('fan_24')).toBe(true);
  });

  it('understands localised labels, known or not', async () => {
    const french = {
      username: 'Nom d’utilisateur',
      comment: 'Commentaire',
      mediaOwner: 'Propriétaire du contenu multimédia',
      time: 'Heure',
      name: 'Nom',
    };
    const fr = await importSpec(spec({ labels: french }));
    expect(fr.pendingRequests).toEqual([{ handle: '_sarah_', at: Date.parse('2025-01-05T09:00:00Z') }]);
    expect(lookupEntry(fr.ledger, { handle: 'carol_1' })?.kinds.comment?.count).toBe(1);
    expect(fr.owner.handle).toBe('ottilie.m');

    const estonian = {
      username: 'Kasutajanimi',
      comment: 'Kommentaar',
      mediaOwner: 'Meedia omanik',
      time: 'Aeg',
    };
    const et = await importSpec(spec({ labels: estonian }));
    expect(et.pendingRequests.map((p) => p.handle)).toEqual(['_sarah_']);
    expect([...et.blocked]).toEqual(['troll']);
    // "Brava! 😁 très bien" cannot be a username, so the other value is the media owner.
    expect(lookupEntry(et.ledger, { handle: 'carol_1' })?.kinds.comment?.count).toBe(1);
    expect(et.ownerTexts.posts).toEqual(['Brava! 😁 très bien']);
  });

  it('counts entries with no username instead of dropping them silently', async () => {
    const followers = JSON.stringify([
      {
        title: '',
        string_list_data: [
          { href: 'https://www.instagram.com/fan_1', value: 'fan_1', timestamp: 1719878400 },
        ],
      },
      { title: '', string_list_data: [{ timestamp: 1719878400 }] },
    ]);
    const exp = await importSpec(
      spec({
        extraEntries: [{ name: 'connections/followers_and_following/followers_1.json', content: followers }],
      }),
    );
    expect(exp.followers?.handles).toEqual(new Set(['fan_1']));
    expect(exp.unreadable).toEqual([
      { file: 'connections/followers_and_following/followers_1.json', count: 1, reason: 'no username found' },
    ]);
    expect(exp.warnings).toContain(
      'connections/followers_and_following/followers_1.json: 1 unreadable (no username found), left out.',
    );
  });

  it('warns when followers look too few for an "All time" export', async () => {
    const following = Array.from({ length: 100 }, (_, i) => `followed_${i}`);
    const few = await importSpec(spec({}, { following, followers: ['a', 'b', 'c', 'd', 'e'], threads: [] }));
    expect(few.warnings).toEqual([
      'The export lists only 5 followers against 100 accounts you follow. If you chose a date range when requesting it, ' +
        'request it again choosing "All time" and JSON: otherwise most accounts will look like they do not follow you back.',
    ]);
    const enough = await importSpec(spec({}, { following, followers: following.slice(0, 30), threads: [] }));
    expect(enough.warnings).toEqual([]);
  });

  it('stops when following.json or a followers file cannot be read, naming it', async () => {
    const broken = '{"relationships_following": [{"title": "bob", "string_list_data": [';
    const error = await failure(
      importSpec(
        spec({
          extraEntries: [{ name: 'connections/followers_and_following/following.json', content: broken }],
        }),
      ),
    );
    expect(error.message).toMatch(
      /^connections\/followers_and_following\/following\.json could not be read: it is not valid JSON \(.+\) — the export may be truncated; download it again\.$/,
    );
    const followers = await failure(
      importSpec(
        spec({
          extraEntries: [{ name: 'connections/followers_and_following/followers_1.json', content: '[{' }],
        }),
      ),
    );
    expect(followers.message).toMatch(
      /^connections\/followers_and_following\/followers_1\.json could not be read/,
    );
  });

  it('goes on without an unreadable likes file, saying so', async () => {
    const exp = await importSpec(
      spec({
        extraEntries: [
          { name: 'your_instagram_activity/likes/liked_posts.json', content: '{"likes_media_likes": [' },
        ],
      }),
    );
    expect(exp.following).toHaveLength(4);
    expect(exp.unreadable).toEqual([
      { file: 'your_instagram_activity/likes/liked_posts.json', count: 1, reason: 'not valid JSON' },
    ]);
    const about = exp.warnings.filter((w) => w.includes('liked_posts.json'));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(
      /^your_instagram_activity\/likes\/liked_posts\.json could not be read: it is not valid JSON \(.+\); it is left out\.$/,
    );
    expect(lookupEntry(exp.ledger, { handle: 'bob' })).toBeNull();
  });

  it('says what it expected when the ZIP is not an Instagram JSON export', async () => {
    const html = rawZip([
      { name: 'connections/followers_and_following/following.html', data: '<html></html>' },
    ]);
    expect((await failure(importInstagram(html, { name: 'ig.zip' }))).message).toMatch(
      /^ig\.zip is an Instagram export in HTML format, which Tend cannot read\. .*choosing JSON and "All time"\.$/,
    );
    const x = await buildXArchive(baseSpec());
    expect((await failure(importInstagram(x, { name: 'twitter.zip' }))).message).toBe(
      'twitter.zip is an X archive, not an Instagram export: import it as an X archive.',
    );
    const other = rawZip([{ name: 'photo.jpg', data: 'x' }]);
    expect((await failure(importInstagram(other, { name: 'photos.zip' }))).message).toBe(
      "photos.zip is not an Instagram export: it has no following.json. Tend expects the ZIP from Instagram's " +
        '"Download your information", in JSON format, for "All time".',
    );
  });
});

describe('importInstagram: review fixes', () => {
  it('reads timestamps written in milliseconds as such, not as the year 56,000', async () => {
    const exp = await importSpec(spec({ timestampsInMs: true }));
    expect(exp.following[0]).toMatchObject({
      handle: 'alice.opera',
      followedAt: Date.parse('2021-03-04T10:00:00Z'),
    });
    expect(lookupEntry(exp.ledger, { handle: 'bob' })?.kinds.like).toEqual({
      count: 1,
      last: Date.parse('2025-02-01T12:00:00Z'),
    });
    expect(lookupEntry(exp.ledger, { handle: 'carol_1' })?.kinds.comment).toEqual({
      count: 1,
      last: Date.parse('2025-03-01T20:00:00Z'),
    });
    expect(exp.unreadable).toEqual([]);
  });

  it('leaves out implausible times: a follow keeps its account without the date, a like or comment is counted and left out', async () => {
    const future = at('2500-01-01T00:00:00Z');
    const exp = await importSpec(
      spec(
        {},
        {
          following: [
            { username: 'alice.opera', at: future },
            { username: 'Bob', at: at('2022-05-06T10:00:00Z') },
          ],
          likes: [{ owner: 'bob', at: future }],
          comments: [{ mediaOwner: 'carol_1', text: 'old', at: at('1990-01-01T00:00:00Z') }],
        },
      ),
    );
    expect(exp.following[0]).toMatchObject({ handle: 'alice.opera', followedAt: null });
    expect(exp.following[1]).toMatchObject({ handle: 'Bob', followedAt: Date.parse('2022-05-06T10:00:00Z') });
    expect(lookupEntry(exp.ledger, { handle: 'bob' })?.kinds.like).toBeUndefined();
    expect(lookupEntry(exp.ledger, { handle: 'carol_1' })?.kinds.comment).toBeUndefined();
    const reason = 'implausible time (before 2006 or after the export was made)';
    expect(exp.warnings).toEqual(
      expect.arrayContaining([
        'connections/followers_and_following/following.json: 1 time is implausible (before 2006 or after the export was made) ' +
          'and left out; the accounts are kept without a date.',
        `your_instagram_activity/likes/liked_posts.json: 1 unreadable (${reason}), left out.`,
        `your_instagram_activity/comments/post_comments_1.json: 1 unreadable (${reason}), left out.`,
      ]),
    );
  });

  it('warns about a comments file whose layout it does not recognise', async () => {
    const name = 'your_instagram_activity/comments/post_comments_1.json';
    const exp = await importSpec(spec({ extraEntries: [{ name, content: '"oops"' }] }));
    expect(exp.warnings).toContain(
      `${name} has a layout Tend does not recognise; its entries are left out. Please report it: Instagram may have changed it.`,
    );
    expect(exp.unreadable).toEqual([{ file: name, count: 1, reason: 'unrecognised layout' }]);
  });

  it('ties a lone thread to the username its folder names when the owner’s name is unknown', async () => {
    const when = at('2025-06-01T00:00:00Z');
    const exp = await importSpec({
      followers: ['fulano'],
      following: ['fulano', 'beltrano'],
      threads: [
        {
          folder: 'fulano_1234567890',
          participants: ['Fulano Silva', 'Me Myself'],
          messages: [
            { sender: 'Fulano Silva', at: when },
            { sender: 'Me Myself', at: when },
          ],
        },
      ],
    });
    const fulano = lookupEntry(exp.ledger, { handle: 'fulano' })!;
    expect(fulano.kinds.dm?.count).toBe(2);
    expect(fulano.in).toMatchObject({ count: 1 });
    expect(fulano.out).toMatchObject({ count: 1 });
    expect(exp.warnings.filter((w) => w.includes('message threads'))).toEqual([]);
  });

  it('matches inbox folders, which drop the punctuation of usernames', async () => {
    const threads = [
      {
        folder: 'aliceopera_1234567',
        participants: [OWNER_NAME, 'Alice'],
        messages: [{ sender: 'Alice', at: at('2025-05-01T10:00:00Z') }],
      },
    ];
    const exp = await importSpec(spec({}, { threads }));
    expect(lookupEntry(exp.ledger, { handle: 'alice.opera' })?.kinds.dm).toEqual({
      count: 1,
      last: Date.parse('2025-05-01T10:00:00Z'),
    });
    expect(exp.warnings.filter((w) => w.includes('message threads'))).toEqual([]);
  });
});
