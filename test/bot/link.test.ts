/**
 * /link as people use it: the real bot (discord.js against the fake Discord, its own HTTP server), a
 * browser with its cookies, X's consent page on the fake X, and the real Redis and queues. What is
 * checked is what the people involved would see, and where the X account ends up linked.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, type TendQueues } from '../../src/queues/queues.js';
import { SecretBox } from '../../src/store/crypto.js';
import { LinkedAccounts } from '../../src/store/linked-accounts.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { usernameOf } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';
import {
  authoriseOnX,
  browserOf,
  linkAddress,
  linkX,
  seenWhen,
  startProduct,
  type Product,
} from './bot-rig.js';

const db = useTestRedis('link');
let product: Product;
let queues: TendQueues;
let accounts: LinkedAccounts;
let ada: string;
let bob: string;
let cy: string;

beforeAll(async () => {
  product = await startProduct(db, { xOwners: 2 });
  [ada, bob, cy] = product.discord.users.map((u) => u.id) as [string, string, string];
  queues = createQueues(db.redis, db.queuePrefix);
  accounts = new LinkedAccounts(
    db.redis,
    db.prefix,
    new SecretBox(Buffer.from(product.env.TEND_ENCRYPTION_KEY!, 'base64')),
  );
}, 30_000);

afterAll(async () => {
  await queues?.unfollow.obliterate({ force: true });
  await queues?.close();
  await product?.close();
});

const handleOf = (xOwner: number) => usernameOf(product.x.network, product.x.network.owners[xOwner]!);
const xIdOf = (xOwner: number) => product.x.network.owners[xOwner]!.id;
const errorLines = () =>
  product.logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
const callback = (query: string) => `http://127.0.0.1:${product.bot.httpPort}/oauth/x/callback?${query}`;
const dmsTo = (userId: string): FakeMessage[] => {
  const channel = product.discord.dmChannelOf(userId);
  return channel ? product.discord.messages(channel) : [];
};

/** Unfollows the person confirmed that wait in the queue (delayed, as the pace holds them). */
async function queueUnfollows(personId: string, xOwner: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const data = {
      personId,
      auditId: 'a1',
      target: { id: String(9000 + i), handle: `t${i}` },
      xUserId: xIdOf(xOwner),
      confirmedAt: Date.now() + i,
    };
    await queues.unfollow.add('unfollow', data, {
      jobId: `unfollow-${personId}-a1-${9000 + i}`,
      delay: 3_600_000,
    });
  }
}
const queuedFor = async (personId: string) =>
  (await queues.unfollow.getJobs(['waiting', 'delayed'])).filter((job) => job.data.personId === personId);

