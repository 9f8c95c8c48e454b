/**
 * An audit outlives a bot restart: its outcome reaches the person by DM, once, when the reply to
 * /audit is out of reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { ReportStore } from '../../src/store/reports.js';
import { personKeys, sharedKeys } from '../../src/store/keys.js';
import { lastSeen, linkX, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('audit-restart');
const DM_POST = 'POST /channels/:channel_id/messages';
let product: Product;
let ada: string;

beforeAll(async () => {
  product = await startProduct(db);
  [ada] = product.discord.users.map((u) => u.id) as [string];
  await linkX(product, ada);
}, 30_000);

afterAll(async () => {
  await product?.close();
});

const dms = (userId: string): FakeMessage[] => {
  const channel = product.discord.dmChannelOf(userId);
  return channel ? product.discord.messages(channel) : [];
};
const summaries = (userId: string) =>
  dms(userId).filter((m) => m.embeds.length > 0 && m.attachments.some((a) => a.filename === 'audit.png'));

describe('an audit running when the bot restarts', () => {
  it('sends its summary by DM when it ends, and only once however often the bot restarts', async () => {
    const { discord, x } = product;
    // Every X call takes a second: the audit is still reading when the bot goes down.
    x.settings.latencyMs = 1_000;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    await seenWhen(discord, audit.id, (m) => /queued|Starting|Reading/i.test(m.content));
    await product.restartBot();
    x.settings.latencyMs = 0;

    await until(() => summaries(ada).length > 0);
    const [summary] = summaries(ada);
    expect(JSON.stringify(summary!.embeds)).toContain('not_following_back');
    expect(
      lastSeen(discord, audit.id)!.embeds,
      'the reply from before the restart was left as it was',
    ).toEqual([]);

    await product.restartBot();
    // The restarted bot looks at the queue at once; a few of its polls later, still one summary.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(summaries(ada)).toHaveLength(1);
  });

  it('sends by DM the summary of an audit that ended while no bot was running', async () => {
    const { discord, x } = product;
    const reports = new ReportStore(db.redis, db.prefix);
    const before = (await reports.latest(ada))?.auditId;
    x.settings.latencyMs = 1_000;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    await seenWhen(discord, audit.id, (m) => /queued|Starting|Reading/i.test(m.content));
    await product.restartBot(async () => {
      x.settings.latencyMs = 0;
      await until(async () => ((await reports.latest(ada))?.auditId ?? before) !== before);
    });
    await until(() => summaries(ada).length === 2);
    expect(lastSeen(discord, audit.id)!.embeds).toEqual([]);
  });

  it('sends again, from the restarted bot, a summary whose DM failed as the bot went down', async () => {
    const { discord, x } = product;
    const before = summaries(ada).length;
    x.settings.latencyMs = 1_000;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    await seenWhen(discord, audit.id, (m) => /queued|Starting|Reading/i.test(m.content));
    await product.restartBot();
    // Discord fails the DM, every retry of it: the summary does not reach her from this bot.
    const dm = (call: { route: string | null; status?: number }) => call.route === DM_POST;
    discord.failNext(dm, 4);
    x.settings.latencyMs = 0;
    await until(() => discord.calls.filter((c) => dm(c) && c.status === 500).length === 4, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(summaries(ada)).toHaveLength(before);

    await product.restartBot();
    await until(() => summaries(ada).length === before + 1);
    expect(lastSeen(discord, audit.id)!.embeds).toEqual([]);
  });

  it('catches up only on audits that ended since the bot last ran, not on older ones with no record of being shown', async () => {
    const { discord } = product;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    await seenWhen(discord, audit.id, (m) => m.embeds.length > 0);
    const before = summaries(ada).length;
    // As after an upgrade from a version that kept no record: neither what was shown nor when the bot ran.
    const forgetRecords = async () => {
      await db.redis.del(personKeys(db.prefix, ada).auditsShown, sharedKeys(db.prefix).botAlive);
    };
    await product.restartBot(forgetRecords);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(summaries(ada), 'no DM for an audit that ended before the bot was ever seen running').toHaveLength(
      before,
    );

    // The same audit, had it ended after the bot was last seen, would be sent.
    await product.restartBot(async () => {
      await db.redis.del(personKeys(db.prefix, ada).auditsShown);
      await db.redis.set(sharedKeys(db.prefix).botAlive, String(Date.now() - 60_000));
    });
    await until(() => summaries(ada).length === before + 1);
  });
});
