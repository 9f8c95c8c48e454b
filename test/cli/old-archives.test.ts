import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from '../../src/model.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import type { XArchiveSpec } from '../../scripts/lib/x-archive-writer.js';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import { runCli } from '../support/run-cli.js';

async function tempFile(name: string, content: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tend-old-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const OWNER = '2900000001';
const HOUR = 3_600_000;
const FIRST_DM = Date.parse('2018-08-13T05:36:07.670Z');

/** A 2018 archive: 20 followed accounts, 16 of them DM partners (two messages each, the last one the owner's). */
function archive2018(): XArchiveSpec {
  const following = Array.from({ length: 20 }, (_, i) => String(3100 + i));
  return {
    account: { accountId: OWNER, username: 'wren_sings', displayName: 'Wren' },
    generationDate: '2018-08-20T10:00:00.000Z',
    following,
    followers: following.slice(0, 10),
    tweets: [],
    likes: [],
    dms: following.slice(0, 16).map((id, i) => ({
      conversationId: `${id}-${OWNER}`,
      messages: [
        {
          id: `7${i}01`,
          senderId: id,
          recipientId: OWNER,
          text: 'hi',
          createdAt: new Date(FIRST_DM - i * 24 * HOUR),
        },
        {
          id: `7${i}02`,
          senderId: OWNER,
          recipientId: id,
          text: 'hello',
          createdAt: new Date(FIRST_DM - i * 24 * HOUR + HOUR),
        },
      ],
    })),
    options: { layout: '2018' },
  };
}

async function auditJson(path: string, ...flags: string[]): Promise<AuditReport> {
  const { code, stdout, stderr } = await runCli([path, '--json', ...flags]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as AuditReport;
}

describe('X archives from 2018', () => {
  it('audits every followed account, giving DM partners the time of their last message', async () => {
    const spec = archive2018();
    const report = await auditJson(
      await tempFile('twitter-2018-08-20.zip', await buildXArchive(spec)),
      '--now',
      '2018-09-01',
    );
    expect(report.accounts.map((a) => a.id).sort()).toEqual([...spec.following].sort());
    expect(report.summary.following).toBe(20);
    expect(report.summary.followers).toBe(10);
    for (const [i, id] of spec.following.slice(0, 16).entries()) {
      const account = report.accounts.find((a) => a.id === id)!;
      expect(account.lastInteractionAt).toBe(new Date(FIRST_DM - i * 24 * HOUR + HOUR).toISOString());
      expect(account.categories).not.toContain('low_interaction');
    }
    for (const id of spec.following.slice(16)) {
      const account = report.accounts.find((a) => a.id === id)!;
      expect(account.lastInteractionAt).toBeNull();
      expect(account.reasons.join('\n')).toMatch(/none on record/);
    }
    expect(report.warnings.join('\n')).not.toMatch(/unreadable/);
    expect(report.warnings).toContain(
      "This archive is in X's 2018 layout, which does not say when it was made; the newest post, like or message in it is from 2018-08-13. " +
        'Anything since is not in it: for an audit as of today, download a new archive from X.',
    );
  });
});

describe('accurate refusals and counts', () => {
  it('refuses a tweets-only archive from before 2018, saying what it is and what is missing', async () => {
    const spec: XArchiveSpec = {
      ...archive2018(),
      tweets: [{ id: '690000000000000001', createdAt: new Date('2016-01-05T12:00:00Z'), text: 'Hello 2016' }],
      options: { layout: '2016' },
    };
    const { code, stdout, stderr } = await runCli([
      await tempFile('twitter-2016.zip', await buildXArchive(spec)),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(
      'twitter-2016.zip is an X archive from before 2018: it has your posts (tweets.csv) but no following list, so there is nothing to audit. Download a new archive from X',
    );
  });

  it('warns that an archive whose following list is empty lists no followed accounts', async () => {
    const report = await auditJson(
      await tempFile('empty.zip', await buildXArchive({ ...archive2018(), following: [] })),
      '--now',
      '2018-09-01',
    );
    expect(report.accounts).toEqual([]);
    expect(report.warnings).toContain(
      'The archive lists no accounts you follow (following.js has none Tend can read), so there is no one to audit. If you do follow accounts, the archive is incomplete: download a new one.',
    );
  });

  it('warns the same for an Instagram export whose following list is empty', async () => {
    const report = await auditJson(
      await tempFile('instagram.zip', await buildInstagramExport({ followers: ['fulano'], following: [] })),
    );
    expect(report.accounts).toEqual([]);
    expect(report.warnings).toContain(
      'The export lists no accounts you follow (following.json has none Tend can read), so there is no one to audit. ' +
        'If you do follow accounts, request the export again choosing "All time" and JSON.',
    );
  });

  it('counts only the close friends the person follows', async () => {
    const friends = Array.from({ length: 34 }, (_, i) => `friend_${i}`);
    const exported = await buildInstagramExport({
      followers: friends,
      following: [...friends, 'a_stranger_not', 'the_opera_house'],
      closeFriends: [...friends, 'not_followed_friend'],
    });
    const report = await auditJson(await tempFile('instagram.zip', exported));
    expect(report.warnings).toContain(
      '34 close friends from your Instagram export are kept whatever the signals.',
    );
    expect(
      report.accounts.filter((a) => a.handle?.startsWith('friend_')).every((a) => a.verdict === 'keep'),
    ).toBe(true);
  });
});
