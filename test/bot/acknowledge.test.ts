/**
 * Discord forgets an interaction its bot has not answered within 3 seconds: the person sees "This
 * interaction failed" though the work may go on. Here the bot's Redis is held shut (a relay the test
 * controls) while each command, button and modal is used, so whatever the bot does before its first
 * answer that needs Redis cannot happen: the first answer must reach Discord while Redis is held. Then
 * the fake's clock passes Discord's 3 s, Redis is let through, and the person must see the real answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { CATEGORIES, VERDICTS, type AccountReport } from '../../src/model.js';
import { forgottenKey } from '../../src/store/keys.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeInteraction, FakeMessage } from '../support/fake-discord/index.js';
import { startRedisGate, type RedisGate } from '../support/redis-gate.js';
import { useTestRedis } from '../support/redis.js';
import { mixedFlags, reportOf } from './review/report.js';
import { seenWhen, startProduct, type Product } from './bot-rig.js';
import { until } from '../support/until.js';

const db = useTestRedis('ack');
const CALLBACK = 'POST /interactions/:interaction_id/:interaction_token/callback';
let product: Product;
let gate: RedisGate;
let ada: string;
/** Ada's /report summary, whose buttons export and start the review. */
let summary: FakeMessage;

const buttons = (m: FakeMessage) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  ) as (APIComponentInMessageActionRow & { custom_id?: string })[];
const buttonId = (m: FakeMessage, prefix: string) =>
  buttons(m).find((b) => b.custom_id?.startsWith(prefix))!.custom_id!;

beforeAll(async () => {
  gate = await startRedisGate(db.url);
  // Without a public address, so /link offers its paste box, the one modal of the bot.
  product = await startProduct(db, { botRedisUrl: gate.url, pastes: true });
  ada = product.discord.users[0]!.id;
  const report = reportOf(mixedFlags());
  const counted = <K extends string>(keys: readonly K[], has: (a: AccountReport, key: K) => boolean) =>
    Object.fromEntries(keys.map((key) => [key, report.accounts.filter((a) => has(a, key)).length])) as Record<
      K,
      number
    >;
  report.summary.byVerdict = counted(VERDICTS, (a, v) => a.verdict === v);
  report.summary.byCategory = counted(CATEGORIES, (a, c) => a.categories.includes(c));
  await new ReportStore(db.redis, db.prefix).save(ada, { auditId: 'audit-ack', savedAt: Date.now(), report });
  const shown = product.discord.sendCommand(ada, 'report');
  summary = await seenWhen(product.discord, shown.id, (m) => buttons(m).length > 0);
}, 30_000);

afterAll(async () => {
  gate?.release();
  await product?.close();
  await gate?.close();
});

/**
 * Uses the interaction while the bot's Redis is held, and resolves with the bot's first answer once it
 * reached Discord; only then do 3 s pass on Discord's clock and Redis come back.
 */
async function whileRedisIsHeld(
  act: () => FakeInteraction,
): Promise<{ interaction: FakeInteraction; firstAnswer: number }> {
  const { discord } = product;
  gate.hold();
  try {
    const interaction = act();
    const id = interaction.id;
    const callback = await discord.waitFor(
      (call) => call.route === CALLBACK && call.params.interaction_id === id,
      10_000,
    );
    return { interaction, firstAnswer: callback.status };
  } finally {
    discord.advanceClock(3_500);
    gate.release();
  }
}

type Case = [what: string, act: () => FakeInteraction, answered: (m: FakeMessage) => boolean];

const command = (name: string, subcommand?: string, options?: Record<string, string>) => () =>
  product.discord.sendCommand(ada, name, {
    ...(subcommand ? { subcommand } : {}),
    ...(options ? { options } : {}),
  });
const click = (prefix: string) => () => product.discord.clickButton(ada, summary, buttonId(summary, prefix));
const text = (pattern: RegExp) => (m: FakeMessage) => pattern.test(m.content);

