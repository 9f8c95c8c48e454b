import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { startAudit } from '../src/bot/start-audit.js';
import { AUDIT_SOURCES, type AuditSource } from '../src/queues/payloads.js';
import { errorMessage } from '../src/errors.js';

const SOURCE_NAMES: Record<AuditSource, string> = {
  x: 'X (your linked account)',
  'x-archive': 'X archive (.zip)',
  instagram: 'Instagram export (.zip)',
};

export const audit: Command = {
  help: 'audit through your linked X account (source X), or an X archive or Instagram export you attach. You see the progress, then a private summary: counts, a chart, the accounts most worth a look, and buttons to start the review or export CSV/JSON.',
  data: new SlashCommandBuilder()
    .setName('audit')
    .setDescription('Audit the accounts you follow: who to prune, who to get back in touch with')
    .addStringOption((o) =>
      o
        .setName('source')
        .setDescription('Where your follows come from')
        .setRequired(true)
        .addChoices(...AUDIT_SOURCES.map((s) => ({ name: SOURCE_NAMES[s], value: s }))),
    )
    .addAttachmentOption((o) => o.setName('file').setDescription('Your X archive or Instagram export (.zip)'))
    .addStringOption((o) =>
      o
        .setName('interests')
        .setDescription('Your interests, comma-separated (kept for next time)')
        .setMaxLength(300),
    )
    .addBooleanOption((o) =>
      o
        .setName('lookup_profiles')
        .setDescription('X archive: look up the accounts’ profiles through your linked X account'),
    ),
  async execute(interaction, deps) {
    const personId = interaction.user.id;
    const interests = interaction.options.getString('interests');
    if (interests)
      await deps.personSettings.update(personId, {
        interests: interests
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
    const file = interaction.options.getAttachment('file');
    const { job, queued, next } = await startAudit(deps, {
      personId,
      source: interaction.options.getString('source', true) as AuditSource,
      file: file ? { url: file.url, name: file.name, size: file.size } : null,
      lookupProfiles: interaction.options.getBoolean('lookup_profiles') ?? false,
    });
    await interaction.editReply({
      content: queued ? 'Audit queued.' : 'An audit of yours is already running: here is how it is going.',
    });
    // Apart from the reply, which the progress and then the summary replace.
    if (next) await interaction.followUp({ content: next, flags: MessageFlags.Ephemeral });
    const outlet = {
      edit: async (message: Parameters<typeof interaction.editReply>[0] & object) =>
        void (await interaction.editReply(message)),
      dm: async (message: Parameters<typeof interaction.user.send>[0] & object) =>
        void (await interaction.user.send(message)),
    };
    deps.audits.watch(job.id!, personId, outlet).catch((error: unknown) => {
      deps.logger.warn({ reason: errorMessage(error) }, 'audit progress stopped');
    });
  },
};
