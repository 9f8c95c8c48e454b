import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { errorMessage, UserError } from '../errors.js';
import type { AuditJob, AuditSource } from '../queues/payloads.js';
import { auditDedupId, auditJobId, enqueueAudit, personJobIds } from '../queues/queues.js';
import type { XMeter } from '../sources/x-client.js';
import { whenText } from '../sources/x-errors.js';
import type { AuditKind } from '../store/audit-limits.js';
import type { BotDeps } from './deps.js';

/** A file attached to an audit, as its job names it. */
export type AuditUpload = NonNullable<AuditJob['options']['attachment']>;

/** A Discord attachment as an audit's job names it (Discord says `size`, the job `bytes`); null for none. */
export function uploadOf(attachment: { url: string; name: string; size: number } | null): AuditUpload | null {
  return attachment ? { url: attachment.url, name: attachment.name, bytes: attachment.size } : null;
}

export interface StartAuditRequest {
  personId: string;
  source: AuditSource;
  /** The export attached to /audit. */
  file: AuditUpload | null;
  /** For an Instagram export: the profile snapshot of Tend's browser companion, attached beside it. */
  profiles?: AuditUpload | null;
  /** For an X archive: look up its accounts' profiles through the person's linked X account. */
  lookupProfiles: boolean;
  /** Audit the followers too: the sample, and what the person confirmed the lookups may spend. */
  followers?: AuditJob['options']['followers'] | null;
}

export interface StartedAudit {
  job: Job<AuditJob>;
  queued: boolean;
  /**
   * Reading an offer's followers again after a read that failed: what the failed read had cost. That
   * job is carried on from its checkpoint (nothing it read is read again) and its calls count in the
   * cost the report shows.
   */
  resumed?: { calls: number; users: number };
  /** What the person may run next, in plain words: when their next audit of this kind is possible. */
  next: string | null;
}

const UNFINISHED = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/** The person's audit still queued or running, found by the queue's one-per-person key. */
async function running(deps: Pick<BotDeps, 'queues'>, personId: string): Promise<Job<AuditJob> | null> {
  const ids = await personJobIds(deps.queues.audit, personId, { create: false });
  const id = ids ? await deps.queues.audit.getDeduplicationJobId(auditDedupId(ids)) : null;
  const job = id ? await deps.queues.audit.getJob(id) : undefined;
  return job && UNFINISHED.has(await job.getState()) ? job : null;
}

/**
 * Reads of a failed audit below which it does not count: less than one page of the following list.
 * An audit that failed later had X bill the operator for much of a list, and revoking access then
 * re-linking must not buy another at once.
 */
const FORGIVEN_READS = 1_000;

/**
 * An audit through X that failed early (access revoked, X refusing) gave the person no report and cost
 * little: it does not hold up the next one, so linking again and auditing works at once. Its reads
 * still count against the operator's budget.
 */
async function forgiveFailed(deps: Pick<BotDeps, 'queues' | 'allowance'>, personId: string): Promise<void> {
  const auditId = await deps.allowance.latest(personId, 'x');
  const ids = auditId ? await personJobIds(deps.queues.audit, personId, { create: false }) : null;
  const job = auditId && ids ? await deps.queues.audit.getJob(auditJobId(ids, auditId)) : undefined;
  if (!auditId || !job || (await job.getState()) !== 'failed') return;
  const meter = (job.progress as { meter?: Partial<XMeter> } | undefined)?.meter;
  if ((meter?.users ?? 0) + (meter?.posts ?? 0) < FORGIVEN_READS)
    await deps.allowance.giveBack(personId, 'x', auditId);
}

/**
 * The one audit id of the job that reads the followers audit `completes` offered: every press of its
 * button names the same job, so a press after a failed read carries that job on rather than paying
 * again for what it read, and a press while it runs finds it.
 */
export function completingAuditId(completes: string): string {
  return `${completes.slice(0, 54)}-followers`;
}

