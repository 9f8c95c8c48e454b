/**
 * The followers audit through the X API alone, in Discord: `/audit source x` with followers on reads
 * nothing of them and shows what reading the newest costs, with a button; pressing it reads exactly
 * that against the fake X (and nothing else), and the new summary and /followers say what was read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { linkX, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('bot-followers-x');
const FOLLOWERS = 'GET /2/users/:id/followers';
let product: Product;
let ada: string;

const buttons = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  ) as (APIComponentInMessageActionRow & { custom_id?: string; label?: string })[];
const button = (m: FakeMessage, prefix: string) => buttons(m).find((b) => b.custom_id?.startsWith(prefix));
const field = (m: FakeMessage, name: string) =>
  (m.embeds as APIEmbed[]).flatMap((e) => e.fields ?? []).find((f) => f.name.startsWith(name));
// Fewer followers than a followers audit reads: the offer is the whole list, with exact figures.
const OFFER =
  /Judging all (\d+) followers? X counts reads your whole list on X: (\d+) calls?, \d+ accounts? read, about \$(\d+\.\d\d) at X's price of \$0\.01 an account\. The figures are then exact/;

beforeAll(async () => {
  // One audit through X in 12 hours: reading the followers it offered is part of that audit, not another.
  product = await startProduct(db, { env: { TEND_X_AUDIT_COOLDOWN_HOURS: '12' } });
  [ada] = product.discord.users.map((u) => u.id) as [string];
  await linkX(product, ada);
}, 30_000);

afterAll(async () => {
  await product?.close();
});

describe('the followers audit through X alone, in Discord', () => {
  let summary: FakeMessage;

  it('audits through X, reads none of the followers, and shows what reading the newest costs', async () => {
    const { discord } = product;
    const audit = discord.sendCommand(ada, 'audit', { options: { source: 'x', followers: true } });
    summary = await seenWhen(discord, audit.id, (m) => m.embeds.length > 0 || /stopped/.test(m.content));
    expect(product.x.callsTo(FOLLOWERS)).toHaveLength(0);
    const followers = field(summary, 'Followers')!.value;
    expect(followers).toMatch(/^Not read yet/);
    const offer = OFFER.exec(followers);
    expect(offer, followers).not.toBeNull();
    // Fewer than a page: all of them, in one call.
    const counted = product.x.network.followersOf(0).length;
    expect(Number(offer![1])).toBe(counted);
    expect(offer![2]).toBe('1');
    expect(offer![3]).toBe((counted / 100).toFixed(2));
    expect(button(summary, 'followers:confirm:')!.label).toBe(`Look up followers: about $${offer![3]}`);
    // /followers meanwhile says nothing is read, and repeats the offer.
    const shown = await seenWhen(
      discord,
      discord.sendCommand(ada, 'followers').id,
      (m) => m.embeds.length > 0,
    );
    const description = (shown.embeds[0] as APIEmbed).description!;
    expect(description).toMatch(/^Nothing of your followers is read yet/);
    expect(description).toMatch(OFFER);
  });

  it('reads exactly what it showed when she presses the button, and nothing else on X', async () => {
    const { discord } = product;
    const offer = OFFER.exec(field(summary, 'Followers')!.value)!;
    const calls = product.x.calls.length;
    const press = discord.clickButton(ada, summary, button(summary, 'followers:confirm:')!.custom_id!);
    const after = await seenWhen(discord, press.id, (m) => m.embeds.length > 0 || /stopped/.test(m.content));
    const made = product.x.calls.slice(calls);
    expect(made.map((c) => c.endpoint)).toEqual([FOLLOWERS]);
    expect(made[0]!.users).toHaveLength(Number(offer[1]));
    const followers = field(after, 'Followers')!.value;
    expect(followers).toContain(`X API: 1 call, ${offer[1]} accounts looked up, about $${offer[3]}.`);
    expect(followers).toMatch(/^fake \d+(\.\d)?% \(\d+ of \d+\)$/m);
    expect(button(after, 'followers:confirm:')).toBeUndefined();
    const stored = (await new ReportStore(db.redis, db.prefix).latest(ada))!;
    expect(stored.report.followers!.summary).toMatchObject({
      population: 'all',
      judged: Number(offer[1]),
      cost: { calls: 1, users: Number(offer[1]), dollars: Number(offer[3]) },
    });
  });

  it('/followers shows the audience read through X', async () => {
    const { discord } = product;
    const shown = await seenWhen(
      discord,
      discord.sendCommand(ada, 'followers').id,
      (m) => m.embeds.length > 0,
    );
    const embed = shown.embeds[0] as APIEmbed;
    expect(embed.description).toMatch(/^Audience shape, from all \d+ followers/m);
    expect(embed.description).toMatch(/^fake \d+(\.\d)?% \(\d+ of \d+\)$/m);
  });

  it('a new audit through X still waits its turn', async () => {
    const { discord } = product;
    const calls = product.x.calls.length;
    const again = discord.sendCommand(ada, 'audit', { options: { source: 'x', followers: true } });
    const refused = await seenWhen(discord, again.id, (m) => m.content.length > 0);
    expect(refused.content).toMatch(/one audit through X every 12 hours/);
    expect(product.x.calls.length).toBe(calls);
  });
});
