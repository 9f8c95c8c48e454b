import { once } from 'node:events';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPANION_PATH, createHttpServer, listen } from '../../src/bot/http-server.js';
import { companionScript } from '../../src/companion/script.js';

/** The bot serves the Instagram browser companion: a GET route, text only, whether or not /link is set up. */
const servers: ReturnType<typeof createHttpServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.close();
    await once(server, 'close');
  }
});

async function start(): Promise<string> {
  const server = createHttpServer({
    link: null,
    callbackPath: '/oauth/x/callback',
    publicOrigin: null,
    health: async () => ({ ok: true }),
    logger: pino({ enabled: false }),
  });
  servers.push(server);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
}

describe('the companion route', () => {
  it('serves the userscript a userscript manager installs, with its defaults written in it', async () => {
    const origin = await start();
    const response = await fetch(`${origin}${COMPANION_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const text = await response.text();
    expect(text).toBe(companionScript());
    expect(text).toMatch(/^\/\/ ==UserScript==/);
    expect(text).toContain('// @match        https://www.instagram.com/*');
    expect(text).toContain('"dailyBudget":200');
    expect(text).toContain('"delayMs":[15000,20000]');
  });

  it('answers nothing else there, and only GET', async () => {
    const origin = await start();
    expect((await fetch(`${origin}${COMPANION_PATH}`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${origin}/companion/other.js`)).status).toBe(404);
  });
});