const CASES: Case[] = [
  ['/help', command('help'), text(/audit/i)],
  ['/keep add', command('keep', 'add', { accounts: '@jane' }), text(/Kept 1 more/)],
  ['/keep list', command('keep', 'list'), text(/You keep 1 \(at most 5,000\): @jane/)],
  [
    '/interests set',
    command('interests', 'set', { terms: 'opera, theatre' }),
    text(/Your interests: opera, theatre/),
  ],
  ['/interests show', command('interests', 'show'), text(/Your interests: opera, theatre/)],
  ['/nudges on', command('nudges', 'on'), text(/Nudges are on/)],
  ['/nudges preview', command('nudges', 'preview'), (m) => m.embeds.length > 0],
  ['/nudges off', command('nudges', 'off'), text(/Nudges are off/)],
  ['/report', command('report'), (m) => buttons(m).length > 0],
  ['/followers', command('followers'), text(/No followers audit on record/)],
  ['/undo', command('undo'), text(/Nothing to undo/)],
  ['/unlink', command('unlink'), text(/No X account is linked/)],
  ['/link', command('link'), (m) => buttons(m).length > 0],
  ['/audit', command('audit', undefined, { source: 'x' }), text(/link/i)],
  [
    'the CSV export button',
    click('export:csv:'),
    (m) => m.attachments.some((a) => a.filename.endsWith('.csv')),
  ],
  [
    'the JSON export button',
    click('export:json:'),
    (m) => m.attachments.some((a) => a.filename.endsWith('.json')),
  ],
  ['the review button', click('review:start:'), text(/DMs/)],
  ['/forget', command('forget'), (m) => buttons(m).length === 2],
];

describe('every command and component is acknowledged before the bot touches Redis', () => {
  it.each(CASES)('%s', async (_, act, answered) => {
    const { interaction, firstAnswer } = await whileRedisIsHeld(act);
    expect(firstAnswer).toBe(204);
    await seenWhen(product.discord, interaction.id, answered);
  });

  it('the paste box of /link: its modal, and what was pasted', async () => {
    const { discord } = product;
    const link = discord.sendCommand(ada, 'link');
    const reply = await seenWhen(discord, link.id, (m) => buttons(m).length > 0);
    const paste = discord.clickButton(ada, reply, 'link:paste');
    await until(() => discord.interactionResponses(paste.id).some((r) => r.kind === 'modal'));
    const { interaction, firstAnswer } = await whileRedisIsHeld(() =>
      discord.submitModal(ada, 'link:paste:modal', { url: 'https://tend.example/cb?state=nope&code=nope' }),
    );
    expect(firstAnswer).toBe(204);
    await seenWhen(
      discord,
      interaction.id,
      (m) => /link/.test(m.content) && !/Something went wrong/.test(m.content),
    );
  });

  it('/forget’s buttons: keep it, then delete everything', async () => {
    const { discord } = product;
    const forget = discord.sendCommand(ada, 'forget');
    const ask = await seenWhen(discord, forget.id, (m) => buttons(m).length === 2);
    const cancel = await whileRedisIsHeld(() => discord.clickButton(ada, ask, 'forget:cancel'));
    expect(cancel.firstAnswer).toBe(204);
    await seenWhen(discord, cancel.interaction.id, text(/Nothing was deleted/));
    const again = discord.sendCommand(ada, 'forget');
    const sure = await seenWhen(discord, again.id, (m) => buttons(m).length === 2);
    const confirm = await whileRedisIsHeld(() => discord.clickButton(ada, sure, 'forget:confirm'));
    expect(confirm.firstAnswer).toBe(204);
    await seenWhen(discord, confirm.interaction.id, text(/everything Tend stored about you is deleted/));
    // Only the tombstone names her, for a few minutes, so a job still running writes nothing back.
    expect((await db.keys()).filter((key) => key.includes(ada))).toEqual([forgottenKey(db.prefix, ada)]);
  });
});
