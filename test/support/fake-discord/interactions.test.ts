/**
 * Buttons, modals, follow-ups and Discord's refusals, through the real discord.js client: the behaviours the
 * bot's review buttons, its /link modal and its progress messages depend on.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Events,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  RESTJSONErrorCodes,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { connectClient } from './client.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type FakeUser } from './index.js';

const COMMANDS = [
  new SlashCommandBuilder().setName('audit').setDescription('Audit the accounts you follow').toJSON(),
  new SlashCommandBuilder().setName('link').setDescription('Link your X account').toJSON(),
  new SlashCommandBuilder()
    .setName('keep')
    .setDescription('Your keep list')
    .addSubcommand((add) =>
      add
        .setName('add')
        .setDescription('Keep an account')
        .addStringOption((o) => o.setName('handle').setDescription('The account').setRequired(true))
        .addIntegerOption((o) => o.setName('days').setDescription('For how long').setMinValue(1))
        .addBooleanOption((o) => o.setName('quiet').setDescription('No confirmation'))
        .addUserOption((o) => o.setName('for').setDescription('On behalf of')),
    )
    .toJSON(),
];

let discord: FakeDiscord;
let client: Client<true>;
let ada: FakeUser;

async function start(options: FakeDiscordOptions = {}): Promise<void> {
  discord = await startFakeDiscord(options);
  ada = discord.users[0]!;
  client = await connectClient(discord);
  await client.application.commands.set(COMMANDS);
}

beforeEach(() => start());

afterEach(async () => {
  await client.destroy();
  await discord.close();
});

/** Runs `act` and resolves with the interaction it makes the fake dispatch to the bot. */
async function received<T extends Interaction>(act: () => { id: string }): Promise<[T, string]> {
  const next = once(client, Events.InteractionCreate);
  const { id } = act();
  const [interaction] = (await next) as [T];
  return [interaction, id];
}

const button = (customId: string, label: string, disabled = false) =>
  new ButtonBuilder()
    .setCustomId(customId)
    .setLabel(label)
    .setStyle(ButtonStyle.Primary)
    .setDisabled(disabled);

