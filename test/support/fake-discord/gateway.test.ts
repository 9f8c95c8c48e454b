/**
 * The gateway as the bot meets it across connections: a dropped connection resumes and gets what it
 * missed, dispatches follow the intents the client identified with, and privileged intents are refused.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Events,
  GatewayIntentBits,
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

beforeEach(async () => {
  discord = await startFakeDiscord();
  ada = discord.users[0]!;
  client = await connectClient(discord);
});

afterEach(async () => {
  await client.destroy();
  await discord.close();
});

const serverChannel = (): SendableChannels =>
  client.channels.cache.get(discord.channelId) as SendableChannels;

describe('fake Discord gateway', () => {
  it('resumes a dropped connection and replays the reaction made while the bot was away', async () => {
    const message = await serverChannel().send('Pick one');
    discord.disconnectClients();
    discord.react(ada.id, discord.channelId, message.id, '👍');

    const [reaction, user] = (await once(client, Events.MessageReactionAdd)) as [MessageReaction, User];
    expect([reaction.message.id, reaction.emoji.name, user.id]).toEqual([message.id, '👍', ada.id]);
    expect(discord.gatewayLog.map((entry) => entry.event)).toEqual(['identify', 'closed', 'resume']);
    expect(client.isReady()).toBe(true);
  });

  it('dispatches only what the identified intents cover: no DM reactions without DirectMessageReactions', async () => {
    const dmMessage = await client.users.send(ada.id, 'Page 1');
    const guildMessage = await serverChannel().send('Summary');
    const narrow = await connectClient(discord, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    });
    try {
      const seen: string[] = [];
      const guildReactionSeen = new Promise<void>((resolve) => {
        narrow.on(Events.Raw, (packet: { t: string; d: { channel_id: string } }) => {
          if (packet.t !== 'MESSAGE_REACTION_ADD') return;
          // Both reactions travel on one socket in order: once the second is seen, the first had its chance.
          if (seen.push(packet.d.channel_id) && packet.d.channel_id === discord.channelId) resolve();
        });
      });
      discord.react(ada.id, dmMessage.channelId, dmMessage.id, '✅');
      discord.react(ada.id, discord.channelId, guildMessage.id, '✅');
      await guildReactionSeen;
      expect(seen).toEqual([discord.channelId]);
    } finally {
      await narrow.destroy();
    }
  });

  it('refuses privileged intents the application was not granted, as Discord closes with 4014', async () => {
    const asking = connectClient(discord, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
    });
    await expect(asking).rejects.toThrow(/disallowed intents/i);
    expect(discord.gatewayLog.at(-1)).toMatchObject({ event: 'refused', code: 4014 });
  });
});
