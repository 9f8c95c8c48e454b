/**
 * Reactions under Discord's rate limit, end to end: the bot (review pages) and the nudge worker (digests)
 * share one pace a channel through Redis, so in one DM they take turns instead of meeting 429s; and a
 * reaction Discord finally refuses leaves a message its person cannot fully use until the bot adds what is
 * missing, the next time the person reacts on it. The fake Discord limits reactions per channel and
 * answers 429 as Discord does; the bot's and the worker's clock is the test's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { NUMBER_EMOJI } from '../../src/discord/emoji.js';
import { REACTIONS_SETTLE_MS } from '../../src/discord/port.js';
import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport } from '../../src/model.js';
import { DigestStore } from '../../src/store/digest-store.js';
import type { NudgeJob } from '../../src/queues/payloads.js';
import { createQueues, type TendQueues } from '../../src/queues/queues.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeDiscordCall, FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import { nurtured } from '../nudges/fixtures.js';
import { account, mixedFlags } from './review/report.js';
import { nudgeProcessor, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('reactions');
const REACTION_PUT = 'PUT /channels/:channel_id/messages/:message_id/reactions/:emoji/@me';
/** Page 1 of the review of `mixedFlags`: ten accounts and a next page. */
const PAGE_REACTIONS = [...NUMBER_EMOJI.slice(0, 10), '✅', '🛡️', '⏭️'];
const DIGEST_REACTIONS = [...NUMBER_EMOJI.slice(0, 5), '✅', '💤', '🔕'];
let t = Date.now();
const now = () => t;
let product: Product;
let queues: TendQueues;
let ada: string;
let bob: string;
let cy: string;

beforeAll(async () => {
  // Slower than Discord's 250 ms a reaction, so the bot's page and the worker's digest surely overlap.
  const users = [{ username: 'ada' }, { username: 'bob' }, { username: 'cy' }];
  product = await startProduct(db, {
    now,
    discord: { users, rateLimits: { reactions: { limit: 1, windowMs: 500 } } },
    env: { TEND_REACTION_INTERVAL_MS: '650' },
  });
  queues = createQueues(db.redis, db.queuePrefix);
  [ada, bob, cy] = product.discord.users.map((u) => u.id) as [string, string, string];
}, 30_000);

afterAll(async () => {
  await queues?.close();
  await product?.close();
});

const processor = () => nudgeProcessor(db, product, now);

/** A report with 13 accounts to review (two pages) and five genuine followers gone quiet (a digest of five). */
function reportWithBoth(): AuditReport {
  const accounts: AccountReport[] = [
    ...mixedFlags()
      .map(account)
      .filter((a) => a.verdict !== 'nurture'),
    ...['ana', 'ben', 'cleo', 'dev', 'eve'].map((h, i) => nurtured(h, { strength: 10 - i })),
  ];
  const counted = <K extends string>(keys: readonly K[], has: (a: AccountReport, key: K) => boolean) =>
    Object.fromEntries(keys.map((key) => [key, accounts.filter((a) => has(a, key)).length])) as Record<
      K,
      number
    >;
  return {
    platform: 'x',
    owner: { id: '1', handle: 'owner' },
    generatedAt: new Date(t).toISOString(),
    interests: { terms: ['opera'], source: 'explicit' },
    accounts,
    warnings: [],
    summary: {
      following: accounts.length,
      followers: 100,
      byCategory: counted(CATEGORIES, (a, c) => a.categories.includes(c)),
      byVerdict: counted(VERDICTS, (a, v) => a.verdict === v),
      skippedChecks: [],
    },
  };
}

const buttonId = (m: FakeMessage, prefix: string) =>
  (m.components as APIActionRowComponent<APIComponentInMessageActionRow>[])
    .flatMap((row) => row.components)
    .map((b) => (b as { custom_id?: string }).custom_id)
    .find((id) => id?.startsWith(prefix))!;

async function seed(personId: string): Promise<FakeMessage> {
  await new ReportStore(db.redis, db.prefix).save(personId, {
    auditId: `audit-${personId}`,
    savedAt: t,
    report: reportWithBoth(),
  });
  const shown = product.discord.sendCommand(personId, 'report');
  return seenWhen(product.discord, shown.id, (m) => m.components.length > 0);
}

async function nudgeJob(personId: string): Promise<{ data: NudgeJob }> {
  const on = product.discord.sendCommand(personId, 'nudges', { subcommand: 'on' });
  await seenWhen(product.discord, on.id, (m) => /Nudges are on/.test(m.content));
  const job = (await queues.nudge.getDelayed()).find((j) => j.data.personId === personId)!;
  t = job.timestamp + job.delay;
  return job as { data: NudgeJob };
}

