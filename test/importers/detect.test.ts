import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { detectKind } from '../../src/importers/detect.js';
import { formatSnapshot, snapshotLine } from '../../src/importers/snapshot.js';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { rawZip } from '../fixtures/raw-zip.js';
import { baseSpec } from '../fixtures/x-archive-spec.js';

async function file(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tend-detect-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const record = { id: '1', handle: 'a', fetchedAt: '2025-01-01T00:00:00Z', user: { id: '1', username: 'a' } };

describe('detectKind', () => {
  it('tells exports and snapshots apart by content, whatever their names', async () => {
    expect(await detectKind(await file('export.bin', await buildXArchive(baseSpec())))).toBe('x-archive');
    expect(
      await detectKind(
        await file('twitter.zip', await buildInstagramExport({ followers: ['a'], following: ['b'] })),
      ),
    ).toBe('instagram');
    expect(
      await detectKind(await file('profiles.zip', formatSnapshot([record], '2025-01-01T00:00:00Z'))),
    ).toBe('profile-snapshot');
    expect(await detectKind(await file('p.txt', `${snapshotLine(record)}\n`))).toBe('profile-snapshot');
  });

  it('says what a file is not', async () => {
    await expect(detectKind(await file('notes.txt', 'hello\nworld'))).rejects.toThrow(
      'notes.txt is not an X archive, an Instagram export or a Tend profile snapshot.',
    );
    await expect(detectKind(await file('data.json', '{"some": "json"}\n'))).rejects.toThrow(
      /^data\.json is not an X archive/,
    );
    await expect(detectKind(await file('empty', ''))).rejects.toThrow(/^empty is not an X archive/);
    await expect(
      detectKind(await file('photos.zip', rawZip([{ name: 'a.jpg', data: 'x' }]))),
    ).rejects.toThrow(
      'photos.zip is a ZIP, but neither an X archive (it would hold data/manifest.js and data/following.js, ' +
        'or following.js at its root in archives from 2018) ' +
        'nor an Instagram export (it would hold following.json and followers_1.json).',
    );
  });

  it('recognises X archives in the 2018 layout, at the root or zipped again as their folder', async () => {
    expect(
      await detectKind(
        await file('twitter-2018.zip', await buildXArchive(baseSpec({ options: { layout: '2018' } }))),
      ),
    ).toBe('x-archive');
    const nested = await buildXArchive(
      baseSpec({ options: { layout: '2018', rootFolder: 'twitter-2018-08-20' } }),
    );
    expect(await detectKind(await file('again.zip', nested))).toBe('x-archive');
  });

  it('says what a tweets-only X archive from before 2018 is and what it lacks', async () => {
    const old = await buildXArchive(baseSpec({ options: { layout: '2016' } }));
    await expect(detectKind(await file('tweets-2016.zip', old))).rejects.toThrow(
      'tweets-2016.zip is an X archive from before 2018: it has your posts (tweets.csv) but no following list, so there is nothing to audit.',
    );
  });

  it('reports a truncated ZIP rather than guessing', async () => {
    const whole = await buildXArchive(baseSpec());
    await expect(detectKind(await file('cut.zip', whole.subarray(0, 200)))).rejects.toThrow(
      /^cut\.zip is incomplete/,
    );
  });

  it('applies the caps it is given, naming the setting for the entry count', async () => {
    const path = await file('archive.zip', await buildXArchive(baseSpec()));
    const limits = { maxEntries: 3, maxUncompressedBytes: 1024 ** 2 };
    await expect(detectKind(path, limits)).rejects.toThrow(
      /^archive\.zip holds \d+ entries \(files and folders\), more than the 3 Tend accepts in one export \(setting TEND_MAX_ZIP_ENTRIES\)\.$/,
    );
    expect(await detectKind(path, { ...limits, maxEntries: 1000 })).toBe('x-archive');
  });

  it('recognises an X archive unzipped and zipped again as its folder, and only that', async () => {
    const nested = await buildXArchive(baseSpec({ options: { rootFolder: 'twitter-2025-06-01-abc' } }));
    expect(await detectKind(await file('again.zip', nested))).toBe('x-archive');
    const twoFolders = rawZip([
      { name: 'twitter-2025-06-01-abc/data/manifest.js', data: 'window.__THAR_CONFIG = {}' },
      { name: 'holiday/photo.jpg', data: 'x' },
    ]);
    await expect(detectKind(await file('two.zip', twoFolders))).rejects.toThrow(
      /^two\.zip is a ZIP, but neither an X archive/,
    );
  });
});
