/**
 * The followers audit through Discord, end to end: /audit with followers on audits them for nothing and
 * says what looking up the sample costs, the button spends exactly that against the fake X, /followers
 * shows the audience and exports it, and the review's DM has a page of the fake followers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { parse } from 'csv-parse/sync';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { FOLLOWER_CSV_COLUMNS } from '../../src/report/followers.js';
import { ReportStore } from '../../src/store/reports.js';
import { forgottenKey } from '../../src/store/keys.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { GONE_ROLES } from '../support/fake-x/network.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { linkX, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('bot-followers');
let product: Product;
let ada: string;
let archive: Buffer;
let fanId: string;
const DAY = 86_400_000;

const buttons = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  ) as (APIComponentInMessageActionRow & { custom_id?: string; label?: string })[];
const button = (m: FakeMessage, prefix: string) => buttons(m).find((b) => b.custom_id?.startsWith(prefix));
const field = (m: FakeMessage, name: string) =>
  (m.embeds as APIEmbed[]).flatMap((e) => e.fields ?? []).find((f) => f.name.startsWith(name));
const lookedUp = () => product.x.callsTo('GET /2/users').reduce((n, c) => n + c.users.length, 0);

beforeAll(async () => {
  // The default bot threshold (chosen to flag at most 1% of people) lets the fake X's plain automation
  // pass: this file is about what the bot does with fake followers, not about the model, so it judges
  // at a threshold that catches them.
  product = await startProduct(db, { env: { TEND_BOT_THRESHOLD: '0.9' } });
  [ada] = product.discord.users.map((u) => u.id) as [string];
  const { network } = product.x;
  const alive = (list: number[]) =>
    list
      .map((i) => network.accountAt(i))
      .filter((a) => !GONE_ROLES.has(a.kind))
      .map((a) => a.id);
  const ownerId = network.owners[0]!.id;
  const following = new Set(alive(network.followingOf(0)));
  // A fan who follows her and keeps writing to her, whom she does not follow and never answered.
  const fan = network
    .followersOf(0)
    .map((i) => network.accountAt(i))
    .find((a) => a.kind === 'fan' && !following.has(a.id))!;
  fanId = fan.id;
  archive = await buildXArchive({
    account: { accountId: ownerId, username: 'owner0', displayName: 'Owner' },
    generationDate: new Date(Date.now() - DAY).toISOString(),
    following: [...following],
    followers: alive(network.followersOf(0)),
    tweets: [],
    likes: [],
    dms: [
      {
        conversationId: `${fan.id}-${ownerId}`,
        messages: [170, 160, 150, 20].map((days, i) => ({
          id: String(9000 + i),
          senderId: fan.id,
          recipientId: ownerId,
          text: 'Loved your review of the Tosca!',
          createdAt: new Date(Date.now() - days * DAY),
        })),
      },
    ],
  });
  await linkX(product, ada);
}, 30_000);

afterAll(async () => {
  await product?.close();
});

describe('the followers audit in Discord', () => {
  let summary: FakeMessage;

  it('audits the followers of an upload for nothing, and shows what looking them up would cost', async () => {
    const { discord } = product;
    const before = product.x.calls.length;
    const audit = discord.sendCommand(ada, 'audit', {
      options: { source: 'x-archive', file: { name: 'twitter.zip', data: archive }, followers: true },
    });
    summary = await seenWhen(discord, audit.id, (m) => m.embeds.length > 0 || /stopped/.test(m.content));
    expect(product.x.calls.length).toBe(before);
    const followers = field(summary, 'Followers')!;
    const offer =
      /looks up (\d+) followers? on X: (\d+) calls?, \d+ accounts? read, about \$(\d+\.\d\d)/.exec(
        followers.value,
      );
    expect(offer, followers.value).not.toBeNull();
    expect(followers.value).toMatch(/^engaged \d+(\.\d)?%/m);
    const confirm = button(summary, 'followers:confirm:')!;
    expect(confirm.label).toBe(`Look up followers: about $${offer![3]}`);
  });

  it('spends what it showed when the person presses the button, and the new summary says so', async () => {
    const { discord } = product;
    const offered =
      /looks up (\d+) followers? on X: (\d+) calls?, \d+ accounts? read, about \$(\d+\.\d\d)/.exec(
        field(summary, 'Followers')!.value,
      )!;
    const users = lookedUp();
    const calls = product.x.callsTo('GET /2/users').length;
    const press = discord.clickButton(ada, summary, button(summary, 'followers:confirm:')!.custom_id!);
    const after = await seenWhen(discord, press.id, (m) => m.embeds.length > 0 || /stopped/.test(m.content));
    expect(lookedUp() - users).toBe(Number(offered[1]));
    expect(product.x.callsTo('GET /2/users').length - calls).toBe(Number(offered[2]));
    const followers = field(after, 'Followers')!.value;
    expect(followers).toContain(
      `X API: ${offered[2]} call${offered[2] === '1' ? '' : 's'}, ${offered[1]} accounts looked up, about $${offered[3]}.`,
    );
    expect(button(after, 'followers:confirm:')).toBeUndefined();
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    expect(stored.report.followers!.summary.judged).toBeGreaterThan(0);
    expect(stored.report.followers!.summary.population).toBe('all');
  });

  it('the review’s DMs carry a page of the fake followers, each with its reasons and a link, to remove in the app', async () => {
    const { discord } = product;
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    const fakes = stored.report.followers!.followers.filter((f) => f.categories.includes('fake'));
    expect(fakes.length).toBeGreaterThan(0);
    const summaryNow = (await seenWhen(
      discord,
      discord.sendCommand(ada, 'report').id,
      (m) => m.embeds.length > 0,
    ))!;
    const start = discord.clickButton(ada, summaryNow, button(summaryNow, 'review:start:')!.custom_id!);
    await seenWhen(discord, start.id, (m) => /DMs/.test(m.content));
    const fakePage = () =>
      discord
        .messages(discord.dmChannelOf(ada)!)
        .find((m) => /^Fake followers/.test((m.embeds[0] as APIEmbed | undefined)?.title ?? ''));
    await until(() => fakePage() !== undefined);
    const page = fakePage()!;
    const embed = page.embeds[0] as APIEmbed;
    for (const f of fakes) {
      expect(embed.description).toContain(`(https://x.com/${f.handle})`);
      expect(embed.description).toContain(f.reasons[f.categories.indexOf('fake')]!.slice(0, 40));
    }
    expect(embed.fields![0]!.value).toMatch(/block the account, then unblock it/);
    // Nothing to react to on it: removing a follower is the person's own doing.
    expect(Object.keys(discord.reactionsOn(discord.dmChannelOf(ada)!, page.id))).toEqual([]);
  });

  it('/followers shows the audience with its chart, and exports the followers section', async () => {
    const { discord } = product;
    const command = discord.sendCommand(ada, 'followers');
    const shown = await seenWhen(discord, command.id, (m) => m.embeds.length > 0);
    const embed = shown.embeds[0] as APIEmbed;
    expect(embed.description).toMatch(/^fake \d+(\.\d)?% \(\d+ of \d+\)$/m);
    expect(embed.fields!.map((f) => f.name.replace(/ \(\d+\)$/, ''))).toEqual(
      expect.arrayContaining(['Loyal: thank them', 'Lost since the last audit']),
    );
    expect(shown.attachments.map((a) => a.filename)).toContain('followers.png');
    const csv = discord.clickButton(ada, shown, button(shown, 'followers:export:csv:')!.custom_id!);
    const file = await seenWhen(discord, csv.id, (m) => m.attachments.length > 0);
    const attachment = file.attachments[0]!;
    expect(attachment.filename).toMatch(/^tend-followers-x-\d{4}-\d\d-\d\d\.csv$/);
    const rows = parse(attachment.data.toString('utf8')) as string[][];
    expect(rows[0]).toEqual([...FOLLOWER_CSV_COLUMNS]);
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    expect(rows.length - 1).toBe(stored.report.followers!.followers.length);
    const help = discord.sendCommand(ada, 'help');
    expect((await seenWhen(discord, help.id, (m) => m.content.length > 0)).content).toMatch(
      /`\/followers` — /,
    );
  });

  it('the digest names the loyal fan she never answered nor followed back, saying to follow back', async () => {
    const { discord } = product;
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    const fan = stored.report.followers!.followers.find((f) => f.id === fanId)!;
    expect(fan.categories).toEqual(expect.arrayContaining(['engaged', 'loyal', 'not_followed_back']));
    const preview = discord.sendCommand(ada, 'nudges', { subcommand: 'preview' });
    const shown = await seenWhen(discord, preview.id, (m) => m.embeds.length > 0 || m.content.length > 0);
    const text = JSON.stringify(shown.embeds);
    expect(text).toContain(`](https://x.com/${fan.handle}) · ${fan.name} — **follow back**`);
    expect(text).toMatch(
      /a loyal follower; wrote to you 4 times since \w+ or earlier, the latest 20 days ago; you have never written back; you do not follow them back/,
    );
  });

  it('/forget leaves nothing of her followers: not the report’s section, not the snapshots', async () => {
    const { discord } = product;
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    const listed = stored.report.followers!.followers.flatMap((f) => [
      f.id!,
      ...(f.handle ? [f.handle] : []),
    ]);
    const owner = product.x.network.owners[0]!.id;
    const traces = [ada, owner, ...listed];
    const tracesIn = (dump: Map<string, string[]>) =>
      [...dump].flatMap(([key, values]) =>
        key.startsWith(`${db.prefix}:profile:x:`) || key === forgottenKey(db.prefix, ada)
          ? []
          : traces
              .filter((t) => key.includes(t) || values.some((v) => v.includes(t)))
              .map((t) => `${t} in ${key}`),
      );
    const before = tracesIn(await db.dump());
    expect(
      before.some((t) => t.includes(':follower-snapshots:')),
      'her snapshots are found before',
    ).toBe(true);
    const forget = discord.sendCommand(ada, 'forget');
    const asked = await seenWhen(discord, forget.id, (m) => buttons(m).length > 0);
    const confirm = discord.clickButton(ada, asked, 'forget:confirm');
    await seenWhen(discord, confirm.id, (m) => /deleted/.test(m.content));
    expect(tracesIn(await db.dump())).toEqual([]);
  });
});
