import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { SealError, type SecretBox } from './crypto.js';
import { personKeys, sharedKeys } from './keys.js';
import { withLock } from './lock.js';
import { Secret } from './secret.js';

const oauth2Schema = z.object({
  kind: z.literal('oauth2'),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number(),
  scope: z.array(z.string()),
});
const oauth1Schema = z.object({
  kind: z.literal('oauth1'),
  accessToken: z.string().min(1),
  accessSecret: z.string().min(1),
});
const tokensSchema = z.discriminatedUnion('kind', [oauth2Schema, oauth1Schema]);

export type OAuth2Tokens = z.infer<typeof oauth2Schema>;
export type XTokens = z.infer<typeof tokensSchema>;

/** What Redis holds: who, in the clear (the bot shows it); the tokens sealed. */
const recordSchema = z.object({
  v: z.literal(1),
  xUserId: z.string(),
  handle: z.string(),
  linkedAt: z.number(),
  kind: z.enum(['oauth2', 'oauth1']),
  expiresAt: z.number().nullable(),
  sealed: z.string(),
});
type StoredRecord = z.infer<typeof recordSchema>;

export interface LinkedXAccount {
  personId: string;
  xUserId: string;
  handle: string;
  linkedAt: number;
  kind: XTokens['kind'];
  /** When the OAuth 2.0 access token expires; null for OAuth 1.0a, whose tokens do not expire. */
  expiresAt: number | null;
  /** Logged or serialised, this shows `[redacted]`: only `reveal()` gives the tokens. */
  tokens: Secret<XTokens>;
}

export interface RefreshOptions {
  now: number;
  /** Refresh even if the expiry says the token is valid: X refused it (401). */
  force?: boolean;
  /** A token this close to its expiry is refreshed before use. */
  marginMs?: number;
  /** Longer than a refresh may take, or a second worker would spend the same refresh token. */
  lockTtlMs?: number;
  /** How long to wait for another worker's refresh before giving up. */
  waitMs?: number;
  pollMs?: number;
}

const UNREADABLE =
  'Tend can no longer read the X account you linked (the bot’s encryption key was changed, or the stored link was damaged): run /link again.';

/**
 * X accounts linked to people, with their tokens sealed (AES-256-GCM) at rest. A link and its entry in
 * the index of owners have no TTL: they last until /unlink or /forget, as the person chose.
 */
