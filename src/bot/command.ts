import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
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
  /** The buttons and modals the command sends, each handled here when pressed or submitted. */
  components?: readonly Component[];
}

/**
 * A button or modal a command sends, routed by the start of its custom id (`prefix`); what follows the
 * prefix is handed on (`rest`: an audit id, a format). Custom ids outlive a restart in messages already
 * sent, so a prefix, once shipped, keeps its spelling.
 */
export type Component =
  | {
      kind: 'button';
      prefix: string;
      handle(interaction: ButtonInteraction, deps: BotDeps, rest: string): Promise<void>;
    }
  | {
      kind: 'modal';
      prefix: string;
      handle(interaction: ModalSubmitInteraction, deps: BotDeps, rest: string): Promise<void>;
    };

/** The component whose prefix starts `customId`, the longest where several do. */
export function componentFor<K extends Component['kind']>(
  commands: readonly Pick<Command, 'components'>[],
  kind: K,
  customId: string,
): Extract<Component, { kind: K }> | null {
  let found: Extract<Component, { kind: K }> | null = null;
  for (const command of commands)
    for (const component of command.components ?? [])
      if (
        component.kind === kind &&
        customId.startsWith(component.prefix) &&
        (!found || component.prefix.length > found.prefix.length)
      )
        found = component as Extract<Component, { kind: K }>;
  return found;
}
