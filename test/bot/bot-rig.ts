/**
 * The whole product on one machine: the bot (`startBot`, the real discord.js client) against the fake
 * Discord, the workers (`startWorkers`) against the fake X, both on a real Redis — wired through the
 * environment, as an operator would.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import pino from 'pino';
import { COMMANDS } from '../../commands/index.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { DigestStore } from '../../src/store/digest-store.js';
import { NudgeStore } from '../../src/store/nudge-store.js';
import { PauseStore } from '../../src/store/pause-store.js';
import { LedgerStore } from '../../src/store/ledger-store.js';
import { ReportStore } from '../../src/store/reports.js';
import { restDigestDiscord } from '../../src/discord/rest-adapter.js';
import { ReactionPace, reactionSlots } from '../../src/store/reaction-pace.js';
import { NudgeProcessor } from '../../workers/nudge-processor.js';
import { startBot, type RunningBot } from '../../src/bot/start.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import {
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeMessage,
  type InteractionResponse,
} from '../support/fake-discord/index.js';
import { signInCookie, startFakeX, type FakeX, type ManualClock } from '../support/fake-x/index.js';
import { Browser, type Visit } from '../support/browser.js';
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
 * `now`: the bot's clock, for tests that move time to where a digest's reactions land. `botRedisUrl`:
 * where the bot (not the workers) finds Redis, such as a relay the test can hold up. `discord`: more
 * options of the fake Discord, such as its rate limits. `pastes`: the bot has no public address (no
 * X_REDIRECT_URI), so people paste X's redirect into /link. `xOwners`: X accounts people can sign in
 * to X with (default 1). `env`: settings over the rig's own.
 */
export async function startProduct(
  db: TestRedis,
  options: {
    now?: () => number;
    botRedisUrl?: string;
    discord?: FakeDiscordOptions;
    pastes?: boolean;
    xOwners?: number;
    /** How many accounts follow each owner on the fake X (its default when not given). */
    xFans?: number;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<Product> {
  const discord = await startFakeDiscord({
    users: [{ username: 'ada' }, { username: 'bob' }, { username: 'cy', dmsOpen: false }],
    ...options.discord,
  });
  const x = await startFakeX({
    network: {
      seed: 51,
      following: 40,
      owners: options.xOwners ?? 1,
      ...(options.xFans ? { fans: options.xFans } : {}),
    },
  });
  const { logger, lines } = capturedLogger();
  // The callback's address is known before the bot starts, as an operator's is: people's browsers reach it.
  const httpPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    REDIS_URL: db.url,
    TEND_STORE_PREFIX: db.prefix,
    TEND_QUEUE_PREFIX: db.queuePrefix,
    TEND_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    X_API_BASE_URL: x.baseUrl,
    X_CLIENT_ID: 'tend-test-app',
    TEND_HTTP_PORT: String(httpPort),
    ...(options.pastes ? {} : { X_REDIRECT_URI: `http://127.0.0.1:${httpPort}/oauth/x/callback` }),
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
  const botEnv = options.botRedisUrl ? { ...env, REDIS_URL: options.botRedisUrl } : env;
  const boot = () =>
    startBot(botEnv, {
      discordApi: discord.apiUrl,
      logger,
      auditPollMs: 100,
      ...(options.now ? { now: options.now } : {}),
    });
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
export async function seenWhen(
  discord: FakeDiscord,
  interactionId: string,
  done: (m: FakeMessage) => boolean,
  timeoutMs = 20_000,
): Promise<FakeMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = lastSeen(discord, interactionId);
    if (message && done(message)) return message;
    if (Date.now() > deadline)
      throw new Error(`timed out; last seen: ${JSON.stringify(message?.content ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const demoArchive = () => readFile(new URL('../../samples/demo-x-archive.zip', import.meta.url));

/** A browser of the person signed in to X as `xOwner`; X's consent page (https://x.com) is the fake X's. */
export function browserOf(product: Product, xOwner: number): Browser {
  const browser = new Browser({ 'https://x.com': product.x.baseUrl });
  browser.setCookie('https://x.com', signInCookie(xOwner));
  return browser;
}

/** The address /link's "Authorise Tend on X" button opens, for the person. */
export async function linkAddress(product: Product, userId: string): Promise<string> {
  const command = product.discord.sendCommand(userId, 'link');
  const reply = await seenWhen(product.discord, command.id, (m) => m.components.length > 0);
  const urls = JSON.stringify(reply.components).match(/https?:[^"]+/g) ?? [];
  return urls[0]!;
}

/** Opens the address in the browser and authorises Tend on X's consent page: where X then sends the browser. */
export async function authoriseOnX(browser: Browser, address: string): Promise<Visit> {
  const consent = await browser.open(address);
  if (consent.status !== 200 || !/wants to access your X account/.test(consent.body))
    throw new Error(`no consent page: ${consent.status} ${consent.body.slice(0, 300)}`);
  return browser.submit(consent, 'allow');
}

/** Links the person's X account as a person does: /link's button in their browser, X's consent page, Tend's confirmation. */
export async function linkX(product: Product, userId: string, xOwner = 0): Promise<void> {
  const browser = browserOf(product, xOwner);
  const question = await authoriseOnX(browser, await linkAddress(product, userId));
  if (question.status !== 200) throw new Error(`linking failed: ${question.status} ${question.body}`);
  const done = await browser.submit(question, 'link');
  if (done.status !== 200 || !/Linked @/.test(done.body))
    throw new Error(`linking failed: ${done.status} ${done.body}`);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A nudge worker's processor, on its own connection as a separate worker process would have, DMing through the fake Discord. */
export function nudgeProcessor(db: TestRedis, product: Product, now: () => number): NudgeProcessor {
  const redis = db.connection();
  return new NudgeProcessor({
    reports: new ReportStore(redis, db.prefix),
    ledgers: new LedgerStore(redis, db.prefix),
    nudges: new NudgeStore(redis, db.prefix),
    digests: new DigestStore(redis, db.prefix),
    pauses: new PauseStore(redis, db.prefix),
    cadenceDays: DEFAULT_THRESHOLDS.cadenceDays,
    discord: restDigestDiscord({
      token: product.discord.token,
      api: product.discord.apiUrl,
      slot: reactionSlots(
        new ReactionPace(redis, db.prefix, Number(product.env.TEND_REACTION_INTERVAL_MS ?? 300)),
      ),
    }),
    now,
    logger: pino({ level: 'silent' }),
  });
}
