import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { errorMessage } from '../errors.js';
import { sharedKeys } from './keys.js';

/**
 * A full Redis (`maxmemory` with `noeviction`, as Tend's compose file runs it) refuses every write with
 * an OOM error: nothing anyone does in Tend can work until the operator makes room. So the person is
 * told that, not handed a reference to a bug, and the operator is told at once.
 */
export const OUT_OF_STORAGE = 'Tend is out of storage; the operator has been told. Try again later.';

/** Redis's refusal, as ioredis and BullMQ pass it on: "OOM command not allowed when used memory > 'maxmemory'". */
export function isOutOfStorage(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/^OOM\b/.test(e.message)) return true;
  }
  return false;
}

/** Once a minute at most: while Redis is full every write fails alike, and one line says it. */
const ALARM_EVERY_MS = 60_000;

/** Tells the operator, in an error log line naming OOM, that Redis is full. */
export class StorageAlarm {
  private last = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  raise(error: unknown): void {
    const now = this.now();
    if (now - this.last < ALARM_EVERY_MS) return;
    this.last = now;
    this.logger.error(
      { reason: errorMessage(error) },
      'Redis is out of memory (OOM): it refuses every write, so people cannot audit, review or change anything. Raise maxmemory or free memory (see README, "What Tend keeps").',
    );
  }
}

/** How long the health probe's key lives: it is written on every /healthz, and never read. */
const PROBE_TTL_MS = 10_000;

/**
 * Whether Redis takes a write, for /healthz: a PING answers on a Redis that refuses every write.
 * Raises the alarm when it is full.
 */
export async function storageWritable(
  redis: Redis,
  prefix: string,
  alarm: StorageAlarm,
  now: number,
): Promise<boolean> {
  try {
    await redis.set(sharedKeys(prefix).healthProbe, String(now), 'PX', PROBE_TTL_MS);
    return true;
  } catch (error) {
    if (isOutOfStorage(error)) alarm.raise(error);
    return false;
  }
}
