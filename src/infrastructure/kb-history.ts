import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ChangeHistory, HistoryAction, HistoryEntry } from '../domain/admin';
import { SerialQueue } from '../domain/serial';
import { openPrivateDocument, readDocument, type JsonDocument } from './json-document';

export const HISTORY_FILE = 'kb-history.json';

interface HistoryDoc {
  version: 1;
  entries: HistoryEntry[];
}

const emptyHistoryDoc = (): HistoryDoc => ({ version: 1, entries: [] });
const isHistoryDoc = (data: unknown): boolean => (data as Partial<HistoryDoc>).version === 1 && Array.isArray((data as Partial<HistoryDoc>).entries);

/** Append-only log of knowledge-base changes in `<stateDir>/kb-history.json`. */
export class KbHistory implements ChangeHistory {
  private readonly queue = new SerialQueue();
  private constructor(private readonly db: JsonDocument<HistoryDoc>) {}

  static async open(stateDir: string): Promise<KbHistory> {
    return new KbHistory(await openPrivateDocument(path.join(stateDir, HISTORY_FILE), emptyHistoryDoc, isHistoryDoc));
  }

  append(entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry> {
    return this.queue.run(async () => {
      // Re-read first: `npm run kb:import` may have appended from another process.
      await readDocument(this.db, emptyHistoryDoc, isHistoryDoc);
      const full: HistoryEntry = { id: randomUUID(), ...entry };
      this.db.data.entries.push(full);
      await this.db.write();
      return full;
    });
  }

  async list(filter: { limit?: number; action?: HistoryAction; key?: string } = {}): Promise<HistoryEntry[]> {
    await this.queue.run(() => readDocument(this.db, emptyHistoryDoc, isHistoryDoc));
    const entries = this.db.data.entries
      .filter((e) => !filter.action || e.action === filter.action)
      .filter((e) => !filter.key || e.changes.some((c) => c.key === filter.key || c.key.startsWith(`${filter.key}/`)))
      .reverse();
    return filter.limit ? entries.slice(0, filter.limit) : entries;
  }
}
