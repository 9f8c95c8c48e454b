/**
 * /help, and the answers to a command that failed: a UserError in its own words, anything else as a
 * reference the person can quote while the details stay in the log.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO } from '../../discord/emoji.js';
import { LIMITS, type BotMessage } from '../../discord/message.js';
import { clip, inert } from '../../discord/text.js';
import { X_UNFOLLOW_WINDOW_MS, X_UNFOLLOWS_PER_WINDOW } from '../../unfollows/pace.js';
import type { Command } from '../command.js';

/** One line of /help: how the command is typed (its subcommands too) and what it does. */
export interface HelpEntry {
  usage: string;
  text: string;
}

/** The /help lines of the commands, from their own data: a new command or subcommand shows up by itself. */
export function helpEntries(commands: readonly Pick<Command, 'data' | 'help'>[]): HelpEntry[] {
  return commands
    .filter((command) => command.data.name !== 'help')
    .map((command) => {
      const json = command.data.toJSON();
      const subcommands = (json.options ?? [])
        .filter((option) => option.type === ApplicationCommandOptionType.Subcommand)
        .map((option) => option.name);
      return {
        usage: `/${json.name}${subcommands.length > 0 ? ` ${subcommands.join('|')}` : ''}`,
        text: command.help ?? json.description,
      };
    });
}

export function helpText(commands: readonly HelpEntry[]): string {
  return [
    '**Tend** audits the accounts you follow and tells you, with reasons, which are worth pruning — and which genuine followers you have let go quiet.',
    '',
    ...commands.map((command) => `\`${command.usage}\` — ${command.text}`),
    '',
    `**The review** comes to your DMs, ten accounts a page: ${NUMBER_EMOJI[0]}–${NUMBER_EMOJI[9]} select, ${CONFIRM} unfollows the selected, ${KEEP} keeps them, ${NEXT} shows the next page, ${UNDO} follows again what was unfollowed. Only your own reactions count, and nothing is unfollowed without your ${CONFIRM}. Unfollows go at the pace X allows, at most ${X_UNFOLLOWS_PER_WINDOW} every ${X_UNFOLLOW_WINDOW_MS / 60_000} minutes.`,
    '',
    'Everything Tend shows you about your audit is visible to you only.',
  ].join('\n');
}

/** A UserError's message as written; it may quote a file name or a handle, so it is made inert. */
export function userErrorReply(message: string): BotMessage {
  return { content: clip(inert(message), LIMITS.content) };
}

export function unexpectedErrorReply(ref: string): BotMessage {
  return { content: `Something went wrong (ref ${ref}). It has been logged.` };
}
