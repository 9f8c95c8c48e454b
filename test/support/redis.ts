import { decodeFollowerEntry, SnapshotDecodeError } from '../../src/store/follower-snapshot-codec.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { unpackJson } from '../../src/store/packed-json.js';

/**
 * A real Redis for a test file (docs/TESTING.md): the one at REDIS_URL (default redis://127.0.0.1:6379), or,
 * where none answers, a `redis-server` started on a free port for this file and stopped after it.
 * Without either the file fails, saying how to get one: it never skips.
 *
 * Each file gets its own key prefix and BullMQ prefix, so files running in parallel and runs sharing a
 * server never see each other's keys; after the file every key under them is deleted, and the file
 * fails if any is left.
 */
export interface TestRedis {
  readonly url: string;
  /** Store key prefix of this file (`tend-test:<label>:<random>`). */
  readonly prefix: string;
  /** BullMQ prefix of this file, hash-tagged as production's is (`{tend-test-<label>-<random>}`). */
  readonly queuePrefix: string;
  /** A shared connection for commands and queues. */
  readonly redis: Redis;
  /** A new connection (`maxRetriesPerRequest: null`, as BullMQ workers need), closed after the file. */
  connection(): Redis;
  /** Every key under this file's two prefixes, sorted. */
  keys(): Promise<string[]>;
  /** Every key under this file's two prefixes with everything stored in it, as text: to look for leaks. */
  dump(): Promise<Map<string, string[]>>;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string')
    throw new Error('Could not find a free port for redis-server');
  return address.port;
}

/**
 * The Redis at `wanted` if it answers, else a `redis-server` started on a free port; `stop` stops only
 * a server started here.
 */
export async function findRedis(
  wanted: string,
): Promise<{ url: string; started: boolean; stop(): Promise<void> }> {
  if (await answers(wanted)) return { url: wanted, started: false, stop: async () => undefined };
  return { ...(await startRedisServer()), started: true };
}

/**
 * A `redis-server` of the caller's own on a free port (or `port`), with `args` added to its command line
 * (such as `--maxmemory 4mb`): for a test that does to Redis what must never be done to a shared one.
 */
export async function startRedisServer(
  args: string[] = [],
  port?: number,
): Promise<{ url: string; server: ChildProcess; stop(): Promise<void> }> {
  port ??= await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args],
    { stdio: 'ignore' },
  );
  const failed = await new Promise<Error | null>((resolve) => {
    server.once('spawn', () => resolve(null));
    server.once('error', resolve);
  });
  if (failed) {
    throw new Error(
      `No Redis answers, and there is no redis-server to start one (${failed.message}). ` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), run ' +
        '`bash scripts/ensure-redis.sh`, or set REDIS_URL to a Redis that answers.',
    );
  }
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill();
    await once(server, 'exit');
  };
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && server.exitCode === null; i++) {
    if (await answers(url)) return { url, server, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`Started redis-server on port ${port}, but it does not answer`);
}

export async function scanAll(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of redis.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>)
    found.push(...keys);
  return found;
}

/** Everything a key holds, whatever its type, as strings. */
async function contents(redis: Redis, key: string): Promise<string[]> {
  switch (await redis.type(key)) {
    case 'string': {
      // Reports and ledgers are stored gzipped (src/store/packed-json.ts): a leak inside one must show too.
      const raw = await redis.getBuffer(key);
      return [raw === null ? '' : await unpackJson(raw)];
    }
    case 'hash':
      return Object.entries(await redis.hgetall(key)).flat();
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, '0', '-1');
    case 'list':
      // Follower snapshots are packed lists of ids (follower-snapshot-codec.ts): read as the ids they hold.
      return (await redis.lrangeBuffer(key, 0, -1)).map((raw) => {
        try {
          const entry = decodeFollowerEntry(raw);
          const { owner, ...ids } = entry.kind === 'full' ? entry.snapshot : entry.delta;
          return [owner, ...Object.values(ids).flat()].join(' ');
        } catch (error) {
          if (error instanceof SnapshotDecodeError) return raw.toString();
          throw error;
        }
      });
    case 'stream':
      return (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
    default:
      return [];
  }
}

/** Registers the file's Redis: call at the top of a test file; the fields are ready inside tests and hooks. */
export function useTestRedis(label: string): TestRedis {
  if (!/^[a-z0-9-]+$/.test(label))
    throw new Error(`A test Redis label is lower-case letters, digits and dashes: got "${label}"`);
  const run = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const prefix = `tend-test:${label}:${run}`;
  const queuePrefix = `{tend-test-${label}-${run}}`;
  const opened: Redis[] = [];
  let url: string | null = null;
  let stop: () => Promise<void> = async () => undefined;

  const ready = () => {
    if (url === null) throw new Error('The test Redis is used before its beforeAll hook ran');
    return url;
  };
  const open = () => {
    const connection = new Redis(ready(), { maxRetriesPerRequest: null });
    opened.push(connection);
    return connection;
  };
  const keys = async () => {
    const all = [
      ...(await scanAll(handle.redis, `${prefix}*`)),
      ...(await scanAll(handle.redis, `${queuePrefix}*`)),
    ];
    return all.sort();
  };
  let shared: Redis | null = null;
  const handle: TestRedis = {
    get url() {
      return ready();
    },
    prefix,
    queuePrefix,
    get redis() {
      return (shared ??= open());
    },
    connection: open,
    keys,
    dump: async () => {
      const all = new Map<string, string[]>();
      for (const key of await keys()) all.set(key, await contents(handle.redis, key));
      return all;
    },
  };

  beforeAll(async () => {
    ({ url, stop } = await findRedis(process.env.REDIS_URL || DEFAULT_URL));
  });

  afterAll(async () => {
    try {
      if (url === null) return;
      const left = await keys();
      if (left.length > 0) await handle.redis.unlink(...left);
      const remaining = await keys();
      if (remaining.length > 0) throw new Error(`Keys left behind after cleanup: ${remaining.join(', ')}`);
    } finally {
      await Promise.all(opened.map((connection) => connection.quit().catch(() => connection.disconnect())));
      await stop();
    }
  });

  return handle;
}
