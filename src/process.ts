import type { Logger } from 'pino';
import { errorMessage, isUserError } from './errors.js';

/**
 * Runs a long-lived process (the bot, the worker): a setting it cannot run with stops it at once with
 * its message (exit 78, "configuration error"); SIGTERM or SIGINT closes it cleanly, once.
 */
export async function runProcess(
  name: string,
  start: () =>
    Promise<{ close(): Promise<void>; logger: Logger }> | { close(): Promise<void>; logger: Logger },
): Promise<void> {
  let running;
  try {
    running = await start();
  } catch (error) {
    if (!isUserError(error)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exit(78);
  }
  const { close, logger } = running;
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${name} stopping`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ reason: errorMessage(error) }, `${name} stopped uncleanly`);
          process.exit(1);
        },
      );
    });
  }
}
