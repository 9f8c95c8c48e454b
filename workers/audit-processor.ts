import { DelayedError, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Logger } from 'pino';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  AuditReport,
  ImportedExport,
  InteractionEvent,
  Platform,
  Profile,
  Thresholds,
} from '../src/model.js';
import { recordEvent } from '../src/ledger.js';
import type { LedgerSync } from '../src/services/ledger-sync.js';
import { downloadUpload, type DownloadLimits } from '../src/audit/download.js';
import type { UploadedFile } from '../src/audit/load-files.js';
import { packAudit, type PackedAudit } from '../src/audit/packed-audit.js';
import {
  readUpload,
  type ClassifyRequest,
  type UploadReading,
  type UploadReadLimits,
} from '../src/audit/read-upload.js';
import type { BotScorer } from '../src/engine/bot-score.js';
import { UserError } from '../src/errors.js';
import { runAudit } from '../src/audit/run-audit.js';
import {
  collectFromX,
  lookupArchiveProfiles,
  lookupFollowerProfiles,
  RateLimitReached,
  readNewestFollowers,
  type XCollectProgress,
} from '../src/audit/x-collect.js';
import {
  parseAuditJob,
  type AuditJob,
  type AuditProgress,
  type AuditResult,
} from '../src/queues/payloads.js';
import { QUEUE_NAMES } from '../src/queues/queues.js';
import { newMeter, usageOf, type XMeter } from '../src/sources/x-client.js';
import { afterXError } from '../src/sources/x-errors.js';
import type { ReadBudget } from '../src/store/audit-limits.js';
import type { AuditCheckpoints } from '../src/store/checkpoints.js';
import { FencedOut } from '../src/store/fence.js';
import type { FollowingSnapshots } from '../src/store/following-snapshots.js';
import type { FollowerSnapshots } from '../src/store/follower-snapshots.js';
import type { FollowerSnapshot } from '../src/store/follower-snapshot-codec.js';
import {
  countFreshFor,
  finishNewestFollowers,
  newestOffer,
  offeredFollowers,
  ownerKey,
} from '../src/audit/followers-audit.js';
import { lookupCost, usersWithin } from '../src/engine/follower-sampling.js';
import { emptyLedger } from '../src/ledger.js';
import type { LedgerStore } from '../src/store/ledger-store.js';
import type { KeepList } from '../src/store/keep-list.js';
import type { PersonSettingsStore } from '../src/store/person-settings.js';
import type { ProfileCache } from '../src/store/profile-cache.js';
import type { ReportStore } from '../src/store/reports.js';
import { callAsPerson, type PersonClient, type XClientFor } from '../src/services/x-clients.js';
import { errorMessage } from '../src/errors.js';
import { personRef } from '../src/log.js';
import { PersonForgotten } from './forgotten-jobs.js';
import { JobLease } from './job-lease.js';
import { endAfterXError, endsJob, readJob } from './job-errors.js';

/**
 * Time as the audit sees it. `now` is the clock X's rate limits follow; `wallTimeOf` turns one of its
 * times into the wall-clock time BullMQ delays by. In production both are the wall clock; a benchmark
 * against the fake on a compressed clock maps one onto the other.
 */
export interface AuditClock {
  now(): number;
  wallTimeOf(t: number): number;
}

