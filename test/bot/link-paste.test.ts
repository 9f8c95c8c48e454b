/**
 * /link on a bot without a public address: X sends the person to a page that does not load, and they
 * paste its address into /link's box in Discord. Whoever submits it is the Discord user it links to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/store/crypto.js';
import { LinkedAccounts } from '../../src/store/linked-accounts.js';
import { usernameOf } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { authoriseOnX, browserOf, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('link-paste');

describe('/link without a public address: the pasted address', () => {
  let pasting: Product;

  beforeAll(async () => {
    pasting = await startProduct(db, { pastes: true, xOwners: 2 });
  }, 30_000);

  afterAll(async () => {
    await pasting?.close();
  });

  /** /link's reply, with the address its button opens; `keep` runs no new /link (it would replace the pending one). */
  async function linkReply(userId: string, keep?: string): Promise<[string, FakeMessage]> {
    if (keep) return [keep, replies.get(userId)!];
    const command = pasting.discord.sendCommand(userId, 'link');
    const reply = await seenWhen(pasting.discord, command.id, (m) => m.components.length > 0);
    replies.set(userId, reply);
    return [JSON.stringify(reply.components).match(/https?:[^"]+/)![0], reply];
  }
  const replies = new Map<string, FakeMessage>();

  it('completes only the /link of the Discord user who pastes it', async () => {
    const [first, second] = pasting.discord.users.map((u) => u.id) as [string, string];
    const [consent] = await linkReply(first);
    expect(new URL(consent).origin, 'the button goes straight to X').toBe('https://x.com');
    const [, secondReply] = await linkReply(second);
    const [, firstReply] = await linkReply(first, consent);
    const browser = browserOf(pasting, 1);
    const landed = await authoriseOnX(browser, consent);
    expect(landed.body, 'the callback asks for the address to be pasted').toMatch(/paste box of \/link/);

    const submit = async (userId: string) => {
      const opened = pasting.discord.clickButton(
        userId,
        userId === first ? firstReply : secondReply,
        'link:paste',
      );
      await pasting.discord.waitFor((call) => call.path.includes(opened.id));
      const modal = pasting.discord.submitModal(userId, 'link:paste:modal', { url: landed.url });
      return seenWhen(pasting.discord, modal.id, (m) => m.content !== '');
    };
    const other = await submit(second);
    expect(other.content).toMatch(/belongs to another \/link/);
    const own = await submit(first);
    expect(own.content).toContain(`Linked @${usernameOf(pasting.x.network, pasting.x.network.owners[1]!)}`);
    const store = new LinkedAccounts(
      db.redis,
      db.prefix,
      new SecretBox(Buffer.from(pasting.env.TEND_ENCRYPTION_KEY!, 'base64')),
    );
    expect(await store.ownerOf(pasting.x.network.owners[1]!.id)).toBe(first);
  });
});
