import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';

export const unlink: Command = {
  data: new SlashCommandBuilder().setName('unlink').setDescription('Unlink your X account: Tend forgets its tokens'),
  async execute(interaction, deps) {
    const removed = deps.accounts ? await deps.accounts.unlink(interaction.user.id) : false;
    await interaction.editReply({
      content: removed
        ? 'Your X account is unlinked and its tokens are deleted. You can also revoke Tend in X → Settings → Security → Connected apps.'
        : 'No X account is linked.',
    });
  },
};
