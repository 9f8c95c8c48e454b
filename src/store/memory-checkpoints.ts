import type { FetchedPage, StreamState } from './checkpoints.js';

/**
 * Where an audit stands, per stream of pages: what the X collector needs of a checkpoint. The worker
 * keeps it in Redis (AuditCheckpoints), so another worker resumes a crashed audit; the CLI keeps it in
 * memory, where a rate limit is waited out in the same process.
 */
export interface CheckpointStore {
  savePage(personId: string, auditId: string, stream: string, page: FetchedPage): Promise<boolean>;
  stream(personId: string, auditId: string, stream: string): Promise<StreamState>;
  items<T>(personId: string, auditId: string, stream: string): Promise<T[]>;
}

/** The same rules as the Redis store — a page is saved only where the stream's cursor stands — in memory. */
export class MemoryCheckpoints implements CheckpointStore {
  private readonly streams = new Map<string, { state: StreamState; items: unknown[] }>();

  private entry(personId: string, auditId: string, stream: string) {
    const key = `${personId}\u0000${auditId}\u0000${stream}`;
    let entry = this.streams.get(key);
    if (!entry) {
      entry = { state: { cursor: null, done: false, pages: 0, items: 0 }, items: [] };
      this.streams.set(key, entry);
    }
    return entry;
  }

  async savePage(personId: string, auditId: string, stream: string, page: FetchedPage): Promise<boolean> {
    const entry = this.entry(personId, auditId, stream);
    if (entry.state.done || entry.state.cursor !== page.after) return false;
    entry.items.push(...page.items);
    entry.state = {
      cursor: page.next,
      done: page.next === null,
      pages: entry.state.pages + 1,
      items: entry.state.items + page.items.length,
    };
    return true;
  }

  async stream(personId: string, auditId: string, stream: string): Promise<StreamState> {
    return { ...this.entry(personId, auditId, stream).state };
  }

  async items<T>(personId: string, auditId: string, stream: string): Promise<T[]> {
    return [...this.entry(personId, auditId, stream).items] as T[];
  }
}
