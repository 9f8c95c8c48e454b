/**
 * The /link under way of each person, for ten minutes: the pending link under the person's key, and its
 * state → person under a shared key, so X's redirect (which carries only the state) finds whose it is.
 */
import type { Redis } from 'ioredis';
import { personKeys, sharedKeys } from './keys.js';

export interface PendingLink {
  state: string;
  sealedVerifier: string;
  createdAt: number;
  /** The Discord username that ran /link, for the confirmation page. */
  discordName: string;
  authUrl: string;
  /** Once X's redirect came back to the marked browser: the account and tokens, sealed, awaiting its POST. */
  sealedGrant?: string;
  confirmToken?: string;
}

export class PendingLinks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Starts `pending` for `ttlMs`; a link still pending for the person is replaced, its state forgotten. */
  async replace(personId: string, pending: PendingLink, ttlMs: number): Promise<void> {
    const previous = await this.get(personId);
    const shared = sharedKeys(this.prefix);
    const multi = this.redis.multi();
    if (previous) multi.del(shared.linkState(previous.state));
    await multi
      .set(personKeys(this.prefix, personId).linkPending, JSON.stringify(pending), 'PX', ttlMs)
      .set(shared.linkState(pending.state), personId, 'PX', ttlMs)
      .exec();
  }

  /** Whose /link a state is, or null. */
  personOf(state: string): Promise<string | null> {
    return this.redis.get(sharedKeys(this.prefix).linkState(state));
  }

  async get(personId: string): Promise<PendingLink | null> {
    const raw = await this.redis.get(personKeys(this.prefix, personId).linkPending);
    return raw === null ? null : (JSON.parse(raw) as PendingLink);
  }

  /** Rewrites the pending link, keeping its expiry; false when it has expired meanwhile. */
  async update(personId: string, pending: PendingLink): Promise<boolean> {
    const kept = await this.redis.set(
      personKeys(this.prefix, personId).linkPending,
      JSON.stringify(pending),
      'KEEPTTL',
      'XX',
    );
    return kept === 'OK';
  }

  /**
   * Removes the pending link if it is still the one of `state` (a newer /link stays); false when another
   * request took it first, so a confirmation sent twice links once.
   */
  async take(personId: string, state: string): Promise<boolean> {
    await this.redis.del(sharedKeys(this.prefix).linkState(state));
    return (await this.redis.eval(TAKE, 1, personKeys(this.prefix, personId).linkPending, state)) === 1;
  }
}

/** KEYS: the person's pending link. ARGV: the state. */
const TAKE = `
local raw = redis.call('GET', KEYS[1])
if not raw or cjson.decode(raw).state ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;
