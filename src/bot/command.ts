import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotDeps } from './deps.js';

/**
 * One slash command: what Discord registers, and what runs when someone uses it (commands/*.ts). The
 * interaction handler has already deferred the reply, privately, when `execute` runs: it answers with
 * `editReply`.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** What /help says of it, where Discord's short description (100 characters at most) says too little. */
  help?: string;
  execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void>;
}
