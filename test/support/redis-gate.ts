/**
 * A TCP relay in front of the test Redis that the test can hold shut: while held, what a client sends
 * waits in the relay, so every Redis call of a process pointed at it hangs until `release()` — a busy
 * Redis whose slowness the test decides, step by step, instead of hoping the machine is slow enough.
 *
 *   const gate = await startRedisGate(db.url);
 *   startBot({ ...env, REDIS_URL: gate.url });
 *   gate.hold(); …; gate.release();
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RedisGate {
  /** A Redis URL for the process to hold up, with the database of the one it relays to. */
  url: string;
  /** From now on nothing a client sends reaches Redis (answers to what already did still come back). */
  hold(): void;
  /** Sends on what waited, in order, and lets everything through again. */
  release(): void;
  close(): Promise<void>;
}

export async function startRedisGate(redisUrl: string): Promise<RedisGate> {
  const target = new URL(redisUrl);
  let held = false;
  const pending: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    const forget = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      if (held) pending.push(() => upstream.write(chunk));
      else upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    hold: () => void (held = true),
    release: () => {
      held = false;
      for (const send of pending.splice(0)) send();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
