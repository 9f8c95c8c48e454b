/**
 * Instagram message threads (`messages/inbox/<folder>/message_N.json`): `participants[{name}]`,
 * `messages[{sender_name, timestamp_ms, content?}]`. They carry display names only, so a thread is tied
 * to a followed account only when exactly one followed username fits it.
 */

import type { InteractionEvent } from '../model.js';
import { asArray, asRecord, asString } from './json.js';
import { isPlausibleTime } from './time.js';
import { capOptional, TEXT_LIMITS } from '../text-limits.js';

export interface Thread {
  /** The thread's folder name, e.g. `fulano_1234567890`. */
  folder: string;
  participants: string[];
  messages: { sender: string; at: number }[];
  /** Reactions to messages (`messages[].reactions[{reaction, actor}]`), at the time of the message reacted to. */
  reactions?: { actor: string; at: number }[];
}

/**
 * Display names the export pairs with usernames (2025–26 Owner blocks: Name and Username side by side),
 * each mapped to its one username, or to null when two accounts share the name: that name ties to neither.
 */
export type NamePairs = ReadonlyMap<string, string | null>;

/**
 * Adds one `message_N.json` to its thread; returns how many messages it could not read (no sender, or no
 * time before `latest`, see time.ts), or null for a wrong shape.
 */
export function addThreadFile(
  thread: Thread,
  json: unknown,
  latest = Number.POSITIVE_INFINITY,
): number | null {
  const file = asRecord(json);
  if (!file || !Array.isArray(file.messages)) return null;
  for (const p of asArray(file.participants)) {
    const name = capOptional(asString(asRecord(p)?.name), TEXT_LIMITS.name);
    if (name && !thread.participants.includes(name)) thread.participants.push(name);
  }
  let unreadable = 0;
  for (const m of file.messages) {
    const sender = capOptional(asString(asRecord(m)?.sender_name), TEXT_LIMITS.name);
    const at = Number(asRecord(m)?.timestamp_ms);
    if (sender && isPlausibleTime(at, latest)) thread.messages.push({ sender, at });
    else unreadable++;
    if (!isPlausibleTime(at, latest)) continue;
    for (const r of asArray(asRecord(m)?.reactions)) {
      const actor = capOptional(asString(asRecord(r)?.actor), TEXT_LIMITS.name);
      if (actor) (thread.reactions ??= []).push({ actor, at });
    }
  }
  return unreadable;
}

/**
 * The owner's display name: the one name present in every thread (with a single thread, nobody can
 * tell; the export's profile name is preferred when known).
 */
export function ownerDisplayName(threads: readonly Thread[]): string | null {
  if (threads.length < 2) return null;
  const counts = new Map<string, number>();
  for (const thread of threads)
    for (const name of thread.participants) counts.set(name, (counts.get(name) ?? 0) + 1);
  const everywhere = [...counts].filter(([, n]) => n === threads.length).map(([name]) => name);
  return everywhere.length === 1 ? everywhere[0]! : null;
}

/** A username without its punctuation, as Instagram writes it in inbox folder names (`john.doe` → `johndoe`). */
function bare(username: string): string {
  return username.toLowerCase().replace(/[._]/g, '');
}

/** Followed usernames by their bare form; a bare form two usernames share maps to null (ambiguous). */
const bareCache = new WeakMap<ReadonlyMap<string, string>, Map<string, string | null>>();

function byBareName(followed: ReadonlyMap<string, string>, name: string): string | null {
  let index = bareCache.get(followed);
  if (!index) {
    index = new Map();
    for (const spelling of followed.values()) {
      const key = bare(spelling);
      index.set(key, index.has(key) && index.get(key) !== spelling ? null : spelling);
    }
    bareCache.set(followed, index);
  }
  return index.get(bare(name)) ?? null;
}

/** The followed username an inbox folder (`<username without punctuation>_<digits>`) is named after. */
export function folderUsername(folder: string | null, followed: ReadonlyMap<string, string>): string | null {
  const prefix = folder ? /^(.+)_\d+$/.exec(folder)?.[1]?.toLowerCase() : undefined;
  if (!prefix) return null;
  return followed.get(prefix) ?? byBareName(followed, prefix);
}

