import { afterEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/model.js';
import { startFakeX, type FakeClock, type FakeX } from '../support/fake-x/index.js';
import { runCli } from '../support/run-cli.js';

const open: FakeX<FakeClock>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

async function fakeX(options: Parameters<typeof startFakeX>[0] = {}) {
  const fake = await startFakeX(options);
  open.push(fake);
  return fake;
}

const envFor = (fake: FakeX<FakeClock>) => ({
  X_USER_TOKEN: fake.owners[0]!.accessToken,
  X_API_BASE_URL: fake.baseUrl,
});
const FOLLOWING = 'GET /2/users/:id/following';
/** What the fake served: the calls made, and the users and posts they carried (what X bills). */
const served = (fake: FakeX<FakeClock>) => ({
  calls: fake.calls.length,
  users: fake.calls.reduce((n, c) => n + c.users.length, 0),
  posts: fake.calls.reduce((n, c) => n + c.posts.length, 0),
});

describe('tend --x', () => {
  it('audits the following through the X API with the same JSON contract, and says what it cost', async () => {
    const fake = await fakeX({ network: { seed: 31, following: 1_800 } });
    const { code, stdout, stderr } = await runCli(
      ['--x', '--json', '--x-pages', '1', '--now', '2026-11-20'],
      envFor(fake),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    const listed = fake.callsTo('GET /2/users/:id/following').flatMap((c) => c.users);
    expect(report.platform).toBe('x');
    expect(report.owner.id).toBe(fake.owners[0]!.userId);
    expect(report.accounts.map((a) => a.id).sort()).toEqual([...listed].sort());
    expect(report.summary.byCategory.not_following_back).toBe(
      report.accounts.filter((a) => !fake.network.isFollowing(fake.network.account(a.id!)!.index, 0)).length,
    );
    expect(report.xUsage).toEqual({
      calls: fake.calls.length,
      users: fake.calls.reduce((n, c) => n + c.users.length, 0),
      posts: fake.calls.reduce((n, c) => n + c.posts.length, 0),
    });
    expect(fake.callsTo('GET /2/users/:id/following')).toHaveLength(2);
  });

  it('says which credentials are missing, and what X said when it refuses them', async () => {
    const none = await runCli(['--x'], { X_API_KEY: 'k' });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/X_USER_TOKEN .* X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET missing/);
    const fake = await fakeX({ network: { seed: 32, following: 50 } });
    fake.revoke(fake.owners[0]!.accessToken);
    const refused = await runCli(['--x'], envFor(fake));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tend: X: .*Check X_USER_TOKEN/);
    expect(refused.stderr).not.toContain(fake.owners[0]!.accessToken);
  });

  it('refuses files with --x and an unknown depth', async () => {
    expect((await runCli(['--x', 'archive.zip'])).code).toBe(2);
    expect((await runCli(['--x', '--x-pages', 'lots'])).code).toBe(2);
  });
});

describe('tend --x when X misbehaves', () => {
  const xOnly = ['--x', '--json', '--x-pages', '0', '--now', '2026-11-20'];

  it('stops reading a list at a cursor X names a second time, and says so in the report', async () => {
    const fake = await fakeX({
      network: { seed: 34, following: 3_000 },
      settings: { cursorFault: 'repeat' },
    });
    const { code, stdout } = await runCli(xOnly, envFor(fake));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    // The first page, then the page of the cursor X goes on naming: asked for once, not 17,000 times.
    expect(fake.callsTo(FOLLOWING).map((c) => c.query.pagination_token ?? '')).toEqual([
      '',
      expect.any(String),
    ]);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(
        /^X offered a page of the accounts you follow a second time; Tend stopped reading there, after 2 pages\./,
      ),
    );
    expect(report.summary.following).toBe(new Set(fake.callsTo(FOLLOWING).flatMap((c) => c.users)).size);
    expect(report.xUsage).toEqual(served(fake));
  });

  it('stops a list that never ends at the pages the profile’s following count needs, and says so', async () => {
    const fake = await fakeX({
      network: { seed: 35, following: 1_500 },
      settings: { cursorFault: 'endless' },
    });
    const { code, stdout } = await runCli(xOnly, envFor(fake));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    // 1,500 accounts take 2 pages; one more is allowed for follows made while the audit reads.
    expect(fake.callsTo(FOLLOWING)).toHaveLength(3);
    expect(report.warnings).toContainEqual(
      'X offered more pages of the accounts you follow than the 1,500 your profile counts need; Tend stopped after 3 pages.',
    );
    expect(report.xUsage).toEqual(served(fake));
  });

  it('retries a 200 whose body is an HTML page (a proxy in front of X), and audits as usual', async () => {
    const fake = await fakeX({ network: { seed: 36, following: 40 } });
    fake.failNext({ status: 'html', endpoint: 'GET /2/users/me' });
    const { code, stdout, stderr } = await runCli(xOnly, envFor(fake));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as AuditReport).owner.id).toBe(fake.owners[0]!.userId);
    expect(fake.callsTo('GET /2/users/me').map((c) => c.status)).toEqual([200, 200]);
  });
});

describe('tend --hydrate', () => {
  it('looks up an archive’s accounts 100 per call, and the ones X says are gone are reported gone', async () => {
    const fake = await fakeX({ network: { seed: 33, following: 10 } });
    const { code, stdout } = await runCli(
      ['samples/demo-x-archive.zip', '--hydrate', '--json', '--x-pages', '0', '--now', '2026-11-20'],
      envFor(fake),
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    const lookups = fake.callsTo('GET /2/users');
    expect(lookups).toHaveLength(Math.ceil(report.summary.following / 100));
    for (const call of lookups) expect(call.query.ids!.split(',').length).toBeLessThanOrEqual(100);
    expect(report.xUsage!.calls).toBe(lookups.length);
  });
});
