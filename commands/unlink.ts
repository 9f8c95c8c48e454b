import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { cancelQueuedUnfollows } from '../src/bot/cancel-unfollows.js';

const UNLINKED = 'Cancelled: you unlinked your X account.';

export const unlink: Command = {
  help: "make Tend forget your X account's tokens.",
  data: new SlashCommandBuilder()
    .setName('unlink')
    .setDescription('Unlink your X account: Tend forgets its tokens'),
  async execute(interaction, deps) {
    const removed = deps.accounts ? await deps.accounts.unlink(interaction.user.id) : false;
    // Unfollows still queued were chosen for the account just unlinked: none may go from a later link.
    const cancelled = await cancelQueuedUnfollows(
      { unfollowQueue: deps.queues.unfollow, review: deps.review, logger: deps.logger },
      interaction.user.id,
      UNLINKED,
    );
    const note =
      cancelled > 0
        ? ` ${cancelled === 1 ? 'The unfollow' : `The ${cancelled} unfollows`} still queued ${cancelled === 1 ? 'is' : 'are'} cancelled.`
        : '';
    await interaction.editReply({
      content: removed
        ? `Your X account is unlinked and its tokens are deleted.${note} You can also revoke Tend in X → Settings → Security → Connected apps.`
        : `No X account is linked.${note}`,
    });
  },
};
