import type { TwitterApi } from 'twitter-api-v2';
import type { Logger } from 'pino';
import { isUserError } from '../errors.js';
import { emptyLedger, recordEvent } from '../ledger.js';
import type { Ledger } from '../model.js';
import { personRef } from '../log.js';
import { fetchTimelinePage } from '../sources/x-timelines.js';
import { TIMELINE_KINDS, type TimelineKind } from '../sources/x-interactions.js';
import { isXError, sortXError } from '../sources/x-errors.js';
import { packLedger, type LedgerStore, type PackedLedger } from '../store/ledger-store.js';
import type { WriteFence } from '../store/fence.js';

export interface LedgerSyncDeps {
  ledgers: LedgerStore;
  /** The person's X client; throws a UserError when they have no linked account. */
  clientFor: (
    personId: string,
    now: number,
  ) => Promise<{ client: TwitterApi; xUserId: string; handle: string | null }>;
  logger: Logger;
}

export type SyncResult = { added: number } | { skipped: 'not_linked' | 'x_unavailable' };

/**
 * Keeps a person's interaction ledger current between audits, cheaply: one page of each timeline
 * (own posts, mentions, likes) since the newest post the last sync or audit read, and only events
 * newer than anything the ledger holds — so nothing is counted twice and a real interaction resets
 * that person's clock before the next digest is planned. X being unavailable is not an error here:
 * the digest goes out on what is known.
 */
export class LedgerSync {
  constructor(private readonly deps: LedgerSyncDeps) {}

  /** After an audit: its ledger becomes the stored one, and the next sync adds only what is newer. */
  async afterAudit(personId: string, ledger: Ledger, fence?: WriteFence): Promise<void> {
    await this.afterAuditPacked(personId, await packLedger(ledger), fence);
  }

  /** As afterAudit, with the ledger packed where it was built (an upload's thread). */
  async afterAuditPacked(personId: string, ledger: PackedLedger, fence?: WriteFence): Promise<void> {
    await this.deps.ledgers.saveAudited(personId, ledger, fence);
  }

  async sync(personId: string, now: number): Promise<SyncResult> {
    let person;
    try {
      person = await this.deps.clientFor(personId, now);
    } catch (error) {
      if (isUserError(error)) return { skipped: 'not_linked' };
      throw error;
    }
    const { watermark, newestIds: state } = await this.deps.ledgers.syncMarks(personId);
    const ledger = (await this.deps.ledgers.load(personId)) ?? emptyLedger();
    const owner = { id: person.xUserId, handle: person.handle };
    const sinceIds: Partial<Record<TimelineKind, string>> = {};
    for (const kind of TIMELINE_KINDS) if (state[kind]) sinceIds[kind] = state[kind];
    let added = 0;
    let newest = watermark;
    const newestIds: Record<string, string> = {};
    try {
      for (const kind of TIMELINE_KINDS) {
        const page = await fetchTimelinePage(person.client, kind, owner, null, { maxPages: 1, sinceIds });
        for (const event of page.events) {
          if (event.at <= watermark) continue;
          if (recordEvent(ledger, event)) added += 1;
          newest = Math.max(newest, event.at);
        }
        if (page.newestId) newestIds[kind] = page.newestId;
      }
    } catch (error) {
      if (!isXError(error)) throw error;
      // X's error carries the request, Authorization header included: only its kind is logged.
      this.deps.logger.warn(
        { person: personRef(personId), kind: sortXError(error, now).kind },
        'ledger sync skipped',
      );
      return { skipped: 'x_unavailable' };
    }
    await this.deps.ledgers.saveSynced(personId, ledger, { watermark: newest, newestIds });
    return { added };
  }
}
