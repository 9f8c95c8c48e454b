/** What every REST route shares: how it is declared, how bodies are read (JSON or multipart), Discord's errors. */
import type { IncomingMessage } from 'node:http';
import { RESTJSONErrorCodes } from 'discord.js';

export interface Upload {
  /** The form field: `files[0]`, `files[1]`… — the index `attachments[].id` refers to. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RestRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, or the `payload_json` part of a multipart one; undefined when there is none. */
  body: unknown;
  files: Upload[];
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** As Discord's documentation names it, with `:params`: also the key of the call log. */
  path: string;
  /** Interaction callbacks and webhooks authenticate by the token in their path, not by the bot token. */
  auth: boolean;
  /** The rate-limit bucket the route counts in, and the path parameter naming its top-level resource. */
  bucket?: { name: string; resource: string };
  handle(request: RestRequest): Reply | Promise<Reply>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const NO_CONTENT: Reply = { status: 204 };

/** Thrown by a route: answered with Discord's error body, which discord.js turns into a DiscordAPIError. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

const refusal = (status: number, code: number, message: string) => (): DiscordError =>
  new DiscordError(status, code, message);

export const refuse = {
  unauthorized: refusal(401, 0, '401: Unauthorized'),
  unknownChannel: refusal(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  unknownMessage: refusal(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  unknownUser: refusal(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  unknownMember: refusal(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member'),
  unknownGuild: refusal(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  unknownEmoji: refusal(400, RESTJSONErrorCodes.UnknownEmoji, 'Unknown Emoji'),
  unknownWebhook: refusal(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'),
  unknownApplication: refusal(404, RESTJSONErrorCodes.UnknownApplication, 'Unknown Application'),
  unknownInteraction: refusal(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'),
  alreadyAcknowledged: refusal(
    400,
    RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
    'Interaction has already been acknowledged.',
  ),
  cannotMessageUser: refusal(
    403,
    RESTJSONErrorCodes.CannotSendMessagesToThisUser,
    'Cannot send messages to this user',
  ),
  dmChannelAction: refusal(
    403,
    RESTJSONErrorCodes.CannotExecuteActionOnDMChannel,
    'Cannot execute action on a DM channel',
  ),
  notAuthor: refusal(
    403,
    RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
    'Cannot edit a message authored by another user',
  ),
  emptyMessage: refusal(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message'),
  tooLarge: refusal(413, RESTJSONErrorCodes.RequestEntityTooLarge, 'Request entity too large'),
};

/** Discord's 50035: `errors` mirrors the body's shape down to the offending field. */
export const invalidFormBody = (errors: unknown): DiscordError =>
  new DiscordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', errors);

export function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), names };
}

export async function readBody(req: IncomingMessage): Promise<Pick<RestRequest, 'body' | 'files'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!type.startsWith('multipart/form-data'))
    return { body: JSON.parse(raw.toString()) as unknown, files: [] };
  // discord.js sends multipart whenever files ride along; undici's own parser reads it as Discord would.
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  let body: unknown;
  const files: Upload[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value) as unknown;
      continue;
    }
    files.push({
      field,
      filename: value.name,
      contentType: value.type || 'application/octet-stream',
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
}
