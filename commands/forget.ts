import { ActionRowBuilder, ButtonBuilder, ButtonStyle, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { IDS } from '../src/bot/interactions.js';

export const forget: Command = {
  help: 'delete everything Tend stores about you.',
  data: new SlashCommandBuilder().setName('forget').setDescription('Delete everything Tend stores about you'),
  async execute(interaction) {
    const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setStyle(ButtonStyle.Danger)
        .setCustomId(IDS.forgetConfirm)
        .setLabel('Delete everything'),
      new ButtonBuilder().setStyle(ButtonStyle.Secondary).setCustomId(IDS.forgetCancel).setLabel('Keep it'),
    );
    await interaction.editReply({
      content:
        'This deletes your linked X account and its tokens, your reports, keep list, interests, nudges, reviews and unfollow history (undo will no longer be possible). Sure?',
      components: [buttons],
    });
  },
};
