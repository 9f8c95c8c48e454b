import type { ImportedExport } from '../model.js';

type UnreadableEntry = ImportedExport['unreadable'][number];

/** Counts what could not be read, per file and reason, so nothing is dropped without the user being told. */
export class UnreadableTally {
  private readonly entries = new Map<string, UnreadableEntry & { explained: boolean }>();

  add(file: string, reason: string, count = 1): void {
    this.count(file, reason, count, false);
  }

  /** Counts entries a warning of their own already tells the user about. */
  addExplained(file: string, reason: string, count = 1): void {
    this.count(file, reason, count, true);
  }

  private count(file: string, reason: string, count: number, explained: boolean): void {
    if (count <= 0) return;
    const key = `${file}\u0000${reason}`;
    const entry = this.entries.get(key);
    if (entry) entry.count += count;
    else this.entries.set(key, { file, count, reason, explained });
  }

  list(): UnreadableEntry[] {
    return [...this.entries.values()].map(({ file, count, reason }) => ({ file, count, reason }));
  }

  /** One warning per file and reason not yet explained, e.g. "data/tweets.js: 3 unreadable (not valid JSON), left out." */
  warnings(): string[] {
    return [...this.entries.values()]
      .filter((e) => !e.explained)
      .map((e) => `${e.file}: ${e.count.toLocaleString('en')} unreadable (${e.reason}), left out.`);
  }
}
