import { randomUUID } from 'node:crypto';
import { MessageFlags, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { errorMessage, isUserError, UserError } from '../errors.js';
import { personRef } from '../log.js';
import { isOutOfStorage, OUT_OF_STORAGE, StorageAlarm } from '../store/storage-health.js';
import { componentFor, type Command } from './command.js';
import type { BotDeps } from './deps.js';
import { unexpectedErrorReply, userErrorReply } from './render/replies.js';

type Answerable = Exclude<Interaction, { isAutocomplete(): true }> & { replied: boolean; deferred: boolean };

/**
 * Routes every interaction — slash commands, and the buttons and modals each command declares, by
 * their custom id's prefix — and answers whatever goes
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
        const component = componentFor(commands, 'button', interaction.customId);
        await component?.handle(interaction, deps, interaction.customId.slice(component.prefix.length));
      } else if (interaction.isModalSubmit()) {
        const component = componentFor(commands, 'modal', interaction.customId);
        await component?.handle(interaction, deps, interaction.customId.slice(component.prefix.length));
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
