import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  formatSnapshot,
  joinProfiles,
  readProfileSnapshot,
  snapshotLine,
} from '../../src/importers/snapshot.js';
import type { SnapshotRecord } from '../../src/importers/snapshot.js';
import { importXArchive } from '../../src/importers/x-archive.js';
import { lookupEntry } from '../../src/ledger.js';
import type { ImportedExport, Profile } from '../../src/model.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { baseSpec, daysAgo, snowflakeAt } from '../fixtures/x-archive-spec.js';

const FETCHED = '2025-06-01T00:00:00.000Z';

const records: SnapshotRecord[] = [
  {
    id: '201',
    handle: 'alice',
    fetchedAt: FETCHED,
    user: { id: '201', username: 'alice', name: 'Alice', public_metrics: { followers_count: 10 } },
  },
  {
    id: '204',
    handle: 'Dave_Opera',
    fetchedAt: FETCHED,
    user: { id: '204', username: 'Dave_Opera', connection_status: ['following'] },
  },
  {
    id: '205',
    handle: 'gone_guy',
    fetchedAt: FETCHED,
    error: { kind: 'suspended', detail: 'User has been suspended: [205].' },
  },
];

async function file(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tend-snap-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('profile snapshots', () => {
  it('round-trips: profiles keyed by id and by @handle, gone accounts with their kind', async () => {
    const text = formatSnapshot(records, FETCHED);
    expect(text.split('\n')[0]).toBe(
      '{"tend":"profiles","version":1,"platform":"x","fetchedAt":"2025-06-01T00:00:00.000Z"}',
    );
    const snapshot = await readProfileSnapshot(await file('profiles.jsonl', text));
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.unreadable).toEqual([]);
    expect([...snapshot.profiles.keys()]).toEqual([
      '201',
      '@alice',
      '204',
      '@dave_opera',
      '205',
      '@gone_guy',
    ]);
    expect(snapshot.profiles.get('@alice')).toBe(snapshot.profiles.get('201'));
    expect(snapshot.profiles.get('201')).toMatchObject({
      id: '201',
      handle: 'alice',
      name: 'Alice',
      followersCount: 10,
    });
    expect(snapshot.profiles.get('204')?.followsOwner).toBe(false);
    expect(snapshot.profiles.get('205')).toEqual({
      id: '205',
      handle: 'gone_guy',
      gone: { kind: 'suspended', detail: 'User has been suspended: [205].' },
    });
  });

  it('reads a snapshot without a header, skips blank lines, and counts the lines it cannot read', async () => {
    const lines = [
      snapshotLine(records[0]!),
      '',
      '{"id": "301", "handle": "x", "fetchedAt": "2025-06-01T00:00:00Z", "user": {"id": "301", "username": "x"',
      '{"handle": "noid"}',
      '{"id": "302", "fetchedAt": "2025-06-01T00:00:00Z", "error": {"kind": "exploded", "detail": "?"}}',
      '{"id": "303", "fetchedAt": "2025-06-01T00:00:00Z", "note": "neither"}',
      'garbage',
    ];
    const snapshot = await readProfileSnapshot(await file('p.jsonl', `${lines.join('\r\n')}\r\n`));
    expect([...snapshot.profiles.keys()]).toEqual(['201', '@alice']);
    expect(snapshot.unreadable).toEqual([
      { file: 'p.jsonl', count: 2, reason: 'not valid JSON' },
      { file: 'p.jsonl', count: 1, reason: 'no account id' },
      { file: 'p.jsonl', count: 1, reason: 'unknown error kind "exploded"' },
      { file: 'p.jsonl', count: 1, reason: 'neither a user nor an error' },
    ]);
  });

  it('keeps the most recent fetch of an account listed twice, and warns about newer formats', async () => {
    const older = {
      ...records[0]!,
      fetchedAt: '2025-01-01T00:00:00.000Z',
      user: { id: '201', username: 'alice_old' },
    };
    const text = `{"tend":"profiles","version":2,"platform":"x","fetchedAt":"${FETCHED}"}\n${snapshotLine(records[0]!)}\n${snapshotLine(older)}\n`;
    const snapshot = await readProfileSnapshot(await file('twice.jsonl', text));
    expect(snapshot.profiles.get('201')?.handle).toBe('alice');
    expect(snapshot.profiles.has('@alice_old')).toBe(false);
    expect(snapshot.warnings).toEqual([
      'twice.jsonl was written by a newer version of Tend (format 2); some fields may be missed.',
    ]);
  });

  it('says when a snapshot holds no profiles, or does not exist', async () => {
    expect((await readProfileSnapshot(await file('empty.jsonl', ''))).warnings).toEqual([
      'empty.jsonl holds no profiles.',
    ]);
    await expect(readProfileSnapshot('/nonexistent/p.jsonl')).rejects.toThrow(
      'Cannot read /nonexistent/p.jsonl: there is no such file.',
    );
    // An upload's snapshot is named as the person named it: the path it was saved to stays on the server.
    await expect(readProfileSnapshot('/nonexistent/p.jsonl', 'my profiles.jsonl')).rejects.toThrow(
      /^Cannot read my profiles\.jsonl: there is no such file\.$/,
    );
  });
});

