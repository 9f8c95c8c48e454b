/**
 * The button that reads the newest followers an audit through X offered, pressed the ways a person (or
 * someone else) may press it: by another person; after the linked X account changed; again after a
 * read that failed half-way (carried on, never paid for twice, and the person told); and again while
 * the read runs. Against the fake X and fake Discord, through the bot and the workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { linkX, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('bot-followers-x-press');
const FOLLOWERS = 'GET /2/users/:id/followers';
let product: Product;
let ada: string;
let bob: string;

const buttons = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  ) as (APIComponentInMessageActionRow & { custom_id?: string })[];
const confirm = (m: FakeMessage) =>
  buttons(m).find((b) => b.custom_id?.startsWith('followers:confirm:'))!.custom_id!;
const field = (m: FakeMessage, name: string) =>
  (m.embeds as APIEmbed[]).flatMap((e) => e.fields ?? []).find((f) => f.name.startsWith(name));
const ended = (m: FakeMessage) => m.embeds.length > 0 || /stopped|replaced|not the one/.test(m.content);
const reports = () => new ReportStore(db.redis, db.prefix);
const followerCalls = () => product.x.callsTo(FOLLOWERS);
/** What the interaction's reply said at some point (the progress edits replace it soon after). */
async function said(interactionId: string, words: RegExp): Promise<string> {
  const seen = () =>
    product.discord
      .interactionResponses(interactionId)
      .map((r) => r.message?.content ?? '')
      .find((c) => words.test(c));
  await until(() => seen() !== undefined, 15_000);
  return seen()!;
}

async function offer(): Promise<FakeMessage> {
  const { discord } = product;
  const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x', followers: true } });
  const summary = await seenWhen(discord, audit.id, ended, 30_000);
  expect(field(summary, 'Followers')!.value).toMatch(/^Not read yet/);
  return summary;
}

beforeAll(async () => {
  // 2,400 fans, and the followed accounts that follow back: three pages of followers for owner 0.
  product = await startProduct(db, { xOwners: 2, xFans: 2_400 });
  [ada, bob] = product.discord.users.map((u) => u.id) as [string, string];
  await linkX(product, ada, 0);
  await linkX(product, bob, 1);
}, 30_000);

afterAll(async () => {
  await product?.close();
});

describe('pressing the button that reads the newest followers', () => {
  let summary: FakeMessage;

  it('cannot be pressed by someone else, and his own press reads only his followers', async () => {
    const { discord } = product;
    summary = await offer();
    const before = (await reports().latest(ada))!;
    // Discord shows her summary to her alone: nobody else can press its button.
    expect(() => discord.clickButton(bob, summary, confirm(summary))).toThrow(/cannot see/);
    const his = await seenWhen(
      discord,
      discord.sendCommand(bob, 'audit', { options: { source: 'x', followers: true } }).id,
      ended,
      30_000,
    );
    const calls = followerCalls().length;
    const press = discord.clickButton(bob, his, confirm(his));
    const read = await seenWhen(discord, press.id, (m) => m.embeds.length > 0 || /stopped/.test(m.content));
    expect(field(read, 'Followers')!.value).toMatch(/X API: 1 call/);
    const bobs = product.x.network.owners[1]!.id;
    expect(
      followerCalls()
        .slice(calls)
        .map((c) => c.path),
    ).toEqual([`/2/users/${bobs}/followers`]);
    const after = (await reports().latest(ada))!;
    expect(after.auditId).toBe(before.auditId);
    expect(after.report.followers!.summary.unpaid).toEqual(before.report.followers!.summary.unpaid);
    expect(after.report.followers!.summary.judged).toBe(0);
  });

  it('after she linked another X account, reads none of that account’s followers and says why', async () => {
    const { discord } = product;
    await linkX(product, ada, 1);
    const calls = followerCalls().length;
    const press = discord.clickButton(ada, summary, confirm(summary));
    const reply = await seenWhen(discord, press.id, ended, 30_000);
    expect(reply.content).toMatch(/linked X account is not the one that audit was of/);
    expect(followerCalls()).toHaveLength(calls);
    expect((await reports().latest(ada))!.report.followers!.summary.unpaid).not.toBeNull();
    await linkX(product, ada, 0);
  });

  it('after a read that failed, a second press carries it on: nothing paid twice, and she is told', async () => {
    const { discord } = product;
    summary = await offer();
    const offered = (await reports().latest(ada))!.report.followers!.summary.unpaid!;
    const before = followerCalls().length;
    // X refuses the read for good: the job fails, and the offer still stands.
    product.x.failNext({ status: 400, endpoint: FOLLOWERS });
    const first = discord.clickButton(ada, summary, confirm(summary));
    const failed = await seenWhen(discord, first.id, ended, 30_000);
    expect(failed.content).toMatch(/The audit stopped: X refused the request/);
    expect(
      followerCalls()
        .slice(before)
        .map((c) => c.status),
    ).toEqual([400]);

    product.x.settings.latencyMs = 300;
    const second = discord.clickButton(ada, summary, confirm(summary));
    const told = await said(second.id, /last try/);
    expect(told).toMatch(
      /stopped after 1 call to X \(0 accounts read\): Tend carries on from there, reads nothing of it again, and counts those calls/,
    );
    // A third press while the read runs finds it, and starts nothing.
    await until(() => followerCalls().length === before + 2, 15_000);
    const third = discord.clickButton(ada, summary, confirm(summary));
    expect(await said(third.id, /./)).toMatch(/already running/);
    const done = await seenWhen(discord, second.id, (m) => m.embeds.length > 0, 30_000);
    product.x.settings.latencyMs = 0;

    // Across the presses: the page offered, read once, and the refused call, which the cost counts.
    const made = followerCalls().slice(before);
    expect(made.map((c) => c.status)).toEqual([400, 200]);
    expect(made.reduce((n, c) => n + c.users.length, 0)).toBe(offered.users);
    expect(made.length).toBeLessThanOrEqual(offered.calls + 1);
    const stored = (await reports().latest(ada))!.report.followers!.summary;
    // The cost shown before is the cost billed; the refused call is told apart, not billed.
    expect(stored.cost).toEqual({ ...offered, refused: 1 });
    expect(field(done, 'Followers')!.value).toContain(
      `X API: ${offered.calls} ${offered.calls === 1 ? 'call' : 'calls'}, ${offered.users.toLocaleString('en-US')} accounts looked up, about $${offered.dollars.toFixed(2)}; 1 call refused by X, not billed`,
    );
  });
});
