/**
 * A slash command's options as a person fills them in: checked against the registered definition (Discord's
 * client would not let them send anything else) and typed by it, with users and files in `resolved`.
 */
import {
  ApplicationCommandOptionType as OptionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIInteractionDataResolved,
  type InteractionType,
} from 'discord.js';
import type { OptionDef, RegisteredCommand } from './commands.js';
import { attachmentJson, memberJson, MEMBER_PERMISSIONS, userJson } from './wire.js';
import type { World } from './world.js';

/** A file a person attaches to an attachment option; the bot downloads it from the fake by its url. */
export interface FileInput {
  name: string;
  data: Buffer | string;
  contentType?: string;
}

/** Strings, numbers and booleans as typed; a user option takes a user id, an attachment option a file. */
export type OptionInput = string | number | boolean | FileInput;

type Resolved = Required<Pick<APIInteractionDataResolved, 'users' | 'members' | 'attachments'>>;
type Basic = APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommand>;

function resolveOne(
  world: World,
  where: { channelId: string; inGuild: boolean },
  def: OptionDef,
  value: OptionInput,
  resolved: Resolved,
): Basic {
  const wrong = (): never =>
    fail(
      `option ${def.name} takes ${OptionType[def.type]} values, not ${typeof value === 'object' ? 'a file' : JSON.stringify(value)}`,
    );
  if (def.choices && !def.choices.some((choice) => choice.value === value)) {
    return fail(
      `option ${def.name} must be one of ${def.choices.map((c) => JSON.stringify(c.value)).join(', ')}`,
    );
  }
  switch (def.type) {
    case OptionType.String:
      if (typeof value !== 'string') return wrong();
      if (value.length < (def.min_length ?? 0) || value.length > (def.max_length ?? 6000))
        return fail(`option ${def.name} is out of length`);
      return { type: def.type, name: def.name, value };
    case OptionType.Integer:
    case OptionType.Number:
      if (typeof value !== 'number' || (def.type === OptionType.Integer && !Number.isInteger(value)))
        return wrong();
      if (value < (def.min_value ?? -Infinity) || value > (def.max_value ?? Infinity))
        return fail(`option ${def.name} is out of range`);
      return { type: def.type, name: def.name, value };
    case OptionType.Boolean:
      if (typeof value !== 'boolean') return wrong();
      return { type: def.type, name: def.name, value };
    case OptionType.User: {
      if (typeof value !== 'string') return wrong();
      const user = world.user(value);
      resolved.users[user.id] = userJson(user);
      if (where.inGuild) {
        const { user: _user, ...member } = memberJson(world, user);
        resolved.members[user.id] = { ...member, permissions: MEMBER_PERMISSIONS };
      }
      return { type: def.type, name: def.name, value };
    }
    case OptionType.Attachment: {
      if (typeof value !== 'object') return wrong();
      const data = Buffer.from(value.data);
      const file = world.addFile(where.channelId, {
        filename: value.name,
        contentType: value.contentType ?? 'application/octet-stream',
        data,
        description: null,
      });
      resolved.attachments[file.id] = attachmentJson(file);
      return { type: def.type, name: def.name, value: file.id };
    }
    default:
      return fail(`fake-discord does not implement ${OptionType[def.type]} options`);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

export function commandOptions(
  world: World,
  where: { channelId: string; inGuild: boolean },
  command: RegisteredCommand,
  input: { subcommand?: string; options?: Record<string, OptionInput> },
): {
  options: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>[];
  resolved?: APIInteractionDataResolved;
} {
  const top = command.options ?? [];
  const sub =
    input.subcommand === undefined
      ? null
      : top.find((o) => o.type === OptionType.Subcommand && o.name === input.subcommand);
  if (sub === undefined) fail(`/${command.name} has no subcommand ${input.subcommand}`);
  if (sub === null && top.some((o) => o.type === OptionType.Subcommand))
    fail(`/${command.name} needs a subcommand`);
  const defs = sub ? (sub.options ?? []) : top;
  const values = input.options ?? {};
  for (const name of Object.keys(values)) {
    if (!defs.some((def) => def.name === name))
      fail(`/${command.name}${sub ? ` ${sub.name}` : ''} has no option ${name}`);
  }
  const resolved: Resolved = { users: {}, members: {}, attachments: {} };
  const options: Basic[] = [];
  for (const def of defs) {
    const value = values[def.name];
    if (value === undefined) {
      if (def.required) fail(`/${command.name} needs option ${def.name}`);
      continue;
    }
    options.push(resolveOne(world, where, def, value, resolved));
  }
  const used = Object.fromEntries(
    Object.entries(resolved).filter(([, entries]) => Object.keys(entries).length > 0),
  );
  return {
    options: sub ? [{ type: OptionType.Subcommand, name: sub.name, options }] : options,
    ...(Object.keys(used).length > 0 ? { resolved: used } : {}),
  };
}
