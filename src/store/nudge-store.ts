/**
 * A person's nudge settings and what Tend remembers of nudging them about each account, in Redis under
 * the person's own keys (so /forget removes it all). One small hash or set per kind of fact, each
 * changed by one atomic command: two reactions at once cannot undo each other.
 *
 *   const nudges = new NudgeStore(redis, prefix);
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DAY_MS } from '../model.js';
import { UserError } from '../errors.js';
import { recordEvent } from '../ledger.js';
import type { AccountRef, InteractionEvent, InteractionKind } from '../model.js';
import { fencedWrite } from './fence.js';
import { personKeys } from './keys.js';
import { ledgerFromJson, ledgerToJson } from './ledger-store.js';
import { packJson, unpackJson } from './packed-json.js';
import {
  DEFAULT_NUDGE_SETTINGS,
  nudgeSettingsSchema,
  withNudgeSettings,
  type NudgeSettings,
} from '../nudges/settings.js';
import { refOfNudgeKey, SNOOZE_DAYS, type AccountNudgeState, type NudgeOutcome } from '../nudges/state.js';

export const MAX_CADENCE_DAYS = 365;

/**
 * ✅ says the person got in touch, not how. The ledger has no kind for that; a reply is the usual way
 * back into a conversation, and weighs as one.
 */
const DONE_KIND: InteractionKind = 'reply';
/** Each round of writers racing on one ledger lets one through: this many outlast any burst of reactions. */
const LEDGER_ATTEMPTS = 20;

/** Replaces the ledger only if it is still the one read (by its SHA-1): a sync saving meanwhile is not overwritten. */
const REPLACE_IF_UNCHANGED = `if redis.sha1hex(redis.call('GET', KEYS[1]) or '') == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 end return 0`;

/**
 * What Tend remembers of nudging a person about each account (when nudged, snoozed until, ✅) matters
 * for as long as the longest cadence they can set: each write renews it for that long. Their own
 * choices (settings, 🔕, cadences) have no TTL: they last until the person changes them or runs /forget.
 */
const MEMORY_MS = MAX_CADENCE_DAYS * DAY_MS;

/** An account in a digest: its nudge key, and its id and handle for the ledger. */
export type NudgedAccount = AccountRef & { key: string };

function time(raw: string | undefined): number | null {
  return raw === undefined ? null : Number(raw);
}

