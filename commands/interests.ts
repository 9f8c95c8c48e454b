import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';

export const interests: Command = {
  help: 'what you care about: accounts posting about none of it are off-topic.',
  data: new SlashCommandBuilder()
    .setName('interests')
    .setDescription('What you care about: accounts posting about none of it are off-topic')
    .addSubcommand((s) =>
      s
        .setName('set')
        .setDescription('Set your interests')
        .addStringOption((o) =>
          o
            .setName('terms')
            .setDescription('Comma-separated, e.g. opera, theatre, London')
            .setRequired(true)
            .setMaxLength(300),
        ),
    )
    .addSubcommand((s) => s.setName('show').setDescription('Show your interests'))
    .addSubcommand((s) => s.setName('clear').setDescription('Let Tend infer them from your posts and likes')),
  async execute(interaction, deps) {
    const personId = interaction.user.id;
    const sub = interaction.options.getSubcommand();
    let content: string;
    if (sub === 'set') {
      const terms = interaction.options
        .getString('terms', true)
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      await deps.personSettings.update(personId, { interests: terms });
      content = `Your interests: ${terms.join(', ')}. The next /audit judges by them.`;
    } else if (sub === 'clear') {
      await deps.personSettings.update(personId, { interests: null });
      content = 'Cleared: the next /audit infers your interests from your own posts, bio and likes.';
    } else {
      const { interests: terms } = await deps.personSettings.get(personId);
      content = terms?.length
        ? `Your interests: ${terms.join(', ')}`
        : 'None set: /audit infers them from your own posts, bio and likes.';
    }
    await interaction.editReply({ content });
  },
};
