import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { SecretBox } from '../../src/store/crypto.js';
import { personKeys } from '../../src/store/keys.js';
import { LinkedAccounts, type OAuth2Tokens } from '../../src/store/linked-accounts.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('linked-accounts');
const box = new SecretBox(randomBytes(32));
const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;

function oauth2(tag: string, expiresAt: number): OAuth2Tokens {
  return {
    kind: 'oauth2',
    accessToken: `access-${tag}-Zm9vYmFy`,
    refreshToken: `refresh-${tag}-YmF6cXV4`,
    expiresAt,
    scope: ['tweet.read', 'users.read', 'follows.write', 'offline.access'],
  };
}

const accounts = () => new LinkedAccounts(db.redis, db.prefix, box);

describe('linked X accounts', () => {
  it('gives back the tokens it was given, and shows where the account is linked', async () => {
    const store = accounts();
    await store.link('100', {
      xUserId: '9001',
      handle: 'ottilie',
      linkedAt: NOW,
      tokens: oauth2('a', NOW + 2 * HOUR),
    });
    const linked = await store.get('100');
    expect(linked).toMatchObject({
      personId: '100',
      xUserId: '9001',
      handle: 'ottilie',
      kind: 'oauth2',
      expiresAt: NOW + 2 * HOUR,
    });
    expect(linked?.tokens.reveal()).toEqual(oauth2('a', NOW + 2 * HOUR));
    expect(await store.ownerOf('9001')).toBe('100');
    expect(await store.get('nobody')).toBeNull();
  });

  it('keeps OAuth 1.0a keys too', async () => {
    const store = accounts();
    const tokens = {
      kind: 'oauth1' as const,
      accessToken: '9002-oauth1AccessKEY',
      accessSecret: 'oauth1SecretVALUE',
    };
    await store.link('101', { xUserId: '9002', handle: 'cli_user', linkedAt: NOW, tokens });
    expect((await store.get('101'))?.tokens.reveal()).toEqual(tokens);
    expect((await store.get('101'))?.expiresAt).toBeNull();
  });

  it('never stores a token in plain text, in any Redis value', async () => {
    const store = accounts();
    const tokens = oauth2('plain', NOW + HOUR);
    await store.link('102', { xUserId: '9003', handle: 'plain', linkedAt: NOW, tokens });
    const stored = [...(await db.dump()).values()].flat().join('\n');
    expect(stored).toContain('9003');
    for (const secret of [tokens.accessToken, tokens.refreshToken!]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  it('hides the tokens from loggers, JSON and inspection', async () => {
    const store = accounts();
    const tokens = oauth2('logged', NOW + HOUR);
    await store.link('103', { xUserId: '9004', handle: 'logged', linkedAt: NOW, tokens });
    const linked = await store.get('103');
    const out = new PassThrough();
    let logged = '';
    out.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    createLogger({ destination: out }).info({ linked }, 'linked');
    const printed = [
      logged,
      JSON.stringify(linked),
      inspect(linked, { depth: 10 }),
      `${linked?.tokens}`,
    ].join('\n');
    expect(printed).toContain('[redacted]');
    expect(printed).toContain('9004');
    expect(printed).not.toContain(tokens.accessToken);
    expect(printed).not.toContain(tokens.refreshToken!);
  });

  it('treats tokens altered in Redis, or sealed under another key, as no link: the bot and the worker say “run /link again”', async () => {
    const store = accounts();
    await store.link('104', {
      xUserId: '9005',
      handle: 'tampered',
      linkedAt: NOW,
      tokens: oauth2('t', NOW + HOUR),
    });
    const key = personKeys(db.prefix, '104').xAccount;
    const rekeyed = new LinkedAccounts(db.redis, db.prefix, new SecretBox(randomBytes(32)));
    await expect(rekeyed.get('104')).rejects.toSatisfy(
      (error) => isUserError(error) && /run \/link again/.test(error.message),
    );
    const refresh = () => Promise.reject(new Error('no refresh expected'));
    await expect(rekeyed.freshTokens('104', refresh, { now: NOW }), 'the worker’s way in').rejects.toSatisfy(
      (error) => isUserError(error) && /run \/link again/.test(error.message),
    );
    const record = JSON.parse((await db.redis.get(key))!) as { sealed: string };
    const parts = record.sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0]! ^= 1;
    const altered = [...parts.slice(0, 3), ciphertext.toString('base64url')].join('.');
    await db.redis.set(key, JSON.stringify({ ...record, sealed: altered }));
    await expect(store.get('104')).rejects.toThrow(/run \/link again/);

    await store.link('104', {
      xUserId: '9005',
      handle: 'tampered',
      linkedAt: NOW + 1,
      tokens: oauth2('relinked', NOW + HOUR),
    });
    expect((await store.get('104'))?.linkedAt, 'linking again mends it').toBe(NOW + 1);
    await db.redis.set(key, JSON.stringify({ ...record, sealed: altered }));
    expect(await store.unlink('104'), 'unlinking works even when the tokens cannot be opened').toBe(true);
    expect(await store.ownerOf('9005')).toBeNull();
  });

  it('moves an X account linked by someone else to the person who links it now', async () => {
    const store = accounts();
    await store.link('105', {
      xUserId: '9006',
      handle: 'shared',
      linkedAt: NOW,
      tokens: oauth2('first', NOW + HOUR),
    });
    const { previousOwner } = await store.link('106', {
      xUserId: '9006',
      handle: 'shared',
      linkedAt: NOW + 1,
      tokens: oauth2('second', NOW + HOUR),
    });
    expect(previousOwner).toBe('105');
    expect(await store.get('105')).toBeNull();
    expect(await store.ownerOf('9006')).toBe('106');
    expect(await store.unlink('106')).toBe(true);
    expect(await store.ownerOf('9006')).toBeNull();
    expect(await store.unlink('106')).toBe(false);
  });

  describe('OAuth 2.0 refresh', () => {
    it('uses valid tokens as they are', async () => {
      const store = accounts();
      await store.link('200', {
        xUserId: '9100',
        handle: 'fresh',
        linkedAt: NOW,
        tokens: oauth2('valid', NOW + HOUR),
      });
      let calls = 0;
      const used = await store.freshTokens('200', async () => (calls++, oauth2('never', NOW)), { now: NOW });
      expect(calls).toBe(0);
      expect((used.tokens.reveal() as OAuth2Tokens).accessToken).toBe(oauth2('valid', 0).accessToken);
    });

    it('refreshes once when two workers find the token expiring at the same time; the other reads the new tokens', async () => {
      const store = accounts();
      const other = new LinkedAccounts(db.connection(), db.prefix, box);
      await store.link('201', {
        xUserId: '9101',
        handle: 'racing',
        linkedAt: NOW,
        tokens: oauth2('old', NOW + 30_000),
      });
      const seen: string[] = [];
      const refresh = async (current: OAuth2Tokens) => {
        seen.push(current.refreshToken!);
        await new Promise((resolve) => setTimeout(resolve, 150));
        return oauth2('new', NOW + 2 * HOUR);
      };
      const [a, b] = await Promise.all([
        store.freshTokens('201', refresh, { now: NOW }),
        other.freshTokens('201', refresh, { now: NOW }),
      ]);
      expect(seen).toEqual([oauth2('old', 0).refreshToken]);
      expect(a.tokens.reveal()).toEqual(oauth2('new', NOW + 2 * HOUR));
      expect(b.tokens.reveal()).toEqual(oauth2('new', NOW + 2 * HOUR));
      expect((await store.get('201'))?.expiresAt).toBe(NOW + 2 * HOUR);
      expect(await db.redis.exists(personKeys(db.prefix, '201').xRefreshLock)).toBe(0);
    });

    it('refreshes a token X refused even before its expiry, once for two workers', async () => {
      const store = accounts();
      await store.link('202', {
        xUserId: '9102',
        handle: 'revoked',
        linkedAt: NOW,
        tokens: oauth2('refused', NOW + HOUR),
      });
      let calls = 0;
      const refresh = async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return oauth2('renewed', NOW + 2 * HOUR);
      };
      await Promise.all([
        store.freshTokens('202', refresh, { now: NOW, force: true }),
        store.freshTokens('202', refresh, { now: NOW, force: true }),
      ]);
      expect(calls).toBe(1);
      expect(((await store.get('202'))?.tokens.reveal() as OAuth2Tokens).accessToken).toBe(
        oauth2('renewed', 0).accessToken,
      );
    });

    it('frees the lock when the refresh fails, so the next attempt can try', async () => {
      const store = accounts();
      await store.link('203', {
        xUserId: '9103',
        handle: 'failing',
        linkedAt: NOW,
        tokens: oauth2('stale', NOW - 1),
      });
      await expect(
        store.freshTokens('203', () => Promise.reject(new Error('invalid_grant')), { now: NOW }),
      ).rejects.toThrow('invalid_grant');
      expect(await db.redis.exists(personKeys(db.prefix, '203').xRefreshLock)).toBe(0);
      const renewed = await store.freshTokens('203', async () => oauth2('retry', NOW + HOUR), { now: NOW });
      expect(renewed.expiresAt).toBe(NOW + HOUR);
    });

    it('tells the person to link again when there is no refresh token, or no account', async () => {
      const store = accounts();
      await store.link('204', {
        xUserId: '9104',
        handle: 'norefresh',
        linkedAt: NOW,
        tokens: { ...oauth2('x', NOW - 1), refreshToken: null },
      });
      await expect(store.freshTokens('204', async () => oauth2('y', NOW), { now: NOW })).rejects.toThrow(
        /link your X account again with \/link/,
      );
      await expect(store.freshTokens('205', async () => oauth2('y', NOW), { now: NOW })).rejects.toThrow(
        /No X account is linked/,
      );
    });
  });
});
