/**
 * What the X-audit benchmarks share: a Redis namespace of their own (store and queue prefixes, an
 * encryption key), owners of the fake X linked as /link would link them, the workers' environment, and
 * the cleanup that leaves nothing behind under either prefix.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import type { TendQueues } from '../src/queues/queues.js';
import { SecretBox } from '../src/store/crypto.js';
import { LinkedAccounts } from '../src/store/linked-accounts.js';
import {
  GONE_ROLES,
  type FakeCall,
  type FakeClock,
  type FakeX,
  type OwnerCredentials,
} from '../test/support/fake-x/index.js';
import { deleteMatching } from './redis-keys.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export interface BenchRedis {
  prefix: string;
  queuePrefix: string;
  redis: Redis;
  /** A connection of its own, for what blocks (QueueEvents). */
  connection(): Redis;
  /** Links the fake's owner to `personId` with the OAuth 2.0 tokens it was issued. */
  link(personId: string, owner: OwnerCredentials, expiresAt: number): Promise<void>;
  /** The environment a worker process reads (service-settings.ts), pointed at this namespace and the fake. */
  workerEnv(fake: FakeX<FakeClock>, interactionPages: number): NodeJS.ProcessEnv;
  /** Obliterates the queues, then deletes every key left under both prefixes. */
  cleanup(queues: TendQueues): Promise<void>;
}

export async function benchRedis(label: string): Promise<BenchRedis> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(
      `No Redis answers at ${REDIS_URL} (${(error as Error).message}): run \`bash scripts/ensure-redis.sh\` or set REDIS_URL`,
      { cause: error },
    );
  }
  const run = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const prefix = `tend-bench:${label}:${run}`;
  const queuePrefix = `{tend-bench-${label}-${run}}`;
  const key = randomBytes(32);
  const accounts = new LinkedAccounts(redis, prefix, new SecretBox(key));
  const opened: Redis[] = [redis];
  return {
    prefix,
    queuePrefix,
    redis,
    connection: () => {
      const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      opened.push(connection);
      return connection;
    },
    link: async (personId, owner, expiresAt) => {
      await accounts.link(personId, {
        xUserId: owner.userId,
        handle: `owner-${owner.userId}`,
        linkedAt: Date.now(),
        tokens: {
          kind: 'oauth2',
          accessToken: owner.accessToken,
          refreshToken: owner.refreshToken,
          expiresAt,
          scope: ['tweet.read', 'users.read', 'follows.read', 'like.read', 'offline.access'],
        },
      });
    },
    workerEnv: (fake, interactionPages) => ({
      ...process.env,
      NODE_ENV: 'production',
      REDIS_URL,
      TEND_STORE_PREFIX: prefix,
      TEND_QUEUE_PREFIX: queuePrefix,
      TEND_ENCRYPTION_KEY: key.toString('base64'),
      X_API_BASE_URL: fake.baseUrl,
      X_CLIENT_ID: 'tend-bench',
      TEND_INTERACTION_PAGES: String(interactionPages),
      // 200 audits of 2,000 read 400,000 accounts: more than a day's default budget of X reads.
      TEND_X_DAILY_READ_BUDGET: '0',
      LOG_LEVEL: 'warn',
    }),
    cleanup: async (queues) => {
      await queues.audit.obliterate({ force: true });
      await queues.unfollow.obliterate({ force: true });
      await queues.close();
      await deleteMatching(redis, `${prefix}:*`);
      await deleteMatching(redis, `${queuePrefix}*`);
      await Promise.all(opened.map((connection) => connection.quit()));
    },
  };
}

export const FOLLOWING = 'GET /2/users/:id/following';
/** What X serves of each timeline at most (docs/X-API.md), 100 posts a page. */
const TIMELINE_CAPS = { posts: 3200, mentions: 800, likes: Infinity } as const;

/** The X API calls in the log: the OAuth token endpoint is the app renewing a token, not a read. */
export const apiCalls = (fake: FakeX<FakeClock>): FakeCall[] => fake.calls.filter((c) => c.endpoint !== null);

/**
 * The fewest calls that read what one audit reads: one `users/me`, one following page per 1,000
 * accounts X lists (gone ones are not listed), and per timeline the pages the depth setting asks for,
 * or fewer where the timeline is shorter (an empty one still costs the call that says so).
 */
export function callsLowerBound(
  fake: FakeX<FakeClock>,
  owner: number,
  interactionPages: number,
): { following: number; listed: number; interaction: number } {
  const listed = fake.network
    .followingOf(owner)
    .filter((i) => !GONE_ROLES.has(fake.network.kindAt(i))).length;
  const timelines = fake.timelines(owner);
  const interaction =
    interactionPages === 0
      ? 0
      : (Object.keys(TIMELINE_CAPS) as (keyof typeof TIMELINE_CAPS)[])
          .map((kind) =>
            Math.min(
              interactionPages,
              Math.max(1, Math.ceil(Math.min(timelines[kind].length, TIMELINE_CAPS[kind]) / 100)),
            ),
          )
          .reduce((a, b) => a + b, 0);
  return { following: Math.ceil(listed / 1000), listed, interaction };
}

/** Pages answered with 200 more than once: the same user, endpoint and pagination token. */
export function pagesReadTwice(calls: readonly FakeCall[]): number {
  const seen = new Set<string>();
  let twice = 0;
  for (const call of calls) {
    // Lookups are told apart by their ids, not a token: an audit of the following list makes none.
    if (call.status !== 200 || call.endpoint === 'GET /2/users') continue;
    const page = `${call.user} ${call.endpoint} ${call.query.pagination_token ?? ''}`;
    if (seen.has(page)) twice += 1;
    seen.add(page);
  }
  return twice;
}

/**
 * A running process's peak resident set and CPU time so far, from Linux's /proc (read before it exits,
 * as nothing reports a child's own peak); null where there is no /proc.
 */
export async function processUsage(pid: number): Promise<{ peakRssMb: number; cpuSeconds: number } | null> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const kb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]);
    // utime and stime are the 12th and 13th fields after the command name, which may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return {
      peakRssMb: Math.round(kb / 1024),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticks,
    };
  } catch {
    return null;
  }
}

/** Redis's memory in use (MB) and the CPU time it has spent (s), from INFO. */
export async function redisUsage(redis: Redis): Promise<{ usedMb: number; cpuSeconds: number }> {
  const info = await redis.info();
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return {
    usedMb: field('used_memory') / 1024 ** 2,
    cpuSeconds: field('used_cpu_user') + field('used_cpu_sys'),
  };
}
