/**
 * Registers Tend's slash commands with Discord:
 *
 *   npm run deploy-commands            # in DISCORD_GUILD_ID's server when set (instant), else globally
 *   npm run deploy-commands -- --global
 *
 * Reads DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID) from the environment; DISCORD_API
 * points it at another Discord API base (a test server).
 */
import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../commands/index.js';
import { loadServiceSettings } from '../src/config/service-settings.js';
import { errorMessage } from '../src/errors.js';

async function main(): Promise<number> {
  const settings = loadServiceSettings(process.env);
  const { token, applicationId, guildId } = settings.discord;
  if (!token || !applicationId) {
    console.error(
      'deploy-commands: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Discord developer portal → your application)',
    );
    return 78;
  }
  const global = process.argv.includes('--global') || !guildId;
  const rest = new REST(process.env.DISCORD_API ? { api: process.env.DISCORD_API } : {}).setToken(
    token.reveal(),
  );
  const body = COMMANDS.map((c) => c.data.toJSON());
  const route = global
    ? Routes.applicationCommands(applicationId)
    : Routes.applicationGuildCommands(applicationId, guildId!);
  await rest.put(route, { body });
  console.log(
    `Registered ${body.length} commands (${body.map((c) => `/${c.name}`).join(' ')}) ${global ? 'globally (they can take up to an hour to appear)' : `in server ${guildId}`}.`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`deploy-commands: ${errorMessage(error)}`);
    process.exitCode = 1;
  },
);
