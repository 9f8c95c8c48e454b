/**
 * Nudges end to end: /nudges through the real bot against the fake Discord, the digests sent by the
 * nudge processor through discord.js REST to the same fake, on a real Redis. The scheduled job is the
 * one BullMQ's job scheduler made, run by hand at the instant it was due, on a clock the test moves.
 */
import { forgottenKey } from '../../src/store/keys.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMBER_EMOJI } from '../../src/discord/emoji.js';
import { NudgeStore } from '../../src/store/nudge-store.js';
import { pauseNotice } from '../../src/nudges/pause.js';
import { PauseStore } from '../../src/store/pause-store.js';
import type { NudgeJob } from '../../src/queues/payloads.js';
import { createQueues, type TendQueues } from '../../src/queues/queues.js';
import { ReportStore } from '../../src/store/reports.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTestRedis } from '../support/redis.js';
import { kept, nurtured, reportOf } from '../nudges/fixtures.js';
import { lastSeen, nudgeProcessor, seenWhen, startProduct, type Product } from './bot-rig.js';
import { until } from '../support/until.js';

const db = useTestRedis('nudges');
const DAY = 86_400_000;
let t = Date.now();
const now = () => t;
let product: Product;
let queues: TendQueues;
let ada: string;
let bob: string;
let cy: string;

beforeAll(async () => {
  product = await startProduct(db, { now });
  queues = createQueues(db.redis, db.queuePrefix);
  [ada, bob, cy] = product.discord.users.map((u) => u.id) as [string, string, string];
}, 30_000);

afterAll(async () => {
  await queues?.close();
  await product?.close();
});

const processor = () => nudgeProcessor(db, product, now);

const HANDLES = ['ana', 'ben', 'cleo', 'dev', 'eve'];

async function seedReport(personId: string): Promise<void> {
  const accounts = [...HANDLES.map((h, i) => nurtured(h, { strength: 10 - i })), kept('zed')];
  await new ReportStore(db.redis, db.prefix).save(personId, {
    auditId: 'audit-1',
    savedAt: t,
    report: reportOf(accounts),
  });
}

async function command(
  userId: string,
  subcommand: string,
  options: Record<string, string | number> = {},
): Promise<FakeMessage> {
  const sent = product.discord.sendCommand(userId, 'nudges', { subcommand, options });
  return seenWhen(product.discord, sent.id, (m) => m.content.length > 0 || m.embeds.length > 0);
}

/** The job the person's scheduler queued, and when it is due. */
async function scheduledJob(personId: string) {
  const jobs = await queues.nudge.getDelayed();
  const job = jobs.find((j) => j.data.personId === personId);
  if (!job) throw new Error(`no scheduled digest for ${personId}`);
  return { job: job as { data: NudgeJob }, dueAt: job.timestamp + job.delay };
}

