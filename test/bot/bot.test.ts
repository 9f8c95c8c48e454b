import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  APIActionRowComponent,
  APIButtonComponentWithURL,
  APIComponentInMessageActionRow,
} from 'discord.js';
import { forgottenKey } from '../../src/store/keys.js';
import { ReportStore } from '../../src/store/reports.js';
import { KeepList } from '../../src/store/keep-list.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { browserOf, demoArchive, lastSeen, seenWhen, startProduct, type Product } from './bot-rig.js';
import { until } from '../support/until.js';
import { usernameOf } from '../support/fake-x/users.js';

const db = useTestRedis('bot');
let product: Product;
let ada: string;
let cy: string;
/** Ada's audit summary, whose buttons start her review. */
let adaSummary: FakeMessage;

beforeAll(async () => {
  product = await startProduct(db);
  [ada, , cy] = product.discord.users.map((u) => u.id) as [string, string, string];
}, 30_000);

afterAll(async () => {
  await product?.close();
});

const FOLLOWING_DELETE = 'DELETE /2/users/:source_user_id/following/:target_user_id';
const buttons = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  ) as (APIComponentInMessageActionRow & { custom_id?: string; url?: string })[];
const button = (m: FakeMessage, prefix: string) => buttons(m).find((b) => b.custom_id?.startsWith(prefix))!;

