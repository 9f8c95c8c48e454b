/**
 * The thread an uploaded export is read and classified in, started by read-upload.ts: whatever an
 * upload makes the importer or the engine do, the worker's own event loop (lock renewal, other
 * people's jobs) goes on. It reads the export, says what it holds, then waits for the person's settings
 * (and any profiles looked up on X meanwhile) and answers with the report and the ledger packed as the
 * stores keep them, their bytes handed over without a copy: a structured clone of a report of 100,000
 * accounts cost the worker more CPU than classifying it (docs/BENCHMARKS.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, isUserError } from '../errors.js';
import type { ZipLimits } from '../importers/index.js';
import { recordEvent } from '../ledger.js';
import type { AuditReport, InteractionEvent, Owner, Platform, Profile, Thresholds } from '../model.js';
import { loadUpload, type UploadedFile } from './load-files.js';
import type { PackedAudit } from './packed-audit.js';
import type { FollowersCost } from '../engine/follower-sampling.js';
import type { FollowerSnapshot } from '../store/follower-snapshot-codec.js';
import type { FollowersAsk, FollowersPlanned, HeldFollowers } from './upload-followers.js';

/**
 * What classifying takes, loaded while the export is read rather than before: the thread starts
 * reading as soon as the importers are loaded, and the engine, the bot model and the packing load
 * meanwhile (through tsx, compiled on its own thread), so starting a thread costs the upload less.
 */
const classifying = Promise.all([
  import('../engine/default-bot-model.js'),
  import('./cap-following.js'),
  import('./packed-audit.js'),
  import('./run-audit.js'),
  import('./upload-followers.js'),
]);
// Awaited when classifying; a failure to load is reported then, not as an unhandled rejection now.
classifying.catch(() => undefined);

export interface ThreadInput {
  /** The export. */
  file: UploadedFile;
  /** The profile snapshot attached beside it, if any. */
  profiles: UploadedFile | null;
  zipLimits: ZipLimits;
  /** The platform the audit's source names: an export of the other is refused before it is read. */
  platform?: Platform;
}

/** What the person has told Tend, and what the worker found on X, for the audit of what was read. */
export interface ClassifyRequest {
  /** Profiles looked up on X; null to use the snapshot the upload held, if any. */
  profiles: Map<string, Profile> | null;
  interests: string[] | null;
  keep: string[];
  /** Interactions the person told Tend of, which no export holds. */
  told: InteractionEvent[];
  /** What the worker has to say beside the export's own warnings (what a profile lookup skipped). */
  warnings: string[];
  /** `TEND_MAX_FOLLOWING`: the most followed accounts one audit judges, as for an audit through X. */
  maxFollowing: number | null;
  /** What the audit cost on X before classification, for the report; null when it made no call. */
  xUsage: AuditReport['xUsage'] | null;
  now: number;
  thresholds: Thresholds;
  /** The followers audit planned before (`plan-followers`): what the worker looked up for it on X. */
  followers?: { looked: Map<string, Profile>; cost: FollowersCost | null; notes: string[] } | null;
}

export type ToThread =
  | { kind: 'classify'; request: ClassifyRequest }
  /** Plans the followers audit; `profiles`: the followed accounts looked up on X, at hand for nothing. */
  | { kind: 'plan-followers'; ask: FollowersAsk; profiles: Map<string, Profile> | null }
  /** To a thread started ahead, without an export (read-upload.ts): the upload it is to read. */
  | { kind: 'start'; input: ThreadInput };

export type FromThread =
  | { kind: 'read'; platform: Platform; owner: Owner; followingIds: string[] }
  /** Null when the export lists no followers. */
  | { kind: 'followers-planned'; planned: FollowersPlanned | null }
  | { kind: 'classified'; audit: PackedAudit; followerSnapshot: FollowerSnapshot | null }
  | { kind: 'failed'; userError: boolean; message: string; stack: string | undefined };

/**
 * The bytes in a memory of their own, to be transferred: zlib's output can be a view into a larger
 * buffer, or into Node's pool of small buffers, which must not move to another thread.
 */
function owned(bytes: Buffer): Buffer<ArrayBuffer> {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength)
    return Buffer.from(buffer);
  const copy = Buffer.from(new ArrayBuffer(bytes.byteLength));
  bytes.copy(copy);
  return copy;
}

const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);
const fail = (error: unknown) =>
  send({
    kind: 'failed',
    userError: isUserError(error),
    message: errorMessage(error),
    stack: error instanceof Error ? error.stack : undefined,
  });

async function read(input: ThreadInput): Promise<void> {
  try {
    const loaded = await loadUpload(input.file, input.profiles, input.zipLimits, input.platform ?? null);
    const { imported } = loaded;
    let held: HeldFollowers | null = null;
    port.on('message', async (message: ToThread) => {
      if (message.kind !== 'plan-followers') return;
      try {
        const [, , , , { planUploadFollowers }] = await classifying;
        const planned = planUploadFollowers(imported, [loaded.profiles, message.profiles], message.ask);
        held = planned?.held ?? null;
        send({ kind: 'followers-planned', planned: planned?.planned ?? null });
      } catch (error) {
        fail(error);
      }
    });
    port.on('message', async (message: ToThread) => {
      if (message.kind !== 'classify') return;
      try {
        const { request } = message;
        const [
          { defaultBotScorer },
          { capFollowing },
          { packAudit },
          { runAudit },
          { finishUploadFollowers },
        ] = await classifying;
        for (const event of request.told) recordEvent(imported.ledger, event);
        const capped = capFollowing(imported.following, request.maxFollowing);
        const report = runAudit(
          {
            imported: { ...imported, following: capped.following },
            profiles: request.profiles ?? loaded.profiles,
            interests: request.interests,
            keep: request.keep,
            warnings: [...loaded.warnings, ...request.warnings, ...capped.warnings],
            now: request.now,
            thresholds: request.thresholds,
          },
          { botScorer: defaultBotScorer(request.thresholds.botThreshold) },
        );
        let followerSnapshot: FollowerSnapshot | null = null;
        if (held && request.followers) {
          const followers = finishUploadFollowers(
            { imported, held, ...request.followers, thresholds: request.thresholds },
            { botScorer: defaultBotScorer(request.thresholds.botThreshold) },
          );
          report.followers = followers.audit;
          followerSnapshot = followers.snapshot;
        }
        const packed = await packAudit(
          request.xUsage ? { ...report, xUsage: request.xUsage } : report,
          imported.ledger,
        );
        const audit = {
          ...packed,
          report: owned(packed.report),
          ledger: { ...packed.ledger, bytes: owned(packed.ledger.bytes) },
        };
        port.postMessage({ kind: 'classified', audit, followerSnapshot } satisfies FromThread, [
          audit.report.buffer,
          audit.ledger.bytes.buffer,
        ]);
      } catch (error) {
        fail(error);
      }
    });
    const followingIds = imported.following.map((f) => f.id).filter((id): id is string => id !== null);
    send({ kind: 'read', platform: imported.platform, owner: imported.owner, followingIds });
  } catch (error) {
    fail(error);
  }
}

// A thread started ahead has loaded what reading needs, and waits here for its upload.
const given = workerData as ThreadInput | null;
if (given) void read(given);
else port.once('message', (message: ToThread) => void (message.kind === 'start' && read(message.input)));
