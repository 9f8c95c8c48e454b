/** The application's own endpoints: where the gateway is, and command registration. */
import { RESTJSONErrorCodes } from 'discord.js';
import type { FakeContext } from './context.js';
import { DiscordError, ok, refuse, type Route } from './http.js';

export function appRoutes(ctx: FakeContext, gatewayUrl: string): Route[] {
  const { world, commands } = ctx;

  /** The scope a registration path names: 'global', or the server — the only one the bot is in. */
  const scope = (params: Record<string, string>): string => {
    if (params.application_id !== world.bot.id) throw refuse.unknownApplication();
    if (params.guild_id === undefined) return 'global';
    if (params.guild_id !== world.guildId)
      throw new DiscordError(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
    return params.guild_id;
  };

  return [
    {
      method: 'GET',
      path: '/gateway/bot',
      auth: true,
      handle: () =>
        ok({
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        }),
    },
    ...(
      [
        '/applications/:application_id/commands',
        '/applications/:application_id/guilds/:guild_id/commands',
      ] as const
    ).flatMap((path): Route[] => [
      { method: 'GET', path, auth: true, handle: ({ params }) => ok(commands.list(scope(params))) },
      {
        method: 'PUT',
        path,
        auth: true,
        handle: ({ params, body }) => ok(commands.overwrite(scope(params), body)),
      },
    ]),
  ];
}
