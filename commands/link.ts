import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { UserError } from '../src/errors.js';

/** Custom ids of the paste button, its modal and the modal's field (kept as shipped). */
const PASTE = 'link:paste';
const PASTE_MODAL = 'link:paste:modal';
const PASTE_FIELD = 'url';

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
          .setCustomId(PASTE)
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
  components: [
    {
      kind: 'button',
      prefix: PASTE,
      async handle(interaction) {
        const field = new TextInputBuilder()
          .setCustomId(PASTE_FIELD)
          .setLabel('The address X sent you to')
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(true)
          .setMaxLength(2000);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId(PASTE_MODAL)
            .setTitle('Finish linking X')
            .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(field)),
        );
      },
    },
    {
      kind: 'modal',
      prefix: PASTE_MODAL,
      async handle(interaction, deps) {
        if (!deps.link) throw new UserError('Linking X accounts is not set up on this bot.');
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const linked = await deps.link.completeFromUrl(
          interaction.user.id,
          interaction.fields.getTextInputValue(PASTE_FIELD),
        );
        const moved = linked.movedFromAnother
          ? ' It was linked to another Discord account, which has been told.'
          : '';
        const cancelled =
          linked.cancelledUnfollows > 0
            ? ` The unfollows still queued from your previous X account are cancelled (${linked.cancelledUnfollows}).`
            : '';
        await interaction.editReply({
          content: `Linked @${linked.handle}. Run /audit with source x.${moved}${cancelled}`,
        });
      },
    },
  ],
};