export class LinkedAccounts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly box: SecretBox,
  ) {}

  /**
   * Links an X account to a person. An X account belongs to one person: if another had linked it,
   * their link is removed and they are returned (`previousOwner`), so the bot can tell them. `replaced`
   * is the X account the person had linked before, if any.
   */
  async link(
    personId: string,
    account: { xUserId: string; handle: string; linkedAt: number; tokens: XTokens },
  ): Promise<{ previousOwner: string | null; replaced: string | null }> {
    const owners = sharedKeys(this.prefix).xAccountOwners;
    const previous = await this.stored(personId);
    const record: StoredRecord = {
      v: 1,
      xUserId: account.xUserId,
      handle: account.handle,
      linkedAt: account.linkedAt,
      kind: account.tokens.kind,
      expiresAt: account.tokens.kind === 'oauth2' ? account.tokens.expiresAt : null,
      sealed: this.seal(personId, account.xUserId, account.tokens),
    };
    const owner = await this.redis.hget(owners, account.xUserId);
    const previousOwner = owner !== null && owner !== personId ? owner : null;
    if (previousOwner) await this.redis.del(personKeys(this.prefix, previousOwner).xAccount);
    if (previous && previous.xUserId !== account.xUserId) await this.dropOwner(previous.xUserId, personId);
    await this.redis.set(personKeys(this.prefix, personId).xAccount, JSON.stringify(record));
    await this.redis.hset(owners, account.xUserId, personId);
    return { previousOwner, replaced: previous?.xUserId ?? null };
  }

  async get(personId: string): Promise<LinkedXAccount | null> {
    return (await this.read(personId))?.account ?? null;
  }

  async ownerOf(xUserId: string): Promise<string | null> {
    return this.redis.hget(sharedKeys(this.prefix).xAccountOwners, xUserId);
  }

  /** Removes the link and its tokens; false when there was none. */
  async unlink(personId: string): Promise<boolean> {
    const current = await this.stored(personId);
    if (!current) return false;
    await this.redis.del(personKeys(this.prefix, personId).xAccount);
    await this.dropOwner(current.xUserId, personId);
    return true;
  }

  /**
   * The person's account with tokens fit to use, refreshing OAuth 2.0 tokens when they are about to
   * expire. X returns a new refresh token on each refresh and the old one dies, so only one worker may
   * refresh: it holds a Redis lock; any other waits for the lock to go and reads the new tokens.
   */
  async freshTokens(
    personId: string,
    refresh: (tokens: OAuth2Tokens) => Promise<OAuth2Tokens>,
    options: RefreshOptions,
  ): Promise<LinkedXAccount> {
    const {
      now,
      force = false,
      marginMs = 60_000,
      lockTtlMs = 30_000,
      waitMs = 15_000,
      pollMs = 50,
    } = options;
    const first = await this.read(personId);
    if (!first) throw new UserError('No X account is linked: link one with /link first.');
    const stale = (current: Loaded) =>
      current.account.kind === 'oauth2' &&
      (force ? current.sealed === first.sealed : (current.account.expiresAt ?? 0) - marginMs <= now);
    if (!stale(first)) return first.account;
    const lockKey = personKeys(this.prefix, personId).xRefreshLock;
    for (let waited = 0; waited <= waitMs; waited += pollMs) {
      const attempt = await withLock(this.redis, lockKey, lockTtlMs, async () => {
        const current = await this.read(personId);
        if (!current) throw new UserError('The X account was unlinked: link it again with /link.');
        if (!stale(current)) return current.account;
        const tokens = current.account.tokens.reveal() as OAuth2Tokens;
        if (!tokens.refreshToken)
          throw new UserError(
            'X access has expired and cannot be renewed: link your X account again with /link.',
          );
        return this.replaceTokens(personId, current, await refresh(tokens));
      });
      if (attempt.acquired) return attempt.value;
      await sleep(pollMs);
      const current = await this.read(personId);
      if (current && !stale(current)) return current.account;
    }
    throw new Error(`Gave up after ${waitMs} ms waiting for another worker to refresh X tokens`);
  }

  private async replaceTokens(
    personId: string,
    current: Loaded,
    tokens: OAuth2Tokens,
  ): Promise<LinkedXAccount> {
    const { account } = current;
    const { xUserId, handle, linkedAt, kind } = account;
    const record: StoredRecord = {
      v: 1,
      xUserId,
      handle,
      linkedAt,
      kind,
      expiresAt: tokens.expiresAt,
      sealed: this.seal(personId, xUserId, tokens),
    };
    // XX: an unlink during the refresh wins; the refreshed tokens are not brought back.
    const written = await this.redis.set(
      personKeys(this.prefix, personId).xAccount,
      JSON.stringify(record),
      'XX',
    );
    if (written !== 'OK') throw new UserError('The X account was unlinked: link it again with /link.');
    return { ...account, expiresAt: tokens.expiresAt, tokens: new Secret<XTokens>(tokens) };
  }

  /**
   * The record without opening the tokens: linking again and unlinking must work even when the tokens
   * cannot be opened any more (the encryption key was changed).
   */
  private async stored(personId: string): Promise<StoredRecord | null> {
    const raw = await this.redis.get(personKeys(this.prefix, personId).xAccount);
    return raw === null ? null : recordSchema.parse(JSON.parse(raw));
  }

  private async read(personId: string): Promise<Loaded | null> {
    const record = await this.stored(personId);
    if (record === null) return null;
    let opened: string;
    try {
      opened = this.box.open(record.sealed, context(personId, record.xUserId));
    } catch (error) {
      // Sealed under another key (TEND_ENCRYPTION_KEY was changed): as good as no link, which /link mends.
      if (error instanceof SealError) throw new UserError(UNREADABLE);
      throw error;
    }
    const tokens = tokensSchema.parse(JSON.parse(opened));
    const { xUserId, handle, linkedAt, kind, expiresAt } = record;
    return {
      sealed: record.sealed,
      account: { personId, xUserId, handle, linkedAt, kind, expiresAt, tokens: new Secret(tokens) },
    };
  }

  private seal(personId: string, xUserId: string, tokens: XTokens): string {
    return this.box.seal(JSON.stringify(tokensSchema.parse(tokens)), context(personId, xUserId));
  }

  private async dropOwner(xUserId: string, personId: string): Promise<void> {
    const owners = sharedKeys(this.prefix).xAccountOwners;
    if ((await this.redis.hget(owners, xUserId)) === personId) await this.redis.hdel(owners, xUserId);
  }
}

interface Loaded {
  sealed: string;
  account: LinkedXAccount;
}

/** Binds sealed tokens to their person and X account: copied into another record, they do not open. */
function context(personId: string, xUserId: string): string {
  return `x-tokens/${personId}/${xUserId}`;
}
