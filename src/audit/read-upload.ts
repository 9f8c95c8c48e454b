import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import type { ZipLimits } from '../importers/index.js';
import type { UploadedFile } from './load-files.js';
import type { Owner, Platform, Profile } from '../model.js';
import type { FollowerSnapshot } from '../store/follower-snapshot-codec.js';
import type { FollowersAsk, FollowersPlanned } from './upload-followers.js';
import type { PackedAudit } from './packed-audit.js';
import type { ClassifyRequest, FromThread, ThreadInput, ToThread } from './upload-thread.js';

export type { ClassifyRequest } from './upload-thread.js';

export interface UploadReadLimits {
  zip: ZipLimits;
  /** Time the upload's thread may spend working (not waiting on the disk or on X), read and classification together. */
  cpuMs: number;
  /** The thread's JavaScript heap: an export that needs more is refused, and the worker lives on. */
  memoryMb: number;
}

/** An upload read in its own thread, held there until it is classified or closed. */
export interface UploadReading {
  platform: Platform;
  owner: Owner;
  /** The ids of the accounts the export says the person follows. */
  followingIds: string[];
  /** The thread reading it (Worker's `threadId`). */
  threadId: number;
  /** Plans the followers audit of what was read: which followers to look up on X, and what that costs. */
  planFollowers(ask: FollowersAsk, profiles: Map<string, Profile> | null): Promise<FollowersPlanned | null>;
  /**
   * Audits what was read, in the thread: the report and the interaction ledger it was built from, packed
   * for the stores, and the follower snapshot to keep when the followers were audited.
   */
  classify(request: ClassifyRequest): Promise<PackedAudit & { followerSnapshot: FollowerSnapshot | null }>;
  /** Stops the thread, whatever it is doing. */
  close(): Promise<void>;
}

/** How often the thread's working time is looked at: the deadline is overrun by at most this. */
const WATCH_MS = 100;

/**
 * The thread's entry. Built, Tend runs the JavaScript beside this file. From its TypeScript sources
 * (tsx, the tests) Node would not load a `.ts` file in a thread by itself, so the thread imports the
 * entry through tsx's API, found from here.
 */
