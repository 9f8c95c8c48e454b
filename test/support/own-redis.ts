import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startRedisServer } from './redis.js';

/**
 * A `redis-server` of the test's own, on a free port, that the test may take away and bring back —
 * never the shared one. `stop` is a clean shutdown (SHUTDOWN SAVE: the data is written to a file in
 * the server's own directory, nothing lost); `start` brings it back on the same port with that data,
 * keys whose time ran out meanwhile gone, as after a real restart. `close` stops it for good.
 */
export interface OwnRedis {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tend-redis-'));
  const boot = () => startRedisServer(['--dir', dir], port);
  let running = await boot();

  const stop = async () => {
    const admin = new Redis(running.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    admin.on('error', () => undefined);
    // The server closes the connection as it goes: that is the answer.
    await admin.call('SHUTDOWN', 'SAVE').catch(() => undefined);
    admin.disconnect();
    const { server } = running;
    if (server.exitCode === null && server.signalCode === null) await once(server, 'exit');
  };

  return {
    url: running.url,
    stop,
    start: async () => {
      running = await boot();
    },
    close: async () => {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
