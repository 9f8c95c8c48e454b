import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOWER_CATEGORIES, type AuditReport } from '../../src/model.js';
import { FOLLOWER_CSV_COLUMNS } from '../../src/report/followers.js';
import { writeXArchive } from '../../scripts/lib/x-archive-writer.js';
import { GONE_ROLES } from '../support/fake-x/network.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { runCli } from '../support/run-cli.js';
import { cliFollowers } from '../../src/cli/followers.js';
import { importFromX, type XModeOptions } from '../../src/cli/x-mode.js';
import { readFollowerHistory } from '../../src/cli/follower-history.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { manualClock } from '../support/fake-x/index.js';

const open: FakeX<FakeClock>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});
const envFor = (fake: FakeX<FakeClock>) => ({
  X_USER_TOKEN: fake.owners[0]!.accessToken,
  X_API_BASE_URL: fake.baseUrl,
});
const ARCHIVE = 'samples/demo-x-archive.zip';

/** An archive of the fake X's first owner: the ids its lookups know, the gone ones left out as X leaves them out. */
async function archiveOf(fake: FakeX<FakeClock>): Promise<string> {
  const { network } = fake;
  const owner = network.owners[0]!;
  const ids = (list: number[]) =>
    list
      .map((i) => network.accountAt(i))
      .filter((a) => !GONE_ROLES.has(a.kind))
      .map((a) => a.id);
  const path = join(await mkdtemp(join(tmpdir(), 'tend-followers-x-')), 'archive.zip');
  await writeXArchive(
    {
      account: { accountId: owner.id, username: 'owner0', displayName: 'Owner' },
      generationDate: '2026-11-19T12:00:00.000Z',
      following: ids(network.followingOf(0)),
      followers: ids(network.followersOf(0)),
      tweets: [],
      likes: [],
      dms: [],
    },
    path,
  );
  return path;
}

