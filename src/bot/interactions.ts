import { randomUUID } from 'node:crypto';
import {
  ActionRowBuilder,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { errorMessage, isUserError, UserError } from '../errors.js';
import { personRef } from '../log.js';
import { isOutOfStorage, OUT_OF_STORAGE, StorageAlarm } from '../store/storage-health.js';
import type { Command } from './command.js';
import type { BotDeps } from './deps.js';
import { DISCORD_UPLOAD_LIMIT, reportExport } from './render/export.js';
import { unexpectedErrorReply, userErrorReply } from './render/replies.js';

/** Custom ids of the buttons and the modal the bot's messages carry. */
export const IDS = {
  reviewStart: 'review:start:',
  export: 'export:',
  linkPaste: 'link:paste',
  linkPasteModal: 'link:paste:modal',
  linkPasteField: 'url',
  forgetConfirm: 'forget:confirm',
  forgetCancel: 'forget:cancel',
} as const;

type Answerable = Exclude<Interaction, { isAutocomplete(): true }> & { replied: boolean; deferred: boolean };

/**
 * Routes every interaction — slash commands, buttons, the paste box — and answers whatever goes
 * wrong privately: a UserError as written, anything else logged with a reference the person is shown.
 */
export function interactionHandler(
  commands: readonly Command[],
  deps: BotDeps,
  storage = new StorageAlarm(deps.logger, deps.now),
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  return async (interaction) => {
    if (interaction.isAutocomplete()) return;
    try {
      if (interaction.isChatInputCommand()) {
        // Discord forgets an interaction not answered within 3 s, however busy Redis is: every command is
        // acknowledged (privately) before it reads or writes anything, and answers with editReply.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const command = byName.get(interaction.commandName);
        if (!command)
          throw new UserError(`Tend has no /${interaction.commandName} any more: its commands are in /help.`);
        deps.logger.info(
          { command: interaction.commandName, person: personRef(interaction.user.id) },
          'command',
        );
        await command.execute(interaction, deps);
        await tellPause(interaction, deps);
      } else if (interaction.isButton()) {
        await onButton(interaction, deps);
      } else if (interaction.isModalSubmit()) {
        await onModal(interaction, deps);
      }
    } catch (error) {
      await answerError(interaction as Answerable, error, deps, storage);
    }
  };
}

/**
 * A pause the person has not been told about (closed DMs found by the worker) follows their command's
 * reply, once. Only after a reply: a follow-up to a reply still deferred would take its place.
 */
async function tellPause(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  if (!interaction.replied) return;
  const notice = await deps.nudges.takePauseNotice(interaction.user.id);
  if (notice !== null) await interaction.followUp({ content: notice, flags: MessageFlags.Ephemeral });
}

async function answerError(
  interaction: Answerable,
  error: unknown,
  deps: BotDeps,
  storage: StorageAlarm,
): Promise<void> {
  let message;
  if (isUserError(error)) {
    message = userErrorReply(error.message);
  } else if (isOutOfStorage(error)) {
    storage.raise(error);
    message = userErrorReply(OUT_OF_STORAGE);
  } else {
    const ref = randomUUID().slice(0, 8);
    deps.logger.error(
      { ref, reason: errorMessage(error), stack: error instanceof Error ? error.stack : undefined },
      'interaction failed',
    );
    message = unexpectedErrorReply(ref);
  }
  if (!interaction.isRepliable()) return;
  try {
    if (interaction.deferred) await interaction.editReply(message);
    else if (interaction.replied) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    deps.logger.warn({ reason: errorMessage(replyError) }, 'could not answer an interaction');
  }
}

async function onButton(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  const id = interaction.customId;
  const personId = interaction.user.id;
  if (id.startsWith(IDS.reviewStart)) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const started = await deps.review.start(personId, id.slice(IDS.reviewStart.length));
    await interaction.editReply({
      content: started.delivered
        ? 'Your review is in your DMs: react with numbers to choose, ✅ to unfollow the chosen, 🛡️ to keep them, ⏭️ for the next page.'
        : 'I cannot send you a DM: allow direct messages from this server’s members (Server → Privacy Settings), then press the button again.',
    });
    return;
  }
  if (id.startsWith(IDS.export)) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [format, auditId] = id.slice(IDS.export.length).split(':') as [string, string];
    const stored = await deps.reports.latest(personId);
    if (!stored || stored.auditId !== auditId)
      throw new UserError('That report has been replaced by a newer audit: /report shows the latest.');
    if (format !== 'csv' && format !== 'json') throw new UserError('Tend exports CSV or JSON.');
    // Discord says in each interaction how large a file it takes there (more in a boosted server).
    const { file, note } = reportExport(
      stored.report,
      format,
      interaction.attachmentSizeLimit || DISCORD_UPLOAD_LIMIT,
    );
    await interaction.editReply({ files: [file], ...(note ? { content: note } : {}) });
    return;
  }
  if (id === IDS.linkPaste) {
    const field = new TextInputBuilder()
      .setCustomId(IDS.linkPasteField)
      .setLabel('The address X sent you to')
      .setStyle(TextInputStyle.Paragraph)
      .setRequired(true)
      .setMaxLength(2000);
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId(IDS.linkPasteModal)
        .setTitle('Finish linking X')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(field)),
    );
    return;
  }
  if (id === IDS.forgetConfirm) {
    // Finding everything to delete can take longer than Discord waits for an answer.
    await interaction.deferUpdate();
    const removed = await deps.forget(personId);
    await interaction.editReply({
      content: `Done: everything Tend stored about you is deleted (${removed} records).`,
      components: [],
    });
    return;
  }
  if (id === IDS.forgetCancel) {
    await interaction.update({ content: 'Nothing was deleted.', components: [] });
  }
}

async function onModal(interaction: ModalSubmitInteraction, deps: BotDeps): Promise<void> {
  if (interaction.customId !== IDS.linkPasteModal) return;
  if (!deps.link) throw new UserError('Linking X accounts is not set up on this bot.');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const linked = await deps.link.completeFromUrl(
    interaction.user.id,
    interaction.fields.getTextInputValue(IDS.linkPasteField),
  );
  const moved = linked.movedFromAnother
    ? ' It was linked to another Discord account, which has been told.'
    : '';
  const cancelled =
    linked.cancelledUnfollows > 0
      ? ` The unfollows still queued from your previous X account are cancelled (${linked.cancelledUnfollows}).`
      : '';
  await interaction.editReply({
    content: `Linked @${linked.handle}. Run /audit with source x.${moved}${cancelled}`,
  });
}