describe('the Discord bot, end to end', () => {
  it('links an X account through OAuth 2.0: Tend’s start address, X’s consent page, Tend’s confirmation', async () => {
    const { discord, bot } = product;
    const linkCommand = discord.sendCommand(ada, 'link');
    const reply = await seenWhen(discord, linkCommand.id, (m) => buttons(m).length > 0);
    expect(reply.ephemeral).toBe(true);
    const start = (buttons(reply).find((b) => 'url' in b && b.url) as APIButtonComponentWithURL).url;
    expect(start).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bot.httpPort}/oauth/x/start\\?state=`));
    const browser = browserOf(product, 0);
    const consentPage = await browser.open(start);
    const consent = new URL(consentPage.url);
    expect(consent.origin).toBe('https://x.com');
    expect(consent.searchParams.get('code_challenge_method')?.toUpperCase()).toBe('S256');
    expect(consent.searchParams.get('scope')).toContain('follows.write');
    const question = await browser.submit(consentPage, 'allow');
    expect(question.body).toMatch(/Link @\w+ to Discord user ada\?/);
    const page = await browser.submit(question, 'link');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/Linked @/);
    const health = await fetch(`http://127.0.0.1:${bot.httpPort}/healthz`);
    expect(await health.json()).toEqual({ ok: true, gateway: true, redis: true });
  });

  it('answers /audit privately at once, shows progress, then the summary with the chart and buttons', async () => {
    const { discord, x } = product;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    const summary = await seenWhen(discord, audit.id, (m) => m.embeds.length > 0);
    const responses = discord.interactionResponses(audit.id);
    expect(responses[0]!.kind).toBe('deferReply');
    expect(responses[0]!.message!.ephemeral).toBe(true);
    // Progress lines come before the summary (the fake X answers fast: the phases may pass unseen).
    expect(
      responses
        .slice(1, -1)
        .some((r) => /queued|Starting|Reading|Classifying/i.test(r.message?.content ?? '')),
    ).toBe(true);
    expect(summary.content).toBe('');
    const chart = summary.attachments.find((a) => a.filename === 'audit.png')!;
    expect(chart.data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const text = JSON.stringify(summary.embeds);
    const listed = x.callsTo('GET /2/users/:id/following').flatMap((c) => c.users).length;
    expect(text).toContain(String(listed));
    for (const category of ['not_following_back', 'bot', 'dormant', 'gone', 'neglected'])
      expect(text).toContain(category);
    expect(button(summary, 'review:start:')).toBeDefined();
    expect(button(summary, 'export:csv:')).toBeDefined();
    expect(summary.ephemeral).toBe(true);
    adaSummary = summary;
  });

  it('sends the review to the DMs, and unfollows exactly the accounts the owner selected and confirmed', async () => {
    const { discord, x } = product;
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    const start = discord.clickButton(ada, adaSummary, button(adaSummary, 'review:start:').custom_id!);
    await seenWhen(discord, start.id, (m) => /DMs/.test(m.content));
    const dm = discord.dmChannelOf(ada)!;
    const page = discord.messages(dm)[0]!;
    await until(() => Object.keys(discord.reactionsOn(dm, page.id)).includes('✅'));
    const reactions = discord.reactionsOn(dm, page.id);
    expect(reactions['1️⃣']).toEqual([discord.botUserId]);
    const flagged = stored.report.accounts.filter((a) => a.verdict === 'unfollow' || a.verdict === 'review');
    discord.react(ada, dm, page.id, '1️⃣');
    discord.react(ada, dm, page.id, '3️⃣');
    // A person reacts one at a time: the page shows both chosen before ✅.
    await until(() =>
      ['1️⃣ ☑️', '3️⃣ ☑️'].every((mark) => JSON.stringify(discord.messages(dm)[0]!.embeds).includes(mark)),
    );
    discord.react(ada, dm, page.id, '✅');
    await until(() => x.callsTo(FOLLOWING_DELETE).filter((c) => c.status === 200).length === 2);
    const unfollowed = x.callsTo(FOLLOWING_DELETE).map((c) => c.path.split('/').pop());
    expect(unfollowed.sort()).toEqual([flagged[0]!.id, flagged[2]!.id].sort());
    await until(() =>
      /Unfollowed 2 of 2/.test(
        discord.messages(dm)[0]!.content + JSON.stringify(discord.messages(dm)[0]!.embeds),
      ),
    );
  });

  it('honours a reaction on an old page after the bot restarts: 🛡️ keeps the selected', async () => {
    const { discord } = product;
    const dm = discord.dmChannelOf(ada)!;
    const page = discord.messages(dm)[0]!;
    await product.restartBot();
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    const flagged = stored.report.accounts.filter((a) => a.verdict === 'unfollow' || a.verdict === 'review');
    discord.react(ada, dm, page.id, '2️⃣');
    await until(() => JSON.stringify(discord.messages(dm)[0]!.embeds).includes('2️⃣ ☑️'));
    discord.react(ada, dm, page.id, '🛡️');
    const keep = new KeepList(db.redis, db.prefix);
    await until(async () => (await keep.has(ada, { id: flagged[1]!.id })) === true);
  });

  it('undoes with ↩️: the accounts unfollowed from the page are followed again', async () => {
    const { discord, x } = product;
    const dm = discord.dmChannelOf(ada)!;
    const page = discord.messages(dm)[0]!;
    await until(() => Object.keys(discord.reactionsOn(dm, page.id)).includes('↩️'));
    const unfollowed = x.callsTo(FOLLOWING_DELETE).map((c) => c.path.split('/').pop()!);
    discord.react(ada, dm, page.id, '↩️');
    await until(() => x.callsTo('POST /2/users/:id/following').filter((c) => c.status === 200).length === 2);
    const owner = x.network.owners[0]!;
    for (const id of unfollowed)
      expect(x.network.isFollowing(owner.index, x.network.account(id)!.index)).toBe(true);
  });

  it('audits an X archive uploaded with /audit, and explains a file that is no export', async () => {
    const { discord } = product;
    const good = discord.sendCommand(ada, 'audit', {
      options: { source: 'x-archive', file: { name: 'twitter-2026.zip', data: await demoArchive() } },
    });
    const summary = await seenWhen(discord, good.id, (m) => m.embeds.length > 0 || /stopped/.test(m.content));
    expect(JSON.stringify(summary.embeds)).toContain('108');
    const bad = discord.sendCommand(ada, 'audit', {
      options: { source: 'x-archive', file: { name: 'notes.zip', data: Buffer.from('not a zip at all') } },
    });
    const refused = await seenWhen(discord, bad.id, (m) => /stopped/.test(m.content));
    expect(refused.content).toMatch(/notes\.zip/);
  });

  it('explains in the channel when the review cannot be sent because DMs are closed', async () => {
    const { discord } = product;
    const upload = discord.sendCommand(cy, 'audit', {
      options: { source: 'x-archive', file: { name: 'archive.zip', data: await demoArchive() } },
    });
    const summary = await seenWhen(discord, upload.id, (m) => m.embeds.length > 0);
    const start = discord.clickButton(cy, summary, button(summary, 'review:start:').custom_id!);
    const answer = await seenWhen(discord, start.id, (m) => m.content.length > 0);
    expect(answer.content).toMatch(/cannot send you a DM/);
    expect(answer.ephemeral).toBe(true);
  });

  it('answers an unknown problem with a reference, and /forget leaves nothing of the person in any key but its empty tombstone', async () => {
    const { discord, x } = product;
    const owner = x.network.owners[0]!;
    const targets = x.callsTo(FOLLOWING_DELETE).map((c) => x.network.account(c.path.split('/').pop()!)!);
    expect(targets.length).toBeGreaterThan(0);
    // What would say who Ada is or whom she unfollowed: her Discord id, her X account, the targets' ids and handles.
    const traces = [
      ada,
      owner.id,
      usernameOf(x.network, owner),
      ...targets.flatMap((t) => [t.id, usernameOf(x.network, t)]),
    ];
    const tracesIn = (dump: Map<string, string[]>) =>
      [...dump].flatMap(([key, values]) =>
        // Public profiles are shared by everyone who follows the account, and expire (README, "What Tend keeps").
        // The tombstone names her for a few minutes and holds nothing, so a job still running writes nothing back.
        key.startsWith(`${db.prefix}:profile:x:`) || key === forgottenKey(db.prefix, ada)
          ? []
          : traces
              .filter((t) => key.includes(t) || values.some((v) => v.includes(t)))
              .map((t) => `${t} in ${key}`),
      );
    expect(tracesIn(await db.dump()).length, 'the check finds her before /forget').toBeGreaterThan(0);
    const forget = discord.sendCommand(ada, 'forget');
    await seenWhen(discord, forget.id, (m) => buttons(m).length > 0);
    const confirm = discord.clickButton(ada, { id: lastSeen(discord, forget.id)!.id }, 'forget:confirm');
    await seenWhen(discord, confirm.id, (m) => /deleted/.test(m.content));
    expect(tracesIn(await db.dump())).toEqual([]);
    expect(await db.redis.get(forgottenKey(db.prefix, ada))).toBe('1');
    expect(product.logLines.join('')).not.toContain(product.x.owners[0]!.accessToken);
  });
});
