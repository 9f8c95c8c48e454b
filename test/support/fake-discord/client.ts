/** A real discord.js Client logged in to the fake, ready: guilds received and the application known. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { FakeDiscord } from './index.js';

/** What Tend's bot asks for: reactions in DMs need all four intents and these partials (docs/TESTING.md). */
export const TEND_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.DirectMessageReactions,
  GatewayIntentBits.GuildMessageReactions,
];
export const TEND_PARTIALS = [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User];

export async function connectClient(
  discord: FakeDiscord,
  options: Partial<ClientOptions> = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: TEND_INTENTS,
    partials: TEND_PARTIALS,
    ...options,
    rest: { api: discord.apiUrl, ...options.rest },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  return client as Client<true>;
}
