import { ActionRowBuilder, ButtonBuilder, ButtonStyle, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { IDS } from '../src/bot/interactions.js';
import { UserError } from '../src/errors.js';

export const link: Command = {
  help: 'link your X account (needed to audit through X and to unfollow).',
  data: new SlashCommandBuilder()
    .setName('link')
    .setDescription('Link your X account, so Tend can audit it and unfollow what you confirm'),
  async execute(interaction, deps) {
    if (!deps.link)
      throw new UserError(
        'Linking X accounts is not set up on this bot (the operator needs X_CLIENT_ID and TEND_ENCRYPTION_KEY).',
      );
    const url = await deps.link.begin(interaction.user.id, interaction.user.username);
    const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setStyle(ButtonStyle.Link).setURL(url).setLabel('Authorise Tend on X'),
    );
    if (deps.link.pastes)
      buttons.addComponents(
        new ButtonBuilder()
          .setStyle(ButtonStyle.Secondary)
          .setCustomId(IDS.linkPaste)
          .setLabel('Paste the address X sent me to'),
      );
    const finish = deps.link.pastes
      ? 'X then sends you to a page that does not load: copy its address from your browser and paste it here.'
      : `Open it in the browser you are signed in to X with, and do not pass it on: Tend then asks you there to link that X account to ${interaction.user.username}.`;
    await interaction.editReply({
      content:
        'Authorise Tend on X (the link works for ten minutes). Tend asks to read your follows, posts and likes, and to unfollow — only accounts you confirm, one by one.\n' +
        finish,
      components: [buttons],
    });
  },
};
