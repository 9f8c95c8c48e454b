import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { importXArchive } from '../../src/importers/x-archive.js';
import { openZip } from '../../src/importers/zip.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { rawZip } from '../fixtures/raw-zip.js';
import { baseSpec, OWNER_ID } from '../fixtures/x-archive-spec.js';
import { failure } from '../support/failure.js';

const ytd = (type: string, key: string, ids: string[]): string =>
  `window.YTD.${type}.part0 = [ ${ids.map((id) => JSON.stringify({ [key]: { accountId: id } })).join(', ')} ]`;

/** The smallest archive the importer accepts, as hand-made entries, plus any others. */
function minimalArchive(...more: Parameters<typeof rawZip>[0]): Buffer {
  return rawZip([
    {
      name: 'data/account.js',
      data: `window.YTD.account.part0 = [ {"account": {"accountId": "${OWNER_ID}", "username": "ottilie", "accountDisplayName": "O"}} ]`,
    },
    { name: 'data/following.js', data: ytd('following', 'following', ['201', '202']) },
    { name: 'data/follower.js', data: ytd('follower', 'follower', ['201']) },
    ...more,
  ]);
}

describe('the ZIP reader', () => {
  it('reads a hand-made archive, and only the entries picked', async () => {
    const zip = await openZip(minimalArchive({ name: 'data/tweets_media/1.jpg', data: 'jpeg' }), {
      pick: (name) => name.endsWith('.js'),
    });
    try {
      expect(zip.names).toEqual(['data/account.js', 'data/following.js', 'data/follower.js']);
      expect(await zip.readText('data/follower.js', 1000)).toContain('"accountId":"201"');
    } finally {
      zip.close();
    }
    const imported = await importXArchive(minimalArchive());
    expect(imported.following.map((a) => a.id)).toEqual(['201', '202']);
  });

  it('never inflates media: a corrupt media entry does not matter', async () => {
    const corrupt = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]);
    const imported = await importXArchive(
      minimalArchive({ name: 'data/tweets_media/1-a.jpg', data: 'x'.repeat(100), rawBody: corrupt }),
    );
    expect(imported.following).toHaveLength(2);
  });

  it('says an entry is damaged when its compressed data is corrupt', async () => {
    const corrupt = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]);
    const error = await failure(
      importXArchive(minimalArchive({ name: 'data/tweets.js', data: 'x'.repeat(100), rawBody: corrupt }), {
        name: 'upload.zip',
      }),
    );
    expect(error.message).toMatch(
      /^upload\.zip is damaged or incomplete \(data\/tweets\.js: .+\)\. Download it again/,
    );
  });

  it('says an entry is damaged when it unpacks to less than it declares', async () => {
    const short = minimalArchive({
      name: 'data/tweets.js',
      data: 'window.YTD.tweets.part0 = []',
      declaredSize: 1000,
    });
    const error = await failure(importXArchive(short, { name: 'short.zip' }));
    expect(error.message).toBe(
      'short.zip is damaged or incomplete (data/tweets.js ends after 28 of its 1000 bytes). Download it again and retry.',
    );
  });

  it('rejects a file that is not a ZIP, naming it', async () => {
    const error = await failure(
      importXArchive(Buffer.from('just some text, not an archive'), { name: 'notes.zip' }),
    );
    expect(error.message).toBe(
      'notes.zip is not a ZIP file. Tend reads the ZIP as the platform sent it, unopened.',
    );
  });

  it('rejects a truncated ZIP, saying it was cut short', async () => {
    const whole = await buildXArchive(baseSpec());
    const error = await failure(
      importXArchive(whole.subarray(0, Math.floor(whole.length / 2)), { name: 'twitter-2025.zip' }),
    );
    expect(error.message).toMatch(/^twitter-2025\.zip is incomplete: .*cut short while downloading/);
  });

  it('stops a zip bomb whose entry inflates past its declared size', async () => {
    const bomb = `window.YTD.tweets.part0 = [${' '.repeat(5 * 1024 * 1024)}]`;
    const error = await failure(
      importXArchive(minimalArchive({ name: 'data/tweets.js', data: bomb, declaredSize: 100 }), {
        name: 'bomb.zip',
      }),
    );
    expect(error.message).toBe(
      'bomb.zip looks like a zip bomb: data/tweets.js unpacks to more than the 100 bytes it declares. Tend stopped reading it.',
    );
  });

  it('refuses entries whose declared sizes exceed the cap, before inflating them', async () => {
    const huge = minimalArchive({
      name: 'data/tweets.js',
      data: 'window.YTD.tweets.part0 = []',
      declaredSize: 0xfffffff0,
    });
    const error = await failure(importXArchive(huge, { name: 'huge.zip' }));
    expect(error.message).toMatch(
      /^huge\.zip is too large to read safely: its data files unpack to more than 2048 MB \(data\/tweets\.js alone declares 4096 MB\)/,
    );

    const limits = { maxEntries: 100, maxUncompressedBytes: 150 };
    const small = await failure(importXArchive(minimalArchive(), { limits, name: 'a.zip' }));
    expect(small.message).toMatch(/^a\.zip is too large to read safely/);
  });

  it('refuses an archive with more entries than the cap', async () => {
    const error = await failure(
      importXArchive(minimalArchive(), {
        limits: { maxEntries: 2, maxUncompressedBytes: 1e9 },
        name: 'many.zip',
      }),
    );
    expect(error.message).toBe(
      'many.zip holds 3 entries (files and folders), more than the 2 Tend accepts in one export (setting TEND_MAX_ZIP_ENTRIES).',
    );
  });

  it('refuses an encrypted entry, saying so', async () => {
    const encrypted = rawZip([{ name: 'data/manifest.js', data: 'window.__THAR_CONFIG = {}', flags: 0x1 }]);
    const error = await failure(importXArchive(encrypted, { name: 'locked.zip' }));
    expect(error.message).toMatch(/^data\/manifest\.js in locked\.zip is encrypted \(password-protected\)/);
  });

  it('refuses a compression method it cannot read', async () => {
    const error = await failure(
      importXArchive(
        minimalArchive({ name: 'data/like.js', data: 'zz', method: 12, rawBody: Buffer.from('zz') }),
        { name: 'b.zip' },
      ),
    );
    expect(error.message).toMatch(
      /^b\.zip uses a compression method Tend cannot read \(method 12\) for data\/like\.js/,
    );
  });

  it('names a missing file by its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-zip-'));
    const error = await failure(importXArchive(join(dir, 'nope.zip')));
    expect(error.message).toBe(`Cannot open ${join(dir, 'nope.zip')}: there is no such file.`);
    await writeFile(join(dir, 'text.zip'), 'hello');
    expect((await failure(importXArchive(join(dir, 'text.zip')))).message).toMatch(
      /^text\.zip is not a ZIP file/,
    );
  });
});