export interface AuditProcessorDeps {
  checkpoints: AuditCheckpoints;
  reports: ReportStore;
  profileCache: ProfileCache;
  followingSnapshots: FollowingSnapshots;
  /** The follower lists of earlier followers audits: new, lost and churners for nothing. */
  followerSnapshots: FollowerSnapshots;
  keepList: KeepList;
  personSettings: PersonSettingsStore;
  /** A client for the person's linked X account, counting into `meter`, awaiting `beforeCall` before each request. */
  clientFor: (
    personId: string,
    meter: XMeter,
    options: { now: number; force?: boolean; beforeCall: () => Promise<void> },
  ) => Promise<PersonClient>;
  /** Whether the person asked to be forgotten a moment ago (their tombstone: src/store/fence.ts). */
  forgotten: (personId: string) => Promise<boolean>;
  /** How long a job's lock lasts without renewal (TEND_JOB_LOCK_SECONDS); each run renews its own. */
  lockMs: number;
  /** Scores the accounts of an X audit; an upload is classified in its own thread, with the model Tend ships. */
  botScorer: BotScorer;
  thresholds: Thresholds;
  /** Pages of each timeline an audit reads when the job does not say. */
  interactionPages: number;
  clock: AuditClock;
  logger: Logger;
  /** Keeps the audit's interaction ledger for the nudges, and syncs it between audits. */
  ledgerSync?: Pick<LedgerSync, 'afterAuditPacked'>;
  /** The person's ledger as kept since their last audit: what a followers audit completing it judges by. */
  ledgers?: Pick<LedgerStore, 'load'>;
  /** Interactions the person told Tend of (✅ on a digest), which no source holds: added to the audit's ledger. */
  toldInteractions?: (personId: string) => Promise<InteractionEvent[]>;
  /** Where uploaded exports are fetched to, and the limits on them. */
  uploads: { dir: string; download: DownloadLimits; read: UploadReadLimits; fetch?: typeof fetch };
  /** A fraction in [0, 1) for the jitter after a rate-limit reset, so waiting audits do not all start at once. */
  random?: () => number;
  /** `TEND_MAX_FOLLOWING`: the most followed accounts an audit reads or looks up. */
  maxFollowing?: number;
  /** The operator's daily budget of X reads, which every audit's calls are charged to. */
  readBudget?: ReadBudget;
}

/** Spread over this after a reset: X's window opens for every waiting audit at the same instant. */
const RESET_JITTER_MS = 30_000;

/**
 * An audit to store, with the follower snapshot of its followers audit when it made one. No ledger:
 * a followers audit completing an earlier audit, whose ledger is already kept.
 */
type UploadAudit = Omit<PackedAudit, 'ledger'> & {
  ledger: PackedAudit['ledger'] | null;
  followers?: { platform: Platform; snapshot: FollowerSnapshot };
};
type Show = (update: Partial<AuditProgress>) => Promise<void>;
/** What one run of a job works with: the job, its lock token, and its hold on the lock. */
type Run = { job: Job<AuditJob>; token: string; lease: JobLease };

/**
 * What a run does before each X call. A run known to have lost its lock writes nothing: the meter in
 * the job's progress is the live run's now, so the lock is checked first. Then the call is counted
 * before it is made, as refused: a run that dies with it in flight (a crash, a dropped connection) leaves
 * a meter that still holds it for the run that resumes the job, as a call made that read nothing (its
 * objects were not counted, and the resumed run reads them again). Where X had answered it before the
 * crash, X billed what it returned and the resumed run's read of them is billed again: an interrupted
 * call is shown as refused whatever X billed for it. Best effort: with Redis away the count cannot
 * be kept (the write waits for Redis, and never throws), and the lock's check, again last before the
 * call, decides whether the run may go on at all after the wait.
 */
export async function countBeforeCall(run: Pick<Run, 'job' | 'lease'>, meter: XMeter): Promise<void> {
  await run.lease.check();
  await run.job
    .updateProgress({
      ...((run.job.progress ?? {}) as object),
      // Made, and unanswered until X answers: a run resuming from this meter bills nothing for it.
      meter: { ...meter, calls: meter.calls + 1, refused: (meter.refused ?? 0) + 1 },
    })
    .catch(() => undefined);
  await run.lease.check();
}

/**
 * The audit queue's worker. Each run renews its own lock (JobLease), so BullMQ's renewal is off; a
 * job's checkpoint is dropped only once the job has completed, by the run BullMQ let complete it — a
 * run that lost its lock cannot clear the checkpoint the run that took the job over reads from.
 */
export function auditWorker(
  processor: AuditProcessor,
  options: Omit<WorkerOptions, 'lockDuration' | 'skipLockRenewal'>,
): Worker<AuditJob, AuditResult> {
  const worker = new Worker<AuditJob, AuditResult>(
    QUEUE_NAMES.audit,
    (job, token) => processor.process(job, token!),
    {
      ...options,
      lockDuration: processor.lockMs,
      skipLockRenewal: true,
    },
  );
  worker.on('completed', (job) => void processor.finished(job));
  return worker;
}

