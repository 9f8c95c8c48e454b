import { readFile } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { lookupEntry } from '../../src/ledger.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { importInstagram } from '../../src/importers/instagram.js';
import { DEFAULT_THRESHOLDS, type AccountReport } from '../../src/model.js';
import { DEMO_NOW } from '../../scripts/demo-persona.js';

/** The bundled demo export (2026 layout) as a new user audits it, without profiles. */
async function demoReport() {
  const imported = await importInstagram(await readFile('samples/demo-instagram.zip'), {
    name: 'demo-instagram.zip',
  });
  const report = runAudit(
    {
      imported,
      profiles: null,
      interests: null,
      keep: [],
      now: Date.parse(DEMO_NOW),
      thresholds: DEFAULT_THRESHOLDS,
    },
    { botScorer: defaultBotScorer() },
  );
  return Object.assign(report, { imported });
}

describe('the Instagram demo export', () => {
  it('judges the noise accounts by their handles, with honest reasons, and unfollows no one on that alone', async () => {
    const report = await demoReport();
    const account = (h: string) => report.accounts.find((a) => a.handle === h) as AccountReport;
    const expected: [string, string][] = [
      ['f4f_train_uk', 'the handle suggests a follow-for-follow account'],
      ['giveaway_queen22', 'the handle suggests a giveaway account'],
      ['sneakerdrops', 'the handle suggests an account selling things or announcing product drops'],
    ];
    for (const [handle, reason] of expected) {
      expect(account(handle).verdict).toBe('review');
      expect(account(handle).reasons).toContain(reason);
    }
    expect(report.summary.byVerdict.unfollow).toBe(0);
  });

  it('uses the 2026 files: topics for interests, stories for activity, a thread tied through a name pair', async () => {
    const report = await demoReport();
    const account = (h: string) => report.accounts.find((a) => a.handle === h) as AccountReport;
    expect(report.interests.note).toMatch(/^your Instagram topics and likes/);
    expect(report.interests.terms).toEqual(expect.arrayContaining(['opera', 'theatre']));
    // She viewed Glyndebourne's story ten days before the audit: it was active then.
    expect(account('glyndebourne').lastActiveAt).toBe(
      new Date(Date.parse(DEMO_NOW) - 11 * 86_400_000).toISOString(),
    );
    // Rebecca Holt's thread has no username in its folder: her liked posts pair the name with @operaglassbex.
    const rebecca = lookupEntry(report.imported.ledger, { handle: 'operaglassbex' });
    expect(rebecca?.kinds.dm?.count).toBe(2);
    expect(rebecca?.in.count).toBe(2);
    expect(report.summary.skippedChecks.join('\n')).toMatch(/browser companion/);
    expect(report.summary.skippedChecks.join('\n')).not.toMatch(/X API/);
    expect(report.warnings).toContain(
      'You unfollowed 1 account recently (@crypto_kingz_fx); Tend does not suggest it again.',
    );
    expect(report.warnings).toContain('1 account in your Instagram Favourites is kept whatever the signals.');
  });
});
