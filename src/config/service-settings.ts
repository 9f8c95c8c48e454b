import { z } from 'zod';
import { UserError } from '../errors.js';
import { QUEUE_PREFIX_PATTERN } from '../queues/queues.js';
import { DEFAULT_STORE_PREFIX } from '../store/keys.js';
import { Secret } from '../store/secret.js';

/**
 * Settings of the long-running processes (bot and worker), parsed once at start from the environment.
 * A missing or bad setting stops the process with a message naming the variable; the values of secret
 * settings are never repeated in a message, and they travel as `Secret`s so no log line can print them.
 */
export interface ServiceSettings {
  nodeEnv: 'production' | 'development' | 'test';
  redisUrl: string;
  /** Null outside production when unset: then nothing that stores X tokens can start (see `requireEncryptionKey`). */
  encryptionKey: Secret<Buffer> | null;
  xApiBaseUrl: string;
  xOAuth2: { clientId: string | null; clientSecret: Secret<string> | null; redirectUri: string | null };
  profileFreshHours: number;
  interactionPages: number;
  unfollowDailyCap: number;
  /** The least time between two reactions Tend adds in one Discord channel, across processes. */
  reactionIntervalMs: number;
  /** Per-person and operator-wide limits on audits and what they read on X. */
  auditLimits: { xCooldownHours: number; uploadsPerDay: number; xDailyReads: number; maxFollowing: number };
  workerConcurrency: number;
  /** Port of the bot's HTTP server (/healthz and the OAuth callback). */
  httpPort: number;
  /** The largest upload (an export attached to /audit) the worker fetches. */
  maxUploadMb: number;
  /** The longest an upload's fetch may take, and the longest it may go without a byte arriving. */
  uploadFetchSeconds: number;
  uploadIdleSeconds: number;
  /** The working time and the memory one upload's reading and classification may take, in its own thread. */
  uploadCpuSeconds: number;
  uploadMemoryMb: number;
  /** How long a job's lock lasts without renewal: a job whose worker died is taken back after about this long. */
  jobLockSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  queuePrefix: string;
  /** Where the store's keys live: `<prefix>:person:{id}:…`. */
  storePrefix: string;
  discord: { token: Secret<string> | null; applicationId: string | null; guildId: string | null };
  /** What the process should say at start about settings it can run without. */
  warnings: string[];
}

const KEY_HELP = 'generate one with `openssl rand -base64 32`';
const NUMBER = /^\s*\d+\s*$/;
const whole = (min: number, max: number, unit: string) =>
  z
    .string()
    .regex(NUMBER, `must be a whole number of ${unit}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min} ${unit}`).max(max, `must be at most ${max} ${unit}`));
