/**
 * The digests a person was sent: the claim that makes each period's digest exactly one, whichever of
 * several workers or a restarted one gets there, and each sent digest with what the person picked and
 * did on it, for its reactions. Under the person's own keys, so /forget removes it all.
 *
 *   const digests = new DigestStore(redis, prefix);
 */
import type { Redis } from 'ioredis';
import { DAY_MS } from '../model.js';
import { fencedWrite } from './fence.js';
import { personKeys } from './keys.js';
import type { DigestPlan } from '../nudges/plan.js';
import type { DigestOutcome, DigestRecord } from '../nudges/reactions.js';
import type { NudgeOutcome } from '../nudges/state.js';

/** Longer than a week plus any delay a job can have: a retry of the same period always finds the claim. */
const DIGEST_CLAIM_TTL_MS = 15 * DAY_MS;
/** Reactions on a digest older than this are ignored: its people have come round again by then. */
const DIGEST_TTL_MS = 30 * DAY_MS;

/**
 * Sets hash fields (ARGV: field, value, …) only on a digest still kept: writing to one gone would bring
 * back a hash with no plan and no expiry.
 */
const SET_IF_KEPT = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HSET', KEYS[1], unpack(ARGV)) end return 0`;
/** Present from the DM until all the digest's reactions are on. */
const REACTIONS_PENDING = 'reactionsPending';
const PICKED = 'picked:';
const OUTCOME = 'outcome:';

export class DigestStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(personId: string) {
    return personKeys(this.prefix, personId);
  }

  /** True for exactly one caller per person and period (SET NX): that one sends the digest. Refused for a forgotten person. */
  async claim(personId: string, periodKey: string, now: number): Promise<boolean> {
    const [taken] = await fencedWrite(this.redis, this.prefix, personId, [
      ['SET', this.keys(personId).nudgeDigestClaim(periodKey), String(now), 'PX', DIGEST_CLAIM_TTL_MS, 'NX'],
    ]);
    return taken === 'OK';
  }

  /** Gives the period back when its digest could not be sent for a reason a retry can overcome. */
  async release(personId: string, periodKey: string): Promise<void> {
    await this.redis.del(this.keys(personId).nudgeDigestClaim(periodKey));
  }

  async save(
    personId: string,
    messageId: string,
    digest: { periodKey: string; sentAt: number; plan: DigestPlan },
  ): Promise<void> {
    const key = this.keys(personId).nudgeDigestMessage(messageId);
    await fencedWrite(this.redis, this.prefix, personId, [
      [
        'HSET',
        key,
        'periodKey',
        digest.periodKey,
        'sentAt',
        String(digest.sentAt),
        'plan',
        JSON.stringify(digest.plan),
        REACTIONS_PENDING,
        '1',
      ],
      ['PEXPIRE', key, DIGEST_TTL_MS],
    ]);
  }

  /** The digest behind one of the person's DMs; null when it is not one (or no longer kept). */
  async load(personId: string, messageId: string): Promise<DigestRecord | null> {
    const fields = await this.redis.hgetall(this.keys(personId).nudgeDigestMessage(messageId));
    if (fields.plan === undefined || fields.periodKey === undefined) return null;
    const selected: number[] = [];
    const outcomes = new Map<number, DigestOutcome>();
    for (const [field, value] of Object.entries(fields)) {
      if (field.startsWith(PICKED)) selected.push(Number(field.slice(PICKED.length)));
      else if (field.startsWith(OUTCOME))
        outcomes.set(Number(field.slice(OUTCOME.length)), JSON.parse(value) as DigestOutcome);
    }
    return {
      periodKey: fields.periodKey,
      sentAt: Number(fields.sentAt),
      plan: JSON.parse(fields.plan) as DigestPlan,
      selected: selected.sort((a, b) => a - b),
      outcomes,
    };
  }

  /** Records that every reaction of the digest is on. */
  async reactionsAdded(personId: string, messageId: string): Promise<void> {
    await this.redis.hdel(this.keys(personId).nudgeDigestMessage(messageId), REACTIONS_PENDING);
  }

  /** Whether some of the digest's reactions may be missing: adding them failed, or has not ended. */
  async reactionsPending(personId: string, messageId: string): Promise<boolean> {
    return (
      (await this.redis.hexists(this.keys(personId).nudgeDigestMessage(messageId), REACTIONS_PENDING)) === 1
    );
  }

  /** Picks or unpicks one person (a position in the plan). */
  async pick(personId: string, messageId: string, index: number, picked: boolean): Promise<void> {
    const key = this.keys(personId).nudgeDigestMessage(messageId);
    if (picked) await this.redis.eval(SET_IF_KEPT, 1, key, `${PICKED}${index}`, '1');
    else await this.redis.hdel(key, `${PICKED}${index}`);
  }

  async recordOutcome(
    personId: string,
    messageId: string,
    indices: readonly number[],
    outcome: NudgeOutcome,
    at: number,
  ): Promise<void> {
    const key = this.keys(personId).nudgeDigestMessage(messageId);
    const value = JSON.stringify({ outcome, at } satisfies DigestOutcome);
    if (indices.length === 0) return;
    await this.redis.eval(SET_IF_KEPT, 1, key, ...indices.flatMap((index) => [`${OUTCOME}${index}`, value]));
  }
}
