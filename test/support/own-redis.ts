import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './redis.js';

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

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
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

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tend-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;

  const start = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    server = child;
    const failed = await new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', resolve);
    });
    if (failed) throw new Error(`This test starts a redis-server of its own, and there is none to start (${failed.message}): apt-get install redis-server`);
    for (let i = 0; i < 200; i++) {
      if (await answers(url)) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server on port ${port} does not answer`);
  };

  const exited = async () => {
    const child = server;
    server = null;
    if (child && child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  };

  const stop = async () => {
    const admin = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    admin.on('error', () => undefined);
    // The server closes the connection as it goes: that is the answer.
    await admin.call('SHUTDOWN', 'SAVE').catch(() => undefined);
    admin.disconnect();
    await exited();
  };

  await start();
  return {
    url,
    stop,
    start,
    close: async () => {
      if (server) {
        server.kill('SIGKILL');
        await exited();
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
