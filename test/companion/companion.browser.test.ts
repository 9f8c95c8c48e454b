import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companionScript, type CompanionOptions } from '../../src/companion/script.js';
import { readProfileSnapshot } from '../../src/importers/snapshot.js';
import { CHROMIUM_FLAGS, findChromium } from '../support/browser.js';
import { FakeInstagram, type FakeAccount, type Throttle } from '../support/fake-instagram.js';

/**
 * The companion in a real browser (headless Chromium) on a fake instagram.com: what the person sees on
 * the page, what Instagram is asked, and the snapshot they download. Timings are set to about nothing.
 */
const chromiumPath = findChromium();
if (!chromiumPath)
  throw new Error('These tests need Chromium: apt-get install chromium, or set CHROMIUM_PATH (see .ci/run).');

const FAST: Partial<CompanionOptions> = { delayMs: [0, 2], pageDelayMs: [0, 2], cooldownMs: 0 };
const NOW_S = Math.floor(Date.parse('2026-11-19T12:00:00Z') / 1000);

const ACCOUNTS: FakeAccount[] = [
  {
    pk: '101',
    username: 'ottilie_friend',
    full_name: 'Mira',
    biography: 'Soprano in London',
    follower_count: 800,
    following_count: 400,
    media_count: 2,
    latest_reel_media: NOW_S - 3600,
    posts: [
      { taken_at: NOW_S - 86_400, caption: 'Tosca tonight' },
      { taken_at: NOW_S - 900 * 86_400, caption: 'pinned hello', pinned: true },
    ],
  },
  {
    pk: '102',
    username: 'f4f_train_uk',
    has_anonymous_profile_picture: true,
    follower_count: 30,
    following_count: 7400,
    media_count: 0,
  },
  {
    pk: '103',
    username: 'quiet_private',
    is_private: true,
    media_count: 40,
    follower_count: 90,
    following_count: 80,
  },
  {
    pk: '104',
    username: 'user88127734',
    has_anonymous_profile_picture: true,
    follower_count: 2,
    following_count: 3000,
  },
  {
    pk: '105',
    username: 'royal_opera',
    is_verified: true,
    follower_count: 900_000,
    following_count: 300,
    media_count: 5000,
  },
];

let fake: FakeInstagram;
let origin: string;
let profileDir: string;
let context: BrowserContext;

beforeEach(async () => {
  fake = new FakeInstagram();
  fake.following = structuredClone(ACCOUNTS);
  origin = await fake.start();
  profileDir = await mkdtemp(join(tmpdir(), 'tend-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
  });
});

afterEach(async () => {
  await context.close();
  await fake.stop();
  await rm(profileDir, { recursive: true, force: true });
});

