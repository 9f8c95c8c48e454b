/**
 * The whole product on one machine: the bot (`startBot`, the real discord.js client) against the fake
 * Discord, the workers (`startWorkers`) against the fake X, both on a real Redis — wired through the
 * environment, as an operator would.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { COMMANDS } from '../../commands/index.js';
import { startBot, type RunningBot } from '../../src/bot/start.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import { startFakeDiscord, type FakeDiscord, type FakeMessage, type InteractionResponse } from '../support/fake-discord/index.js';
import { startFakeX, type FakeX, type ManualClock } from '../support/fake-x/index.js';
import type { TestRedis } from '../support/redis.js';
import { capturedLogger } from '../workers/audit-rig.js';

export interface Product {
  discord: FakeDiscord;
  x: FakeX<ManualClock>;
  env: NodeJS.ProcessEnv;
  bot: RunningBot;
  workers: RunningWorkers;
  logLines: string[];
  /** Closes the bot and starts it again, after `whileDown` (what happens while no bot runs) when given. */
  restartBot(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * `now`: the bot's clock, for tests that move time to where a digest's reactions land. `env`: settings
 * over the rig's own.
 */
export async function startProduct(db: TestRedis, options: { now?: () => number; env?: NodeJS.ProcessEnv } = {}): Promise<Product> {
  const discord = await startFakeDiscord({ users: [{ username: 'ada' }, { username: 'bob' }, { username: 'cy', dmsOpen: false }] });
  const x = await startFakeX({ network: { seed: 51, following: 40 } });
  const { logger, lines } = capturedLogger();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    REDIS_URL: db.url,
    TEND_STORE_PREFIX: db.prefix,
    TEND_QUEUE_PREFIX: db.queuePrefix,
    TEND_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    X_API_BASE_URL: x.baseUrl,
    X_CLIENT_ID: 'tend-test-app',
    TEND_HTTP_PORT: '0',
    TEND_INTERACTION_PAGES: '1',
    TEND_PROFILE_FRESH_HOURS: '0',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    LOG_LEVEL: 'debug',
    // The tests audit one person through X again and again; the limits have tests of their own.
    TEND_X_AUDIT_COOLDOWN_HOURS: '0',
    ...options.env,
  };
  // Bot and workers share the wall clock, as in production; the fake X's own clock only keeps its rate
  // limits, which these small audits never reach.
  const workers = startWorkers(env, { logger, discordApi: discord.apiUrl });
  const boot = () => startBot(env, { discordApi: discord.apiUrl, logger, auditPollMs: 100, ...(options.now ? { now: options.now } : {}) });
  const product: Product = {
    discord,
    x,
    env,
    bot: await boot(),
    workers,
    logLines: lines,
    async restartBot(whileDown) {
      await product.bot.close();
      await whileDown?.();
      product.bot = await boot();
    },
    async close() {
      await product.bot.close();
      await workers.close();
      await discord.close();
      await x.close();
    },
  };
  await product.bot.client.application!.commands.set(COMMANDS.map((c) => c.data.toJSON()));
  return product;
}

/** What the person last saw in answer to an interaction. */
export function lastSeen(discord: FakeDiscord, interactionId: string): FakeMessage | null {
  const responses: InteractionResponse[] = discord.interactionResponses(interactionId);
  return responses.at(-1)?.message ?? null;
}

/** Waits until the person's view of an interaction satisfies `done`. */
export async function seenWhen(discord: FakeDiscord, interactionId: string, done: (m: FakeMessage) => boolean, timeoutMs = 20_000): Promise<FakeMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = lastSeen(discord, interactionId);
    if (message && done(message)) return message;
    if (Date.now() > deadline) throw new Error(`timed out; last seen: ${JSON.stringify(message?.content ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const demoArchive = () => readFile(new URL('../../samples/demo-x-archive.zip', import.meta.url));

/** Links the person's X account as /link does: the consent link, then X's redirect to the bot's callback with a code for `xOwner`. */
export async function linkX(product: Product, userId: string, xOwner = 0): Promise<void> {
  const command = product.discord.sendCommand(userId, 'link');
  const reply = await seenWhen(product.discord, command.id, (m) => m.components.length > 0);
  const urls = JSON.stringify(reply.components).match(/https?:[^"]+/g) ?? [];
  const consent = new URL(urls.find((u) => u.includes('code_challenge'))!);
  const callback = `http://127.0.0.1:${product.bot.httpPort}/oauth/x/callback?state=${consent.searchParams.get('state')}&code=${product.x.issueCode(xOwner)}`;
  const page = await fetch(callback);
  if (page.status !== 200) throw new Error(`linking failed: ${page.status} ${await page.text()}`);
}
