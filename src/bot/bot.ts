/**
 * `npm start`: the Discord bot — the gateway (commands, buttons, reactions), and the HTTP server with
 * /healthz and the OAuth callback. Audits and unfollows run in the workers (`npm run worker`).
 * SIGTERM or SIGINT closes the gateway, the HTTP server and the connections cleanly.
 */
import { isUserError } from '../errors.js';
import { startBot } from './start.js';

let running;
try {
  running = await startBot(process.env);
} catch (error) {
  if (!isUserError(error)) throw error;
  console.error(`tend bot: ${error.message}`);
  process.exit(78);
}
const { close, logger } = running;

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'bot stopping');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'bot stopped uncleanly');
        process.exit(1);
      },
    );
  });
}
