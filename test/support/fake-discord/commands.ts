/**
 * Registered application commands. Registration is a bulk overwrite checked against Discord's rules, and a
 * person can only invoke what is registered where they are: a bot test must register its commands first,
 * and the options it reads are typed by what it registered.
 */
import type { ApplicationCommandOptionType } from 'discord.js';
import { ApplicationCommandType, InteractionContextType } from 'discord.js';
import { invalidFormBody } from './http.js';

export interface OptionDef {
  type: ApplicationCommandOptionType;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: OptionDef[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
}

export interface RegisteredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: ApplicationCommandType;
  name: string;
  description: string;
  options?: OptionDef[];
  default_member_permissions: string | null;
  contexts?: InteractionContextType[] | null;
  dm_permission?: boolean;
  nsfw: boolean;
}

const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;

type Problems = Record<string, unknown>;
const fail = (code: string, message: string) => ({ _errors: [{ code, message }] });

function checkOptions(options: OptionDef[], problems: Problems): void {
  if (options.length > 25)
    problems._errors = fail('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')._errors;
  let optionalSeen = false;
  options.forEach((option, i) => {
    const at: Problems = {};
    if (!NAME.test(option.name) || option.name !== option.name.toLowerCase())
      at.name = fail('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    if (!option.description || option.description.length > 100)
      at.description = fail('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (option.required && optionalSeen)
      at.required = fail(
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    optionalSeen ||= !option.required;
    const nested: Problems = {};
    checkOptions(option.options ?? [], nested);
    if (Object.keys(nested).length > 0) at.options = nested;
    if (Object.keys(at).length > 0) problems[i] = at;
  });
}

function check(body: unknown): RegisteredCommand[] {
  if (!Array.isArray(body)) throw invalidFormBody(fail('BASE_TYPE_ARRAY', 'Must be an array.'));
  const commands = body as RegisteredCommand[];
  const problems: Problems = {};
  const names = new Set<string>();
  commands.forEach((command, i) => {
    const at: Problems = {};
    const chatInput = (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    if (!NAME.test(command.name) || (chatInput && command.name !== command.name.toLowerCase()))
      at.name = fail('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    if (names.has(command.name))
      at.name = fail('APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    names.add(command.name);
    if (chatInput && (!command.description || command.description.length > 100))
      at.description = fail('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    const nested: Problems = {};
    checkOptions(command.options ?? [], nested);
    if (Object.keys(nested).length > 0) at.options = nested;
    if (Object.keys(at).length > 0) problems[i] = at;
  });
  if (Object.keys(problems).length > 0) throw invalidFormBody(problems);
  return commands;
}

export class CommandRegistry {
  /** By scope: 'global', or a guild id. */
  private readonly scopes = new Map<string, RegisteredCommand[]>();

  constructor(
    private readonly applicationId: string,
    private readonly nextId: () => string,
  ) {}

  /** Replaces the scope's commands; a name registered before keeps its id, as on Discord. */
  overwrite(scope: string, body: unknown): RegisteredCommand[] {
    const before = this.list(scope);
    const commands = check(body).map((command) => ({
      ...command,
      type: command.type ?? ApplicationCommandType.ChatInput,
      id: before.find((old) => old.name === command.name)?.id ?? this.nextId(),
      application_id: this.applicationId,
      version: this.nextId(),
      default_member_permissions: command.default_member_permissions ?? null,
      nsfw: command.nsfw ?? false,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    }));
    this.scopes.set(scope, commands);
    return commands;
  }

  list(scope: string): RegisteredCommand[] {
    return this.scopes.get(scope) ?? [];
  }

  /** The slash command a person can pick where they are: the server's own or a global one; in DMs, global ones allowed there. */
  find(name: string, guildId: string | null): RegisteredCommand | null {
    const usable = (command: RegisteredCommand, context: InteractionContextType): boolean =>
      command.name === name &&
      command.type === ApplicationCommandType.ChatInput &&
      (command.contexts
        ? command.contexts.includes(context)
        : context === InteractionContextType.Guild || command.dm_permission !== false);
    if (guildId !== null) {
      const own = this.list(guildId).find(
        (command) => command.name === name && command.type === ApplicationCommandType.ChatInput,
      );
      return (
        own ?? this.list('global').find((command) => usable(command, InteractionContextType.Guild)) ?? null
      );
    }
    return this.list('global').find((command) => usable(command, InteractionContextType.BotDM)) ?? null;
  }
}
