/**
 * The outcome of a followers read carried on after a failure reaches the person across a bot restart:
 * she was shown how the failed try ended, pressed again, and the bot went down while the read ran. The
 * restarted bot sends the followers summary by DM, once. Against the fake X and fake Discord, through
 * the bot and the workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { linkX, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('bot-followers-x-restart');
const FOLLOWERS = 'GET /2/users/:id/followers';
let product: Product;
let ada: string;

const confirm = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[])
    .flatMap((row) => row.components as (APIComponentInMessageActionRow & { custom_id?: string })[])
    .find((b) => b.custom_id?.startsWith('followers:confirm:'))!.custom_id!;
const followersField = (m: FakeMessage) =>
  (m.embeds as APIEmbed[]).flatMap((e) => e.fields ?? []).find((f) => f.name.startsWith('Followers'));
const ended = (m: FakeMessage) => m.embeds.length > 0 || /stopped|replaced|not the one/.test(m.content);
const dms = (userId: string): FakeMessage[] => {
  const channel = product.discord.dmChannelOf(userId);
  return channel ? product.discord.messages(channel) : [];
};
/** The DMs that carry a followers read's outcome: a summary whose followers field says what X was paid. */
const readSummaries = () => dms(ada).filter((m) => /X API: /.test(followersField(m)?.value ?? ''));

beforeAll(async () => {
  product = await startProduct(db);
  [ada] = product.discord.users.map((u) => u.id) as [string];
  await linkX(product, ada, 0);
}, 30_000);

afterAll(async () => {
  await product?.close();
});

describe('a followers read carried on after a failure, when the bot restarts', () => {
  it('sends its outcome by DM, once, although the failed try was shown', async () => {
    const { discord, x } = product;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x', followers: true } });
    const summary = await seenWhen(discord, audit.id, ended, 30_000);
    expect(followersField(summary)!.value).toMatch(/^Not read yet/);

    // The first try fails for good, and she is shown so in the reply.
    x.failNext({ status: 400, endpoint: FOLLOWERS });
    const first = discord.clickButton(ada, summary, confirm(summary));
    expect((await seenWhen(discord, first.id, ended, 30_000)).content).toMatch(/The audit stopped/);

    // She presses again; every call to X takes three seconds, and the bot goes down while the read runs.
    const calls = x.callsTo(FOLLOWERS).length;
    x.settings.latencyMs = 3_000;
    const second = discord.clickButton(ada, summary, confirm(summary));
    await until(
      () => discord.interactionResponses(second.id).some((r) => /last try/.test(r.message?.content ?? '')),
      15_000,
    );
    await product.restartBot();
    x.settings.latencyMs = 0;

    await until(() => readSummaries().length > 0, 15_000);
    expect(x.callsTo(FOLLOWERS).length).toBeGreaterThan(calls);
    expect(followersField(readSummaries()[0]!)!.value).toMatch(/From all [\d,]+ followers/);
    await product.restartBot();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(readSummaries()).toHaveLength(1);
  }, 60_000);
});
