/**
 * Reactions beyond adding them: taking them back, the bot removing other people's, and what nobody can do —
 * the rules the review's "only the auditing person's reactions count" is built on.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Events,
  RESTJSONErrorCodes,
  type Client,
  type MessageReaction,
  type SendableChannels,
  type User,
} from 'discord.js';
import { connectClient } from './client.js';
import { startFakeDiscord, type FakeDiscord, type FakeUser } from './index.js';

let discord: FakeDiscord;
let client: Client<true>;
let ada: FakeUser;
let bob: FakeUser;

beforeEach(async () => {
  discord = await startFakeDiscord();
  [ada, bob] = discord.users as [FakeUser, FakeUser];
  client = await connectClient(discord);
});

afterEach(async () => {
  await client.destroy();
  await discord.close();
});

describe('fake Discord reactions', () => {
  it('tells the bot when a person takes a reaction back', async () => {
    const page = await client.users.send(ada.id, 'Page 1');
    discord.react(ada.id, page.channelId, page.id, '3️⃣');
    const removed = once(client, Events.MessageReactionRemove);
    discord.unreact(ada.id, page.channelId, page.id, '3️⃣');

    const [reaction, user] = (await removed) as [MessageReaction, User];
    expect([reaction.emoji.name, user.id]).toEqual(['3️⃣', ada.id]);
    expect(discord.reactionsOn(page.channelId, page.id)).toEqual({});
  });

  it('lets the bot remove someone else’s reaction in the server, not in a DM, where only its recipient can react', async () => {
    const summary = await (client.channels.cache.get(discord.channelId) as SendableChannels).send('Summary');
    const added = once(client, Events.MessageReactionAdd);
    discord.react(bob.id, discord.channelId, summary.id, '✅');
    await added;
    const removed = once(client, Events.MessageReactionRemove);
    await summary.reactions.resolve('✅')!.users.remove(bob.id);
    expect(((await removed) as [MessageReaction, User])[1].id).toBe(bob.id);
    expect(discord.reactionsOn(discord.channelId, summary.id)).toEqual({});

    const page = await client.users.send(ada.id, 'Page 1');
    expect(() => discord.react(bob.id, page.channelId, page.id, '✅')).toThrow(/cannot see channel/);
    const reacted = once(client, Events.MessageReactionAdd);
    discord.react(ada.id, page.channelId, page.id, '✅');
    await reacted;
    await expect(page.reactions.resolve('✅')!.users.remove(ada.id)).rejects.toMatchObject({
      code: RESTJSONErrorCodes.CannotExecuteActionOnDMChannel,
      status: 403,
    });
    expect(discord.reactionsOn(page.channelId, page.id)).toEqual({ '✅': [ada.id] });
  });

  it('takes only emoji as reactions', async () => {
    const page = await client.users.send(ada.id, 'Page 1');
    await expect(page.react('ok')).rejects.toMatchObject({ code: RESTJSONErrorCodes.UnknownEmoji });
    expect(() => discord.react(ada.id, page.channelId, page.id, 'ok')).toThrow(/not an emoji/);
    await page.react('🔟');
    await page.react('🛡️');
    expect(Object.keys(discord.reactionsOn(page.channelId, page.id))).toEqual(['🔟', '🛡️']);
  });
});

describe('fake Discord’s rate limit on reactions', () => {
  it('answers 429 as Discord does, per channel: retry_after in the body, Retry-After and X-RateLimit-* headers, not global', async () => {
    const limited = await startFakeDiscord({ rateLimits: { reactions: { limit: 1, windowMs: 250 } } });
    const bot = await connectClient(limited);
    try {
      const [ada, bob] = limited.users as [FakeUser, FakeUser];
      const first = await bot.users.send(ada.id, 'Page 1');
      const other = await bot.users.send(bob.id, 'Page 1');
      const put = (channelId: string, messageId: string, emoji: string) =>
        fetch(
          `${limited.apiUrl}/v10/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}/@me`,
          {
            method: 'PUT',
            headers: { authorization: `Bot ${limited.token}` },
          },
        );
      const ok = await put(first.channelId, first.id, '1️⃣');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(ok.headers.get('x-ratelimit-limit')).toBe('1');
      const refused = await put(first.channelId, first.id, '2️⃣');
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as { message: string; retry_after: number; global: boolean };
      expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
      expect(body.retry_after).toBeGreaterThan(0);
      expect(body.retry_after).toBeLessThanOrEqual(0.25);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('x-ratelimit-scope')).toBe('user');
      expect(refused.headers.get('x-ratelimit-bucket')).toBe(ok.headers.get('x-ratelimit-bucket'));
      expect(refused.headers.get('x-ratelimit-global')).toBeNull();
      expect((await put(other.channelId, other.id, '1️⃣')).status, 'another channel counts on its own').toBe(
        204,
      );
      limited.advanceClock(250);
      expect((await put(first.channelId, first.id, '2️⃣')).status).toBe(204);
      expect(limited.reactionsOn(first.channelId, first.id)).toEqual({
        '1️⃣': [bot.user.id],
        '2️⃣': [bot.user.id],
      });
    } finally {
      await bot.destroy();
      await limited.close();
    }
  });
});