describe('/link', () => {
  it('refuses X’s redirect in a browser that did not open the /link address: Bob’s consent link approved by Ada links nothing', async () => {
    const errorsBefore = errorLines().length;
    // Bob opens his own /link in his browser, and sends Ada the X consent page it took him to.
    const bobs = browserOf(product, 0);
    const start = await bobs.open(await linkAddress(product, bob));
    expect(start.status).toBe(200);
    const consentPage = start.url;
    expect(new URL(consentPage).pathname).toBe('/i/oauth2/authorize');
    expect(new URL(consentPage).searchParams.get('code_challenge_method')?.toUpperCase()).toBe('S256');
    expect(new URL(consentPage).searchParams.get('scope')).toContain('follows.write');

    const adas = browserOf(product, 1);
    const landed = await authoriseOnX(adas, consentPage);
    expect(landed.status).toBe(400);
    expect(landed.body).toContain('started in another browser');
    expect(landed.body).not.toContain(`Discord user`);
    expect(await accounts.ownerOf(xIdOf(1)), 'Ada’s X account is linked to nobody').toBeNull();
    expect(await accounts.get(bob)).toBeNull();

    // The address Ada landed on, with X's code, is no use to Bob either: the link is burned.
    const replay = await bobs.open(landed.url);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatch(/expired or was already used/);
    expect(await accounts.ownerOf(xIdOf(1))).toBeNull();
    expect(errorLines().length, 'a refusal is not an error in the logs').toBe(errorsBefore);
  });

  it('tells Ada, when she opens Bob’s /link address herself, that it links her X account to bob; Cancel links nothing', async () => {
    const adas = browserOf(product, 1);
    const question = await authoriseOnX(adas, await linkAddress(product, bob));
    expect(question.body).toContain(`Link @${handleOf(1)} to Discord user bob?`);
    const cancelled = await adas.submit(question, 'cancel');
    expect(cancelled.body).toContain('Nothing was linked');
    expect(await accounts.ownerOf(xIdOf(1))).toBeNull();
    const again = await adas.submit(question, 'link');
    expect(again.status, 'the link is gone once cancelled').toBe(400);
    expect(again.body).toMatch(/expired or was already used/);
    expect(await accounts.ownerOf(xIdOf(1))).toBeNull();
  });

  it('shows the browser that opened /link who receives the X account, and links only on its POST', async () => {
    const browser = browserOf(product, 1);
    const question = await authoriseOnX(browser, await linkAddress(product, bob));
    expect(question.status).toBe(200);
    expect(question.body).toContain(`Link @${handleOf(1)} to Discord user bob?`);
    expect(await accounts.ownerOf(xIdOf(1)), 'nothing is linked before the person confirms').toBeNull();

    // The same form posted by another site or without the browser's cookie links nothing.
    const fields = new URLSearchParams({
      state: /name="state" value="([^"]+)"/.exec(question.body)![1]!,
      token: /name="token" value="([^"]+)"/.exec(question.body)![1]!,
      decision: 'link',
    }).toString();
    const confirmUrl = `http://127.0.0.1:${product.bot.httpPort}/oauth/x/confirm`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cookie = [...browser.cookies(confirmUrl)].map(([k, v]) => `${k}=${v}`).join('; ');
    expect(cookie).toMatch(/^tend_link=/);
    const noCookie = await fetch(confirmUrl, { method: 'POST', body: fields, headers: form });
    expect(noCookie.status).toBe(400);
    const forged = await fetch(confirmUrl, {
      method: 'POST',
      body: fields,
      headers: { ...form, cookie, origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(400);
    expect((await fetch(confirmUrl)).status, 'a GET does not confirm').toBe(404);
    expect(await accounts.ownerOf(xIdOf(1))).toBeNull();

    const done = await browser.submit(question, 'link');
    expect(done.status).toBe(200);
    expect(done.body).toContain(`Linked @${handleOf(1)}`);
    expect(await accounts.ownerOf(xIdOf(1))).toBe(bob);
    expect((await accounts.get(bob))?.handle).toBe(handleOf(1));
  });

  it('sets the browser’s mark HttpOnly and SameSite=Lax, from Tend’s start address', async () => {
    const start = await fetch(await linkAddress(product, cy), { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(new URL(start.headers.get('location')!).origin).toBe('https://x.com');
    const cookie = start.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tend_link=[A-Za-z0-9_-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie, 'the cookie holds a hash, not the state').not.toContain(
      new URL(start.headers.get('location')!).searchParams.get('state'),
    );
  });

  it('moves an X account linked to Carol only telling her by DM, with her queued unfollows cancelled', async () => {
    // Ada plays Carol, with X account 0 linked and unfollows waiting; Cy plays Dave, who links X account 0 too.
    await linkX(product, ada, 0);
    await queueUnfollows(ada, 0, 3);
    await queueUnfollows(cy, 0, 1);
    expect(await queuedFor(ada)).toHaveLength(3);

    const browser = browserOf(product, 0);
    const question = await authoriseOnX(browser, await linkAddress(product, cy));
    expect(question.body).toContain(`Link @${handleOf(0)} to Discord user cy?`);
    expect(question.body).toContain('linked to another Discord account now');
    const done = await browser.submit(question, 'link');
    expect(done.body).toContain(`Linked @${handleOf(0)}`);

    expect(await accounts.ownerOf(xIdOf(0))).toBe(cy);
    expect(await accounts.get(ada)).toBeNull();
    const toldCarol = () => dmsTo(ada).find((m) => m.content.includes('linked to another Discord account'));
    await until(() => toldCarol() !== undefined);
    const told = toldCarol()!;
    expect(told.content).toContain(`@${handleOf(0)}`);
    expect(told.content).toContain('The 3 unfollows you had queued are cancelled');
    expect(await queuedFor(ada), 'Carol’s unfollows are gone from the queue').toEqual([]);
    expect(await queuedFor(cy), 'Dave’s own unfollows stay: his linked account did not change').toHaveLength(
      1,
    );
  });

  it('cancels one’s own queued unfollows on linking another X account, and on /unlink', async () => {
    expect((await accounts.get(bob))?.xUserId, 'Bob linked X account 1 above').toBe(xIdOf(1));
    await queueUnfollows(bob, 1, 2);
    await linkX(product, bob, 0);
    expect(await accounts.ownerOf(xIdOf(0))).toBe(bob);
    expect(await queuedFor(bob), 'chosen on X account 1, they may not go from X account 0').toEqual([]);

    await queueUnfollows(bob, 0, 1);
    const unlink = product.discord.sendCommand(bob, 'unlink');
    const reply = await seenWhen(product.discord, unlink.id, (m) => m.content !== '');
    expect(reply.content).toContain('The unfollow still queued is cancelled.');
    expect(await queuedFor(bob)).toEqual([]);
    expect(await accounts.ownerOf(xIdOf(0))).toBeNull();
  });

  it('answers a malformed or unknown state with 400, and logs no error', async () => {
    const before = errorLines().length;
    for (const query of [
      'state=%7Bnot%3Aa%20state%7D&code=abc',
      'state=' + 'x'.repeat(500) + '&code=abc',
      'code=abc',
      `state=${randomBytes(32).toString('base64url')}&code=abc`,
    ]) {
      const page = await fetch(callback(query));
      expect(page.status, query).toBe(400);
      expect(await page.text()).toMatch(/expired or was already used/);
    }
    const start = await fetch(`http://127.0.0.1:${product.bot.httpPort}/oauth/x/start?state=%7Bbad%7D`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(400);
    expect(errorLines().length).toBe(before);
  });

  it('says “run /link again” when the stored link was sealed under another TEND_ENCRYPTION_KEY', async () => {
    await linkX(product, ada, 1);
    await product.restartBot(async () => {
      product.env.TEND_ENCRYPTION_KEY = randomBytes(32).toString('base64');
    });
    const audit = product.discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    const reply = await seenWhen(product.discord, audit.id, (m) => m.content !== '');
    expect(reply.content).toContain('run /link again');
    expect(reply.content).not.toMatch(/Something went wrong/);
  });
});