export class NudgeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(personId: string) {
    return personKeys(this.prefix, personId);
  }

  async settings(personId: string): Promise<NudgeSettings> {
    const stored = await this.redis.hgetall(this.keys(personId).nudgeSettings);
    const values: Record<string, unknown> = { ...DEFAULT_NUDGE_SETTINGS };
    for (const [field, raw] of Object.entries(stored)) values[field] = JSON.parse(raw);
    return nudgeSettingsSchema.parse(values);
  }

  /**
   * Validates the settings as they would be and saves the fields given; returns them all. A UserError
   * names the setting when they would not be valid.
   */
  async updateSettings(personId: string, patch: Partial<NudgeSettings>): Promise<NudgeSettings> {
    const next = withNudgeSettings(await this.settings(personId), patch);
    const fields = (Object.keys(patch) as (keyof NudgeSettings)[]).filter(
      (field) => patch[field] !== undefined,
    );
    if (fields.length > 0) {
      await this.redis.hset(
        this.keys(personId).nudgeSettings,
        Object.fromEntries(fields.map((field) => [field, JSON.stringify(next[field])])),
      );
    }
    return next;
  }

  /** By nudge key; accounts Tend never nudged about and the person never answered for are absent. */
  async state(personId: string): Promise<Map<string, AccountNudgeState>> {
    const k = this.keys(personId);
    const replies = await this.redis
      .multi()
      .hgetall(k.nudgeNudged)
      .hgetall(k.nudgeSnoozed)
      .hgetall(k.nudgeDone)
      .smembers(k.nudgeNever)
      .exec();
    const [nudged, snoozed, done, never] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [Record<string, string>, Record<string, string>, Record<string, string>, string[]];
    const muted = new Set(never);
    const accounts = new Set([
      ...Object.keys(nudged),
      ...Object.keys(snoozed),
      ...Object.keys(done),
      ...muted,
    ]);
    const state = new Map<string, AccountNudgeState>();
    for (const key of accounts) {
      state.set(key, {
        lastNudgedAt: time(nudged[key]),
        snoozedUntil: time(snoozed[key]),
        never: muted.has(key),
        doneAt: time(done[key]),
      });
    }
    return state;
  }

  /** The person's own cadences in days, by nudge key. */
  async cadenceOverrides(personId: string): Promise<Map<string, number>> {
    const stored = await this.redis.hgetall(this.keys(personId).nudgeCadence);
    return new Map(Object.entries(stored).map(([key, days]) => [key, Number(days)]));
  }

  /** Sets the person's cadence for one account; null goes back to its tier's. */
  async setCadence(personId: string, key: string, days: number | null): Promise<void> {
    const hash = this.keys(personId).nudgeCadence;
    if (days === null) {
      await this.redis.hdel(hash, key);
      return;
    }
    if (!Number.isInteger(days) || days < 1 || days > MAX_CADENCE_DAYS) {
      throw new UserError(`Cadence: a whole number of days from 1 to ${MAX_CADENCE_DAYS}`);
    }
    await this.redis.hset(hash, key, String(days));
  }

  /** The digest sent at `at` named these accounts: none comes up again within its cadence. */
  async markNudged(personId: string, keys: readonly string[], at: number): Promise<void> {
    if (keys.length === 0) return;
    const hash = this.keys(personId).nudgeNudged;
    await fencedWrite(this.redis, this.prefix, personId, [
      ['HSET', hash, ...keys.flatMap((key) => [key, String(at)])],
      ['PEXPIRE', hash, MEMORY_MS],
    ]);
  }

  /** What the person answered on a digest: ✅ also goes in their ledger, so the clock resets there too. */
  async applyOutcome(
    personId: string,
    accounts: readonly NudgedAccount[],
    outcome: NudgeOutcome,
    now: number,
  ): Promise<void> {
    if (accounts.length === 0) return;
    const k = this.keys(personId);
    const each = (value: string) => Object.fromEntries(accounts.map((account) => [account.key, value]));
    if (outcome === 'never') await this.redis.sadd(k.nudgeNever, ...accounts.map((account) => account.key));
    else if (outcome === 'snooze')
      await this.redis
        .multi()
        .hset(k.nudgeSnoozed, each(String(now + SNOOZE_DAYS * DAY_MS)))
        .pexpire(k.nudgeSnoozed, MEMORY_MS)
        .exec();
    else {
      await this.redis
        .multi()
        .hset(k.nudgeDone, each(String(now)))
        .pexpire(k.nudgeDone, MEMORY_MS)
        .exec();
      await this.recordInLedger(personId, accounts, now);
    }
  }

  /**
   * Each account's latest ✅ as the interaction it stands for. An audit rebuilds the ledger from X or
   * an export, where a ✅ is nowhere: it adds these, so the report and the nudges keep counting it.
   */
  async doneEvents(personId: string): Promise<InteractionEvent[]> {
    const done = await this.redis.hgetall(this.keys(personId).nudgeDone);
    return Object.entries(done).map(([key, at]) => ({
      who: refOfNudgeKey(key),
      kind: DONE_KIND,
      direction: 'out',
      at: Number(at),
    }));
  }

  /**
   * Adds the ✅ to the stored ledger, as an interaction of the person's. Without a stored ledger there is
   * nothing to add to: the ✅ kept above holds the clock on its own.
   */
  private async recordInLedger(
    personId: string,
    accounts: readonly NudgedAccount[],
    at: number,
  ): Promise<void> {
    const key = this.keys(personId).ledger;
    for (let attempt = 0; attempt < LEDGER_ATTEMPTS; attempt += 1) {
      const raw = await this.redis.getBuffer(key);
      if (raw === null) return;
      const ledger = ledgerFromJson(await unpackJson(raw));
      for (const { id, handle } of accounts)
        recordEvent(ledger, { who: { id, handle }, kind: DONE_KIND, direction: 'out', at });
      const digest = createHash('sha1').update(raw).digest('hex');
      if (
        (await this.redis.eval(
          REPLACE_IF_UNCHANGED,
          1,
          key,
          digest,
          await packJson(ledgerToJson(ledger)),
        )) === 1
      )
        return;
    }
    throw new Error(`The ledger kept changing while a ✅ was recorded in it (${LEDGER_ATTEMPTS} attempts)`);
  }
}
