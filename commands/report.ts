import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { auditSummary } from '../src/bot/render/summary.js';

export const report: Command = {
  help: 'your last audit again, with its buttons.',
  data: new SlashCommandBuilder()
    .setName('report')
    .setDescription('Your last audit again, with the review and export buttons'),
  async execute(interaction, deps) {
    const stored = await deps.reports.latest(interaction.user.id);
    if (!stored) {
      await interaction.editReply({ content: 'No audit on record (reports are kept 30 days): run /audit.' });
      return;
    }
    await interaction.editReply(
      auditSummary(stored.report, await deps.renderChart(stored.report), stored.auditId),
    );
  },
};
