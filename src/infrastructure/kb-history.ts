import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ChangeHistory, HistoryAction, HistoryEntry } from '../domain/admin';
import type { DocumentStore } from './storage/documents';
import { FileDocumentStore } from './storage/file-documents';
import { createOnce, migrateLegacyFile, versionOneList } from './storage/legacy-file';

/** The single history file of earlier versions, moved into HISTORY_DIR on open. */
export const HISTORY_FILE = 'kb-history.json';
/** Under STATE_DIR: one file per change. */
export const HISTORY_DIR = 'kb-history';

export const isHistoryEntry = (v: unknown): v is HistoryEntry =>
  typeof (v as HistoryEntry | null)?.id === 'string' && typeof (v as HistoryEntry).at === 'string' && Array.isArray((v as HistoryEntry).changes);

/** Sorts by time, then by a counter: entries list in the order they were made, also within a millisecond. */
const keyOf = (at: string, seq: number, id: string) => `${Date.parse(at).toString(36).padStart(9, '0')}-${String(seq % 1e6).padStart(6, '0')}-${id}`;

/**
 * Append-only log of knowledge-base changes, one document per change (files under
 * `<stateDir>/kb-history/`, or blobs shared by every instance). Entries are only ever created,
 * under a new key, so instances and `npm run kb:import` append without ever conflicting.
 */
export class KbHistory implements ChangeHistory {
  private seq = 0;

  constructor(private readonly docs: DocumentStore<HistoryEntry>) {}

  static async open(stateDir: string): Promise<KbHistory> {
    const history = new KbHistory(new FileDocumentStore<HistoryEntry>(path.join(stateDir, HISTORY_DIR), 'kb-history', { isValid: isHistoryEntry, indent: 1 }));
    await history.migrate(path.join(stateDir, HISTORY_FILE));
    return history;
  }

  async append(entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry> {
    const full: HistoryEntry = { id: randomUUID(), ...entry };
    await this.docs.create(keyOf(full.at, this.seq++, full.id), full);
    return full;
  }

  async list(filter: { limit?: number; action?: HistoryAction; key?: string } = {}): Promise<HistoryEntry[]> {
    const entries = (await this.docs.all())
      .sort((a, b) => b.key.localeCompare(a.key))
      .map((d) => d.value)
      .filter((e) => !filter.action || e.action === filter.action)
      .filter((e) => !filter.key || e.changes.some((c) => c.key === filter.key || c.key.startsWith(`${filter.key}/`)));
    return filter.limit ? entries.slice(0, filter.limit) : entries;
  }

  probe(): Promise<void> {
    return this.docs.probe();
  }

  /** Moves the entries of a kb-history.json of earlier versions in, one document each, then sets it aside. */
  migrate(file: string): Promise<boolean> {
    return migrateLegacyFile<HistoryEntry>({
      file,
      records: versionOneList('entries', isHistoryEntry),
      move: (e, i) => createOnce(this.docs, keyOf(e.at, i, e.id), e),
    });
  }
}
