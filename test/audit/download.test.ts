import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadUpload, isAllowedUploadUrl, type DownloadLimits } from '../../src/audit/download.js';
import { until } from '../support/until.js';

/**
 * A file server on loopback that misbehaves on demand: it stalls after a few bytes, trickles a byte at
 * a time for ever, or sends the request on elsewhere. Every request it gets is logged.
 */
const BODY = Buffer.from('PK\x03\x04 an upload of some bytes');
let server: Server;
let base: string;
const requests: string[] = [];
const open = new Set<ServerResponse>();

function serve(req: IncomingMessage, res: ServerResponse): void {
  requests.push(req.url!);
  open.add(res);
  res.on('close', () => open.delete(res));
  const [path, query] = req.url!.split('?');
  if (path === '/ok.zip') return void res.writeHead(200).end(BODY);
  if (path === '/stall.zip') {
    res.writeHead(200, { 'content-length': String(BODY.length) });
    return void res.write(BODY.subarray(0, 4));
  }
  if (path === '/silent.zip') return;
  if (path === '/trickle.zip') {
    res.writeHead(200);
    const drip = setInterval(() => res.write('x'), 10);
    return void res.on('close', () => clearInterval(drip));
  }
  if (path === '/redirect')
    return void res.writeHead(302, { location: decodeURIComponent(query!.slice('to='.length)) }).end();
  if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
  res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let dir: string;
beforeEach(async () => {
  requests.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'tend-download-test-'));
  return () => rm(dir, { recursive: true, force: true });
});

const LIMITS: DownloadLimits = { maxBytes: 1024 ** 2, totalMs: 1_500, idleMs: 300, allowLoopback: true };
const fetchOf = (path: string, limits: DownloadLimits = LIMITS) =>
  downloadUpload({ url: `${base}${path}`, name: 'export.zip', bytes: 100 }, dir, limits);

describe('fetching an upload', () => {
  it('saves what Discord serves', async () => {
    const path = await fetchOf('/ok.zip');
    expect(await readFile(path)).toEqual(BODY);
  });

  it('gives up on a server that sends four bytes and then nothing, and closes the connection', async () => {
    await expect(fetchOf('/stall.zip')).rejects.toThrow(
      'export.zip stopped arriving from Discord (nothing for 1 s): upload it again',
    );
    await until(() => open.size === 0);
  });

  it('gives up on a server that never answers the request', async () => {
    await expect(fetchOf('/silent.zip')).rejects.toThrow(/stopped arriving from Discord/);
  });

  it('gives up on a server that trickles a byte at a time for longer than the whole fetch may take', async () => {
    await expect(fetchOf('/trickle.zip')).rejects.toThrow(
      'export.zip took longer than 2 s to fetch from Discord: upload it again, or export without media',
    );
    await until(() => open.size === 0);
  });

  it('gives a job’s second file only what its first left of the one deadline', async () => {
    const second = downloadUpload(
      { url: `${base}/trickle.zip`, name: 'profiles.jsonl', bytes: 100 },
      dir,
      LIMITS,
      fetch,
      { spentMs: LIMITS.totalMs - 100 },
    );
    await expect(second).rejects.toThrow(
      'profiles.jsonl and the file before it took longer than 2 s in all to fetch from Discord: upload them again, or export without media',
    );
  });

  it('follows a redirect to another allowed address', async () => {
    const path = await fetchOf(`/redirect?to=${encodeURIComponent(`${base}/ok.zip`)}`);
    expect(await readFile(path)).toEqual(BODY);
    expect(requests).toEqual([expect.stringMatching(/^\/redirect/), '/ok.zip']);
  });

  it('refuses a redirect to any host that is not Discord’s, without asking it', async () => {
    for (const elsewhere of [
      'http://10.0.0.7/internal',
      'https://example.com/a.zip',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      await expect(fetchOf(`/redirect?to=${encodeURIComponent(elsewhere)}`)).rejects.toThrow(
        `export.zip could not be fetched from Discord: it was sent on to ${new URL(elsewhere).host}, which is not Discord's, and Tend does not follow it there`,
      );
    }
  });

  it('stops following a redirect loop', async () => {
    await expect(fetchOf('/loop')).rejects.toThrow(/HTTP 302, sent on too often or nowhere/);
    expect(requests).toHaveLength(4);
  });

  it('in production, asks only Discord’s attachment hosts: loopback and anything else are refused before any request', async () => {
    const production = { ...LIMITS, allowLoopback: false };
    await expect(fetchOf('/ok.zip', production)).rejects.toThrow(
      /export\.zip is not a Discord attachment \(it is on 127\.0\.0\.1:\d+\)/,
    );
    expect(requests).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    expect(
      isAllowedUploadUrl('https://cdn.discordapp.com/attachments/1/2/twitter.zip?ex=1&hm=2', false),
    ).toBe(true);
    expect(isAllowedUploadUrl('https://media.discordapp.net/attachments/1/2/twitter.zip', false)).toBe(true);
    for (const refused of [
      'http://cdn.discordapp.com/attachments/1/2/a.zip',
      'https://cdn.discordapp.com.evil.example/a.zip',
      'https://user:pw@cdn.discordapp.com/a.zip',
      'https://127.0.0.1/a.zip',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isAllowedUploadUrl(refused, false), refused).toBe(false);
    }
  });
});
