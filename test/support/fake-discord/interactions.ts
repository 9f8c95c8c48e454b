/** The interactions the fake has dispatched and, for each, every answer the bot gave, in order. */
import { randomBytes } from 'node:crypto';
import type {
  APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  InteractionType,
} from 'discord.js';
import type { FakeClock } from './clock.js';
import { snapshot, type FakeMessage } from './views.js';
import type { StoredMessage } from './world.js';

export type ResponseKind =
  'reply' | 'deferReply' | 'deferUpdate' | 'update' | 'modal' | 'edit' | 'followUp' | 'delete';

export interface InteractionResponse {
  at: number;
  kind: ResponseKind;
  /** The message as the person saw it after this step (for 'delete', as it was); null for 'modal'. */
  message: FakeMessage | null;
  /** The modal shown, for 'modal'. */
  modal: APIModalInteractionResponseCallbackData | null;
}

/** What a test gets back for an interaction it started. */
export interface FakeInteraction {
  id: string;
  token: string;
}

export interface InteractionRecord extends FakeInteraction {
  type: InteractionType;
  userId: string;
  channelId: string;
  guildId: string | null;
  createdAt: number;
  /** The message a component sits on; for a modal opened from a component, that message too. */
  sourceMessageId: string | null;
  /** The callback type the bot acknowledged with; null until it does. */
  callback: InteractionResponseType | null;
  /** The message `@original` names: the reply, or after a component's deferred update, the component's message. */
  originalId: string | null;
  followUps: string[];
  /** The modal the bot answered with, until the person submits it. */
  modal: APIModalInteractionResponseCallbackData | null;
  responses: InteractionResponse[];
}

export type NewInteraction = Pick<
  InteractionRecord,
  'type' | 'userId' | 'channelId' | 'guildId' | 'sourceMessageId'
>;

export class InteractionBook {
  private readonly records = new Map<string, InteractionRecord>();

  constructor(
    private readonly nextId: () => string,
    private readonly clock: FakeClock,
  ) {}

  open(fields: NewInteraction): InteractionRecord {
    const record: InteractionRecord = {
      ...fields,
      id: this.nextId(),
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      createdAt: this.clock.now(),
      callback: null,
      originalId: null,
      followUps: [],
      modal: null,
      responses: [],
    };
    this.records.set(record.id, record);
    return record;
  }

  get(id: string): InteractionRecord | null {
    return this.records.get(id) ?? null;
  }

  byToken(token: string): InteractionRecord | null {
    return [...this.records.values()].find((record) => record.token === token) ?? null;
  }

  /** The latest modal with this custom id shown to the person and not yet submitted. */
  openModal(userId: string, customId: string): InteractionRecord | null {
    const shown = [...this.records.values()].filter(
      (r) => r.userId === userId && r.modal?.custom_id === customId,
    );
    return shown.at(-1) ?? null;
  }

  respond(
    record: InteractionRecord,
    kind: ResponseKind,
    message: StoredMessage | null,
    modal: APIModalInteractionResponseCallbackData | null = null,
  ): void {
    record.responses.push({ at: Date.now(), kind, message: message && snapshot(message), modal });
  }
}
