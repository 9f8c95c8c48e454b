import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/importers/detect.js';
import { readProfileSnapshot } from '../../src/importers/snapshot.js';

/** The Instagram lines of a profile snapshot, as the companion writes them (docs/FORMATS.md). */
async function snapshotFile(lines: unknown[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tend-ig-snapshot-'));
  const path = join(dir, 'profiles.jsonl');
  await writeFile(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const HEADER = { tend: 'profiles', version: 1, platform: 'instagram', fetchedAt: '2026-11-19T10:00:00.000Z' };
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;

describe('Instagram profile snapshots', () => {
  it('are recognised by their content, with or without the header', async () => {
    const line = { username: 'mira', pk: '1', fetched_at: at(19), from: 'following', fields: {} };
    expect(await detectKind(await snapshotFile([HEADER, line]))).toBe('profile-snapshot');
    expect(await detectKind(await snapshotFile([line]))).toBe('profile-snapshot');
    expect((await readProfileSnapshot(await snapshotFile([line]))).platform).toBe('instagram');
  });

  it('reads a lookup into a profile: counts, bio, link, category, the latest unpinned post or story, captions', async () => {
    const path = await snapshotFile([
      HEADER,
      {
        username: 'mira',
        pk: '101',
        fetched_at: at(19),
        from: 'following',
        fields: { full_name: 'Mira', has_anonymous_profile_picture: false, latest_reel_media: 1_700_000_000 },
      },
      {
        username: 'mira',
        pk: '101',
        fetched_at: at(19),
        from: 'profile',
        fields: {
          full_name: 'Mira K',
          biography: 'Soprano',
          bio_links: ['https://mira.example'],
          follower_count: 800,
          following_count: 400,
          media_count: 3,
          is_private: false,
          category_name: 'Musician/band',
          posts: [
            { taken_at: 1_790_000_000, caption: 'pinned', pinned: true },
            { taken_at: 1_760_000_000, caption: 'Tosca', pinned: false },
          ],
        },
      },
    ]);
    const mira = (await readProfileSnapshot(path)).profiles.get('@mira')!;
    expect(mira).toMatchObject({
      id: '101',
      name: 'Mira K',
      bio: 'Soprano',
      url: 'https://mira.example',
      followersCount: 800,
      followingCount: 400,
      postCount: 3,
      defaultAvatar: false,
      category: 'Musician/band',
      lastPostAt: 1_760_000_000_000,
      lastStoryAt: 1_700_000_000_000,
      recentPosts: ['pinned', 'Tosca'],
      platform: 'instagram',
    });
  });

  it('lets the latest fetch win: a lookup after a "not found" brings the account back, and the other way round', async () => {
    const lookup = (day: number) => ({
      username: 'x',
      pk: '7',
      fetched_at: at(day),
      from: 'profile',
      fields: { biography: 'hi' },
    });
    const missing = (day: number) => ({ username: 'x', pk: '7', fetched_at: at(day), not_found: true });
    const back = await readProfileSnapshot(await snapshotFile([missing(10), lookup(12)]));
    expect(back.profiles.get('@x')?.gone).toBeFalsy();
    const gone = await readProfileSnapshot(await snapshotFile([lookup(10), missing(12)]));
    expect(gone.profiles.get('@x')?.gone?.kind).toBe('not_found');
  });

  it('counts and names the lines it cannot read, and reads the rest', async () => {
    const path = await snapshotFile([
      HEADER,
      { username: 'not a username!', pk: '1', fetched_at: at(19), from: 'profile', fields: {} },
      { username: 'nodate', pk: '2', from: 'profile', fields: {} },
      { username: 'what', pk: '3', fetched_at: at(19), from: 'elsewhere', fields: {} },
      { username: 'nofields', pk: '4', fetched_at: at(19), from: 'profile' },
      'not json',
      { username: 'fine', pk: '5', fetched_at: at(19), from: 'profile', fields: { biography: 'ok' } },
    ]);
    const snapshot = await readProfileSnapshot(path);
    expect(snapshot.profiles.get('@fine')).toMatchObject({ id: '5', bio: 'ok' });
    expect(snapshot.unreadable.map((u) => u.reason).sort()).toEqual([
      'neither fields nor not_found',
      'no Instagram username',
      'no fetch time',
      'not valid JSON',
      'unknown source "elsewhere"',
    ]);
  });
});
