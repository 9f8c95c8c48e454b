import { describe, it, expect, beforeAll } from 'vitest';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CATEGORIES, VERDICTS, type AuditReport } from '../../src/model.js';
import { runCli, spawnCli } from '../support/run-cli.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe('the demo audit (npm run demo)', () => {
  let report: AuditReport;
  let stderr: string;

  beforeAll(async () => {
    const result = await spawnCli(['--demo', '--json']);
    expect(result.code, result.stderr).toBe(0);
    stderr = result.stderr;
    report = JSON.parse(result.stdout) as AuditReport;
  });

  it('prints only JSON on stdout and nothing on stderr', () => {
    expect(stderr).toBe('');
    expect(report.platform).toBe('x');
  });

  it('follows the JSON contract', () => {
    expect(report.owner).toEqual({ id: expect.any(String), handle: 'ottilie_at_the_opera' });
    expect(report.accounts.length).toBe(report.summary.following);
    for (const account of report.accounts) {
      expect(account.id === null || typeof account.id === 'string').toBe(true);
      expect(account.handle === null || !account.handle.startsWith('@')).toBe(true);
      expect(account.categories.every((c) => (CATEGORIES as readonly string[]).includes(c))).toBe(true);
      expect(account.reasons.length).toBeGreaterThanOrEqual(account.categories.length);
      expect(VERDICTS).toContain(account.verdict);
      expect(account.botScore === null || (account.botScore >= 0 && account.botScore <= 1)).toBe(true);
      expect(account.lastActiveAt === null || ISO.test(account.lastActiveAt)).toBe(true);
      expect(account.lastInteractionAt === null || ISO.test(account.lastInteractionAt)).toBe(true);
    }
    expect(Object.keys(report.summary.byCategory).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(report.summary.byVerdict).sort()).toEqual([...VERDICTS].sort());
    expect(Array.isArray(report.summary.skippedChecks)).toBe(true);
    expect(Array.isArray(report.warnings)).toBe(true);
    expect(typeof report.summary.followers).toBe('number');
  });

  it('shows every category and every verdict', () => {
    for (const category of CATEGORIES)
      expect(report.summary.byCategory[category], category).toBeGreaterThan(0);
    for (const verdict of VERDICTS) expect(report.summary.byVerdict[verdict], verdict).toBeGreaterThan(0);
  });

  it('counts in the summary agree with the accounts listed', () => {
    for (const category of CATEGORIES) {
      expect(report.summary.byCategory[category]).toBe(
        report.accounts.filter((a) => a.categories.includes(category)).length,
      );
    }
    for (const verdict of VERDICTS) {
      expect(report.summary.byVerdict[verdict]).toBe(
        report.accounts.filter((a) => a.verdict === verdict).length,
      );
    }
  });

  it('infers her interests from her own posts', () => {
    expect(report.interests.source).toBe('inferred');
    expect(report.interests.terms.join(' ')).toMatch(/opera/);
    expect(report.interests.terms.join(' ')).toMatch(/theat/);
  });

  it('infers topics, not how she writes, and does not take car reviews or a gym for her interests', () => {
    expect(report.interests.terms).not.toContain('review');
    expect(report.interests.terms).not.toContain('blogging');
    expect(report.interests.note).toMatch(/left out as how you write rather than what about: .*review/);
    for (const handle of ['carreviews_uk', 'gymgainsdaily']) {
      const account = report.accounts.find((a) => a.handle === handle);
      expect(account?.categories).toContain('off_topic');
      expect(account?.verdict).toBe('unfollow');
    }
  });

  it('keeps the bot on her keep list, still saying it is a bot', () => {
    const aria = report.accounts.find((a) => a.handle === 'AriaOfTheDay');
    expect(aria?.verdict).toBe('keep');
    expect(aria?.categories).toContain('bot');
  });

  it('keeps the opera house that does not follow back', () => {
    const house = report.accounts.find((a) => a.handle === 'RBandO');
    expect(house?.categories).toContain('not_following_back');
    expect(house?.verdict).toBe('keep');
  });

  it('says which checks it could not make for the accounts without a profile', () => {
    expect(report.summary.skippedChecks.join('\n')).toMatch(/profile/);
  });
});

describe('auditing an export long after it was made', () => {
  it('warns that recent interactions are missing and says how to audit as of its date', async () => {
    const { code, stdout } = await runCli(['samples/demo-x-archive.zip', '--now', '2027-03-01', '--json']);
    expect(code).toBe(0);
    const { warnings } = JSON.parse(stdout) as AuditReport;
    expect(warnings).toContain(
      'The export is from 2026-11-20, 101 days before this audit: interactions since then are not in it. Download a fresh one, or audit as of that date with --now 2026-11-20.',
    );
  });
});

describe('the terminal report', () => {
  it('shows the summary, then accounts grouped by verdict with reasons, without colour codes in a pipe', async () => {
    const { code, stdout } = await runCli(['--demo']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Tend audit · X · @ottilie_at_the_opera · as of 2026-11-20/);
    expect(stdout).toMatch(/^UNFOLLOW \(\d+\)/m);
    expect(stdout).toMatch(/^REVIEW \(\d+\)/m);
    expect(stdout).toMatch(/^NURTURE \(\d+\)/m);
    expect(stdout.indexOf('UNFOLLOW (')).toBeLessThan(stdout.indexOf('NURTURE ('));
    expect(stdout).toContain('@AriaOfTheDay');
    expect(stdout).not.toContain('\u001b[');
  });
});

describe('--csv', () => {
  it('writes one row per account with its verdict and reasons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-csv-'));
    const file = join(dir, 'audit.csv');
    const { code, stdout } = await runCli(['--demo', '--json', '--csv', file]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    const rows = parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.accounts.length);
    const first = report.accounts[0]!;
    expect(rows[0]).toMatchObject({
      id: first.id ?? '',
      verdict: first.verdict,
      categories: first.categories.join('; '),
    });
  });
});

describe('the Instagram sample', () => {
  it('is audited from its content, keeping close friends and warning about what it cannot see', async () => {
    const { code, stdout, stderr } = await runCli([
      'samples/demo-instagram.zip',
      '--json',
      '--now',
      '2026-11-20',
    ]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.platform).toBe('instagram');
    expect(report.owner.handle).toBe('ottilie.at.the.opera');
    expect(report.accounts.every((a) => a.id === null && a.handle !== null)).toBe(true);
    expect(report.accounts.find((a) => a.handle === 'operaglassbex')?.verdict).toBe('keep');
    expect(report.accounts.find((a) => a.handle === 'gymgainsdaily')?.categories).toContain(
      'not_following_back',
    );
    expect(report.warnings.join('\n')).toMatch(/display names only/);
    expect(report.warnings.join('\n')).toMatch(/1 follow request you sent is still pending/);
    expect(report.summary.skippedChecks.join('\n')).toMatch(
      /bot, off_topic, dormant: no profiles for all 19 accounts/,
    );
  });
});
