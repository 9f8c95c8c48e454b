import { createServer } from 'node:net';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { findRedis } from '../support/redis.js';

/** A loopback URL where nothing listens. */
async function deadUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return `redis://127.0.0.1:${port}`;
}

describe('the test Redis', () => {
  it('starts its own redis-server where none answers, uses one that does, and stops only its own', async () => {
    const wanted = await deadUrl();
    const started = await findRedis(wanted);
    expect(started).toMatchObject({ started: true });
    expect(started.url).not.toBe(wanted);

    const reused = await findRedis(started.url);
    expect(reused).toMatchObject({ started: false, url: started.url });
    await reused.stop();
    const client = new Redis(started.url, { maxRetriesPerRequest: null });
    expect(await client.ping(), 'stopping a Redis it did not start leaves it running').toBe('PONG');
    await client.quit();

    await started.stop();
    const after = await findRedis(started.url);
    expect(after.started, 'the stopped server no longer answers').toBe(true);
    await after.stop();
  });
});