const text = (m: FakeMessage) => m.content + JSON.stringify(m.embeds);
const dmOf = (personId: string) => product.discord.dmChannelOf(personId);
const digests = (personId: string) => (dmOf(personId) ? product.discord.messages(dmOf(personId)!) : []);
/** The names in a digest, in its order, as the person reads them. */
const named = (m: FakeMessage) =>
  HANDLES.map((h) => ({ h, at: (m.embeds[0]?.description ?? '').indexOf(`@${h}]`) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.h);
const numberOf = (m: FakeMessage, handle: string) => NUMBER_EMOJI[named(m).indexOf(handle)]!;

/** The person's digest scheduler, found by whom its digests are for: its id names nobody. */
const schedulerOf = async (personId: string) =>
  (await queues.nudge.getJobSchedulers()).find((s) => s.template?.data?.personId === personId);

describe('nudges, end to end', () => {
  it('/nudges on schedules a weekly digest with BullMQ and says when it comes', async () => {
    await seedReport(ada);
    const reply = await command(ada, 'on');
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      /^Nudges are on: a digest comes to your DMs every Monday at 09:00 \(UTC\); the next one Monday \d+ \w+, 09:00/,
    );
    const scheduler = await schedulerOf(ada);
    expect(scheduler).toMatchObject({ pattern: '0 9 * * 1', tz: 'UTC' });
    expect(scheduler!.key).not.toContain(ada);
    const { dueAt } = await scheduledJob(ada);
    expect(new Date(dueAt).getUTCDay()).toBe(1);
    expect(new Date(dueAt).toISOString()).toMatch(/T09:00:00/);
  });

  it('/nudges preview shows the next digest privately, sends no DM and marks nobody nudged', async () => {
    const preview = await command(ada, 'preview');
    expect(preview.ephemeral).toBe(true);
    expect(preview.content).toMatch(/^Your next digest comes Monday/);
    expect(named(preview)).toEqual(HANDLES);
    expect(dmOf(ada)).toBeNull();
    expect((await new NudgeStore(db.redis, db.prefix).state(ada)).size).toBe(0);
  });

  it('sends one digest for the period however many workers run it, naming the report’s nurture accounts and why', async () => {
    const { job, dueAt } = await scheduledJob(ada);
    t = dueAt;
    const results = await Promise.all([processor().process(job), processor().process(job)]);
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(results.find((r) => !r.sent)).toMatchObject({ reason: 'already_sent' });
    t = dueAt + 3_600_000;
    expect(await processor().process(job)).toMatchObject({ sent: false, reason: 'already_sent' });

    const [digest, ...others] = digests(ada);
    expect(others).toEqual([]);
    expect(digest!.embeds[0]!.title).toBe('5 people to get back in touch with');
    expect(named(digest!)).toEqual(HANDLES);
    expect(text(digest!)).not.toContain('@zed');
    for (const entry of digest!.embeds[0]!.description!.split('\n\n'))
      expect(entry).toMatch(/↳ mutual and on-topic; .*\d+ days ago/);
    await until(() => Object.keys(product.discord.reactionsOn(dmOf(ada)!, digest!.id)).includes('🔕'));
    expect(Object.keys(product.discord.reactionsOn(dmOf(ada)!, digest!.id))).toEqual([
      ...NUMBER_EMOJI.slice(0, 5),
      '✅',
      '💤',
      '🔕',
    ]);
  });

  it('✅, 💤 and 🔕 act on the people picked, and the digest says what was done', async () => {
    const { discord } = product;
    const dm = dmOf(ada)!;
    const digest = digests(ada)[0]!;
    t += 20 * DAY;
    const act = async (handle: string, emoji: string, done: RegExp) => {
      const number = numberOf(digest, handle);
      discord.react(ada, dm, digest.id, number);
      await until(() => text(digests(ada)[0]!).includes(`${number} ☑️`));
      discord.react(ada, dm, digest.id, emoji);
      await until(() => done.test(text(digests(ada)[0]!)));
      discord.unreact(ada, dm, digest.id, number);
      await until(() => !text(digests(ada)[0]!).includes(`${number} ☑️`));
    };
    await act('ana', '✅', /done: counted as getting in touch/);
    await act('ben', '💤', /snoozed for 30 days/);
    await act('cleo', '🔕', /you will not be nudged about them again/);
    const entries = digests(ada)[0]!.embeds[0]!.description!.split('\n\n');
    expect(entries.find((e) => e.includes('@ana]'))).toContain('✅ done');
    expect(entries.find((e) => e.includes('@ben]'))).toContain('💤 snoozed');
    expect(entries.find((e) => e.includes('@dev]'))).not.toMatch(/done|snoozed|not be nudged/);
  });

  it('the next digests follow the reactions: ✅ resets the clock, 💤 waits 30 days, 🔕 never comes back', async () => {
    const { job, dueAt } = await scheduledJob(ada);
    const sentAt = dueAt;
    t = sentAt + 35 * DAY;
    expect(await processor().process(job)).toMatchObject({ sent: true });
    const second = digests(ada).at(-1)!;
    expect(second.embeds[0]!.title).toBe('2 people to get back in touch with');
    expect(named(second)).toEqual(['dev', 'eve']);

    t = sentAt + 51 * DAY;
    expect(await processor().process(job)).toMatchObject({ sent: true });
    const third = digests(ada).at(-1)!;
    // ben outranks ana now: her ✅ was the more recent contact.
    expect(named(third)).toEqual(['ben', 'ana']);
    expect(third.embeds[0]!.description).toMatch(/you last got in touch 30 days ago \(you marked it ✅\)/);
    expect(text(third)).not.toContain('@cleo');
  });

  it('closed DMs pause the nudges, and the person’s next command reply says so, once', async () => {
    const { discord } = product;
    await seedReport(cy);
    await command(cy, 'on');
    const { job, dueAt } = await scheduledJob(cy);
    t = dueAt;
    expect(await processor().process(job)).toMatchObject({ sent: false, reason: 'dm_closed' });
    expect(digests(cy)).toEqual([]);
    t += 7 * DAY;
    expect(await processor().process(job)).toMatchObject({ sent: false, reason: 'paused' });

    const keep = discord.sendCommand(cy, 'keep', { subcommand: 'list' });
    await until(() => discord.interactionResponses(keep.id).length === 3);
    const [deferral, reply, notice] = discord.interactionResponses(keep.id);
    expect(deferral!.kind).toBe('deferReply');
    expect(reply!.message!.content).toBe('Your keep list is empty.');
    expect(notice!.kind).toBe('followUp');
    expect(notice!.message!.content).toBe(pauseNotice('dm_closed'));
    expect(notice!.message!.ephemeral).toBe(true);

    const again = discord.sendCommand(cy, 'keep', { subcommand: 'list' });
    await seenWhen(discord, again.id, (m) => m.content.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.interactionResponses(again.id).map((r) => [r.kind, r.message?.content])).toEqual([
      ['deferReply', ''],
      ['edit', 'Your keep list is empty.'],
    ]);
  });

  it('/nudges schedule follows the person’s time zone and moves a digest out of their quiet hours', async () => {
    await seedReport(bob);
    await command(bob, 'on');
    const reply = await command(bob, 'schedule', {
      day: 'sunday',
      time: '23:30',
      timezone: 'america/new_york',
      quiet_hours: '22:00-07:00',
    });
    // 23:30 falls in the quiet hours: the digest comes when they end, on Monday morning in New York.
    expect(reply.content).toMatch(/^Saved: digests come every Monday at 07:00 \(America\/New_York\)/);
    const scheduler = await schedulerOf(bob);
    expect(scheduler).toMatchObject({ pattern: '0 7 * * 1', tz: 'America/New_York' });
    const { dueAt } = await scheduledJob(bob);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(dueAt);
    expect(local).toBe('Monday 07:00');
    const refused = await command(bob, 'schedule', { timezone: 'Mars/Olympus_Mons' });
    expect(refused.content).toMatch(/^Time zone: not a time zone/);
  });

  it('/nudges cadence holds one account back longer than their tier would', async () => {
    const reply = await command(bob, 'cadence', { account: '@ana', days: 60 });
    expect(reply.content).toBe('Tend will nudge you about @ana at most every 60 days.');
    const { job, dueAt } = await scheduledJob(bob);
    t = dueAt;
    const first = await processor().process(job);
    expect(first).toMatchObject({ sent: true });
    // 35 days on, past the regular cadence of 30: everyone comes back but ana, held to her 60.
    t = dueAt + 35 * DAY;
    const second = await processor().process(job);
    expect(second).toMatchObject({ sent: true });
    const latest = digests(bob).at(-1)!;
    expect(named(latest)).not.toContain('ana');
    expect(named(latest).length).toBeGreaterThan(0);
  });

  it('/nudges off removes the scheduler, and a job already queued sends nothing', async () => {
    await seedReport(bob);
    await command(bob, 'on');
    const { job, dueAt } = await scheduledJob(bob);
    const sentBefore = digests(bob).length;
    const off = await command(bob, 'off');
    expect(off.content).toMatch(/^Nudges are off/);
    expect(await schedulerOf(bob)).toBeUndefined();
    t = dueAt;
    expect(await processor().process(job)).toMatchObject({ sent: false, reason: 'off' });
    expect(digests(bob)).toHaveLength(sentBefore);
  });

  it('/forget removes the person’s digest scheduler and its queued job', async () => {
    const { discord } = product;
    const forget = discord.sendCommand(ada, 'forget');
    await seenWhen(discord, forget.id, (m) => m.components.length > 0);
    const confirm = discord.clickButton(ada, { id: lastSeen(discord, forget.id)!.id }, 'forget:confirm');
    await seenWhen(discord, confirm.id, (m) => /deleted/.test(m.content));
    expect(await schedulerOf(ada)).toBeUndefined();
    expect((await queues.nudge.getDelayed()).filter((j) => j.data.personId === ada)).toEqual([]);
    expect((await db.keys()).filter((key) => key.includes(ada))).toEqual([forgottenKey(db.prefix, ada)]);
  });

  it('stops the nudges of a person who left every server Tend is in, and says why when they are back', async () => {
    await seedReport(bob);
    await command(bob, 'on');
    const { job, dueAt } = await scheduledJob(bob);
    const sentBefore = digests(bob).length;
    product.discord.leaveServer(bob);
    t = dueAt + 60 * DAY;
    expect(await processor().process(job)).toMatchObject({ sent: false, reason: 'left_servers' });
    expect(digests(bob)).toHaveLength(sentBefore);
    t += 7 * DAY;
    expect(await processor().process(job)).toMatchObject({ sent: false, reason: 'paused' });
    expect(await new PauseStore(db.redis, db.prefix).paused(bob)).toMatchObject({ reason: 'left_servers' });
  });
});