/**
 * Runs an audit job. Through the X API: reads the person's following and interactions page by page
 * (checkpointed), waits out rate limits as a delayed job rather than in a worker slot. From an upload:
 * fetches the export (capped), reads it with the CLI's importers and, where the person asked, looks up
 * its accounts' profiles through X. Then classifies with the engine and stores the report. Sorted X
 * errors each have one handling: rate limited → delayed until the reset; auth revoked → one forced
 * renewal, then the job ends for good asking the person to link again; transient → thrown, for
 * BullMQ to retry with backoff; permanent or gone → the job ends, saying why. A problem with the
 * upload itself ends the job with the importer's own words.
 *
 * A run stops before its next X call once its job lock is lost or its person forgotten (JobLease), and
 * everything it stores is fenced on both (src/store/fence.ts): of two runs of one job, only the one
 * holding the lock writes.
 */
export class AuditProcessor {
  constructor(private readonly deps: AuditProcessorDeps) {}

  get lockMs(): number {
    return this.deps.lockMs;
  }

  async process(job: Job<AuditJob>, token: string): Promise<AuditResult> {
    const data = readJob(parseAuditJob, job.data);
    const lease = new JobLease(job, token, {
      lockMs: this.deps.lockMs,
      forgotten: () => this.deps.forgotten(data.personId),
    });
    try {
      if (await this.deps.forgotten(data.personId)) throw new FencedOut('forgotten');
      return await this.run(data, { job, token, lease });
    } catch (error) {
      if (error instanceof FencedOut && error.reason === 'forgotten') throw new PersonForgotten();
      if (error instanceof FencedOut) {
        this.deps.logger.warn(
          { person: personRef(data.personId), audit: data.auditId },
          'audit run stopped: its job lock ran out, and the run that takes the job back carries on from the checkpoint',
        );
      }
      throw error;
    } finally {
      lease.stop();
    }
  }

  /** After the job completed: its checkpoint is no longer needed by any run. */
  async finished(job: Job<AuditJob>): Promise<void> {
    const data = readJob(parseAuditJob, job.data);
    await this.deps.checkpoints
      .clear(data.personId, data.auditId)
      .catch((error: unknown) =>
        this.deps.logger.warn(
          { audit: data.auditId, reason: errorMessage(error) },
          'checkpoint not cleared: it expires on its own',
        ),
      );
  }

  private async run(data: AuditJob, run: Run): Promise<AuditResult> {
    const { job } = run;
    const saved = (job.progress ?? {}) as Partial<AuditProgress>;
    const meter = newMeter(saved.meter);
    let progress: AuditProgress = {
      phase: saved.phase ?? 'profile',
      pages: 0,
      accounts: 0,
      waitingUntil: null,
      meter,
    };
    const show: Show = async (update) => {
      progress = { ...progress, ...update, meter: { ...meter } };
      // A run known to have lost its lock leaves the progress, meter and all, to the live run.
      if (!run.lease.signal.aborted) await job.updateProgress(progress);
    };
    const log = this.deps.logger.child({ person: personRef(data.personId), audit: data.auditId });
    log.info({ source: data.source, attempt: job.attemptsMade }, 'audit running');
    try {
      const audit: UploadAudit =
        data.source === 'x'
          ? await this.fromX(data, meter, show, run)
          : await this.fromUpload(data, meter, show, run);
      const { fence } = run.lease;
      await this.deps.reports.savePacked(
        data.personId,
        { auditId: data.auditId, savedAt: this.deps.clock.now() },
        audit.report,
        fence,
      );
      if (audit.ledger) await this.deps.ledgerSync?.afterAuditPacked(data.personId, audit.ledger, fence);
      if (audit.followers)
        await this.deps.followerSnapshots.add(
          data.personId,
          audit.followers.platform,
          audit.followers.snapshot,
          fence,
        );
      log.info({ accounts: audit.accounts, xUsage: meter }, 'audit done');
      return {
        auditId: data.auditId,
        accounts: audit.accounts,
        byVerdict: audit.byVerdict,
        xUsage: usageOf(meter),
      };
    } catch (error) {
      // The meter as the run leaves it, the calls X refused included: the run that carries the job on
      // starts from it (a wait for X's reset has shown it already).
      if (!(error instanceof DelayedError)) await show({}).catch(() => undefined);
      throw endsJob(error);
    }
  }

