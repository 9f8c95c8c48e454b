import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';

/**
 * Paths pino removes from every log line. Tokens and keys must never reach logs, whatever object
 * they travel in.
 */
const REDACT_PATHS = [
  'token', '*.token', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken',
  'secret', '*.secret', 'password', '*.password', 'authorization', '*.authorization',
  'headers.authorization', '*.headers.authorization', 'codeVerifier', '*.codeVerifier',
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

/** Logs name people by a hash: enough to follow one person's jobs, not to say who they are. */
export function personRef(personId: string): string {
  return createHash('sha256').update(personId).digest('hex').slice(0, 12);
}
