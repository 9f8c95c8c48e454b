/**
 * The nudge worker's REST way to Discord (src/discord/rest-adapter.ts), through discord.js's REST client
 * against the fake Discord: telling "left every server" from "closed DMs" for a bot in many servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restDigestDiscord } from '../../src/discord/rest-adapter.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';

let discord: FakeDiscord;

beforeAll(async () => {
  // 201 servers without the people come before theirs: it is on the second page of the bot's servers.
  discord = await startFakeDiscord({ otherServers: 201 });
});

afterAll(async () => {
  await discord?.close();
});

describe('whether a person still shares a server with the bot', () => {
  it('pages through every server the bot is in, 200 at a time, to find the one the person is in', async () => {
    const rest = restDigestDiscord({ token: discord.token, api: discord.apiUrl });
    const ada = discord.users[0]!.id;
    expect(await rest.sharesAServer(ada)).toBe(true);
    const pages = discord.calls.filter((call) => call.route === 'GET /users/@me/guilds');
    expect(pages.map((call) => call.query)).toEqual([
      { limit: '200' },
      { limit: '200', after: pages[1]?.query.after },
    ]);
    expect((pages[0]!.response as unknown[]).length).toBe(200);

    discord.leaveServer(ada);
    expect(await rest.sharesAServer(ada)).toBe(false);
  }, 60_000);
});