describe('joinProfiles', () => {
  async function archive(): Promise<ImportedExport> {
    const quote = {
      id: snowflakeAt(daysAgo(6).getTime()),
      createdAt: daysAgo(6),
      text: 'This.',
      quotedUrl: 'https://x.com/dave_opera/status/1790000000000000000',
    };
    return importXArchive(
      await buildXArchive(baseSpec({ following: ['201', '204', '205', '206'], tweets: [quote] })),
    );
  }

  it('attaches profiles by id, fills handles, and joins handle-only events to the id', async () => {
    const exp = await archive();
    const { profiles } = await readProfileSnapshot(await file('p.jsonl', formatSnapshot(records, FETCHED)));
    const { export: joined, matched } = joinProfiles(exp, profiles);
    expect(matched).toBe(3);
    expect(joined.following.map((a) => [a.key, a.handle, a.profile?.handle ?? null])).toEqual([
      ['201', 'alice', 'alice'],
      ['204', 'Dave_Opera', 'Dave_Opera'],
      ['205', 'gone_guy', 'gone_guy'],
      ['206', null, null],
    ]);
    expect(joined.following[2]!.profile?.gone?.kind).toBe('suspended');
    // The quote named @dave_opera only; the profile ties that handle to 204.
    expect(lookupEntry(joined.ledger, { id: '204' })?.kinds.quote?.count).toBe(1);
  });

  it('leaves the import it was given unchanged', async () => {
    const exp = await archive();
    const { profiles } = await readProfileSnapshot(await file('p.jsonl', formatSnapshot(records, FETCHED)));
    joinProfiles(exp, profiles);
    expect(exp.following.every((a) => a.profile === null)).toBe(true);
    expect(lookupEntry(exp.ledger, { id: '204' })).toBeNull();
    expect(exp.ledger.entries.has('@dave_opera')).toBe(true);
  });

  it('matches accounts known by handle only, and never a handle now held by another id', () => {
    const profile: Profile = { id: '777', handle: 'Fulano' };
    const profiles = new Map<string, Profile>([
      ['777', profile],
      ['@fulano', profile],
    ]);
    const exp = {
      following: [
        { key: '@fulano', id: null, handle: 'fulano', profile: null },
        { key: '888', id: '888', handle: 'fulano', profile: null },
      ],
      ledger: { entries: new Map(), aliases: new Map(), sources: [] },
    } as unknown as ImportedExport;
    const { export: joined, matched } = joinProfiles(exp, profiles);
    expect(matched).toBe(1);
    expect(joined.following[0]).toEqual({ key: '@fulano', id: '777', handle: 'fulano', profile });
    expect(joined.following[1]!.profile).toBeNull();
  });
});

describe('profile snapshots: corrupt lines and the header platform', () => {
  const line = (user: unknown) => JSON.stringify({ id: '1', handle: 'alice', fetchedAt: FETCHED, user });

  it('counts lines whose fields have the wrong types as unreadable instead of failing later', async () => {
    const lines = [
      line({ id: '1', username: 12345 }),
      line({ id: '1', username: 'alice', description: 5 }),
      line({ id: '1', username: 'alice', description: 'x', entities: { description: { urls: {} } } }),
      line({ id: '1', username: 'alice', profile_image_url: 7 }),
      line({ id: '1', username: 'alice', connection_status: 'followed_by' }),
      JSON.stringify({
        id: '2',
        handle: 'bob',
        fetchedAt: FETCHED,
        user: { id: '2', username: 'bob', description: 'fine' },
      }),
    ];
    const snapshot = await readProfileSnapshot(await file('bad.jsonl', `${lines.join('\n')}\n`));
    expect(snapshot.unreadable).toEqual([
      { file: 'bad.jsonl', count: 1, reason: 'user.username is not a string' },
      { file: 'bad.jsonl', count: 1, reason: 'user.description is not a string' },
      { file: 'bad.jsonl', count: 1, reason: 'user.entities.description.urls is not an array' },
      { file: 'bad.jsonl', count: 1, reason: 'user.profile_image_url is not a string' },
      { file: 'bad.jsonl', count: 1, reason: 'user.connection_status is not an array' },
    ]);
    expect([...snapshot.profiles.keys()]).toEqual(['2', '@bob']);
    expect(snapshot.profiles.get('2')).toMatchObject({ handle: 'bob', bio: 'fine' });
  });

  it('returns the platform its header names, or null without a header', async () => {
    expect(
      (await readProfileSnapshot(await file('x.jsonl', formatSnapshot(records, FETCHED)))).platform,
    ).toBe('x');
    expect(
      (await readProfileSnapshot(await file('ig.jsonl', formatSnapshot(records, FETCHED, 'instagram'))))
        .platform,
    ).toBe('instagram');
    expect(
      (await readProfileSnapshot(await file('bare.jsonl', `${snapshotLine(records[0]!)}\n`))).platform,
    ).toBeNull();
  });
});
