import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { helpEntries, helpText } from '../src/bot/render/replies.js';
import { COMMANDS } from './index.js';

export const help: Command = {
  data: new SlashCommandBuilder().setName('help').setDescription('What Tend does and how to use it'),
  async execute(interaction) {
    await interaction.editReply({ content: helpText(helpEntries(COMMANDS)) });
  },
};
