import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  loadServiceSettings,
  requireEncryptionKey,
  SERVICE_VARIABLES,
} from '../../src/config/service-settings.js';
import { isUserError } from '../../src/errors.js';

const KEY_HEX = 'a1'.repeat(32);
const KEY_B64 = Buffer.alloc(32, 7).toString('base64');

function refusal(env: NodeJS.ProcessEnv): Error {
  try {
    loadServiceSettings(env);
  } catch (error) {
    expect(isUserError(error), 'a bad setting must stop the process with a UserError').toBe(true);
    return error as Error;
  }
  throw new Error('expected the settings to be refused');
}

describe('service settings', () => {
  it('runs in development on the documented defaults, warning that tokens cannot be stored', () => {
    const settings = loadServiceSettings({});
    expect(settings).toMatchObject({
      nodeEnv: 'development',
      redisUrl: 'redis://127.0.0.1:6379',
      encryptionKey: null,
      xApiBaseUrl: 'https://api.x.com',
      xOAuth2: { clientId: null, clientSecret: null, redirectUri: null },
      profileFreshHours: 24,
      unfollowDailyCap: 300,
      uploadFetchSeconds: 300,
      uploadIdleSeconds: 30,
      uploadCpuSeconds: 60,
      uploadMemoryMb: 1024,
      logLevel: 'info',
      queuePrefix: '{tend}',
      discord: { token: null, applicationId: null, guildId: null },
    });
    expect(settings.warnings.join('\n')).toMatch(
      /TEND_ENCRYPTION_KEY .*required for storing X tokens.*openssl rand -base64 32/,
    );
    expect(() => requireEncryptionKey(settings)).toThrow(
      /TEND_ENCRYPTION_KEY .*required for storing X tokens/,
    );
  });

  it('refuses to start in production without an encryption key', () => {
    expect(refusal({ NODE_ENV: 'production' }).message).toMatch(
      /TEND_ENCRYPTION_KEY .*required.*does not start in production/,
    );
  });

  it.each([
    ['hex', KEY_HEX, Buffer.from(KEY_HEX, 'hex')],
    ['base64', KEY_B64, Buffer.alloc(32, 7)],
    ['unpadded URL-safe base64', Buffer.alloc(32, 250).toString('base64url'), Buffer.alloc(32, 250)],
  ])('takes a 32-byte key in %s', (_, value, bytes) => {
    const settings = loadServiceSettings({ NODE_ENV: 'production', TEND_ENCRYPTION_KEY: value });
    expect(requireEncryptionKey(settings).equals(bytes)).toBe(true);
    expect(settings.warnings).toEqual([]);
  });

  it('refuses a key of the wrong length without repeating it', () => {
    const short = Buffer.alloc(16, 9).toString('base64');
    const error = refusal({ TEND_ENCRYPTION_KEY: short });
    expect(error.message).toMatch(/^TEND_ENCRYPTION_KEY \(environment\) must be 32 bytes in base64 or hex/);
    expect(error.message).not.toContain(short);
  });

  it('keeps secrets out of anything a log line would print', () => {
    const settings = loadServiceSettings({
      TEND_ENCRYPTION_KEY: KEY_HEX,
      X_CLIENT_ID: 'client-id',
      X_CLIENT_SECRET: 'very-secret-client-value',
      DISCORD_TOKEN: 'discord-bot-token-value',
    });
    const printed = JSON.stringify(settings) + inspect(settings, { depth: 5 });
    for (const secret of [KEY_HEX, 'very-secret-client-value', 'discord-bot-token-value'])
      expect(printed).not.toContain(secret);
    expect(settings.xOAuth2.clientSecret?.reveal()).toBe('very-secret-client-value');
    expect(settings.discord.token?.reveal()).toBe('discord-bot-token-value');
  });

  it('reads every setting from the environment', () => {
    const settings = loadServiceSettings({
      NODE_ENV: 'production',
      TEND_ENCRYPTION_KEY: KEY_B64,
      REDIS_URL: 'rediss://cache.internal:6380/2',
      X_API_BASE_URL: 'http://127.0.0.1:4010/',
      X_CLIENT_ID: 'abc',
      X_REDIRECT_URI: 'https://tend.example.org/oauth/x/callback',
      TEND_PROFILE_FRESH_HOURS: '48',
      TEND_INTERACTION_PAGES: '10',
      TEND_UNFOLLOW_DAILY_CAP: '400',
      TEND_WORKER_CONCURRENCY: '8',
      LOG_LEVEL: 'debug',
      TEND_QUEUE_PREFIX: 'prod{tend}',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
    });
    expect(settings).toMatchObject({
      redisUrl: 'rediss://cache.internal:6380/2',
      xApiBaseUrl: 'http://127.0.0.1:4010',
      xOAuth2: {
        clientId: 'abc',
        clientSecret: null,
        redirectUri: 'https://tend.example.org/oauth/x/callback',
      },
      profileFreshHours: 48,
      interactionPages: 10,
      unfollowDailyCap: 400,
      workerConcurrency: 8,
      logLevel: 'debug',
      queuePrefix: 'prod{tend}',
      discord: { applicationId: '123456789012345678', guildId: '223456789012345678' },
    });
  });

  it('treats an empty variable as not set', () => {
    expect(
      loadServiceSettings({ TEND_UNFOLLOW_DAILY_CAP: '', TEND_ENCRYPTION_KEY: '' }).unfollowDailyCap,
    ).toBe(300);
  });

  it.each([
    [
      { TEND_UNFOLLOW_DAILY_CAP: '500' },
      /^TEND_UNFOLLOW_DAILY_CAP \(environment\) must be at most 400 unfollows: got "500"/,
    ],
    [{ TEND_UNFOLLOW_DAILY_CAP: '0' }, /TEND_UNFOLLOW_DAILY_CAP \(environment\) must be at least 1/],
    [
      { TEND_PROFILE_FRESH_HOURS: 'a day' },
      /TEND_PROFILE_FRESH_HOURS \(environment\) must be a whole number of hours: got "a day"/,
    ],
    [{ TEND_INTERACTION_PAGES: '33' }, /TEND_INTERACTION_PAGES \(environment\) must be at most 32 pages/],
    [{ TEND_WORKER_CONCURRENCY: '2.5' }, /TEND_WORKER_CONCURRENCY \(environment\) must be a whole number/],
    [
      { LOG_LEVEL: 'verbose' },
      /LOG_LEVEL \(environment\) must be one of fatal, error, warn, info, debug, trace, silent: got "verbose"/,
    ],
    [
      { TEND_QUEUE_PREFIX: 'tend' },
      /TEND_QUEUE_PREFIX \(environment\) must carry a hash tag such as \{tend\}: got "tend"/,
    ],
    [{ NODE_ENV: 'prod' }, /NODE_ENV \(environment\) must be production, development or test: got "prod"/],
    [
      { X_API_BASE_URL: 'api.x.com' },
      /X_API_BASE_URL \(environment\) must be a URL such as https:\/\/api.x.com: got "api.x.com"/,
    ],
    [{ X_REDIRECT_URI: 'ftp://example.org/cb' }, /X_REDIRECT_URI \(environment\) must be a URL/],
    [{ DISCORD_GUILD_ID: 'my-server' }, /DISCORD_GUILD_ID \(environment\) must be a Discord id/],
    [{ X_CLIENT_SECRET: 'lonely-secret' }, /X_CLIENT_SECRET .* X_CLIENT_ID is not/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(refusal(env).message).toMatch(message);
  });

  it('limits audits by default: one through X per 12 hours a person, 10 uploads a day, 100,000 X reads a day, 50,000 follows', () => {
    expect(loadServiceSettings({}).auditLimits).toEqual({
      xCooldownHours: 12,
      uploadsPerDay: 10,
      xDailyReads: 100_000,
      maxFollowing: 50_000,
    });
    expect(
      loadServiceSettings({ TEND_X_AUDIT_COOLDOWN_HOURS: '0', TEND_X_DAILY_READ_BUDGET: '0' }).auditLimits,
    ).toMatchObject({ xCooldownHours: 0, xDailyReads: 0 });
    expect(refusal({ TEND_MAX_FOLLOWING: 'lots' }).message).toBe(
      'TEND_MAX_FOLLOWING (environment) must be a whole number of accounts: got "lots"',
    );
  });

  it('does not repeat a Redis URL, which may carry a password', () => {
    const error = refusal({ REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(error.message).toMatch(
      /^REDIS_URL \(environment\) must be a URL such as redis:\/\/127.0.0.1:6379$/,
    );
    expect(error.message).not.toContain('hunter2');
  });
});

describe('.env.example', () => {
  it('lists every setting the bot and worker read, each with a comment', async () => {
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    expect(SERVICE_VARIABLES).toHaveLength(29);
    const lines = example.split('\n');
    for (const name of SERVICE_VARIABLES) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(at, `${name} is in .env.example`).toBeGreaterThan(0);
      const above = lines
        .slice(0, at)
        .reverse()
        .find((line) => !/^[A-Z_0-9]+=/.test(line));
      expect(above, `${name} has a comment above it`).toMatch(/^#/);
    }
  });

  it('starts in development as it stands, and in production once a key is filled in', async () => {
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    const env = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => /^[A-Z_0-9]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(loadServiceSettings(env).nodeEnv).toBe('development');
    expect(() => loadServiceSettings({ ...env, NODE_ENV: 'production' })).toThrow(/TEND_ENCRYPTION_KEY/);
    expect(
      loadServiceSettings({ ...env, NODE_ENV: 'production', TEND_ENCRYPTION_KEY: KEY_B64 }).nodeEnv,
    ).toBe('production');
  });
});