describe('the demo shows the followers side', () => {
  let report: AuditReport;
  let text: string;
  beforeAll(async () => {
    const json = await runCli(['--demo', '--json']);
    expect(json.stderr).toBe('');
    report = JSON.parse(json.stdout) as AuditReport;
    text = (await runCli(['--demo', '--no-color'])).stdout;
  });

  it('has followers in every category, counted as listed', () => {
    const followers = report.followers!;
    for (const category of FOLLOWER_CATEGORIES) {
      const listed = followers.followers.filter((f) => f.categories.includes(category)).length;
      expect(listed, category).toBeGreaterThan(0);
      expect(followers.summary.byCategory[category]).toBe(listed);
    }
    for (const f of followers.followers) expect(f.reasons).toHaveLength(f.categories.length);
  });

  it('gives the audience’s shape over every follower, and compares with her last audit', () => {
    const { summary } = report.followers!;
    expect(summary.population).toBe('all');
    expect(summary.followers).toBe(report.summary.followers);
    expect(summary.previousAuditAt).toBe('2026-11-01T12:00:00.000Z');
    expect(summary.shape.engaged.exact).toBe(true);
    // The default bot threshold flags at most 1% of the people of collections the bot model never saw,
    // and so only the most blatant of the demo's fakes (docs/MODEL.md).
    expect(summary.shape.fake.share).toBeGreaterThan(0.01);
    expect(summary.unconfirmedLost).toBe(1);
    expect(summary.cost).toBeNull();
  });

  it('prints the followers section in the terminal report', () => {
    expect(text).toMatch(/^FOLLOWERS \(\d+\)$/m);
    expect(text).toMatch(/^ {2}genuine {3}\d+% \(95% interval/m);
    expect(text).toMatch(/^ {2}churner \(\d+\) — followed, was followed back, and left within weeks$/m);
  });
});

describe('tend --followers on an X archive', () => {
  it('samples, says the cost before spending, and spends exactly that against X', async () => {
    const fake = await startFakeX({ network: { seed: 41, following: 200, fans: 400 } });
    open.push(fake);
    const { code, stdout, stderr } = await runCli(
      [
        await archiveOf(fake),
        '--followers',
        '150',
        '--followers-budget',
        '5',
        '--json',
        '--now',
        '2026-11-20',
      ],
      envFor(fake),
    );
    expect(code, stderr).toBe(0);
    const said = /looks up (\d+) accounts on X: (\d+) calls?, about \$(\d+\.\d\d)/.exec(stderr);
    expect(said, stderr).not.toBeNull();
    const lookups = fake.callsTo('GET /2/users');
    const users = lookups.reduce((n, c) => n + c.users.length, 0);
    expect(Number(said![1])).toBe(users);
    expect(Number(said![2])).toBe(lookups.length);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.followers!.summary.cost).toEqual({
      calls: lookups.length,
      users,
      dollars: Number(said![3]),
    });
    expect(report.followers!.summary).toMatchObject({ population: 'sample', sampled: 150 });
    expect(users).toBe(150);
  });

  it('spends no more than the budget, judging the first of the sample drawn', async () => {
    const fake = await startFakeX({ network: { seed: 42, following: 200, fans: 400 } });
    open.push(fake);
    const { code, stdout, stderr } = await runCli(
      [
        await archiveOf(fake),
        '--followers',
        '300',
        '--followers-budget',
        '0.55',
        '--json',
        '--now',
        '2026-11-20',
      ],
      envFor(fake),
    );
    expect(code).toBe(0);
    const users = fake.callsTo('GET /2/users').reduce((n, c) => n + c.query.ids!.split(',').length, 0);
    expect(users).toBe(55);
    expect(stderr).toMatch(
      /looks up 55 accounts on X: 1 call, about \$0\.55 .*\(all 300 it needs would be about \$3\.00\)/,
    );
    const { summary } = (JSON.parse(stdout) as AuditReport).followers!;
    expect(summary.sampled).toBe(55);
    expect(summary.notes.join(' ')).toContain('paid for 55 lookups');
  });

  it('looks nothing up without a budget, and says what it would cost', async () => {
    const { code, stdout, stderr } = await runCli([ARCHIVE, '--followers', '--json', '--now', '2026-11-20']);
    expect(code, stderr).toBe(0);
    const { summary } = (JSON.parse(stdout) as AuditReport).followers!;
    expect(summary.judged).toBe(0);
    expect(summary.shape.fake.of).toBe(0);
    expect(summary.notes.join(' ')).toMatch(
      /Nothing was looked up on X: .* would cost about \$\d+\.\d\d \(--followers-budget/,
    );
    expect((await runCli([ARCHIVE, '--followers', '0'])).code).toBe(2);
    expect((await runCli([ARCHIVE, '--followers-budget', 'ten'])).code).toBe(2);
  });

  it('keeps a history across audits: the second run compares with the first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-followers-'));
    const history = join(dir, 'history.json');
    const csv = join(dir, 'audit.csv');
    const args = [
      ARCHIVE,
      'samples/demo-profiles.jsonl',
      '--followers',
      'all',
      '--followers-history',
      history,
      '--json',
    ];
    const first = JSON.parse((await runCli([...args, '--now', '2026-11-20'])).stdout) as AuditReport;
    expect(first.followers!.summary.previousAuditAt).toBeNull();
    const second = await runCli([...args, '--now', '2026-11-27', '--csv', csv]);
    const report = JSON.parse(second.stdout) as AuditReport;
    expect(report.followers!.summary.previousAuditAt).toBe('2026-11-20T12:00:00.000Z');
    expect(report.followers!.summary.byCategory.new).toBe(0);
    expect(report.followers!.summary.byCategory.lost).toBe(0);
    const stored = JSON.parse(await readFile(history, 'utf8')) as { snapshots: string[] };
    expect(stored.snapshots).toHaveLength(2);
    const rows = parse(await readFile(join(dir, 'audit.followers.csv'), 'utf8')) as string[][];
    expect(rows[0]).toEqual([...FOLLOWER_CSV_COLUMNS]);
    expect(rows).toHaveLength(report.followers!.followers.length + 1);
    expect(second.stderr).toContain('followers to');
  });

  it('audits the followers of an Instagram export by username', async () => {
    const { code, stdout } = await runCli([
      'samples/demo-instagram.zip',
      '--followers',
      'all',
      '--json',
      '--now',
      '2026-11-20',
    ]);
    expect(code).toBe(0);
    const { summary } = (JSON.parse(stdout) as AuditReport).followers!;
    expect(summary.followers).toBeGreaterThan(0);
    expect(summary.cost).toBeNull();
  });
});

