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