/**
 * Ties a display name to a username when exactly one fits: the export pairs the name with one username,
 * the name is a followed username (any case), or the thread folder, which Instagram names after the other
 * person, starts with one. A name the export pairs with two accounts ties to neither by itself.
 */
export function tieToUsername(
  name: string,
  folder: string | null,
  followed: ReadonlyMap<string, string>,
  pairs: NamePairs = new Map(),
): string | null {
  const fits = new Set<string>();
  const paired = pairs.get(name);
  if (paired) fits.add(followed.get(paired.toLowerCase()) ?? paired);
  const byName = paired === null ? undefined : followed.get(name.trim().replace(/^@/, '').toLowerCase());
  if (byName) fits.add(byName);
  const byFolder = folderUsername(folder, followed);
  if (byFolder) fits.add(byFolder);
  return fits.size === 1 ? [...fits][0]! : null;
}

/** Letters and digits only, lowercased: how a display name is compared with a username. */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Of the two participants of a one-to-one thread whose owner is unknown, the one who is `handle`: the one
 * named exactly so, else the only one whose display name contains the username (or is contained in it).
 * Null when that does not single one out.
 */
function whichIs(handle: string, participants: readonly string[]): string | null {
  const exact = participants.filter((p) => p.trim().replace(/^@/, '').toLowerCase() === handle.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  const user = letters(handle);
  const similar = participants.filter((p) => {
    const name = letters(p);
    return name !== '' && user !== '' && (name.includes(user) || user.includes(name));
  });
  return similar.length === 1 ? similar[0]! : null;
}

/**
 * Events of one thread, or null when no participant other than the owner could be tied. `followed` maps
 * lowercased usernames to their spelling.
 */
export function threadEvents(
  thread: Thread,
  ownerName: string | null,
  followed: ReadonlyMap<string, string>,
  pairs: NamePairs = new Map(),
): InteractionEvent[] | null {
  const others = thread.participants.filter((p) => p !== ownerName);
  const oneToOne = others.length === 1 || (ownerName === null && thread.participants.length === 2);
  const folder = oneToOne ? thread.folder : null;
  const tied = new Map<string, string>();
  for (const name of others) {
    const handle = tieToUsername(name, folder, followed, pairs);
    if (handle) tied.set(name, handle);
  }
  if (tied.size === 0) return null;
  // Without the owner's name, the untied one of two participants is the owner. When the folder ties both
  // to the same username, the thread is with that account; which participant is them is told by their
  // names, and when nothing tells, their messages cannot be told from the owner's: all count as sent.
  if (ownerName === null && oneToOne) {
    const handles = new Set(tied.values());
    if (handles.size !== 1) return null;
    const handle = [...handles][0]!;
    const other = tied.size === 1 ? [...tied.keys()][0]! : whichIs(handle, [...tied.keys()]);
    const events: InteractionEvent[] = [];
    for (const m of thread.messages) {
      events.push({ who: { handle }, kind: 'dm', direction: m.sender === other ? 'in' : 'out', at: m.at });
    }
    if (other) events.push(...reactionsBy(thread, new Map([[other, handle]])));
    return events;
  }
  const events: InteractionEvent[] = [];
  if (oneToOne) {
    const [name, handle] = [...tied][0]!;
    for (const m of thread.messages) {
      events.push({ who: { handle }, kind: 'dm', direction: m.sender === name ? 'in' : 'out', at: m.at });
    }
    events.push(...reactionsBy(thread, tied));
    return events;
  }
  events.push(...reactionsBy(thread, tied));
  for (const m of thread.messages) {
    const from = tied.get(m.sender);
    if (from) events.push({ who: { handle: from }, kind: 'group_dm', direction: 'in', at: m.at });
    else if (!others.includes(m.sender)) {
      for (const handle of tied.values())
        events.push({ who: { handle }, kind: 'group_dm', direction: 'out', at: m.at });
    }
  }
  return events;
}

/**
 * The other party's reactions to messages, the one thing the export holds that they did towards the
 * owner besides writing: a light gesture, counted like a like received.
 */
function reactionsBy(thread: Thread, tied: ReadonlyMap<string, string>): InteractionEvent[] {
  const events: InteractionEvent[] = [];
  for (const r of thread.reactions ?? []) {
    const handle = tied.get(r.actor);
    if (handle) events.push({ who: { handle }, kind: 'like', direction: 'in', at: r.at });
  }
  return events;
}
