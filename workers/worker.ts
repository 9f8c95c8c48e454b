/**
 * `npm run worker`: the queue workers (audit, unfollow). Any number may run, on any machines sharing
 * the Redis: BullMQ hands each job to one of them, and a job whose worker died is taken back when its
 * lock runs out. SIGTERM or SIGINT lets the jobs in hand finish (or stop at their checkpoint) first.
 */
import { isUserError } from '../src/errors.js';
import { startWorkers } from './start.js';

let running;
try {
  running = startWorkers(process.env);
} catch (error) {
  if (!isUserError(error)) throw error;
  console.error(`tend worker: ${error.message}`);
  process.exit(78);
}
const { close, logger } = running;

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'worker stopped uncleanly');
        process.exit(1);
      },
    );
  });
}