  private async fromX(data: AuditJob, meter: XMeter, show: Show, run: Run): Promise<UploadAudit> {
    const { clock } = this.deps;
    const ask = data.options.followers;
    if (ask?.completes) return this.newestFollowers(data, ask, meter, show, run);
    return this.withX(data, meter, show, run, async (person) => {
      const recent = await this.deps.followingSnapshots.fresh(data.personId, person.xUserId, clock.now());
      const collected = await collectFromX(this.collectDeps(person, show, meter, run), {
        personId: data.personId,
        auditId: data.auditId,
        interactionPages: data.options.interactionPages ?? this.deps.interactionPages,
        recentFollowing: recent?.following ?? null,
        ...(this.deps.maxFollowing ? { maxFollowing: this.deps.maxFollowing } : {}),
      });
      await show({ phase: 'classifying' });
      const report = await this.classify(data.personId, collected.imported, meter);
      // Asked for followers: nothing of them is read yet, the report says what reading the newest costs.
      if (ask)
        report.followers = offeredFollowers(
          newestOffer(ask.sample, collected.ownerFollowers),
          collected.ownerFollowers,
          collected.ownerFollowersAt,
        );
      if (!recent)
        await this.deps.followingSnapshots.save(
          data.personId,
          { fetchedAt: clock.now(), xUserId: person.xUserId, following: collected.following },
          run.lease.fence,
        );
      return packAudit(report, collected.imported.ledger);
    });
  }

  /**
   * The followers audit through the X API alone, which completes the audit whose report offered it:
   * reads the newest followers the person's confirmed budget pays for (no more than were offered),
   * judges them against that audit's following list and the ledger kept since, and stores that report
   * again with its followers section, judged as of the time they were read, with this audit's follower
   * snapshot of that time.
   */
  private async newestFollowers(
    data: AuditJob,
    ask: NonNullable<AuditJob['options']['followers']>,
    meter: XMeter,
    show: Show,
    run: Run,
  ): Promise<UploadAudit> {
    const stored = await this.deps.reports.latest(data.personId);
    const offer = stored?.report.followers?.summary.unpaid;
    if (!stored || stored.auditId !== ask.completes || !offer)
      throw new UserError(
        'The audit whose followers you confirmed has been replaced by a newer one: run /audit again with followers on.',
      );
    const { report } = stored;
    const ownerId = report.owner.id!;
    // Judged as of now, when the followers are read (the button may be pressed days after the offer):
    // a follower who is new is new by now, and the snapshot is dated after what it holds.
    const now = this.deps.clock.now();
    const owner = ownerKey({ platform: 'x', owner: report.owner });
    const maxUsers = Math.min(usersWithin(ask.budgetCents / 100), offer.users);
    const [history, ledger] = await Promise.all([
      this.deps.followerSnapshots.history(data.personId, 'x', owner),
      this.deps.ledgers?.load(data.personId) ?? null,
    ]);
    const read = await this.withX(data, meter, show, run, (person) => {
      if (person.xUserId !== ownerId)
        throw new UserError(
          'Your linked X account is not the one that audit was of: run /audit again with followers on.',
        );
      return readNewestFollowers(
        { ...this.collectDeps(person, show, meter, run), meter },
        { personId: data.personId, auditId: data.auditId, interactionPages: 0 },
        ownerId,
        maxUsers,
      );
    });
    await show({ phase: 'classifying' });
    // Calls X refused are told even where it answered none.
    const cost =
      read.cost.calls > 0 || (read.cost.refused ?? 0) > 0
        ? { ...read.cost, dollars: lookupCost(read.cost.users).dollars }
        : null;
    const { audit, snapshot } = finishNewestFollowers(
      {
        owner,
        following: report.accounts,
        ledger: ledger ?? emptyLedger(),
        history: history.filter((s) => s.at < now),
        now,
        read,
        // X's count at the audit that offered this read (0 there: not known); followers since the
        // offer make it short by as many (README, "Your followers").
        followersCount: report.followers?.summary.followers || null,
        cost,
        thresholds: this.deps.thresholds,
        notes: ledger
          ? []
          : ['No interactions of yours are kept since that audit: engaged and loyal followers are not told.'],
      },
      { botScorer: this.deps.botScorer },
    );
    audit.summary.unpaid = null;
    // Kept for the next read to square with only while fresh, timed from when X gave it (the offer's
    // first `users/me`, which a retry or a wait on X may have left hours before the report):
    // `countFreshFor`. A read to the end keeps its length.
    const countedAt = report.followers?.summary.followersCountedAt;
    if (!read.complete && !countFreshFor(countedAt ? Date.parse(countedAt) : null, now))
      delete snapshot.followersCount;
    const before = report.xUsage;
    const completed: AuditReport = {
      ...report,
      followers: audit,
      xUsage: {
        calls: (before?.calls ?? 0) + meter.calls,
        users: (before?.users ?? 0) + meter.users,
        posts: (before?.posts ?? 0) + meter.posts,
      },
    };
    const { ledger: _kept, ...packed } = await packAudit(completed, emptyLedger());
    return { ...packed, ledger: null, followers: { platform: 'x', snapshot } };
  }

