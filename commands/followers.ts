import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { renderFollowersChart } from '../src/bot/render/chart.js';
import { DISCORD_UPLOAD_LIMIT } from '../src/bot/render/export.js';
import { FOLLOWERS_BUTTON, followersExport, followersMessage } from '../src/bot/render/followers.js';
import { UserError } from '../src/errors.js';

const NO_FOLLOWERS =
  'No followers audit on record (reports are kept 30 days): run /audit with your X archive or Instagram export attached and followers on.';

export const followers: Command = {
  help: 'your followers, from your last audit with followers on: genuine, engaged, fake and inactive (with intervals where sampled), a chart, the loyal followers to thank, the engaged ones you do not follow back, who left since the last audit, and CSV/JSON exports.',
  data: new SlashCommandBuilder()
    .setName('followers')
    .setDescription('Your followers: who is fake, who engages, who is loyal, who left'),
  async execute(interaction, deps) {
    const stored = await deps.reports.latest(interaction.user.id);
    if (!stored?.report.followers) {
      await interaction.editReply({ content: NO_FOLLOWERS });
      return;
    }
    await interaction.editReply(
      followersMessage(stored.report, await renderFollowersChart(stored.report), stored.auditId),
    );
  },
  components: [
    {
      kind: 'button',
      prefix: FOLLOWERS_BUTTON.export,
      async handle(interaction, deps, rest) {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const [format, auditId] = rest.split(':') as [string, string];
        const stored = await deps.reports.latest(interaction.user.id);
        if (!stored || stored.auditId !== auditId)
          throw new UserError('That report has been replaced by a newer audit: /followers shows the latest.');
        if (!stored.report.followers) throw new UserError(NO_FOLLOWERS);
        if (format !== 'csv' && format !== 'json') throw new UserError('Tend exports CSV or JSON.');
        // Discord says in each interaction how large a file it takes there (more in a boosted server).
        const { file, note } = followersExport(
          stored.report,
          format,
          interaction.attachmentSizeLimit || DISCORD_UPLOAD_LIMIT,
        );
        await interaction.editReply({ files: [file], ...(note ? { content: note } : {}) });
      },
    },
  ],
};