const dm = (personId: string) => product.discord.dmChannelOf(personId)!;
const reactionsOn = (personId: string, message: { id: string }) =>
  Object.keys(product.discord.reactionsOn(dm(personId), message.id));
const reactionCalls = (channelId: string): FakeDiscordCall[] =>
  product.discord.calls.filter((c) => c.route === REACTION_PUT && c.params.channel_id === channelId);
/** The DM that is a digest (it has a 🔕 legend), not a review page. */
const digestIn = (personId: string) =>
  product.discord.messages(dm(personId)).find((m) => JSON.stringify(m.embeds).includes('never nudge me'))!;
const pageIn = (personId: string) =>
  product.discord
    .messages(dm(personId))
    .find((m) => !JSON.stringify(m.embeds).includes('never nudge me')) as FakeMessage;

describe('reactions under Discord’s rate limit', () => {
  it('a review page and a digest in one DM at once: both get all their reactions, in order, taking turns without a 429', async () => {
    const summary = await seed(ada);
    const job = await nudgeJob(ada);
    const start = product.discord.clickButton(ada, summary, buttonId(summary, 'review:start:'));
    // The worker starts on its digest while the bot is still adding the page's reactions.
    await until(
      () =>
        product.discord.dmChannelOf(ada) !== null &&
        pageIn(ada) !== undefined &&
        reactionsOn(ada, pageIn(ada)).length >= 2,
    );
    expect(await processor().process(job)).toMatchObject({ sent: true });
    await seenWhen(product.discord, start.id, (m) => /DMs/.test(m.content), 60_000);
    expect(reactionsOn(ada, pageIn(ada))).toEqual(PAGE_REACTIONS);
    expect(reactionsOn(ada, digestIn(ada))).toEqual(DIGEST_REACTIONS);
    const calls = reactionCalls(dm(ada));
    // One PUT a reaction: the bot and the worker took turns in the channel's shared pace.
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    expect(calls.filter((c) => c.status === 204)).toHaveLength(
      PAGE_REACTIONS.length + DIGEST_REACTIONS.length,
    );
    expect(calls).toHaveLength(PAGE_REACTIONS.length + DIGEST_REACTIONS.length);
  }, 90_000);

  it('a digest whose reaction Discord finally refused is completed the next time its person reacts on it', async () => {
    await seed(bob);
    const job = await nudgeJob(bob);
    // 💤 fails four times running: discord.js retries a 5xx three times, then gives up.
    product.discord.failNext((call) => call.route === REACTION_PUT && call.params.emoji === '💤', 4);
    const result = await processor().process(job);
    expect(result).toMatchObject({ sent: true });
    const digest = digestIn(bob);
    expect(reactionsOn(bob, digest)).toEqual([...NUMBER_EMOJI.slice(0, 5), '✅']);

    // While the reactions may still be on their way, a reaction is only what it is.
    product.discord.react(bob, dm(bob), digest.id, NUMBER_EMOJI[0]!);
    await until(() => JSON.stringify(digestIn(bob).embeds).includes(`${NUMBER_EMOJI[0]} ☑️`));
    expect(reactionsOn(bob, digest)).not.toContain('💤');

    t += REACTIONS_SETTLE_MS;
    product.discord.react(bob, dm(bob), digest.id, NUMBER_EMOJI[1]!);
    await until(() => reactionsOn(bob, digest).includes('🔕'), 30_000);
    expect(reactionsOn(bob, digest)).toEqual(DIGEST_REACTIONS);
    // The store records the completion just after the last reaction lands: wait for it, not a moment.
    const digests = new DigestStore(db.redis, db.prefix);
    await until(async () => !(await digests.reactionsPending(bob, digest.id)));
  }, 90_000);

  it('a review page whose reaction Discord finally refused is delivered, and completed the next time its person reacts on it', async () => {
    const { discord } = product;
    const summary = await seed(cy);
    discord.failNext((call) => call.route === REACTION_PUT && call.params.emoji === '🛡️', 4);
    const start = discord.clickButton(cy, summary, buttonId(summary, 'review:start:'));
    const answer = await seenWhen(discord, start.id, (m) => m.content.length > 0, 60_000);
    expect(answer.content).toMatch(/Your review is in your DMs/);
    const page = pageIn(cy);
    expect(reactionsOn(cy, page)).toEqual([...NUMBER_EMOJI.slice(0, 10), '✅']);

    t += REACTIONS_SETTLE_MS;
    discord.react(cy, dm(cy), page.id, NUMBER_EMOJI[0]!);
    await until(() => reactionsOn(cy, page).includes('⏭️'), 30_000);
    expect(reactionsOn(cy, page)).toEqual(PAGE_REACTIONS);
    expect(JSON.stringify(pageIn(cy).embeds)).toContain(`${NUMBER_EMOJI[0]} ☑️`);
  }, 90_000);
});