/**
 * The job already reading the followers `auditId` names: one still running is returned as it is; one
 * that failed is carried on from its checkpoint (BullMQ keeps its progress, the meter of what it read),
 * with its retries renewed. Null when there is none.
 */
async function carryOn(
  deps: Pick<BotDeps, 'queues'>,
  personId: string,
  auditId: string,
): Promise<StartedAudit | null> {
  const ids = await personJobIds(deps.queues.audit, personId, { create: false });
  const job = ids ? await deps.queues.audit.getJob(auditJobId(ids, auditId)) : undefined;
  if (!job) return null;
  const state = await job.getState();
  if (UNFINISHED.has(state)) return { job, queued: false, next: null };
  if (state !== 'failed') return null;
  const meter = (job.progress as { meter?: Partial<XMeter> } | undefined)?.meter;
  await job.retry('failed', { resetAttemptsMade: true });
  return { job, queued: true, next: null, resumed: { calls: meter?.calls ?? 0, users: meter?.users ?? 0 } };
}

function refusal(kind: AuditKind, nextAt: number, deps: Pick<BotDeps, 'settings'>, now: number): string {
  const when = whenText(nextAt, now);
  if (kind === 'x') {
    const hours = deps.settings.auditLimits.xCooldownHours;
    return `Tend runs one audit through X every ${hours === 1 ? 'hour' : `${hours} hours`} for each person, as X bills every account it reads. Your next audit through X is possible from ${when}; an X archive uploaded without looking up its profiles can be audited now.`;
  }
  return `Tend audits at most ${deps.settings.auditLimits.uploadsPerDay} uploads a day for each person. Your next upload can be audited from ${when}.`;
}

function nextWords(kind: AuditKind, nextAt: number | null, left: number | null, now: number): string | null {
  if (kind === 'x')
    return nextAt === null ? null : `Your next audit through X is possible from ${whenText(nextAt, now)}.`;
  if (nextAt !== null)
    return `That was your last upload audit for now: the next is possible from ${whenText(nextAt, now)}.`;
  return left === null
    ? null
    : `You can audit ${left} more ${left === 1 ? 'upload' : 'uploads'} in the next 24 hours.`;
}

/**
 * Checks what /audit was given and queues the audit; an audit already running for the person is
 * returned instead. Audits through X wait their turn per person (a cooldown) and stop for everyone
 * while the operator's daily budget of X reads is spent; uploads have a daily count. Whoever audited
 * least lately goes first in the queue.
 */
