import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { UserError } from '../errors.js';
import type { AuditJob, AuditSource } from '../queues/payloads.js';
import { enqueueAudit } from '../queues/queues.js';
import type { BotDeps } from './deps.js';

export interface AuditRequest {
  personId: string;
  source: AuditSource;
  /** The export attached to /audit, as Discord describes it. */
  file: { url: string; name: string; size: number } | null;
  /** For an X archive: look up its accounts' profiles through the person's linked X account. */
  lookupProfiles: boolean;
}

/** Checks what /audit was given and queues the audit; an audit already running for the person is returned instead. */
export async function startAudit(deps: Pick<BotDeps, 'queues' | 'accounts' | 'settings' | 'now'>, request: AuditRequest): Promise<{ job: Job<AuditJob>; queued: boolean }> {
  const { personId, source, file } = request;
  const needsX = source === 'x' || (source === 'x-archive' && request.lookupProfiles);
  if (needsX && !(deps.accounts && (await deps.accounts.get(personId)))) {
    throw new UserError(
      source === 'x'
        ? 'Link your X account first with /link — or audit your X archive with source x-archive and the archive attached.'
        : 'Looking up profiles needs your X account: link it with /link, or audit the archive without lookup_profiles.',
    );
  }
  if (source === 'x' && file) throw new UserError('source x reads your following through X: attach nothing, or choose x-archive or instagram for a file.');
  if (source !== 'x' && !file) throw new UserError(`Attach your ${source === 'instagram' ? 'Instagram export (JSON, all time)' : 'X archive'} .zip to /audit with source ${source}.`);
  const maxBytes = deps.settings.maxUploadMb * 1024 ** 2;
  if (file && file.size > maxBytes) throw new UserError(`${file.name} is larger than the ${deps.settings.maxUploadMb} MB Tend reads.`);
  const auditId = `${deps.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const data: AuditJob = {
    personId,
    source,
    auditId,
    requestedAt: deps.now(),
    options: {
      ...(file ? { attachment: { url: file.url, name: file.name, bytes: file.size } } : {}),
      ...(source === 'x-archive' && request.lookupProfiles ? { hydrateProfiles: true } : {}),
    },
  };
  return enqueueAudit(deps.queues.audit, data);
}
