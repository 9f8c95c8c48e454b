/**
 * `npm run worker`: the queue workers (audit, unfollow, nudge digests). Any number may run, on any machines sharing
 * the Redis: BullMQ hands each job to one of them, and a job whose worker died is taken back when its
 * lock runs out. SIGTERM or SIGINT lets the jobs in hand finish (or stop at their checkpoint) first.
 */
import { runProcess } from '../src/process.js';
import { startWorkers } from './start.js';

await runProcess('tend worker', () => startWorkers(process.env));
