import type { Redis } from 'ioredis';
import { UserError } from '../errors.js';
import { typedName } from '../engine/typed-account.js';
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
  const handle = ref.handle === undefined || ref.handle === null ? null : typedName(ref.handle).toLowerCase();
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
 * Entries (an id or a handle each) one person's keep list holds at most: it is read whole into every
 * audit of theirs, and a keep list of this size already covers anyone's following.
 */
export const KEEP_LIST_MAX = 5_000;

/**
 * Adds the members (ARGV[2…]) only if the set then holds at most ARGV[1]: {added, size}, or {-1, size,
 * new} when it would hold more. One script, so two adds at once cannot together pass the cap.
 */
const ADD_CAPPED = `
local fresh, seen = {}, {}
for i = 2, #ARGV do
  local member = ARGV[i]
  if not seen[member] and redis.call('SISMEMBER', KEYS[1], member) == 0 then
    seen[member] = true
    fresh[#fresh + 1] = member
  end
end
local size = redis.call('SCARD', KEYS[1])
if size + #fresh > tonumber(ARGV[1]) then return {-1, size, #fresh} end
for i = 1, #fresh, 1000 do redis.call('SADD', KEYS[1], unpack(fresh, i, math.min(i + 999, #fresh))) end
return {#fresh, size + #fresh}`;

const entries = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'entry' : 'entries'}`;

/**
 * Accounts a person wants kept whatever the signals; the unfollow worker checks it right before acting.
 * No TTL: the person's own choice, until they remove an account or run /forget.
 */
export class KeepList {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Adds the accounts (by id, handle or both); returns how many entries were new. Refuses them all, saying
   * so, when the list would then hold more than KEEP_LIST_MAX.
   */
  async add(personId: string, refs: AccountRef[]): Promise<number> {
    const all = refs.flatMap(members);
    if (all.length === 0) return 0;
    const [added, size, fresh] = (await this.redis.eval(
      ADD_CAPPED,
      1,
      personKeys(this.prefix, personId).keep,
      KEEP_LIST_MAX,
      ...all,
    )) as number[];
    if (added! >= 0) return added!;
    throw new UserError(
      `Your keep list is full: it holds ${entries(size!)} of at most ${KEEP_LIST_MAX.toLocaleString('en')} (an id or a handle each), and this would add ${entries(fresh!)}. ` +
        'Nothing was added: /keep remove some first.',
    );
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
