import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';

/**
 * Paths pino removes from every log line. Tokens and keys must never reach logs, whatever object
 * they travel in.
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'codeVerifier',
  '*.codeVerifier',
];

export interface LoggerOptions {
  level?: string;
  destination?: NodeJS.WritableStream;
  enabled?: boolean;
}

export function createLogger({ level = 'info', destination, enabled = true }: LoggerOptions = {}): Logger {
  const options = { level, enabled, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Logs name people by a keyed hash (HMAC-SHA256) of their id: enough to follow one person's jobs, not
 * to say who they are. An unkeyed hash would not do: Discord ids are few enough to hash them all.
 */
export function personRefWith(key: Buffer, personId: string): string {
  return createHmac('sha256', key).update(personId).digest('hex').slice(0, 12);
}

/**
 * The log key of a deployment, derived from TEND_ENCRYPTION_KEY (HKDF-SHA256 under a label of its own,
 * so it reveals nothing of the key): the bot and every worker name a person alike, with no other secret
 * to keep.
 */
export function personRefKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'tend/log/person-ref/v1', 32));
}

/*
 * personRef is called from every log line that names someone, across the bot and the workers; the key
 * is set once when the process starts (usePersonRefKey, from start.ts). A process that is given none (a
 * development bot without TEND_ENCRYPTION_KEY, a test) keeps a random key of its own.
 */
let processKey: Buffer = randomBytes(32);

export function usePersonRefKey(key: Buffer): void {
  processKey = Buffer.from(key);
}

export function personRef(personId: string): string {
  return personRefWith(processKey, personId);
}
