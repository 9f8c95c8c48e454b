import { z } from 'zod';
import type { RateLimitReached, XCollectProgress } from '../audit/x-collect.js';
import type { AuditReport } from '../model.js';
import type { XMeter } from '../sources/x-client.js';
import { PERSON_ID } from '../store/keys.js';
import { findSecret } from './secret-scan.js';

/**
 * The data of every job, in one place. Job data is stored in Redis in the clear and outlives the job,
 * so it carries ids and choices, never secrets: workers read tokens from the store (sealed at rest)
 * when they run. Every payload is checked here before it is queued and again when a worker reads it.
 */

/** The most one followers audit of the bot may spend on X, in cents ($1,000). */
export const MAX_FOLLOWERS_BUDGET_CENTS = 100_000;

export const AUDIT_SOURCES = ['x', 'x-archive', 'instagram'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

const personId = z.string().regex(PERSON_ID, 'must be a Discord user id or a CLI id');
/** Audit ids become parts of job ids and Redis keys: no colons, no braces. */
const auditId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, - or _');
const xUserId = z.string().regex(/^\d{1,20}$/, 'must be an X user id');
const handle = z.string().regex(/^[A-Za-z0-9_.]{1,30}$/, 'must be a handle without @');
const time = z.number().int().positive();

/** Discord serves uploads over https; plain http only from this machine (a local fake or proxy). */
const uploadUrl = z.url().refine((value) => {
  const url = new URL(value);
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  );
}, 'must be an https URL');

/** A file attached to /audit: where Discord serves it, never its contents. */
const attachment = z.strictObject({
  url: uploadUrl,
  name: z.string().min(1).max(200),
  bytes: z.number().int().nonnegative(),
});

const auditOptions = z.strictObject({
  /** Pages of interaction history (own posts, mentions, likes) to read; the setting when absent. */
  interactionPages: z.number().int().min(0).max(32).optional(),
  /** For an archive: also look up the profiles of its ids through the X API (it costs money: the person chose it). */
  hydrateProfiles: z.boolean().optional(),
  /**
   * Audit the followers too (an upload that lists them): a sample of `sample` (or all), looked up on X
   * within `budgetCents`, what the person confirmed after seeing the cost (0: nothing is looked up, and
   * the report says what it would cost). `asOf`: the time of the audit this one completes with the
   * lookups, whose follower snapshot this one's replaces, so the two compare with the same earlier audit.
   * Through the X API alone (source `x`), the first audit reads nothing of the followers and offers
   * to read the newest of them; `completes` names the audit whose offer the person confirmed, which
   * this one completes by reading only those.
   */
  followers: z
    .strictObject({
      sample: z.union([z.number().int().min(1).max(100_000), z.literal('all')]),
      budgetCents: z.number().int().min(0).max(MAX_FOLLOWERS_BUDGET_CENTS),
      seed: z.number().int().nonnegative().max(0xffffffff),
      asOf: time.optional(),
      completes: auditId.optional(),
    })
    .optional(),
  /** The export to audit, for `x-archive` and `instagram`: where the bot was given it. */
  attachment: attachment.optional(),
  /** For `instagram`: the profile snapshot the browser companion saved, attached beside the export. */
  profiles: attachment.optional(),
});

const auditJob = z
  .strictObject({
    personId,
    source: z.enum(AUDIT_SOURCES),
    auditId,
    requestedAt: time,
    options: auditOptions,
  })
  .refine((job) => (job.source === 'x') === (job.options.attachment === undefined), {
    message: 'an export source needs its attachment, and an X API audit has none',
    path: ['options', 'attachment'],
  })
  .refine((job) => job.source === 'instagram' || job.options.profiles === undefined, {
    message: 'a profile snapshot is read beside an Instagram export only',
    path: ['options', 'profiles'],
  })
  .refine((job) => job.source === 'x' || job.options.followers?.completes === undefined, {
    message: 'only an audit through X is completed by reading its newest followers',
    path: ['options', 'followers', 'completes'],
  });

/**
 * One job per account to unfollow, not one per confirmed batch: the job id (person, audit, target,
 * confirmation) makes a duplicate a no-op in the queue, and the store's done record per audit and
 * target makes a retry one; pacing delays exactly the unfollow that would break the pace, not a batch
 * half done; the keep list is re-checked for each account right before it goes; and a suspended
 * target or an X error fails that one unfollow, not the rest.
 */
const unfollowJob = z.strictObject({
  personId,
  auditId,
  target: z.strictObject({ id: xUserId, handle: handle.nullable() }),
  /**
   * The X account the audit was of, which chose the target: the worker unfollows from it or not at all,
   * so a job delayed across a re-link does not act on the account linked since.
   */
  xUserId,
  /** When the person confirmed it: every unfollow is the person's own choice (X's rules). */
  confirmedAt: time,
});

/** A scheduled digest: whom for, nothing else; the worker reads their settings and report when it runs. */
const nudgeJob = z.strictObject({ personId });

export type AuditJob = z.infer<typeof auditJob>;
export type UnfollowJob = z.infer<typeof unfollowJob>;
export type NudgeJob = z.infer<typeof nudgeJob>;

/** A job's data that Tend refuses: a malformed payload, or one that holds what looks like a secret. */
export class RefusedJob extends Error {
  override readonly name = 'RefusedJob';
}

/** Refuses anything secret-looking first, naming only where it is: the value itself is not repeated. */
function checked<T>(schema: z.ZodType<T>, what: string, data: unknown): T {
  const secret = findSecret(data);
  if (secret)
    throw new RefusedJob(
      `Refused ${what} job: "${secret}" looks like a secret, and job data carries ids, never secrets`,
    );
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RefusedJob(
      `Refused ${what} job: ${issue?.path.join('.') || 'the payload'} ${issue?.message ?? 'is not valid'}`,
    );
  }
  return parsed.data;
}

export function parseAuditJob(data: unknown): AuditJob {
  return checked(auditJob, 'audit', data);
}

export function parseUnfollowJob(data: unknown): UnfollowJob {
  return checked(unfollowJob, 'unfollow', data);
}

export function parseNudgeJob(data: unknown): NudgeJob {
  return checked(nudgeJob, 'nudge', data);
}

/** What the job shows while it runs (job.progress), for the bot's live progress and for a resumed run. */
export interface AuditProgress extends XCollectProgress {
  /** Epoch ms until which the audit waits on X's rate limit; null while it runs. */
  waitingUntil: number | null;
  /** What it waits on: X's rate limit (when absent), or the operator's daily budget of X reads. */
  waitingOn?: RateLimitReached['limit'];
  /** What the audit has cost on X so far, kept across restarts. */
  meter: XMeter;
}

export interface AuditResult {
  auditId: string;
  accounts: number;
  byVerdict: AuditReport['summary']['byVerdict'];
  xUsage: XMeter;
}
