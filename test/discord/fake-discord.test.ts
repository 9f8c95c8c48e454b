/**
 * The real discord.js client against the fake Discord: what the bot's tests stand on. Each assertion is
 * something they rely on — the client gets ready, a command arrives typed by its registration, a deferred
 * private reply ends as the edit the person sees with the chart's exact bytes, DMs and reactions work as
 * on Discord (and survive a restart through partials), and closed DMs fail with Discord's 50007.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AttachmentBuilder,
  DiscordAPIError,
  Events,
  MessageFlags,
  RESTJSONErrorCodes,
  SlashCommandBuilder,
  type Client,
  type ChatInputCommandInteraction,
  type MessageReaction,
  type User,
} from 'discord.js';
import { connectClient } from '../support/fake-discord/client.js';
import { startFakeDiscord, type FakeDiscord, type FakeUser } from '../support/fake-discord/index.js';

// A PNG's signature and header chunk: discord.js sniffs the type from these bytes, as it will from the chart.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const EDIT_ORIGINAL = 'PATCH /webhooks/:application_id/:interaction_token/messages/:message_id';
const CALLBACK = 'POST /interactions/:interaction_id/:interaction_token/callback';

const AUDIT = new SlashCommandBuilder()
  .setName('audit')
  .setDescription('Audit the accounts you follow')
  .addStringOption((o) =>
    o
      .setName('source')
      .setDescription('Where from')
      .setRequired(true)
      .addChoices({ name: 'X', value: 'x' }, { name: 'X archive', value: 'x-archive' }),
  )
  .addAttachmentOption((o) => o.setName('export').setDescription('Your X archive'));

let discord: FakeDiscord;
let client: Client<true>;
let ada: FakeUser;
let bob: FakeUser;

beforeEach(async () => {
  discord = await startFakeDiscord({ users: [{ username: 'ada' }, { username: 'bob', dmsOpen: false }] });
  [ada, bob] = discord.users as [FakeUser, FakeUser];
  client = await connectClient(discord);
  await client.application.commands.set([AUDIT.toJSON()]);
});

afterEach(async () => {
  await client.destroy();
  await discord.close();
});

async function command(
  userId: string,
  options: Parameters<FakeDiscord['sendCommand']>[2],
): Promise<[ChatInputCommandInteraction, string]> {
  const received = once(client, Events.InteractionCreate);
  const { id } = discord.sendCommand(userId, 'audit', options);
  const [interaction] = (await received) as [ChatInputCommandInteraction];
  return [interaction, id];
}

describe('fake Discord with the real discord.js client', () => {
  it('gets the client ready with the bot, the server, its channel and members, and keeps the registered commands', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user.id).toBe(discord.botUserId);
    expect(client.application.id).toBe(discord.applicationId);
    const guild = client.guilds.cache.get(discord.guildId)!;
    expect(guild.channels.cache.get(discord.channelId)?.isTextBased()).toBe(true);
    expect([...guild.members.cache.keys()].sort()).toEqual([discord.botUserId, ada.id, bob.id].sort());
    expect(discord.commands().map((c) => [c.name, c.options?.map((o) => o.name)])).toEqual([
      ['audit', ['source', 'export']],
    ]);
    expect(discord.gatewayLog.map((entry) => entry.event)).toEqual(['identify']);
  });

  it('delivers a slash command typed by its registration, and records the private deferral and the edit with the chart', async () => {
    const [interaction, id] = await command(ada.id, { options: { source: 'x' } });
    expect(interaction.isChatInputCommand() && interaction.inGuild()).toBe(true);
    expect([interaction.user.id, interaction.channelId, interaction.options.getString('source')]).toEqual([
      ada.id,
      discord.channelId,
      'x',
    ]);

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply({
      content: '12 accounts flagged',
      files: [new AttachmentBuilder(PNG, { name: 'chart.png' })],
    });

    const [deferral, summary, ...rest] = discord.interactionResponses(id);
    expect(rest).toEqual([]);
    expect(deferral).toMatchObject({
      kind: 'deferReply',
      message: { ephemeral: true, loading: true, content: '' },
    });
    expect(summary).toMatchObject({
      kind: 'edit',
      message: { ephemeral: true, loading: false, content: '12 accounts flagged' },
    });
    expect(summary!.message!.attachments).toEqual([
      expect.objectContaining({ filename: 'chart.png', contentType: 'image/png', data: PNG }),
    ]);
    const edit = discord.calls.find((call) => call.route === EDIT_ORIGINAL)!;
    expect(edit.params.message_id).toBe('@original');
    expect(edit.files.map((file) => [file.filename, file.data])).toEqual([['chart.png', PNG]]);
    // Private replies are for the person alone: the channel shows nothing.
    expect(discord.messages(discord.channelId)).toEqual([]);
  });

  it('hands the bot an attached export at a url it downloads, and lets a test wait for the bot’s answer', async () => {
    const archive = 'window.YTD.following.part0 = [{"following":{"accountId":"12"}}]';
    // As in the bot: a handler that answers on its own; the test only watches the REST calls it makes.
    client.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const file = interaction.options.getAttachment('export', true);
      const text = await (await fetch(file.url)).text();
      await interaction.reply({
        content: `${file.name}: ${text.length} bytes`,
        flags: MessageFlags.Ephemeral,
      });
    });
    const { id } = discord.sendCommand(ada.id, 'audit', {
      options: { source: 'x-archive', export: { name: 'following.js', data: archive } },
    });

    const callback = await discord.waitFor(
      (call) => call.route === CALLBACK && call.params.interaction_id === id,
    );
    expect(callback.body).toEqual({
      type: 4,
      data: expect.objectContaining({
        content: `following.js: ${archive.length} bytes`,
        flags: MessageFlags.Ephemeral,
      }),
    });
    expect(
      discord.calls.filter((call) => call.route === 'GET /attachments/:channel_id/:attachment_id/:filename'),
    ).toHaveLength(1);
  });

  it('refuses a command the person could not send: unregistered, or missing a required option', () => {
    expect(() => discord.sendCommand(ada.id, 'forget')).toThrow(/not registered/);
    expect(() => discord.sendCommand(ada.id, 'audit', { options: {} })).toThrow(/needs option source/);
    expect(() => discord.sendCommand(ada.id, 'audit', { options: { source: 'instagram' } })).toThrow(
      /must be one of/,
    );
  });

  it('opens a DM, sends a page, records the reactions the bot adds and dispatches them to it like anyone else’s', async () => {
    const own: string[] = [];
    const bothDispatched = new Promise<void>((resolve) => {
      client.on(Events.MessageReactionAdd, (reaction, user) => {
        if (own.push(`${user.id} ${reaction.emoji.name}`) === 2) resolve();
      });
    });
    const page = await client.users.send(ada.id, 'Page 1 of 3');
    await page.react('1️⃣');
    await page.react('✅');

    expect(page.channelId).toBe(discord.dmChannelOf(ada.id));
    expect(page.guildId).toBeNull();
    expect(discord.messages(page.channelId).map((m) => [m.content, m.authorId])).toEqual([
      ['Page 1 of 3', discord.botUserId],
    ]);
    expect(discord.reactionsOn(page.channelId, page.id)).toEqual({
      '1️⃣': [discord.botUserId],
      '✅': [discord.botUserId],
    });
    await bothDispatched;
    expect(own).toEqual([`${discord.botUserId} 1️⃣`, `${discord.botUserId} ✅`]);
  });

  it('after a restart, hears a reaction on an old DM once it re-opens the DM, as partials it completes through REST', async () => {
    const page = await client.users.send(ada.id, 'Page 1 of 3');
    await page.react('✅');
    await client.destroy();
    client = await connectClient(discord);

    // discord.js 14.28 drops reactions in DM channels it has not cached (discordjs/discord.js#11486): the raw
    // packet arrives, the event never fires. Re-opening the DM caches the channel, and the event flows again.
    const heard: string[] = [];
    client.on(Events.MessageReactionAdd, (reaction) => void heard.push(reaction.emoji.name!));
    const raw = new Promise((resolve) =>
      client.on(
        Events.Raw,
        (packet: { t: string }) => packet.t === 'MESSAGE_REACTION_ADD' && resolve(packet),
      ),
    );
    discord.react(ada.id, page.channelId, page.id, '1️⃣');
    await raw;
    expect(heard).toEqual([]);

    expect((await client.users.createDM(ada.id)).id).toBe(page.channelId);
    const reacted = once(client, Events.MessageReactionAdd);
    discord.react(ada.id, page.channelId, page.id, '✅');
    const [reaction, user] = (await reacted) as [MessageReaction, User];
    expect([reaction.partial, reaction.message.partial, user.id]).toEqual([true, true, ada.id]);

    const full = await reaction.fetch();
    expect([full.message.content, full.message.channel.isDMBased(), full.count]).toEqual([
      'Page 1 of 3',
      true,
      2,
    ]);
    expect([...(await full.users.fetch()).keys()].sort()).toEqual([discord.botUserId, ada.id].sort());
    expect(discord.reactionsOn(page.channelId, page.id)).toEqual({
      '✅': [discord.botUserId, ada.id],
      '1️⃣': [ada.id],
    });
    expect(discord.gatewayLog.map((entry) => entry.event)).toEqual(['identify', 'closed', 'identify']);
  });

  it('refuses a DM to a person with closed DMs with Discord’s 50007, which discord.js raises as a DiscordAPIError', async () => {
    const error: unknown = await client.users.send(bob.id, 'Your review is ready').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect([(error as DiscordAPIError).code, (error as DiscordAPIError).status]).toEqual([
      RESTJSONErrorCodes.CannotSendMessagesToThisUser,
      403,
    ]);
    expect(discord.messages(discord.dmChannelOf(bob.id)!)).toEqual([]);

    discord.refuseDms(ada.id);
    await expect(client.users.send(ada.id, 'Nudge')).rejects.toMatchObject({ code: 50007 });
  });
});