function threadEntry(): { entry: string | URL; eval: boolean } {
  if (import.meta.url.endsWith('.js'))
    return { entry: new URL('./upload-thread.js', import.meta.url), eval: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./upload-thread.ts', import.meta.url).href;
  return {
    entry: `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`,
    eval: true,
  };
}

/** A thread started with no export, waiting for the next upload; at most one, with the heap it was given. */
interface Spare {
  worker: Worker;
  memoryMb: number;
  /** Drops the spare when it ends before it is used. */
  drop: () => void;
}
let spare: Spare | null = null;
/** The heap of the spare to keep ready after each upload, set by `keepUploadThreadReady`; null for none. */
let keepReadyMb: number | null = null;

function startThread(memoryMb: number, workerData: ThreadInput | null): Worker {
  const { entry, eval: isEval } = threadEntry();
  return new Worker(entry, {
    eval: isEval,
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
}

function startSpare(memoryMb: number): void {
  const worker = startThread(memoryMb, null);
  const drop = () => {
    if (spare?.worker === worker) spare = null;
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  // An idle spare does not keep the process alive.
  worker.unref();
  spare = { worker, memoryMb, drop };
}

/**
 * Keeps one upload's thread started ahead, and another after each upload takes it: starting a thread
 * (loading the importers, the engine and the bot model) then costs no upload its time. The spare holds
 * a heap of `memoryMb` (the uploads' cap) and what it loaded, about what one idle thread costs.
 */
export function keepUploadThreadReady(memoryMb: number): void {
  keepReadyMb = memoryMb;
  if (spare && spare.memoryMb !== memoryMb) void stopSpare();
  if (!spare) startSpare(memoryMb);
}

/** Stops keeping a thread ready, and ends the one waiting, if any. */
export async function stopUploadThreadReady(): Promise<void> {
  keepReadyMb = null;
  await stopSpare();
}

async function stopSpare(): Promise<void> {
  const s = spare;
  spare = null;
  if (s) await s.worker.terminate();
}

/** The id of the thread started ahead and waiting for an upload (Worker's `threadId`), or null. */
export function readyUploadThread(): number | null {
  return spare?.worker.threadId ?? null;
}

/** The spare, for an upload of this heap, given its export; null to start a thread for it. */
function takeSpare(memoryMb: number, input: ThreadInput): Worker | null {
  const s = spare;
  if (!s || s.memoryMb !== memoryMb) return null;
  spare = null;
  s.worker.off('error', s.drop);
  s.worker.off('exit', s.drop);
  s.worker.ref();
  s.worker.postMessage({ kind: 'start', input } satisfies ToThread);
  return s.worker;
}

/**
 * Reads the export at `path` (and `profiles`, the profile snapshot attached beside it, if any) in a
 * thread of its own, with a deadline on the thread's working time and a cap on its memory: a hostile or
 * pathological upload costs its own audit, ending in a message for the person, and never blocks the
 * worker (its job locks, other people's audits). `name` is how the person knows the export; `platform`,
 * the audit's source, refuses an export of the other before it is read. A thread
 * started ahead (`keepUploadThreadReady`) is used when there is one.
 */
export async function readUpload(
  path: string,
  name: string,
  limits: UploadReadLimits,
  profiles: UploadedFile | null = null,
  platform: Platform | null = null,
): Promise<UploadReading> {
  const workerData: ThreadInput = {
    file: { path, name },
    profiles,
    zipLimits: limits.zip,
    ...(platform ? { platform } : {}),
  };
  const worker = takeSpare(limits.memoryMb, workerData) ?? startThread(limits.memoryMb, workerData);
  const thread = new UploadThread(worker, name, limits);
  if (keepReadyMb !== null && !spare) startSpare(keepReadyMb);
  try {
    const read = await thread.next('read');
    return {
      platform: read.platform,
      owner: read.owner,
      followingIds: read.followingIds,
      threadId: worker.threadId,
      planFollowers: async (ask, profiles) => {
        thread.post({ kind: 'plan-followers', ask, profiles });
        return (await thread.next('followers-planned')).planned;
      },
      classify: async (request) => {
        thread.post({ kind: 'classify', request });
        const { audit, followerSnapshot } = await thread.next('classified');
        await thread.close();
        // Transferred bytes arrive as a plain Uint8Array: the stores take Buffers, views of the same memory.
        return {
          ...audit,
          followerSnapshot,
          report: asBuffer(audit.report),
          ledger: { ...audit.ledger, bytes: asBuffer(audit.ledger.bytes) },
        };
      },
      close: () => thread.close(),
    };
  } catch (error) {
    await thread.close();
    throw error;
  }
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

type Answer<K extends FromThread['kind']> = Extract<FromThread, { kind: K }>;

/** One upload's thread: its answers in order, or how it ended, and the watch on its working time. */
class UploadThread {
  private readonly answers: FromThread[] = [];
  private waiting: { resolve: (answer: FromThread) => void; reject: (error: Error) => void } | null = null;
  private ended: Error | null = null;
  private readonly watch: NodeJS.Timeout;

  constructor(
    private readonly worker: Worker,
    name: string,
    limits: UploadReadLimits,
  ) {
    worker.on('message', (answer: FromThread) => {
      if (this.waiting) this.waiting.resolve(answer);
      else this.answers.push(answer);
      this.waiting = null;
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.end(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new UserError(
              `${name}: your export needs more memory to read than Tend gives one upload (${limits.memoryMb} MB), so Tend stopped reading it`,
            )
          : error,
      );
    });
    worker.on('exit', (code) =>
      this.end(new Error(`The thread reading ${name} stopped (exit code ${code}) before it answered`)),
    );
    // A thread started ahead spent time loading before it had an upload: only the upload's time counts.
    const before = worker.performance.eventLoopUtilization();
    this.watch = setInterval(() => {
      if (worker.performance.eventLoopUtilization(before).active <= limits.cpuMs) return;
      this.end(
        new UserError(
          `${name}: your export took too long to read (Tend gives one upload ${Math.round(limits.cpuMs / 1000)} s of work), so Tend stopped reading it`,
        ),
      );
      void worker.terminate();
    }, WATCH_MS);
  }

  /** The thread's next answer, which must be of `kind`; a failure it reports is thrown as it was raised there. */
  async next<K extends FromThread['kind']>(kind: K): Promise<Answer<K>> {
    const answer =
      this.answers.shift() ??
      (await new Promise<FromThread>((resolve, reject) => {
        if (this.ended) reject(this.ended);
        else this.waiting = { resolve, reject };
      }));
    if (answer.kind === 'failed') {
      const error = answer.userError ? new UserError(answer.message) : new Error(answer.message);
      if (answer.stack && !answer.userError) error.stack = answer.stack;
      throw error;
    }
    if (answer.kind !== kind)
      throw new Error(`The thread reading an upload answered ${answer.kind} where ${kind} was due`);
    return answer as Answer<K>;
  }

  post(message: ToThread): void {
    this.worker.postMessage(message);
  }

  async close(): Promise<void> {
    this.end(new Error('The thread reading the upload was closed'));
    await this.worker.terminate();
  }

  /** The first way the thread ended is the one reported. */
  private end(error: Error): void {
    if (this.ended) return;
    this.ended = error;
    clearInterval(this.watch);
    this.waiting?.reject(error);
    this.waiting = null;
  }
}