describe('fake Discord interactions', () => {
  it('sends a click on the reply’s button with its message, and update() edits that message for everyone', async () => {
    const [audit, auditId] = await received<ChatInputCommandInteraction>(() =>
      discord.sendCommand(ada.id, 'audit'),
    );
    await audit.reply({
      content: '12 flagged',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          button('review', 'Start review'),
          button('csv', 'CSV', true),
        ),
      ],
    });
    const summary = discord.interactionResponses(auditId)[0]!.message!;
    expect(discord.messages(discord.channelId).map((m) => [m.id, m.content, m.interactionId])).toEqual([
      [summary.id, '12 flagged', auditId],
    ]);
    expect(() => discord.clickButton(ada.id, summary, 'csv')).toThrow(/disabled/);

    const [click, clickId] = await received<ButtonInteraction>(() =>
      discord.clickButton(ada.id, summary, 'review'),
    );
    expect([click.isButton(), click.customId, click.message.id, click.user.id]).toEqual([
      true,
      'review',
      summary.id,
      ada.id,
    ]);
    await click.update({ content: 'Review sent to your DMs', components: [] });

    expect(discord.interactionResponses(clickId)).toMatchObject([
      { kind: 'update', message: { id: summary.id, content: 'Review sent to your DMs' } },
    ]);
    expect(discord.messages(discord.channelId)).toMatchObject([
      { id: summary.id, content: 'Review sent to your DMs', components: [] },
    ]);
    expect(() => discord.clickButton(ada.id, summary, 'review')).toThrow(/no component review/);
  });

  it('submits the modal the bot showed with what the person typed, once', async () => {
    const [link, linkId] = await received<ChatInputCommandInteraction>(() =>
      discord.sendCommand(ada.id, 'link'),
    );
    const input = new TextInputBuilder().setCustomId('url').setStyle(TextInputStyle.Short);
    await link.showModal(
      new ModalBuilder()
        .setCustomId('paste')
        .setTitle('Link X')
        .addLabelComponents(new LabelBuilder().setLabel('Redirected URL').setTextInputComponent(input)),
    );
    expect(discord.interactionResponses(linkId)).toMatchObject([
      { kind: 'modal', message: null, modal: { custom_id: 'paste', title: 'Link X' } },
    ]);
    expect(() => discord.submitModal(ada.id, 'paste', {})).toThrow(/url of modal paste is required/);

    const url = 'http://127.0.0.1:8080/callback?state=s&code=c';
    const [submitted, submitId] = await received<ModalSubmitInteraction>(() =>
      discord.submitModal(ada.id, 'paste', { url }),
    );
    expect([
      submitted.isModalSubmit(),
      submitted.customId,
      submitted.fields.getTextInputValue('url'),
    ]).toEqual([true, 'paste', url]);
    await submitted.reply({ content: 'Linked @ada_x', flags: MessageFlags.Ephemeral });

    expect(discord.interactionResponses(submitId)).toMatchObject([
      { kind: 'reply', message: { content: 'Linked @ada_x', ephemeral: true } },
    ]);
    expect(() => discord.submitModal(ada.id, 'paste', { url })).toThrow(/no modal paste is open/);
  });

  it('delivers a command used in the person’s DM with the bot, where the reply lands in that DM', async () => {
    const [audit, auditId] = await received<ChatInputCommandInteraction>(() =>
      discord.sendCommand(ada.id, 'audit', { inGuild: false }),
    );
    expect([audit.inGuild(), audit.channel?.isDMBased(), audit.user.id]).toEqual([false, true, ada.id]);
    await audit.reply('Starting your audit');
    expect(discord.messages(discord.dmChannelOf(ada.id)!)).toMatchObject([
      { content: 'Starting your audit', interactionId: auditId },
    ]);
  });

  it('types a subcommand’s options by their registration, and refuses what the registration does not allow', async () => {
    const bob = discord.users[1]!;
    const options = { handle: 'nasa', days: 30, quiet: true, for: bob.id };
    const [keep] = await received<ChatInputCommandInteraction>(() =>
      discord.sendCommand(ada.id, 'keep', { subcommand: 'add', options }),
    );
    const o = keep.options;
    expect([
      o.getSubcommand(),
      o.getString('handle'),
      o.getInteger('days'),
      o.getBoolean('quiet'),
      o.getUser('for')?.username,
    ]).toEqual(['add', 'nasa', 30, true, 'bob']);
    expect(() => discord.sendCommand(ada.id, 'keep', { options: { handle: 'nasa' } })).toThrow(
      /needs a subcommand/,
    );
    expect(() =>
      discord.sendCommand(ada.id, 'keep', { subcommand: 'add', options: { handle: 'nasa', days: 1.5 } }),
    ).toThrow(/takes Integer values/);
    expect(() =>
      discord.sendCommand(ada.id, 'keep', { subcommand: 'add', options: { handle: 'nasa', days: 0 } }),
    ).toThrow(/out of range/);
  });

  it('turns a deferred reply’s thinking state into the first follow-up, as private as the deferral; later ones are new', async () => {
    const [audit, auditId] = await received<ChatInputCommandInteraction>(() =>
      discord.sendCommand(ada.id, 'audit'),
    );
    await audit.deferReply({ flags: MessageFlags.Ephemeral });
    const first = await audit.followUp({ content: 'Fetched 1 of 3 pages' });
    const second = await audit.followUp({ content: 'Done', flags: MessageFlags.Ephemeral });

    const responses = discord.interactionResponses(auditId);
    expect(
      responses.map((r) => [r.kind, r.message!.content, r.message!.ephemeral, r.message!.loading]),
    ).toEqual([
      ['deferReply', '', true, true],
      ['followUp', 'Fetched 1 of 3 pages', true, false],
      ['followUp', 'Done', true, false],
    ]);
    expect([first.id, second.id]).toEqual([responses[0]!.message!.id, responses[2]!.message!.id]);
    expect(second.id).not.toBe(first.id);
  });

  it('refuses what Discord refuses: a second acknowledgement, a message over 2000 characters, a bad command name', async () => {
    const [audit] = await received<ChatInputCommandInteraction>(() => discord.sendCommand(ada.id, 'audit'));
    await audit.deferReply();
    // A second process answering the same interaction (discord.js itself would refuse locally).
    await expect(
      client.rest.post(Routes.interactionCallback(audit.id, audit.token), { body: { type: 5 }, auth: false }),
    ).rejects.toMatchObject({ code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, status: 400 });
    const tooLong = audit.editReply('x'.repeat(2001));
    await expect(tooLong).rejects.toMatchObject({
      code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
      status: 400,
    });
    await expect(tooLong).rejects.toThrow(/content\[BASE_TYPE_MAX_LENGTH\]: Must be 2000 or fewer in length/);
    await expect(
      client.application.commands.set([{ name: 'Audit now', description: 'Capitals and spaces' }]),
    ).rejects.toMatchObject({ code: 50035 });
    expect(discord.commands().map((c) => c.name)).toEqual(['audit', 'link', 'keep']);
  });

  it('forgets an interaction not answered within the deadline, as Discord does after 3 s', async () => {
    await client.destroy();
    await discord.close();
    await start({ interactionDeadlineMs: 10 });
    const [audit] = await received<ChatInputCommandInteraction>(() => discord.sendCommand(ada.id, 'audit'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(audit.deferReply()).rejects.toMatchObject({
      code: RESTJSONErrorCodes.UnknownInteraction,
      status: 404,
    });
  });
});