  private async fromUpload(data: AuditJob, meter: XMeter, show: Show, run: Run): Promise<UploadAudit> {
    const upload = data.options.attachment!;
    const dir = await mkdtemp(join(this.deps.uploads.dir, 'tend-upload-'));
    try {
      await show({ phase: 'downloading' });
      const started = performance.now();
      const path = await downloadUpload(upload, dir, this.deps.uploads.download, this.deps.uploads.fetch);
      const snapshot = await this.downloadProfiles(data, dir, performance.now() - started);
      await show({ phase: 'reading' });
      const expected = data.source === 'instagram' ? 'instagram' : 'x';
      const reading = await readUpload(path, upload.name, this.deps.uploads.read, snapshot, expected);
      try {
        let profiles = null;
        const warnings: string[] = [];
        if (expected === 'x' && data.options.hydrateProfiles) {
          const guard = {
            archiveOwnerId: reading.owner.id,
            ...(this.deps.maxFollowing ? { maxFollowing: this.deps.maxFollowing } : {}),
          };
          const looked = await this.withX(data, meter, show, run, (person) =>
            lookupArchiveProfiles(
              this.collectDeps(person, show, meter, run),
              { personId: data.personId, auditId: data.auditId, interactionPages: 0 },
              reading.followingIds,
              guard,
            ),
          );
          profiles = looked.profiles;
          warnings.push(...looked.warnings);
        }
        // One time for the report and its follower snapshot: a confirmed followers audit names it (`asOf`).
        const now = this.deps.clock.now();
        const followers = await this.uploadFollowers(data, reading, profiles, meter, show, run, now);
        await show({ phase: 'classifying' });
        const xUsage = meter.calls > 0 ? usageOf(meter) : null;
        const audit = await reading.classify({
          ...(await this.personal(data.personId, now)),
          profiles,
          warnings,
          maxFollowing: this.deps.maxFollowing ?? null,
          xUsage,
          followers,
        });
        const { followerSnapshot, ...packed } = audit;
        return followerSnapshot
          ? { ...packed, followers: { platform: reading.platform, snapshot: followerSnapshot } }
          : packed;
      } finally {
        await reading.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * The profile snapshot attached beside the export, fetched with the export's limits into a folder of
   * its own (the two may bear one name), in what the export's `spentMs` left of the job's fetch time;
   * null when none was.
   */
  private async downloadProfiles(data: AuditJob, dir: string, spentMs: number): Promise<UploadedFile | null> {
    const profiles = data.options.profiles;
    if (!profiles) return null;
    const own = await mkdtemp(join(dir, 'profiles-'));
    const { download, fetch } = this.deps.uploads;
    const path = await downloadUpload(profiles, own, download, fetch, {
      spentMs,
      tooLargeAdvice: 'save a snapshot of fewer profiles with the companion, or audit without one',
    });
    return { path, name: profiles.name };
  }

  /**
   * The followers audit the job asks for: planned in the upload's thread against the snapshots of
   * earlier audits, then the lookups the person's confirmed budget pays for made through X (none
   * without a budget: the report then says what they would cost). Null when not asked for, or when
   * the export lists no followers.
   */
  private async uploadFollowers(
    data: AuditJob,
    reading: UploadReading,
    profiles: Map<string, Profile> | null,
    meter: XMeter,
    show: Show,
    run: Run,
    now: number,
  ): Promise<ClassifyRequest['followers']> {
    const ask = data.options.followers;
    if (!ask) return null;
    const owner = ownerKey({ platform: reading.platform, owner: reading.owner });
    const history = await this.deps.followerSnapshots.history(data.personId, reading.platform, owner);
    const planned = await reading.planFollowers(
      {
        want: ask.sample,
        seed: ask.seed,
        budgetCents: ask.budgetCents,
        history,
        now: ask.asOf ?? now,
      },
      profiles,
    );
    if (!planned) return null;
    if (planned.lookups.length === 0 || reading.platform !== 'x')
      return { looked: new Map(), cost: null, notes: [] };
    const looked = await this.withX(data, meter, show, run, (person) =>
      lookupFollowerProfiles(
        { ...this.collectDeps(person, show, meter, run), meter },
        { personId: data.personId, auditId: data.auditId, interactionPages: 0 },
        planned.lookups,
        reading.owner.id,
        planned.recheck,
      ),
    );
    const cost =
      looked.cost.calls > 0 ? { ...looked.cost, dollars: lookupCost(looked.cost.users).dollars } : null;
    return { looked: looked.profiles, cost, notes: looked.warnings };
  }

  private collectDeps(person: PersonClient, show: Show, meter: XMeter, run: Run) {
    const { clock, readBudget } = this.deps;
    return {
      client: person.client,
      checkpoints: this.deps.checkpoints.fencedBy(run.lease.fence),
      profileCache: this.deps.profileCache,
      now: () => clock.now(),
      guard: async () => {
        await run.lease.check();
        if (await this.deps.forgotten(run.job.data.personId)) throw new FencedOut('forgotten');
      },
      progress: (p: XCollectProgress) => show({ ...p, waitingUntil: null }),
      meter,
      ...(readBudget ? { budget: readBudget } : {}),
    };
  }

  /**
   * Runs `work` as the person on X (a refused token renewed once: `callAsPerson`), applying the one
   * handling each kind of X error has (`afterXError`).
   */
  private async withX<T>(
    data: AuditJob,
    meter: XMeter,
    show: Show,
    run: Run,
    work: (person: PersonClient) => Promise<T>,
  ): Promise<T> {
    const { clock, logger } = this.deps;
    const clients: XClientFor = (personId, { now, force }) =>
      this.deps.clientFor(personId, meter, {
        now,
        ...(force ? { force } : {}),
        beforeCall: () => countBeforeCall(run, meter),
      });
    let outcome;
    try {
      outcome = await callAsPerson(clients, data.personId, clock.now(), work);
    } catch (error) {
      if (error instanceof RateLimitReached) return this.waitForReset(error.resetAt, show, run, error.limit);
      throw error;
    }
    if (outcome.ok) return outcome.value;
    // X's errors carry the request, Authorization header included: only the sorted kind is logged.
    const { kind, status } = outcome.error;
    logger.warn({ person: personRef(data.personId), audit: data.auditId, kind, status }, 'X refused a call');
    const next = afterXError(outcome.error, 0);
    if (next.kind === 'wait') return this.waitForReset(next.until, show, run);
    return endAfterXError(next);
  }

  /** Moves the job to delayed until X's window resets (plus jitter), leaving the worker slot free. */
  private async waitForReset(
    resetAt: number,
    show: Show,
    { job, token }: Run,
    limit: RateLimitReached['limit'] = 'x_rate_limit',
  ): Promise<never> {
    const waitUntil = resetAt + Math.floor((this.deps.random ?? Math.random)() * RESET_JITTER_MS);
    await show({ waitingUntil: waitUntil, waitingOn: limit });
    await job.moveToDelayed(this.deps.clock.wallTimeOf(waitUntil), token);
    throw new DelayedError();
  }

  /** What the person has told Tend that every audit of theirs takes in, as of now. */
  private async personal(
    personId: string,
    now: number = this.deps.clock.now(),
  ): Promise<Omit<ClassifyRequest, 'profiles' | 'warnings' | 'maxFollowing' | 'xUsage'>> {
    const [keep, settings, told] = await Promise.all([
      this.deps.keepList.list(personId),
      this.deps.personSettings.get(personId),
      this.deps.toldInteractions?.(personId) ?? [],
    ]);
    return {
      interests: settings.interests,
      keep: [...keep.ids, ...keep.handles],
      told,
      now,
      thresholds: this.deps.thresholds,
    };
  }

  private async classify(personId: string, imported: ImportedExport, meter: XMeter): Promise<AuditReport> {
    const { told, ...request } = await this.personal(personId);
    for (const event of told) recordEvent(imported.ledger, event);
    const report = runAudit({ imported, profiles: null, ...request }, { botScorer: this.deps.botScorer });
    return { ...report, xUsage: usageOf(meter) };
  }
}