export async function startAudit(
  deps: Pick<BotDeps, 'queues' | 'accounts' | 'settings' | 'now' | 'allowance' | 'readBudget'>,
  request: StartAuditRequest,
): Promise<StartedAudit> {
  const { personId, source, file } = request;
  const profiles = request.profiles ?? null;
  const followers = request.followers ?? null;
  // Reading the newest followers an audit through X offered: part of that audit, it takes no new turn.
  const completes = source === 'x' && followers?.completes !== undefined;
  const spendsOnFollowers = followers !== null && followers.budgetCents > 0;
  const needsX = source === 'x' || (source === 'x-archive' && (request.lookupProfiles || spendsOnFollowers));
  if (needsX && !(deps.accounts && (await deps.accounts.get(personId)))) {
    throw new UserError(
      source === 'x'
        ? 'Link your X account first with /link — or audit your X archive with source x-archive and the archive attached.'
        : spendsOnFollowers
          ? 'Looking up your followers needs your X account: link it with /link, then press the button again.'
          : 'Looking up profiles needs your X account: link it with /link, or audit the archive without lookup_profiles.',
    );
  }
  if (source === 'x' && file)
    throw new UserError(
      'source x reads your following through X: attach nothing, or choose x-archive or instagram for a file.',
    );
  if (source !== 'x' && !file)
    throw new UserError(
      `Attach your ${source === 'instagram' ? 'Instagram export (JSON, all time)' : 'X archive'} .zip to /audit with source ${source}.`,
    );
  if (profiles && source !== 'instagram')
    throw new UserError(
      source === 'x-archive'
        ? 'profiles takes the snapshot of Tend’s Instagram companion, beside an Instagram export: for an X archive, lookup_profiles looks its profiles up on X.'
        : 'profiles takes the snapshot of Tend’s Instagram companion, beside an Instagram export: choose source instagram and attach the export as file.',
    );
  const maxBytes = deps.settings.maxUploadMb * 1024 ** 2;
  for (const upload of [file, profiles])
    if (upload && upload.bytes > maxBytes)
      throw new UserError(`${upload.name} is larger than the ${deps.settings.maxUploadMb} MB Tend reads.`);
  const already = await running(deps, personId);
  if (already) return { job: already, queued: false, next: null };
  const now = deps.now();
  const kind: AuditKind = needsX ? 'x' : 'upload';
  if (needsX) {
    const renews = await deps.readBudget.spentUntil(now);
    if (renews !== null) {
      throw new UserError(
        `Tend has read as much from X today as its operator allows (${deps.readBudget.daily.toLocaleString('en-US')} accounts and posts); audits through X can start again from ${whenText(renews, now)}. An X archive uploaded without looking up its profiles can be audited now.`,
      );
    }
  }
  const priority = 1 + (await deps.allowance.recent(personId, now));
  if (kind === 'x' && !completes) await forgiveFailed(deps, personId);
  const auditId = completes
    ? completingAuditId(followers.completes!)
    : `${now.toString(36)}${randomBytes(3).toString('hex')}`;
  if (completes) {
    const earlier = await carryOn(deps, personId, auditId);
    if (earlier) return earlier;
  }
  const admission = completes
    ? ({ admitted: true, nextAt: null, left: null } as const)
    : await deps.allowance.admit(personId, kind, auditId, now);
  if (!admission.admitted) throw new UserError(refusal(kind, admission.nextAt, deps, now));
  const data: AuditJob = {
    personId,
    source,
    auditId,
    requestedAt: now,
    options: {
      ...(file ? { attachment: file } : {}),
      ...(profiles ? { profiles } : {}),
      ...(source === 'x-archive' && request.lookupProfiles ? { hydrateProfiles: true } : {}),
      ...(followers ? { followers } : {}),
    },
  };
  const { job, queued } = await enqueueAudit(deps.queues.audit, data, { priority });
  if (!queued && !completes) await deps.allowance.giveBack(personId, kind, auditId);
  return { job, queued, next: queued ? nextWords(kind, admission.nextAt, admission.left, now) : null };
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

function resumedText({ calls, users }: { calls: number; users: number }): string {
  return `Your last try at this stopped after ${plural(calls, 'call')} to X (${plural(users, 'account')} read): Tend carries on from there, reads nothing of it again, and counts those calls in the cost it shows.`;
}

/** Queues the audit and shows its progress, then its summary, in the interaction's reply (or by DM). */
export async function queueAndWatch(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  deps: BotDeps,
  queuedText: string,
  request: StartAuditRequest,
): Promise<void> {
  const { job, queued, next, resumed } = await startAudit(deps, request);
  await interaction.editReply({
    content: resumed
      ? `${resumedText(resumed)} ${queuedText}`
      : queued
        ? queuedText
        : 'An audit of yours is already running: here is how it is going.',
  });
  // Apart from the reply, which the progress and then the summary replace.
  if (next) await interaction.followUp({ content: next, flags: MessageFlags.Ephemeral });
  const outlet = {
    edit: async (message: Parameters<typeof interaction.editReply>[0] & object) =>
      void (await interaction.editReply(message)),
    dm: async (message: Parameters<typeof interaction.user.send>[0] & object) =>
      void (await interaction.user.send(message)),
  };
  deps.audits.watch(job.id!, request.personId, outlet).catch((error: unknown) => {
    deps.logger.warn({ reason: errorMessage(error) }, 'audit progress stopped');
  });
}
