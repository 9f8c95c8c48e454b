/** Sending and editing messages with Discord's semantics: edits change only what they name, attachments are kept by id. */
import { MessageFlags } from 'discord.js';
import { invalidFormBody, refuse, type Upload } from './http.js';
import { checkLimits, type MessageBody } from './limits.js';
import type { NewMessage, StoredFile, StoredMessage, World } from './world.js';

/** Flags a message body may set; Discord drops any other. Interaction replies may also be ephemeral. */
const SETTABLE =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
export const SETTABLE_IN_REPLIES = SETTABLE | MessageFlags.Ephemeral;

const asBody = (raw: unknown): MessageBody =>
  typeof raw === 'object' && raw !== null ? (raw as MessageBody) : {};

const isEmpty = (
  message: Pick<StoredMessage, 'content' | 'embeds' | 'components' | 'attachments'>,
): boolean =>
  message.content === '' &&
  message.embeds.length === 0 &&
  message.components.length === 0 &&
  message.attachments.length === 0;

/**
 * The attachments after a send or edit. Listed `attachments` are what remains: an existing id keeps that
 * file, an index names the upload in `files[index]`. Unlisted, the uploads are added to what was there.
 */
function attach(
  world: World,
  channelId: string,
  existing: StoredFile[],
  listed: MessageBody['attachments'],
  files: Upload[],
): StoredFile[] {
  const store = (upload: Upload, description?: string): StoredFile =>
    world.addFile(channelId, {
      filename: upload.filename,
      contentType: upload.contentType,
      data: upload.data,
      description: description ?? null,
    });
  if (listed === undefined || listed === null) return [...existing, ...files.map((upload) => store(upload))];
  return listed.map((entry, i) => {
    const id = String(entry.id);
    const kept = existing.find((file) => file.id === id);
    if (kept) return kept;
    const upload = files.find((file, at) => (/\[(\d+)\]$/.exec(file.field)?.[1] ?? String(at)) === id);
    if (!upload)
      throw invalidFormBody({
        attachments: {
          [i]: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND', message: `Unknown attachment ${id}` }] },
        },
      });
    return store(upload, entry.description);
  });
}

export function createMessage(
  world: World,
  target: NewMessage,
  raw: unknown,
  files: Upload[],
  settable = SETTABLE,
): StoredMessage {
  const body = asBody(raw);
  checkLimits(body, files);
  const fields = {
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: attach(world, target.channelId, [], body.attachments, files),
  };
  if (isEmpty(fields)) throw refuse.emptyMessage();
  return world.addMessage({
    ...target,
    ...fields,
    flags: (target.flags ?? 0) | ((body.flags ?? 0) & settable),
  });
}

/** Edits in place; the first edit of a deferred reply also ends its "thinking…" state. */
export function editMessage(
  world: World,
  message: StoredMessage,
  raw: unknown,
  files: Upload[],
): StoredMessage {
  const body = asBody(raw);
  checkLimits(body, files);
  const next = {
    content: body.content === undefined ? message.content : (body.content ?? ''),
    embeds: body.embeds === undefined ? message.embeds : (body.embeds ?? []),
    components: body.components === undefined ? message.components : (body.components ?? []),
    attachments: attach(world, message.channelId, message.attachments, body.attachments, files),
  };
  if (isEmpty(next)) throw refuse.emptyMessage();
  return Object.assign(message, next, { editedAt: Date.now(), flags: message.flags & ~MessageFlags.Loading });
}
