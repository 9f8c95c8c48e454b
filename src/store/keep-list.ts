import type { Redis } from 'ioredis';
import { UserError } from '../errors.js';
import type { AccountRef } from '../model.js';
import { personKeys } from './keys.js';

/** X and Instagram handles: letters, digits, underscores, and dots on Instagram. */
const HANDLE = /^[a-z0-9_.]{1,30}$/;
const ID = /^\d{1,20}$/;

/**
 * Set members say which they are (`id:…`, `@…`): a handle made only of digits must not be taken for
 * an id, nor the other way round.
 */
function members(ref: AccountRef): string[] {
  const out: string[] = [];
  const id = ref.id?.trim();
  const handle = ref.handle?.trim().replace(/^@/, '').toLowerCase();
  if (id) {
    if (!ID.test(id)) throw new UserError(`"${id}" is not an account id`);
    out.push(`id:${id}`);
  }
  if (handle) {
    if (!HANDLE.test(handle)) throw new UserError(`"${ref.handle}" is not a handle`);
    out.push(`@${handle}`);
  }
  if (out.length === 0) throw new UserError('Name an account to keep by its handle or id');
  return out;
}

/**
 * Accounts a person wants kept whatever the signals; the unfollow worker checks it right before acting.
 * No TTL: the person's own choice, until they remove an account or run /forget.
 */
export class KeepList {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Adds the accounts (by id, handle or both); returns how many entries were new. */
  async add(personId: string, refs: AccountRef[]): Promise<number> {
    const all = refs.flatMap(members);
    return all.length === 0 ? 0 : this.redis.sadd(personKeys(this.prefix, personId).keep, ...all);
  }

  /** Removes the accounts' entries; returns how many there were. */
  async remove(personId: string, refs: AccountRef[]): Promise<number> {
    const all = refs.flatMap(members);
    return all.length === 0 ? 0 : this.redis.srem(personKeys(this.prefix, personId).keep, ...all);
  }

  /** Ids and lowercased handles (without `@`), sorted: what the audit's keep list takes. */
  async list(personId: string): Promise<{ ids: string[]; handles: string[] }> {
    const all = (await this.redis.smembers(personKeys(this.prefix, personId).keep)).sort();
    return {
      ids: all.filter((m) => m.startsWith('id:')).map((m) => m.slice(3)),
      handles: all.filter((m) => m.startsWith('@')).map((m) => m.slice(1)),
    };
  }

  /** Whether the account is kept by its id or by its handle. */
  async has(personId: string, ref: AccountRef): Promise<boolean> {
    const flags = await this.redis.smismember(personKeys(this.prefix, personId).keep, ...members(ref));
    return flags.some((flag) => flag === 1);
  }
}
