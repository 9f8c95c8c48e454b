import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { typedAccounts } from '../src/engine/typed-account.js';
import { UserError } from '../src/errors.js';
import type { AccountRef } from '../src/model.js';
import { KEEP_LIST_MAX } from '../src/store/keep-list.js';

/** "@jane, 12345" → refs: digits are ids, anything else a handle. */
function refs(text: string): AccountRef[] {
  const parts = typedAccounts(text);
  if (parts.length === 0) throw new UserError('Name at least one account: a handle such as @jane, or an id.');
  return parts;
}

export const keep: Command = {
  help: 'accounts Tend always keeps, whatever the signals.',
  data: new SlashCommandBuilder()
    .setName('keep')
    .setDescription('Accounts Tend always keeps, whatever the signals')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Keep accounts')
        .addStringOption((o) =>
          o.setName('accounts').setDescription('Handles or ids, comma-separated').setRequired(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('remove')
        .setDescription('Stop keeping accounts')
        .addStringOption((o) => o.setName('accounts').setDescription('Handles or ids').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('list').setDescription('Show your keep list')),
  async execute(interaction, deps) {
    const personId = interaction.user.id;
    const sub = interaction.options.getSubcommand();
    let content: string;
    if (sub === 'list') {
      const { ids, handles } = await deps.keepList.list(personId);
      const all = [...handles.map((h) => `@${h}`), ...ids];
      content =
        all.length > 0
          ? `You keep ${all.length} (at most ${KEEP_LIST_MAX.toLocaleString('en')}): ${all.join(', ')}`.slice(
              0,
              1900,
            )
          : 'Your keep list is empty.';
    } else {
      const accounts = refs(interaction.options.getString('accounts', true));
      const changed =
        sub === 'add'
          ? await deps.keepList.add(personId, accounts)
          : await deps.keepList.remove(personId, accounts);
      content =
        sub === 'add'
          ? `Kept ${changed} more: Tend will never suggest unfollowing them. A keep list holds at most ${KEEP_LIST_MAX.toLocaleString('en')} handles and ids.`
          : `Removed ${changed} from your keep list.`;
    }
    await interaction.editReply({ content });
  },
};