describe('tend --x --followers', () => {
  it('reads the newest followers the budget pays for, says so, and meters what it said', async () => {
    const fake = await startFakeX({ network: { seed: 43, following: 50, fans: 2_000 } });
    open.push(fake);
    const { code, stdout, stderr } = await runCli(
      [
        '--x',
        '--x-pages',
        '0',
        '--followers',
        '1500',
        '--followers-budget',
        '20',
        '--json',
        '--now',
        '2026-11-20',
      ],
      envFor(fake),
    );
    expect(code, stderr).toBe(0);
    const pages = fake.callsTo('GET /2/users/:id/followers');
    const read = pages.reduce((n, c) => n + c.users.length, 0);
    expect(read).toBe(1_500);
    expect(stderr).toContain(`up to ${pages.length} calls, about $15.00`);
    const { summary } = (JSON.parse(stdout) as AuditReport).followers!;
    expect(summary).toMatchObject({ population: 'newest', followers: 1_500, judged: 1_500 });
    expect(summary.cost).toEqual({ calls: pages.length, users: 1_500, dollars: 15 });
    expect(summary.notes.join(' ')).toContain('your newest 1,500 followers');
  });

  it('says the figures are of every follower when the list ended within what the budget read', async () => {
    const fake = await startFakeX({ network: { seed: 46, following: 50, fans: 1_200 } });
    open.push(fake);
    // Asked for exactly as many as follow her: the whole list, to its last page, and no more.
    const all = fake.network.followersOf(0).length;
    const { code, stdout, stderr } = await runCli(
      [
        '--x',
        '--x-pages',
        '0',
        '--followers',
        String(all),
        '--followers-budget',
        '20',
        '--json',
        '--now',
        '2026-11-20',
      ],
      envFor(fake),
    );
    expect(code, stderr).toBe(0);
    const pages = fake.callsTo('GET /2/users/:id/followers');
    expect(pages.reduce((n, c) => n + c.users.length, 0)).toBe(all);
    const { summary } = (JSON.parse(stdout) as AuditReport).followers!;
    expect(summary).toMatchObject({ population: 'all', followers: all, judged: all });
    expect(summary.shape.fake.exact).toBe(true);
    expect(summary.notes.join(' ')).not.toContain('your newest');
  });

  it('does not call a read stopped at a cursor X names again the whole list', async () => {
    const fake = await startFakeX({
      network: { seed: 47, following: 50, fans: 3_000 },
      settings: { cursorFault: 'repeat' },
    });
    open.push(fake);
    const { code, stdout, stderr } = await runCli(
      [
        '--x',
        '--x-pages',
        '0',
        '--followers',
        '2500',
        '--followers-budget',
        '30',
        '--json',
        '--now',
        '2026-11-20',
      ],
      envFor(fake),
    );
    expect(code, stderr).toBe(0);
    // The first page, then the page of the cursor X goes on naming, once: the list goes on beyond them.
    const pages = fake.callsTo('GET /2/users/:id/followers');
    expect(pages).toHaveLength(2);
    expect(pages[1]!.query.pagination_token).toBeDefined();
    const read = new Set(pages.flatMap((c) => c.users)).size;
    expect(read).toBeLessThan(fake.network.followersOf(0).length);
    const { summary } = (JSON.parse(stdout) as AuditReport).followers!;
    expect(summary).toMatchObject({ population: 'newest', followers: read });
    expect(summary.notes.join(' ')).toContain(`your newest ${read.toLocaleString('en')} followers`);
  });

  it('reads nothing without a budget, and says what it would cost', async () => {
    const fake = await startFakeX({ network: { seed: 44, following: 50, fans: 300 } });
    open.push(fake);
    const { code, stdout } = await runCli(['--x', '--x-pages', '0', '--followers', '--json'], envFor(fake));
    expect(code).toBe(0);
    expect(fake.callsTo('GET /2/users/:id/followers')).toHaveLength(0);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.followers).toBeUndefined();
    expect(report.warnings.join(' ')).toContain('--followers-budget 10.00');
  });
});

describe('X’s follower count kept with the newest followers the CLI reads', () => {
  /**
   * `tend --x --followers`, on the fake X's clock: X's count is read with the rest of the audit, then
   * the newest 1,000 followers, after `waits` rate-limit waits of X's 15-minute window on their first
   * page. Returns the count kept in the history for the next read to square with.
   */
  async function keptAfter(waits: number): Promise<{ kept: number | undefined; counted: number }> {
    const clock = manualClock();
    const fake = await startFakeX({ clock, network: { seed: 47, following: 40, fans: 2_400 } });
    open.push(fake);
    const x: XModeOptions = {
      env: envFor(fake),
      interactionPages: 0,
      now: () => clock.now(),
      sleep: async (ms) => clock.advance(ms),
    };
    const { imported, ownerFollowers, ownerFollowersAt } = await importFromX(x);
    expect(ownerFollowersAt).toBe(clock.now());
    if (waits > 0) fake.failNext({ status: 429, endpoint: 'GET /2/users/:id/followers', times: waits });
    const history = join(await mkdtemp(join(tmpdir(), 'tend-count-age-')), 'history.json');
    const { audit } = await cliFollowers(
      { imported, profiles: null, warnings: [], ownerFollowers, ownerFollowersAt },
      { followers: 1_000, followersBudget: 10, followersSeed: null, followersHistory: history, x: true },
      clock.now(),
      { x, botScorer: defaultBotScorer(), thresholds: DEFAULT_THRESHOLDS, say: () => undefined },
    );
    expect(audit!.summary.judged).toBe(1_000);
    expect(clock.now() - ownerFollowersAt!).toBe(waits * 15 * 60_000);
    return { kept: (await readFollowerHistory(history)).at(-1)!.followersCount, counted: ownerFollowers! };
  }

  it('keeps the count X gave just before the read', async () => {
    const { kept, counted } = await keptAfter(0);
    expect(kept).toBe(counted);
  });

  it('keeps no count X gave half an hour before the read, the rate limit waited out between', async () => {
    expect((await keptAfter(2)).kept).toBeUndefined();
  });
});
