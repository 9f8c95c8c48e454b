import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { typedName } from '../src/engine/typed-account.js';
import { UserError } from '../src/errors.js';
import { UNDO_WINDOW_TEXT } from '../src/unfollows/outcome.js';

export const undo: Command = {
  help: `follow again an account Tend unfollowed for you in the last ${UNDO_WINDOW_TEXT}.`,
  data: new SlashCommandBuilder()
    .setName('undo')
    .setDescription(`Follow again an account Tend unfollowed for you (within ${UNDO_WINDOW_TEXT})`)
    .addStringOption((o) =>
      o.setName('account').setDescription('Its handle (@jane) or id; leave out to list what can be undone'),
    ),
  async execute(interaction, deps) {
    const personId = interaction.user.id;
    const undoable = await deps.unfollowLog.undoable(personId, deps.now());
    const wanted = typedName(interaction.options.getString('account') ?? '').toLowerCase();
    if (!wanted) {
      const names = undoable.map((r) => (r.handle ? `@${r.handle}` : r.targetId));
      await interaction.editReply({
        content:
          names.length > 0
            ? `You can undo ${names.length}: ${names.join(', ')}`.slice(0, 1900) +
              '\nRun /undo account:<handle>.'
            : `Nothing to undo: no unfollow through Tend in the last ${UNDO_WINDOW_TEXT}.`,
      });
      return;
    }
    const record = undoable.find((r) => r.targetId === wanted || r.handle?.toLowerCase() === wanted);
    if (!record)
      throw new UserError(
        `Tend has not unfollowed @${wanted} for you in the last ${UNDO_WINDOW_TEXT}: nothing to undo.`,
      );
    const result = await deps.undo(personId, record.targetId);
    await interaction.editReply({ content: result.message });
  },
};
