/**
 * Direct messages (`direct-messages.js`, `direct-messages-group.js` and their `-headers` twins, which have
 * the same shape without `text`; `direct-message.js` in 2018 archives): `{dmConversation: {conversationId,
 * messages: [{messageCreate: {...}} …]}}`. `createdAt` is ISO 8601, or epoch milliseconds in 2018.
 */

import type { InteractionEvent } from '../model.js';
import { asArray, asRecord, asString, unwrap } from './json.js';
import { isPlausibleTime, parseExportTime } from './time.js';

export interface ConversationResult {
  events: InteractionEvent[];
  /** Messages that lack a sender or a plausible time (time.ts), or whose sender is not in the conversation. */
  unreadableMessages: number;
}

interface Message {
  id: string | null;
  senderId: string;
  recipientId: string | null;
  at: number;
}

function addParticipants(joined: string[], ids: unknown): void {
  for (const id of asArray(ids)) {
    const participant = asString(id);
    if (participant) joined.push(participant);
  }
}

function readMessages(
  items: unknown[],
  latest: number,
): { messages: Message[]; unreadable: number; joined: string[] } {
  const messages: Message[] = [];
  const joined: string[] = [];
  let unreadable = 0;
  for (const item of items) {
    const event = asRecord(item);
    if (event === null) continue;
    const snapshot = asRecord(event.joinConversation)?.participantsSnapshot;
    if (snapshot) addParticipants(joined, snapshot);
    const join = asRecord(event.participantsJoin)?.userIds;
    if (join) addParticipants(joined, join);
    const create = asRecord(event.messageCreate);
    if (!create) continue;
    const senderId = asString(create.senderId);
    const created = asString(create.createdAt);
    const at = created ? parseExportTime(created) : Number.NaN;
    if (!senderId || !isPlausibleTime(at, latest)) {
      unreadable++;
      continue;
    }
    const recipient = asString(create.recipientId);
    messages.push({
      id: asString(create.id),
      senderId,
      recipientId: recipient === '0' ? null : recipient,
      at,
    });
  }
  return { messages, unreadable, joined };
}

/**
 * The events of one conversation. `seen` holds message ids already counted, so a message that appears in
 * two parts is never counted twice. Null when the element is not a conversation.
 *
 * One-to-one: the other party is the id of `conversationId` ("A-B") that is not the owner's; a message is
 * `in` when they sent it. Group: others' messages are `group_dm` in from their sender; the owner's are
 * `group_dm` out to every other participant.
 */
export function conversationEvents(
  element: unknown,
  ownerId: string,
  groupFile: boolean,
  seen: Set<string>,
  latest = Number.POSITIVE_INFINITY,
): ConversationResult | null {
  const conversation = unwrap(element, 'dmConversation');
  const conversationId = asString(conversation?.conversationId);
  const items = conversation?.messages;
  if (!conversationId || !Array.isArray(items)) return null;
  const { messages, unreadable, joined } = readMessages(items, latest);
  const fresh = messages.filter((m) => m.id === null || !seen.has(m.id));
  for (const m of fresh) if (m.id !== null) seen.add(m.id);

  const pair = /^(\d+)-(\d+)$/.exec(conversationId);
  const events: InteractionEvent[] = [];
  if (!groupFile && pair) {
    const other = pair[1] === ownerId ? pair[2]! : pair[2] === ownerId ? pair[1]! : null;
    // A conversation with oneself, or one the owner is not part of, says nothing about anyone else.
    if (other === null || other === ownerId) return { events, unreadableMessages: unreadable };
    let strangers = 0;
    for (const m of fresh) {
      if (m.senderId !== other && m.senderId !== ownerId) strangers++;
      else
        events.push({
          who: { id: other },
          kind: 'dm',
          direction: m.senderId === other ? 'in' : 'out',
          at: m.at,
        });
    }
    return { events, unreadableMessages: unreadable + strangers };
  }

  const participants = new Set([...joined, ...messages.map((m) => m.senderId)]);
  for (const m of messages) if (m.recipientId) participants.add(m.recipientId);
  participants.delete(ownerId);
  for (const m of fresh) {
    if (m.senderId !== ownerId) {
      events.push({ who: { id: m.senderId }, kind: 'group_dm', direction: 'in', at: m.at });
      continue;
    }
    for (const id of participants) events.push({ who: { id }, kind: 'group_dm', direction: 'out', at: m.at });
  }
  return { events, unreadableMessages: unreadable };
}
