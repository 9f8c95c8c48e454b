/**
 * Answering interactions: one callback (reply, defer, update, modal), within Discord's deadline; then the
 * webhook the interaction token opens — @original to edit, fetch or delete, and follow-ups.
 */
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { FakeContext } from './context.js';
import { invalidFormBody, NO_CONTENT, ok, refuse, type Route, type Upload } from './http.js';
import type { InteractionRecord, ResponseKind } from './interactions.js';
import { createMessage, editMessage, SETTABLE_IN_REPLIES } from './messages.js';
import { messageJson } from './wire.js';
import type { NewMessage, StoredMessage } from './world.js';

const invalid = (message: string) =>
  invalidFormBody({ type: { _errors: [{ code: 'INTERACTION_RESPONSE_INVALID', message }] } });

export function interactionRoutes(ctx: FakeContext): Route[] {
  const { world, interactions } = ctx;

  const replyTo = (record: InteractionRecord): NewMessage => ({
    channelId: record.channelId,
    authorId: world.bot.id,
    interaction: { id: record.id, type: record.type, userId: record.userId },
    type:
      record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
  });

  const source = (record: InteractionRecord): StoredMessage => {
    const message = record.sourceMessageId === null ? undefined : world.messages.get(record.sourceMessageId);
    if (!message) throw invalid('This interaction has no message to update');
    return message;
  };

  function acknowledge(
    record: InteractionRecord,
    type: InteractionResponseType,
    data: unknown,
    files: Upload[],
  ): [ResponseKind, StoredMessage | null] {
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return ['reply', createMessage(world, replyTo(record), data, files, SETTABLE_IN_REPLIES)];
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const ephemeral = ((data as { flags?: number } | undefined)?.flags ?? 0) & MessageFlags.Ephemeral;
        return [
          'deferReply',
          world.addMessage({ ...replyTo(record), flags: MessageFlags.Loading | ephemeral }),
        ];
      }
      case InteractionResponseType.DeferredMessageUpdate:
        return ['deferUpdate', source(record)];
      case InteractionResponseType.UpdateMessage:
        return ['update', editMessage(world, source(record), data, files)];
      case InteractionResponseType.Modal:
        if (record.type === InteractionType.ModalSubmit)
          throw invalid('A modal submission cannot be answered with a modal');
        record.modal = data as APIModalInteractionResponseCallbackData;
        return ['modal', null];
      default:
        throw invalid(`fake-discord does not implement interaction callback type ${type}`);
    }
  }

  /** The interaction whose token the webhook path carries; Discord opens the webhook only once it is acknowledged. */
  const byToken = (params: Record<string, string>): InteractionRecord => {
    const record =
      params.application_id === world.bot.id ? interactions.byToken(params.interaction_token!) : null;
    if (!record || record.callback === null) throw refuse.unknownWebhook();
    return record;
  };

  const webhookMessage = (record: InteractionRecord, id: string): StoredMessage => {
    const messageId =
      id === '@original'
        ? record.originalId
        : [record.originalId, ...record.followUps].includes(id)
          ? id
          : null;
    const message = messageId === null ? undefined : world.messages.get(messageId);
    if (!message) throw refuse.unknownMessage();
    return message;
  };

  return [
    {
      method: 'POST',
      path: '/interactions/:interaction_id/:interaction_token/callback',
      auth: false,
      handle: ({ params, query, body, files }) => {
        const record = interactions.get(params.interaction_id!);
        if (!record || record.token !== params.interaction_token) throw refuse.unknownInteraction();
        if (record.callback !== null) throw refuse.alreadyAcknowledged();
        if (ctx.clock.now() - record.createdAt > ctx.interactionDeadlineMs) throw refuse.unknownInteraction();
        const { type, data } = (body ?? {}) as { type: InteractionResponseType; data?: unknown };
        const [kind, message] = acknowledge(record, type, data, files);
        record.callback = type;
        if (message) record.originalId = message.id;
        interactions.respond(record, kind, message, record.modal);
        if (query.get('with_response') !== 'true') return NO_CONTENT;
        return ok({
          interaction: {
            id: record.id,
            type: record.type,
            response_message_id: message?.id,
            response_message_loading: message ? (message.flags & MessageFlags.Loading) !== 0 : undefined,
            response_message_ephemeral: message ? (message.flags & MessageFlags.Ephemeral) !== 0 : undefined,
          },
          resource: { type, ...(message ? { message: messageJson(world, message) } : {}) },
        });
      },
    },
    {
      method: 'POST',
      path: '/webhooks/:application_id/:interaction_token',
      auth: false,
      handle: ({ params, query, body, files }) => {
        const record = byToken(params);
        const original = record.originalId === null ? undefined : world.messages.get(record.originalId);
        let message: StoredMessage;
        if (
          record.callback === InteractionResponseType.DeferredChannelMessageWithSource &&
          original &&
          (original.flags & MessageFlags.Loading) !== 0
        ) {
          // The first follow-up to a deferred reply replaces its "thinking…", and stays as private as the deferral.
          message = editMessage(world, original, body, files);
        } else {
          message = createMessage(world, replyTo(record), body, files, SETTABLE_IN_REPLIES);
          record.followUps.push(message.id);
        }
        interactions.respond(record, 'followUp', message);
        return query.get('wait') === 'true' ? ok(messageJson(world, message)) : NO_CONTENT;
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:application_id/:interaction_token/messages/:message_id',
      auth: false,
      handle: ({ params }) => ok(messageJson(world, webhookMessage(byToken(params), params.message_id!))),
    },
    {
      method: 'PATCH',
      path: '/webhooks/:application_id/:interaction_token/messages/:message_id',
      auth: false,
      handle: ({ params, body, files }) => {
        const record = byToken(params);
        const message = editMessage(world, webhookMessage(record, params.message_id!), body, files);
        interactions.respond(record, 'edit', message);
        return ok(messageJson(world, message));
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:application_id/:interaction_token/messages/:message_id',
      auth: false,
      handle: ({ params }) => {
        const record = byToken(params);
        const message = webhookMessage(record, params.message_id!);
        world.messages.delete(message.id);
        interactions.respond(record, 'delete', message);
        return NO_CONTENT;
      },
    },
  ];
}
