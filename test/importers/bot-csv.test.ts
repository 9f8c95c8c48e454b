import { fileURLToPath } from 'node:url';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  labelledProfileFromRecord,
  readLabelledProfiles,
  type LabelledProfile,
} from '../../src/importers/bot-csv.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/bot-profiles.csv', import.meta.url));
const FALLBACK = Date.parse('2026-01-01T00:00:00Z');

async function readAll(path: string): Promise<LabelledProfile[]> {
  const out: LabelledProfile[] = [];
  for await (const p of readLabelledProfiles(path, FALLBACK)) out.push(p);
  return out;
}

describe('labelled profile CSV', () => {
  it('maps the v1.1 columns onto the profile an X API v2 user becomes', async () => {
    const [ottilie, farm] = await readAll(FIXTURE);
    expect(ottilie).toMatchObject({
      id: '1000000000000000001',
      label: 0,
      source: 'hand-made',
      profile: {
        handle: 'ottilie_sings',
        location: 'London, England',
        defaultAvatar: false,
        followersCount: 830,
        followingCount: 612,
        postCount: 4210,
        likeCount: 5120,
      },
    });
    expect(ottilie!.profile.bio).toBe(
      'Soprano. Opera, recitals and far too much tea.\nLondon-based; views my own.',
    );
    expect(ottilie!.profile.createdAt).toBe(Date.parse('2012-03-04T10:00:00Z'));
    expect(farm).toMatchObject({
      label: 1,
      profile: { defaultAvatar: true, location: null, bio: '', likeCount: 0 },
    });
  });

  it('dates each profile by when it was collected: created_at plus account_age_days', async () => {
    const [ottilie] = await readAll(FIXTURE);
    expect(new Date(ottilie!.collectedAt).toISOString()).toBe('2020-08-18T10:00:00.000Z');
  });

  it('reads a file without label, source or age columns, falling back on the given time', () => {
    const p = labelledProfileFromRecord(
      {
        id: '7',
        screen_name: 'jane',
        followers_count: '10',
        profile_image_url: 'https://abs.twimg.com/sticky/default_profile_images/x.png',
      },
      FALLBACK,
    );
    expect(p).toMatchObject({
      id: '7',
      label: null,
      source: null,
      collectedAt: FALLBACK,
      profile: { handle: 'jane', defaultAvatar: true, followersCount: 10, postCount: null, bio: null },
    });
  });

  it('treats unreadable numbers as unknown, not zero', () => {
    const p = labelledProfileFromRecord(
      { id: '7', screen_name: 'jane', statuses_count: 'n/a', friends_count: '-3' },
      FALLBACK,
    );
    expect(p.profile.postCount).toBeNull();
    expect(p.profile.followingCount).toBeNull();
  });

  it('names the file and the missing column when the header is not this layout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-csv-'));
    const path = join(dir, 'wrong.csv');
    await writeFile(path, 'user,score\nalice,1\n');
    await expect(readAll(path)).rejects.toThrow(`${path}: no id, screen_name column in the header`);
  });
});
