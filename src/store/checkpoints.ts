import type { Redis } from 'ioredis';
import type { CheckpointStore } from './memory-checkpoints.js';
import { evalFenced, FENCE_CHECK, type WriteFence } from './fence.js';
import { personKeys } from './keys.js';
import { DAY_MS } from '../model.js';

/** An abandoned audit's checkpoint goes away on its own after this. */
export const CHECKPOINT_TTL_MS = 7 * DAY_MS;

/**
 * Saves a page only if the stream's cursor is still the one the page was fetched with, and moves the
 * cursor in the same step: a page is never stored twice, even by two workers holding the same job.
 * Fenced (fence.ts): nothing is saved for a forgotten person, or by a run that lost the job's lock.
 * KEYS from 3: state hash, items list. ARGV from 2: stream, cursor fetched with ('' = first page),
 * next cursor ('' = last page), ttl ms, then the items.
 */
const SAVE_PAGE = `${FENCE_CHECK}
local s = ARGV[2]
if redis.call('HGET', KEYS[3], s .. '/done') == '1' then return 0 end
local cursor = redis.call('HGET', KEYS[3], s .. '/cursor') or ''
if cursor ~= ARGV[3] then return 0 end
for i = 6, #ARGV do redis.call('RPUSH', KEYS[4], ARGV[i]) end
redis.call('HSET', KEYS[3], s .. '/cursor', ARGV[4])
if ARGV[4] == '' then redis.call('HSET', KEYS[3], s .. '/done', '1') end
redis.call('HINCRBY', KEYS[3], s .. '/pages', 1)
redis.call('HINCRBY', KEYS[3], s .. '/items', #ARGV - 5)
redis.call('PEXPIRE', KEYS[3], ARGV[5])
redis.call('PEXPIRE', KEYS[4], ARGV[5])
return 1`;

export interface StreamState {
  /** The cursor to fetch the next page with; null before the first page and after the last. */
  cursor: string | null;
  done: boolean;
  /** Pages and items saved so far: what this stream has cost. */
  pages: number;
  items: number;
}

export interface FetchedPage {
  /** The cursor this page was fetched with; null for the first page. */
  after: string | null;
  /** The cursor of the next page; null when this was the last. */
  next: string | null;
  items: unknown[];
}

const EMPTY: StreamState = { cursor: null, done: false, pages: 0, items: 0 };

/**
 * Where each audit stands, per stream (a paginated list such as `following` or `mentions`, or id
 * batches of a lookup): the cursor and the items already fetched, so a resumed audit never pays for a
 * page twice.
 */
export class AuditCheckpoints {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number = CHECKPOINT_TTL_MS,
  ) {}

  /**
   * Saves a fetched page with the cursor after it; false (saving nothing) when the stream had moved on.
   * Throws FencedOut when the fence refuses it.
   */
  async savePage(
    personId: string,
    auditId: string,
    stream: string,
    page: FetchedPage,
    fence?: WriteFence,
  ): Promise<boolean> {
    const keys = personKeys(this.prefix, personId);
    const saved = await evalFenced(
      this.redis,
      SAVE_PAGE,
      this.prefix,
      personId,
      fence,
      [keys.checkpoint(auditId), keys.checkpointItems(auditId, stream)],
      [
        stream,
        page.after ?? '',
        page.next ?? '',
        this.ttlMs,
        ...page.items.map((item) => JSON.stringify(item)),
      ],
    );
    return saved === 1;
  }

  /** The same checkpoints, with every page saved under `fence`: what one run of an audit job writes through. */
  fencedBy(fence: WriteFence): CheckpointStore {
    return {
      savePage: (personId, auditId, stream, page) => this.savePage(personId, auditId, stream, page, fence),
      stream: (personId, auditId, stream) => this.stream(personId, auditId, stream),
      items: (personId, auditId, stream) => this.items(personId, auditId, stream),
    };
  }

  /** Every stream of the audit that has saved a page. */
  async state(personId: string, auditId: string): Promise<Record<string, StreamState>> {
    const fields = await this.redis.hgetall(personKeys(this.prefix, personId).checkpoint(auditId));
    const streams: Record<string, StreamState> = {};
    for (const [field, value] of Object.entries(fields)) {
      const cut = field.lastIndexOf('/');
      const name = field.slice(0, cut);
      const state = (streams[name] ??= { ...EMPTY });
      const part = field.slice(cut + 1);
      if (part === 'cursor') state.cursor = value === '' ? null : value;
      else if (part === 'done') state.done = value === '1';
      else if (part === 'pages' || part === 'items') state[part] = Number(value);
    }
    return streams;
  }

  async stream(personId: string, auditId: string, stream: string): Promise<StreamState> {
    return (await this.state(personId, auditId))[stream] ?? { ...EMPTY };
  }

  /** The items saved for a stream, in the order they were fetched. */
  async items<T>(personId: string, auditId: string, stream: string): Promise<T[]> {
    const raw = await this.redis.lrange(
      personKeys(this.prefix, personId).checkpointItems(auditId, stream),
      0,
      -1,
    );
    return raw.map((item) => JSON.parse(item) as T);
  }

  /** Drops the checkpoint once the audit's job is finished. */
  async clear(personId: string, auditId: string): Promise<void> {
    const keys = personKeys(this.prefix, personId);
    const streams = Object.keys(await this.state(personId, auditId));
    await this.redis.del(
      keys.checkpoint(auditId),
      ...streams.map((stream) => keys.checkpointItems(auditId, stream)),
    );
  }
}
