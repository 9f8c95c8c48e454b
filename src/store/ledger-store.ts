import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Ledger, LedgerEntry } from '../model.js';
import { entryView, INTERACTION_KINDS, newestInteraction, packEntry } from '../ledger.js';
import { fencedWrite, type Write, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { REPORT_TTL_MS } from './reports.js';

/**
 * The ledger is derived from an audit and serves the nudges planned on its report: it lasts as long as
 * a report does, renewed by each save (an audit, a digest's sync). A ✅ recorded in it keeps its TTL.
 */
export const LEDGER_TTL_MS = REPORT_TTL_MS;

const KNOWN_KINDS: ReadonlySet<string> = new Set(INTERACTION_KINDS);
const statsSchema = z.object({ count: z.number(), last: z.number().nullable(), decay: z.number() });
const kindStatsSchema = z.object({ count: z.number(), last: z.number() });
/**
 * A ledger saved by a newer process (or before a rollback) may hold kinds this code does not know: they
 * are dropped on reading, so that person's ledger still loads, rather than refusing it whole.
 */
const kindsSchema = z
  .record(z.string(), kindStatsSchema)
  .transform(
    (kinds) =>
      Object.fromEntries(Object.entries(kinds).filter(([kind]) => KNOWN_KINDS.has(kind))) as Partial<
        Record<(typeof INTERACTION_KINDS)[number], z.infer<typeof kindStatsSchema>>
      >,
  );
const entrySchema = z.object({ out: statsSchema, in: statsSchema, kinds: kindsSchema });
/** Maps become arrays of pairs: JSON has no Map, and pairs keep every key as it was. */
const storedSchema = z.object({
  v: z.literal(1),
  entries: z.array(z.tuple([z.string(), entrySchema])),
  aliases: z.array(z.tuple([z.string(), z.string()])),
  sources: z.array(z.string()),
});

export function ledgerToJson(ledger: Ledger): string {
  return JSON.stringify({
    v: 1,
    // Each entry in its nested form (model.ts `LedgerEntry`), as stored before entries were packed.
    entries: [...ledger.entries].map(([key, entry]) => [key, entryView(entry)]),
    aliases: [...ledger.aliases],
    sources: ledger.sources,
  });
}

export function ledgerFromJson(json: string): Ledger {
  const stored = storedSchema.parse(JSON.parse(json));
  return {
    entries: new Map(stored.entries.map(([key, entry]) => [key, packEntry(entry as LedgerEntry)])),
    aliases: new Map(stored.aliases),
    sources: stored.sources,
  };
}

/** A ledger packed as the store keeps it, with the newest interaction time it holds (a sync's watermark). */
/** The field of the sync's marks that holds the newest interaction time the ledger was synced to. */
const SYNC_WATERMARK = 'watermark';

export interface PackedLedger {
  bytes: Buffer;
  newestAt: number;
}

export async function packLedger(ledger: Ledger): Promise<PackedLedger> {
  return { bytes: await packJson(ledgerToJson(ledger)), newestAt: newestInteraction(ledger) };
}

/** Each person's interaction ledger, kept between audits so nudges know who was talked to and when. */
export class LedgerStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** With `alongside`, more writes to the person's keys in the same fenced step. */
  async save(
    personId: string,
    ledger: Ledger,
    fence?: WriteFence | null,
    alongside: Write[] = [],
  ): Promise<void> {
    await this.savePacked(personId, (await packLedger(ledger)).bytes, fence, alongside);
  }

  /** As save, with the ledger's JSON already gzipped (packLedger). */
  async savePacked(
    personId: string,
    packed: Buffer,
    fence?: WriteFence | null,
    alongside: Write[] = [],
  ): Promise<void> {
    const key = personKeys(this.prefix, personId).ledger;
    await fencedWrite(
      this.redis,
      this.prefix,
      personId,
      [['SET', key, packed, 'PX', LEDGER_TTL_MS], ...alongside],
      fence,
    );
  }

  /**
   * After an audit: its ledger becomes the stored one, and the sync's marks start again from the
   * newest interaction it holds (the watermark), in the same fenced step.
   */
  async saveAudited(personId: string, ledger: PackedLedger, fence?: WriteFence | null): Promise<void> {
    const key = personKeys(this.prefix, personId).ledgerSync;
    await this.savePacked(personId, ledger.bytes, fence, [
      ['DEL', key],
      ['HSET', key, SYNC_WATERMARK, String(ledger.newestAt)],
      ['PEXPIRE', key, LEDGER_TTL_MS],
    ]);
  }

  /** Where the last sync or audit stopped: the watermark, and the newest post id read per timeline. */
  async syncMarks(personId: string): Promise<{ watermark: number; newestIds: Record<string, string> }> {
    const { [SYNC_WATERMARK]: watermark, ...newestIds } = await this.redis.hgetall(
      personKeys(this.prefix, personId).ledgerSync,
    );
    return { watermark: Number(watermark ?? 0), newestIds };
  }

  /** After a sync: the ledger with what it added, and where it stopped. */
  async saveSynced(
    personId: string,
    ledger: Ledger,
    marks: { watermark: number; newestIds: Record<string, string> },
  ): Promise<void> {
    const key = personKeys(this.prefix, personId).ledgerSync;
    const fields = Object.entries({ [SYNC_WATERMARK]: String(marks.watermark), ...marks.newestIds }).flat();
    await this.save(personId, ledger, null, [
      ['HSET', key, ...fields],
      ['PEXPIRE', key, LEDGER_TTL_MS],
    ]);
  }

  async load(personId: string): Promise<Ledger | null> {
    const raw = await this.redis.getBuffer(personKeys(this.prefix, personId).ledger);
    return raw === null ? null : ledgerFromJson(await unpackJson(raw));
  }
}
