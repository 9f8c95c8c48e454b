import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { DISCORD_UPLOAD_LIMIT, reportExport } from '../src/bot/render/export.js';
import { auditSummary, SUMMARY_BUTTON } from '../src/bot/render/summary.js';
import { UserError } from '../src/errors.js';

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
    // As the audit's own summary showed it: after an Instagram review, what was unfollowed in the app.
    const report = await deps.audits.withInAppCheck(interaction.user.id, stored.auditId, stored.report);
    await interaction.editReply(auditSummary(report, await deps.renderChart(report), stored.auditId));
  },
  // The summary's buttons, on /report's answer and on the summary an audit ends with.
  components: [
    {
      kind: 'button',
      prefix: SUMMARY_BUTTON.startReview,
      async handle(interaction, deps, auditId) {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const started = await deps.review.start(interaction.user.id, auditId);
        await interaction.editReply({
          content: started.delivered
            ? 'Your review is in your DMs: react with numbers to choose, ✅ to unfollow the chosen, 🛡️ to keep them, ⏭️ for the next page.'
            : 'I cannot send you a DM: allow direct messages from this server’s members (Server → Privacy Settings), then press the button again.',
        });
      },
    },
    {
      kind: 'button',
      prefix: SUMMARY_BUTTON.export,
      async handle(interaction, deps, rest) {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const [format, auditId] = rest.split(':') as [string, string];
        const stored = await deps.reports.latest(interaction.user.id);
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
      },
    },
  ],
};
