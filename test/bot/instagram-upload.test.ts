/**
 * An Instagram audit through Discord, end to end: /audit with the export as `file` and the browser
 * companion's snapshot as `profiles`, a file in the wrong slot, and the review's accounts marked to
 * unfollow in the app, checked against the next export in that audit's summary and in /report.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import { personKeys } from '../../src/store/keys.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('bot-instagram');
const HOUR = 3_600_000;
let product: Product;
let ada: string;
let exported: Buffer;
let profiles: Buffer;

/** What the person reads: Discord shows `\_` as `_`. */
const plain = (text: string) => text.replace(/\\([\\_*~`|>])/g, '$1');
const sample = (name: string) => readFile(new URL(`../../samples/${name}`, import.meta.url));
const buttons = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  ) as (APIComponentInMessageActionRow & { custom_id?: string })[];
const button = (m: FakeMessage, prefix: string) => buttons(m).find((b) => b.custom_id?.startsWith(prefix))!;
const field = (m: FakeMessage, name: string) =>
  plain((m.embeds as APIEmbed[]).flatMap((e) => e.fields ?? []).find((f) => f.name === name)?.value ?? '');
const ended = (m: FakeMessage) => m.embeds.length > 0 || /stopped/.test(m.content);

beforeAll(async () => {
  product = await startProduct(db);
  [ada] = product.discord.users.map((u) => u.id) as [string];
  exported = await sample('demo-instagram.zip');
  profiles = await sample('demo-instagram-profiles.jsonl');
}, 30_000);

afterAll(async () => {
  await product?.close();
});

describe('an Instagram audit in Discord', () => {
  let summary: FakeMessage;

  it('judges bots, the dormant and the gone from the companion snapshot attached as profiles', async () => {
    const { discord } = product;
    const audit = discord.sendCommand(ada, 'audit', {
      options: {
        source: 'instagram',
        file: { name: 'instagram-ottilie.zip', data: exported },
        profiles: { name: 'tend-instagram-profiles.jsonl', data: profiles },
      },
    });
    summary = await seenWhen(discord, audit.id, ended);
    const categories = field(summary, 'Categories');
    for (const [category, n] of [
      ['bot', 2],
      ['dormant', 2],
      ['gone', 1],
    ] as const)
      expect(categories).toMatch(new RegExp(`${category} +${n}\\n`));
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    expect(stored.report.accounts.find((a) => a.handle === 'f4f_train_uk')!.evidence).toMatch(
      /from the companion's profile/,
    );
  });

  it('names a file attached in the wrong slot, and refuses profiles beside anything but an Instagram export', async () => {
    const { discord } = product;
    const swapped = discord.sendCommand(ada, 'audit', {
      options: {
        source: 'instagram',
        file: { name: 'profiles.jsonl', data: profiles },
        profiles: { name: 'instagram.zip', data: exported },
      },
    });
    expect((await seenWhen(discord, swapped.id, ended)).content).toMatch(
      /profiles\.jsonl is a profile snapshot, not an export: attach your export \(\.zip\) as file/,
    );
    const beside = discord.sendCommand(ada, 'audit', {
      options: {
        source: 'instagram',
        file: { name: 'instagram.zip', data: exported },
        profiles: { name: 'instagram-again.zip', data: exported },
      },
    });
    expect((await seenWhen(discord, beside.id, ended)).content).toMatch(
      /instagram-again\.zip is an Instagram export, not a profile snapshot: attach the export as file, and as profiles the \.jsonl Tend’s browser companion saved/,
    );
    const archive = discord.sendCommand(ada, 'audit', {
      options: {
        source: 'x-archive',
        file: { name: 'twitter.zip', data: await sample('demo-x-archive.zip') },
        profiles: { name: 'profiles.jsonl', data: profiles },
      },
    });
    expect(plain((await seenWhen(discord, archive.id, (m) => /profiles/.test(m.content))).content)).toMatch(
      /profiles takes the snapshot of Tend’s Instagram companion, beside an Instagram export: for an X archive, lookup_profiles/,
    );
  });

  it('checks the accounts marked to unfollow in the app against the next export, in its summary and in /report', async () => {
    const { discord } = product;
    const reports = new ReportStore(db.redis, db.prefix);
    const first = (await reports.latest(ada))!;
    const start = discord.clickButton(ada, summary, button(summary, 'review:start:').custom_id!);
    await seenWhen(discord, start.id, (m) => /DMs/.test(m.content));
    const dm = discord.dmChannelOf(ada)!;
    const page = discord.messages(dm)[0]!;
    await until(() => Object.keys(discord.reactionsOn(dm, page.id)).includes('✅'));
    for (const n of ['1️⃣', '2️⃣', '3️⃣']) discord.react(ada, dm, page.id, n);
    await until(() =>
      ['1️⃣ ☑️', '2️⃣ ☑️', '3️⃣ ☑️'].every((mark) =>
        JSON.stringify(discord.messages(dm)[0]!.embeds).includes(mark),
      ),
    );
    discord.react(ada, dm, page.id, '✅');
    await until(() =>
      /3 accounts marked to unfollow in the app/.test(JSON.stringify(discord.messages(dm)[0])),
    );
    const marked = [
      ...JSON.stringify(discord.messages(dm)[0]!.embeds).matchAll(/instagram\.com\/([A-Za-z0-9_.]+)\//g),
    ]
      .map((m) => m[1]!)
      .slice(0, 3);

    // Her next export: she unfollowed the first two in the app, and still follows the third.
    const next = await buildInstagramExport({
      owner: { username: first.report.owner.handle!, name: 'Ottilie' },
      followers: [],
      following: first.report.accounts.map((a) => a.handle!).filter((h) => !marked.slice(0, 2).includes(h)),
    });
    // The review was opened with the first audit, so it expires before the next audit's report: say, in an hour.
    const keys = personKeys(db.prefix, ada);
    const reviewKeys = [
      keys.reviewInApp,
      keys.review(first.auditId),
      keys.reviewSelected(first.auditId),
      keys.reviewOutcomes(first.auditId),
    ];
    for (const key of reviewKeys) expect(await db.redis.pexpire(key, HOUR)).toBe(1);
    const line = `You unfollowed 2 of the 3 accounts you marked to unfollow in the app; 1 is still followed: @${marked[2]}.`;
    const audit = discord.sendCommand(ada, 'audit', {
      options: { source: 'instagram', file: { name: 'instagram-2026-12.zip', data: next } },
    });
    expect(field(await seenWhen(discord, audit.id, ended), 'Warnings')).toContain(line);
    const report = discord.sendCommand(ada, 'report');
    expect(field(await seenWhen(discord, report.id, (m) => m.embeds.length > 0), 'Warnings')).toContain(line);
    // The marks the summary checked are kept as long as its report, so /report says it again all that time.
    const reportLeft = await db.redis.pttl(keys.report);
    for (const key of reviewKeys) expect(await db.redis.pttl(key), key).toBeGreaterThan(reportLeft - HOUR);
    // Kept as the export said it: the check is how the summary shows the report, not part of it.
    expect((await reports.latest(ada))!.report.warnings).not.toContain(line);
  });
});
