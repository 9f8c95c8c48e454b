import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type AccountReport, type AuditReport } from '../../src/model.js';
import { buildInstagramCompanionDemo } from '../../scripts/demo-persona.js';
import { companionSnapshot } from '../../scripts/lib/instagram-writer.js';
import { runCli } from '../support/run-cli.js';

/**
 * The bundled Instagram demo with the snapshot her browser companion made, as README shows it:
 * `npm run audit -- samples/demo-instagram.zip samples/demo-instagram-profiles.jsonl --now 2026-11-20`.
 */
async function report(): Promise<AuditReport> {
  const { code, stdout, stderr } = await runCli([
    'samples/demo-instagram.zip',
    'samples/demo-instagram-profiles.jsonl',
    '--json',
    '--now',
    '2026-11-20',
  ]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as AuditReport;
}

describe('the Instagram demo with its companion snapshot', () => {
  it('is the snapshot demo:build writes', async () => {
    const { accounts, fetchedAt } = buildInstagramCompanionDemo();
    expect(await readFile('samples/demo-instagram-profiles.jsonl', 'utf8')).toBe(
      companionSnapshot(accounts, fetchedAt),
    );
  });

  it('shows every category on Instagram, each with its reason', async () => {
    const r = await report();
    for (const category of CATEGORIES) expect(r.summary.byCategory[category], category).toBeGreaterThan(0);
    const account = (h: string) => r.accounts.find((a) => a.handle === h) as AccountReport;
    expect(account('f4f_train_uk')).toMatchObject({ verdict: 'unfollow' });
    expect(account('f4f_train_uk').reasons.join('\n')).toMatch(
      /bot score 0\.\d\d: a mass follower \(follows 7,400\)/,
    );
    expect(account('celebgossip_hq').categories).toContain('gone');
    expect(account('stagedoorstella').reasons).toContain('no post or story since 2025-09-16');
    expect(account('arias_and_ale').duplicateOf).toBe('@operaglassbex');
    expect(account('gymgainsdaily').categories).toContain('off_topic');
    const bard = account('balconybard');
    expect(bard.categories).not.toContain('gone');
    expect(bard.reasons).toContain('renamed to @balcony.bard');
    // Her private friend's posts cannot be dated: never dormant for it.
    expect(account('tomwritesstage').categories).not.toContain('dormant');
    // Close friends and her Favourite were not looked up, and are kept.
    expect(account('operaglassbex').verdict).toBe('keep');
    for (const a of r.accounts) expect(a.evidence, a.handle ?? '').toMatch(/export|companion|handle/);
    expect(r.summary.skippedChecks.join('\n')).not.toMatch(/no profiles for all/);
  });
});
