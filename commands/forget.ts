import { ActionRowBuilder, ButtonBuilder, ButtonStyle, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';

/** Custom ids of the confirmation's buttons (kept as shipped: messages already sent carry them). */
const CONFIRM = 'forget:confirm';
const CANCEL = 'forget:cancel';

export const forget: Command = {
  help: 'delete everything Tend stores about you.',
  data: new SlashCommandBuilder().setName('forget').setDescription('Delete everything Tend stores about you'),
  async execute(interaction) {
    const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setStyle(ButtonStyle.Danger).setCustomId(CONFIRM).setLabel('Delete everything'),
      new ButtonBuilder().setStyle(ButtonStyle.Secondary).setCustomId(CANCEL).setLabel('Keep it'),
    );
    await interaction.editReply({
      content:
        'This deletes your linked X account and its tokens, your reports, keep list, interests, nudges, reviews and unfollow history (undo will no longer be possible). Sure?',
      components: [buttons],
    });
  },
  components: [
    {
      kind: 'button',
      prefix: CONFIRM,
      async handle(interaction, deps) {
        // Finding everything to delete can take longer than Discord waits for an answer.
        await interaction.deferUpdate();
        const removed = await deps.forget(interaction.user.id);
        await interaction.editReply({
          content: `Done: everything Tend stored about you is deleted (${removed} records).`,
          components: [],
        });
      },
    },
    {
      kind: 'button',
      prefix: CANCEL,
      async handle(interaction) {
        await interaction.update({ content: 'Nothing was deleted.', components: [] });
      },
    },
  ],
};
