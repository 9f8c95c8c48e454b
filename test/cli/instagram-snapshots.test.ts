import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model.js';
import { companionSnapshot } from '../../scripts/lib/instagram-writer.js';
import { runCli } from '../support/run-cli.js';

/**
 * Several companion snapshots beside one export (the browser lets go of downloaded lookups, so a long
 * following takes a few): the later fetch of an account wins, in whatever order the files are given.
 */
describe('several Instagram snapshots', () => {
  it('judge each account by its latest fetch, whatever the order of the files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-ig-snapshots-'));
    const older = join(dir, 'older.jsonl');
    const newer = join(dir, 'newer.jsonl');
    const posts = [{ at: new Date('2026-11-10T00:00:00Z'), caption: 'Opera tonight in London' }];
    await writeFile(
      older,
      companionSnapshot(
        [
          {
            username: 'celebgossip_hq',
            pk: '77',
            bio: 'Opera gossip from London',
            followers: 90,
            following: 80,
            posts,
          },
        ],
        new Date('2026-11-01T00:00:00Z'),
      ),
    );
    await writeFile(
      newer,
      companionSnapshot(
        [{ username: 'celebgossip_hq', pk: '77', missing: true }],
        new Date('2026-11-15T00:00:00Z'),
      ),
    );
    const audit = async (files: string[]) => {
      const { code, stdout, stderr } = await runCli([
        'samples/demo-instagram.zip',
        ...files,
        '--json',
        '--now',
        '2026-11-20',
      ]);
      expect(code, stderr).toBe(0);
      return (JSON.parse(stdout) as AuditReport).accounts.find((a) => a.handle === 'celebgossip_hq')!;
    };
    for (const files of [
      [older, newer],
      [newer, older],
    ]) {
      const account = await audit(files);
      expect(account.categories, files.join(' ')).toContain('gone');
    }
  });

  it('never lets an account seen only in a later following list undo its earlier lookup', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-ig-snapshots-'));
    const looked = join(dir, 'looked.jsonl');
    const listed = join(dir, 'listed.jsonl');
    await writeFile(
      looked,
      companionSnapshot(
        [
          {
            username: 'celebgossip_hq',
            pk: '77',
            bio: 'Celebrity gossip daily',
            followers: 90,
            following: 80,
          },
        ],
        new Date('2026-11-01T00:00:00Z'),
      ),
    );
    // The next download re-read the following list, and the browser had let go of the lookup.
    await writeFile(
      listed,
      companionSnapshot(
        [{ username: 'celebgossip_hq', pk: '77', lookup: false }],
        new Date('2026-11-15T00:00:00Z'),
      ),
    );
    for (const files of [
      [looked, listed],
      [listed, looked],
    ]) {
      const { code, stdout, stderr } = await runCli([
        'samples/demo-instagram.zip',
        ...files,
        '--json',
        '--now',
        '2026-11-20',
      ]);
      expect(code, stderr).toBe(0);
      const report = JSON.parse(stdout) as AuditReport;
      const account = report.accounts.find((a) => a.handle === 'celebgossip_hq')!;
      expect(account.botScore, files.join(' ')).not.toBeNull();
    }
  });
});
