import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { startBot, type RunningBot } from '../../src/bot/start.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { startRedisServer } from '../support/redis.js';
import { capturedLogger } from '../workers/audit-rig.js';
import { seenWhen } from './bot-rig.js';
import { until } from '../support/until.js';

/**
 * A Redis of this file's own, small and refusing to evict (as Tend's compose file runs it): making it
 * full is what must never be done to the shared one.
 */
let server: { url: string; stop(): Promise<void> };
let discord: FakeDiscord;
let bot: RunningBot;
let workers: RunningWorkers;
const worker = capturedLogger();
let filler: Redis;
let t = Date.UTC(2026, 11, 2, 12);
const { logger, lines } = capturedLogger();
let ada: string;

beforeAll(async () => {
  server = await startRedisServer(['--maxmemory', '8mb', '--maxmemory-policy', 'noeviction']);
  discord = await startFakeDiscord({ users: [{ username: 'ada' }] });
  ada = discord.users[0]!.id;
  bot = await startBot(
    {
      NODE_ENV: 'test',
      REDIS_URL: server.url,
      TEND_HTTP_PORT: '0',
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      LOG_LEVEL: 'debug',
    },
    { discordApi: discord.apiUrl, logger, now: () => t },
  );
  await bot.client.application!.commands.set(COMMANDS.map((c) => c.data.toJSON()));
  // Their stalled-job check writes every second: on a full Redis, it fails every second.
  workers = startWorkers(
    {
      NODE_ENV: 'test',
      REDIS_URL: server.url,
      TEND_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      TEND_JOB_LOCK_SECONDS: '1',
    },
    { logger: worker.logger },
  );
  filler = new Redis(server.url, { maxRetriesPerRequest: null });
}, 30_000);

afterAll(async () => {
  await bot?.close();
  await workers?.close();
  await discord?.close();
  await filler?.quit();
  await server?.stop();
});

const health = async () => {
  const answer = await fetch(`http://127.0.0.1:${bot.httpPort}/healthz`);
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
};
const keepAdd = async (account: string) => {
  const sent = discord.sendCommand(ada, 'keep', { subcommand: 'add', options: { accounts: account } });
  return (await seenWhen(discord, sent.id, (m) => m.content.length > 0)).content;
};
const oomAlarms = (logged = lines) =>
  logged
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((l) => l.level === 50 && /\bOOM\b/.test(l.msg));

/**
 * Makes this file's Redis full: a limit below what it holds. Filling it to the limit instead leaves it
 * at the edge, where a write squeezes in whenever Redis frees a client buffer.
 */
async function fill(): Promise<void> {
  const used = Number(/used_memory:(\d+)/.exec(await filler.info('memory'))![1]);
  await filler.config('SET', 'maxmemory', String(Math.floor(used / 2)));
  await expect(filler.set('filler', 'x')).rejects.toThrow(/^OOM/);
}

describe('a full Redis', () => {
  it('tells the person Tend is out of storage, the operator once a minute, and fails /healthz, until there is room again', async () => {
    expect(await keepAdd('@before')).toMatch(/^Kept 1 more/);
    expect((await health()).status).toBe(200);

    await fill();
    const full = await health();
    expect(full.status, 'PING still answers; only a write shows Redis is full').toBe(503);
    expect(full.body).toMatchObject({ ok: false, redis: false });
    expect(await keepAdd('@during')).toBe(
      'Tend is out of storage; the operator has been told. Try again later.',
    );
    expect(await keepAdd('@again')).toBe(
      'Tend is out of storage; the operator has been told. Try again later.',
    );
    expect(oomAlarms(), 'one line for the operator in the same minute').toHaveLength(1);
    t += 61_000;
    await keepAdd('@later');
    expect(oomAlarms(), 'and one more a minute later').toHaveLength(2);
    await until(() => oomAlarms(worker.lines).length > 0);
    // The check fails again every second; the operator still reads one line this minute.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(oomAlarms(worker.lines), 'the workers tell the operator too, once a minute').toHaveLength(1);

    await filler.config('SET', 'maxmemory', '8mb');
    expect((await health()).status).toBe(200);
    expect(await keepAdd('@after')).toMatch(/^Kept 1 more/);
  });
});