const url = (protocols: string[], example: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL such as ${example}`);
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

/** 32 bytes as 64 hex digits or as base64 (standard or URL-safe, padded or not). */
const encryptionKey = z.string().transform((value, ctx) => {
  const text = value.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  if (bytes?.length === 32) return new Secret(bytes);
  ctx.addIssue({ code: 'custom', message: `must be 32 bytes in base64 or hex (${KEY_HELP})` });
  return z.NEVER;
});

/** Each setting: its variable, its schema, its default, and whether its value may be shown in a message. */
const SETTINGS = {
  nodeEnv: {
    env: 'NODE_ENV',
    schema: z.enum(['production', 'development', 'test'], 'must be production, development or test'),
    fallback: 'development',
  },
  redisUrl: {
    env: 'REDIS_URL',
    schema: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    fallback: 'redis://127.0.0.1:6379',
    secret: true,
  },
  encryptionKey: { env: 'TEND_ENCRYPTION_KEY', schema: encryptionKey, secret: true },
  xApiBaseUrl: {
    env: 'X_API_BASE_URL',
    schema: url(['https:', 'http:'], 'https://api.x.com').transform((u) => u.replace(/\/+$/, '')),
    fallback: 'https://api.x.com',
  },
  xClientId: { env: 'X_CLIENT_ID', schema: z.string().trim().min(1) },
  xClientSecret: {
    env: 'X_CLIENT_SECRET',
    schema: z
      .string()
      .trim()
      .min(1)
      .transform((s) => new Secret(s)),
    secret: true,
  },
  xRedirectUri: {
    env: 'X_REDIRECT_URI',
    schema: url(['https:', 'http:'], 'https://tend.example.org/oauth/x/callback'),
  },
  profileFreshHours: { env: 'TEND_PROFILE_FRESH_HOURS', schema: whole(0, 720, 'hours'), fallback: '24' },
  interactionPages: { env: 'TEND_INTERACTION_PAGES', schema: whole(0, 32, 'pages'), fallback: '5' },
  // 400 a day is X's own follow limit; unfollowing faster would look like the bulk automation X forbids.
  unfollowDailyCap: { env: 'TEND_UNFOLLOW_DAILY_CAP', schema: whole(1, 400, 'unfollows'), fallback: '300' },
  xAuditCooldownHours: { env: 'TEND_X_AUDIT_COOLDOWN_HOURS', schema: whole(0, 720, 'hours'), fallback: '12' },
  uploadAuditsPerDay: { env: 'TEND_UPLOAD_AUDITS_PER_DAY', schema: whole(0, 1000, 'audits'), fallback: '10' },
  xDailyReads: {
    env: 'TEND_X_DAILY_READ_BUDGET',
    schema: whole(0, 1_000_000_000, 'objects'),
    fallback: '100000',
  },
  maxFollowing: { env: 'TEND_MAX_FOLLOWING', schema: whole(1, 10_000_000, 'accounts'), fallback: '50000' },
  // Discord's figure is one reaction every 250 ms a channel; 300 leaves room for the time a request travels.
  reactionIntervalMs: {
    env: 'TEND_REACTION_INTERVAL_MS',
    schema: whole(0, 10_000, 'milliseconds'),
    fallback: '300',
  },
  httpPort: { env: 'TEND_HTTP_PORT', schema: whole(0, 65535, 'port number'), fallback: '8080' },
  maxUploadMb: { env: 'TEND_MAX_UPLOAD_MB', schema: whole(1, 4096, 'MB'), fallback: '500' },
  uploadFetchSeconds: {
    env: 'TEND_UPLOAD_FETCH_SECONDS',
    schema: whole(1, 3600, 'seconds'),
    fallback: '300',
  },
  uploadIdleSeconds: { env: 'TEND_UPLOAD_IDLE_SECONDS', schema: whole(1, 600, 'seconds'), fallback: '30' },
  uploadCpuSeconds: { env: 'TEND_UPLOAD_CPU_SECONDS', schema: whole(1, 3600, 'seconds'), fallback: '60' },
  uploadMemoryMb: { env: 'TEND_UPLOAD_MEMORY_MB', schema: whole(64, 16384, 'MB'), fallback: '1024' },
  jobLockSeconds: { env: 'TEND_JOB_LOCK_SECONDS', schema: whole(1, 600, 'seconds'), fallback: '30' },
  workerConcurrency: { env: 'TEND_WORKER_CONCURRENCY', schema: whole(1, 100, 'jobs'), fallback: '4' },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z.enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    ),
    fallback: 'info',
  },
  // Redis Cluster keeps a queue's keys in one slot only if the prefix carries a hash tag.
  queuePrefix: {
    env: 'TEND_QUEUE_PREFIX',
    schema: z.string().regex(QUEUE_PREFIX_PATTERN, 'must carry a hash tag such as {tend}'),
    fallback: '{tend}',
  },
  storePrefix: {
    env: 'TEND_STORE_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be letters, digits, ., :, - or _'),
    fallback: DEFAULT_STORE_PREFIX,
  },
  discordToken: {
    env: 'DISCORD_TOKEN',
    schema: z
      .string()
      .trim()
      .min(1)
      .transform((s) => new Secret(s)),
    secret: true,
  },
  discordApplicationId: { env: 'DISCORD_APPLICATION_ID', schema: snowflake },
  discordGuildId: { env: 'DISCORD_GUILD_ID', schema: snowflake },
} as const;

/** Every variable the bot and worker read: `.env.example` must list each. */
export const SERVICE_VARIABLES: readonly string[] = Object.values(SETTINGS).map((setting) => setting.env);

type Name = keyof typeof SETTINGS;
type Value<N extends Name> = z.output<(typeof SETTINGS)[N]['schema']>;

function read<N extends Name>(name: N, env: NodeJS.ProcessEnv): Value<N> | null {
  const setting: { env: string; schema: z.ZodType; fallback?: string; secret?: boolean } = SETTINGS[name];
  // An empty variable means "not set", as in .env files where a line is left blank.
  const given = env[setting.env];
  const raw = given === undefined || given === '' ? setting.fallback : given;
  if (raw === undefined) return null;
  const parsed = setting.schema.safeParse(raw);
  if (parsed.success) return parsed.data as Value<N>;
  const shown = setting.secret ? '' : `: got "${raw}"`;
  throw new UserError(
    `${setting.env} (environment) ${parsed.error.issues[0]?.message ?? 'is not valid'}${shown}`,
  );
}

export function loadServiceSettings(env: NodeJS.ProcessEnv): ServiceSettings {
  const nodeEnv = read('nodeEnv', env)!;
  const key = read('encryptionKey', env);
  const warnings: string[] = [];
  if (!key) {
    const message = `TEND_ENCRYPTION_KEY (environment) is required for storing X tokens: ${KEY_HELP}`;
    if (nodeEnv === 'production')
      throw new UserError(`${message}. Tend does not start in production without it.`);
    warnings.push(
      `${message}. Until it is set, linking an X account and anything that uses its tokens will refuse to run.`,
    );
  }
  const clientId = read('xClientId', env);
  const clientSecret = read('xClientSecret', env);
  if (clientSecret && !clientId)
    throw new UserError(
      'X_CLIENT_SECRET (environment) is set but X_CLIENT_ID is not: set both, from your X app',
    );
  return {
    nodeEnv,
    redisUrl: read('redisUrl', env)!,
    encryptionKey: key,
    xApiBaseUrl: read('xApiBaseUrl', env)!,
    xOAuth2: { clientId, clientSecret, redirectUri: read('xRedirectUri', env) },
    profileFreshHours: read('profileFreshHours', env)!,
    interactionPages: read('interactionPages', env)!,
    unfollowDailyCap: read('unfollowDailyCap', env)!,
    reactionIntervalMs: read('reactionIntervalMs', env)!,
    auditLimits: {
      xCooldownHours: read('xAuditCooldownHours', env)!,
      uploadsPerDay: read('uploadAuditsPerDay', env)!,
      xDailyReads: read('xDailyReads', env)!,
      maxFollowing: read('maxFollowing', env)!,
    },
    workerConcurrency: read('workerConcurrency', env)!,
    jobLockSeconds: read('jobLockSeconds', env)!,
    maxUploadMb: read('maxUploadMb', env)!,
    uploadFetchSeconds: read('uploadFetchSeconds', env)!,
    uploadIdleSeconds: read('uploadIdleSeconds', env)!,
    uploadCpuSeconds: read('uploadCpuSeconds', env)!,
    uploadMemoryMb: read('uploadMemoryMb', env)!,
    httpPort: read('httpPort', env)!,
    logLevel: read('logLevel', env)!,
    queuePrefix: read('queuePrefix', env)!,
    storePrefix: read('storePrefix', env)!,
    discord: {
      token: read('discordToken', env),
      applicationId: read('discordApplicationId', env),
      guildId: read('discordGuildId', env),
    },
    warnings,
  };
}

/** The encryption key, for the parts that store or use X tokens; refuses clearly when it is not set. */
export function requireEncryptionKey(settings: ServiceSettings): Buffer {
  if (!settings.encryptionKey)
    throw new UserError(`TEND_ENCRYPTION_KEY (environment) is required for storing X tokens: ${KEY_HELP}`);
  return settings.encryptionKey.reveal();
}