/** Opens instagram.com's page, runs the companion as a userscript would, and presses Start. */
async function runCompanion(options: Partial<CompanionOptions>): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${origin}/`);
  await page.addScriptTag({ content: companionScript({ ...FAST, ...options }) });
  await page.click('#tend-start');
  return page;
}

/** Waits for the run to end, and returns what the panel says. */
async function outcome(page: Page): Promise<string> {
  await page.waitForFunction(
    "/^(Done|Stopped|Today|Paused|Log in)/.test(document.getElementById('tend-status')?.textContent ?? '')",
    undefined,
    { timeout: 20_000 },
  );
  return (await page.textContent('#tend-status')) ?? '';
}

/** Downloads the snapshot as the person would, and reads it with Tend's own importer. */
async function download(page: Page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#tend-download')]);
  expect(file.suggestedFilename()).toMatch(/^tend-instagram-profiles-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const text = await readFile((await file.path())!, 'utf8');
  const path = join(profileDir, 'snapshot.jsonl');
  await writeFile(path, text);
  return {
    text,
    lines: text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    path,
  };
}

describe('the companion in a browser', () => {
  it('pages the following list, looks up the undecided accounts first, and writes a snapshot Tend reads', async () => {
    fake.missing.add('gone_for_good');
    const page = await runCompanion({
      priority: ['f4f_train_uk', 'gone_for_good'],
      skip: ['ottilie_friend'],
    });
    expect(await outcome(page)).toMatch(/^Done/);

    const listPages = fake.requests.filter((r) => r.path.includes('/friendships/'));
    expect(listPages).toHaveLength(3);
    expect(listPages.every((r) => r.appId === '936619743392459' && r.cookie?.includes('sessionid='))).toBe(
      true,
    );
    // The export's undecided accounts first, then the rest most suspicious first; the kept one never.
    expect(fake.profileLookups).toEqual([
      'f4f_train_uk',
      'gone_for_good',
      'user88127734',
      'quiet_private',
      'royal_opera',
    ]);
    expect(await page.textContent('#tend-counts')).toContain('Profiles looked up: 5, 0 to go');

    const { lines, path } = await download(page);
    expect(lines[0]).toMatchObject({ tend: 'profiles', platform: 'instagram' });
    expect(lines).toContainEqual(
      expect.objectContaining({ username: 'gone_for_good', not_found: true, pk: null }),
    );
    const bot = lines.find((l) => l.username === 'f4f_train_uk' && l.from === 'profile')!;
    expect(bot).toMatchObject({
      pk: '102',
      fields: expect.objectContaining({ following_count: 7400, media_count: 0 }),
    });
    expect((bot.fields as Record<string, unknown>).has_anonymous_profile_picture).toBe(true);

    const snapshot = await readProfileSnapshot(path);
    expect(snapshot.platform).toBe('instagram');
    expect(snapshot.unreadable).toEqual([]);
    expect(snapshot.profiles.get('@gone_for_good')?.gone).toMatchObject({ kind: 'not_found' });
    expect(snapshot.profiles.get('@ottilie_friend')).toMatchObject({ id: '101', name: 'Mira' });
    expect(snapshot.profiles.get('@f4f_train_uk')).toMatchObject({
      followingCount: 7400,
      postCount: 0,
      defaultAvatar: true,
    });
  });

  const THROTTLES: [Throttle, RegExp][] = [
    ['wait', /Please wait a few minutes/],
    ['429', /429/],
    ['login', /login page/],
  ];
  for (const [kind, words] of THROTTLES) {
    it(`stops at "${kind}", says so, and carries on from the same account when run again`, async () => {
      fake.throttles.set(2, kind);
      const priority = ['f4f_train_uk', 'user88127734', 'quiet_private'];
      const first = await runCompanion({ priority, lookupOthers: false });
      const said = await outcome(first);
      expect(said).toMatch(/^Stopped/);
      expect(said).toMatch(words);
      expect(said).toMatch(/carries on where it stopped/);
      expect(fake.profileLookups).toEqual(['f4f_train_uk', 'user88127734']);
      const partial = await download(first);
      expect(partial.lines.filter((l) => l.from === 'profile').map((l) => l.username)).toEqual([
        'f4f_train_uk',
      ]);

      // The next day, as it were: the page is opened again and the companion run again.
      const again = await runCompanion({ priority, lookupOthers: false });
      expect(await outcome(again)).toMatch(/^Done/);
      expect(fake.profileLookups).toEqual(['f4f_train_uk', 'user88127734', 'user88127734', 'quiet_private']);
      expect(fake.requests.filter((r) => r.path.includes('/friendships/'))).toHaveLength(3);
      const whole = await download(again);
      expect(whole.lines.filter((l) => l.from === 'profile').map((l) => l.username)).toEqual(priority);
    });
  }

  for (const kind of ['checkpoint', 'feedback'] as const) {
    it(`stops at ${kind}_required and refuses to go on before a day has passed`, async () => {
      fake.throttles.set(1, kind);
      const first = await runCompanion({ priority: ['f4f_train_uk'], lookupOthers: false });
      const said = await outcome(first);
      expect(said).toMatch(new RegExp(`Stopped: .*${kind}_required`));
      expect(said).toMatch(/Run it again after/);
      const asked = fake.requests.length;

      const again = await runCompanion({ priority: ['f4f_train_uk'], lookupOthers: false });
      expect(await outcome(again)).toMatch(/^Paused until .*_required/);
      expect(fake.requests.length).toBe(asked);
    });
  }

  it('keeps to its daily budget and says when it carries on', async () => {
    const page = await runCompanion({ dailyBudget: 2 });
    const said = await outcome(page);
    expect(said).toMatch(
      /^Today's budget of 2 lookups is spent\. Run it again tomorrow; it carries on from @/,
    );
    expect(fake.profileLookups).toHaveLength(2);
  });

  it('tells a renamed account (same pk, new username) from a gone one', async () => {
    fake.throttles.set(1, 'wait');
    const options = { priority: ['user88127734'], lookupOthers: false, relistAfterMs: 0 };
    await outcome(await runCompanion(options));
    // Between two runs the account renames itself: the old name now finds no one.
    fake.following.find((a) => a.pk === '104')!.username = 'lena_sings';
    const page = await runCompanion(options);
    expect(await outcome(page)).toMatch(/^Done/);
    const { lines } = await download(page);
    expect(lines).toContainEqual(
      expect.objectContaining({ username: 'lena_sings', pk: '104', formerly: ['user88127734'] }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ username: 'user88127734', pk: '104', not_found: true }),
    );
  });

  it('asks for a download before the browser storage fills up, then lets the downloaded lookups go and carries on', async () => {
    const priority = ['f4f_train_uk', 'user88127734', 'quiet_private'];
    const page = await runCompanion({ priority, lookupOthers: false, maxKeptLines: 2 });
    expect(await outcome(page)).toMatch(
      /^Stopped: the browser's storage for the companion is full: press Download snapshot/,
    );
    const first = await download(page);
    await page.click('#tend-start');
    expect(await outcome(page)).toMatch(/^Done/);
    const second = await download(page);
    const looked = (s: typeof first) => s.lines.filter((l) => l.from === 'profile').map((l) => l.username);
    expect(looked(first)).toEqual(priority.slice(0, 2));
    expect(looked(second)).toEqual(priority.slice(2));
    expect(fake.profileLookups).toEqual(priority);
  });
});
