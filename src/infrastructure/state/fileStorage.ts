import path from 'node:path';
import { DocumentConflictError, DocumentCorruptError, StorageError } from '../storage/errors';
import { FileDocumentStore } from '../storage/file-documents';
import { createOnce, migrateLegacyFile } from '../storage/legacy-file';
import { StorageConflictError, StorageCorruptError, StorageWriteError } from './errors';
import { setItem, type StateStore, type StoreItems } from './store';

/** Format of the single state file this store used before (one file for every conversation). */
export const STATE_FILE_FORMAT = 'territoires-industrie/bot-state';

export interface StateFileItem {
  eTag: string;
  modifiedAt: string;
  value: Record<string, unknown>;
}

export interface StateFile {
  format: typeof STATE_FILE_FORMAT;
  version: 1;
  items: Record<string, StateFileItem>;
}

export interface FileStorageOptions {
  /** Clock for `modifiedAt`; injectable so purge tests need no waiting. */
  now?: () => Date;
  /** A single-file state of an earlier version, moved into the directory on open, then deleted. */
  legacyFile?: string;
}

type Value = Record<string, unknown>;

/** One stored item as the upkeep and personal-data jobs see it. */
export interface StateEntry {
  key: string;
  value: Value;
  eTag: string;
  modifiedAt: string;
}

const toEntry = (doc: { key: string; value: Value; eTag: string; modifiedAt: string }): StateEntry => ({
  key: doc.key,
  value: doc.value,
  eTag: doc.eTag,
  modifiedAt: doc.modifiedAt,
});
const isValue = (v: unknown): v is Value => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of one write saved at once: thousands of open files at a time would exhaust descriptors. */
const PARALLEL = 32;

/**
 * Conversation state store (botbuilder's `Storage` shape) on the local disk for a single bot
 * process: one file per key (a conversation), under `<dir>`, named by the key's digest. A save
 * writes only the conversations it changes, so it costs the same with 100 or 100,000 stored.
 *
 * Behaves like botbuilder's MemoryStorage (reads return copies, `*` or no eTag means
 * last-writer-wins, a stale eTag is rejected, keys in the same batch that do not conflict are
 * still saved). Each file is replaced atomically (temporary file flushed, then renamed), 0600 in
 * a 0700 directory; a failed save leaves the previous version and rejects with
 * StorageWriteError; a damaged file is refused (StorageCorruptError naming it), never replaced.
 *
 * Not for several machines: use STORAGE=blob for several instances.
 */
export class FileStorage implements StateStore {
  readonly dir: string;
  private readonly docs: FileDocumentStore<Value>;
  private loading: Promise<void> | undefined;

  constructor(
    dir: string,
    private readonly options: FileStorageOptions = {},
  ) {
    this.dir = path.resolve(dir);
    this.docs = new FileDocumentStore<Value>(this.dir, 'conversation state', { isValid: isValue, now: options.now });
  }

  /** Opens the directory (moving an earlier single state file into it), so a damaged legacy file stops start-up rather than a user's turn. */
  static async open(dir: string, options: FileStorageOptions = {}): Promise<FileStorage> {
    const storage = new FileStorage(dir, options);
    await storage.ready();
    return storage;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    await this.ready();
    const found: StoreItems = {};
    const docs = await this.each(keys, (key) => this.docs.get(key).catch((err: unknown) => Promise.reject(this.translate(err, key))));
    keys.forEach((key, i) => {
      const doc = docs[i];
      if (doc) setItem(found, key, { ...doc.value, eTag: doc.eTag });
    });
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await this.ready();
    // Copied before any wait: the caller may keep mutating its objects.
    const incoming = Object.entries(changes).map(([key, item]) => {
      const { eTag, ...value } = JSON.parse(JSON.stringify(item ?? {})) as Value & { eTag?: string };
      return { key, eTag, value };
    });
    const outcomes = await this.each(incoming, ({ key, eTag, value }) =>
      this.saveOne(key, eTag, value).then(
        () => null,
        (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
      ),
    );
    // Every key was attempted, as MemoryStorage does; the first failure is the caller's answer.
    const failure = outcomes.find((o) => o !== null);
    if (failure !== undefined) throw failure;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.ready();
    await this.each(keys, (key) => this.docs.delete(key).catch((err: unknown) => Promise.reject(this.translate(err, key))));
  }

  /**
   * Deletes every item not written since `cutoff` and returns how many were removed. Conversation
   * state otherwise grows with every new conversation; call this periodically.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const limit = cutoff.getTime();
    if (Number.isNaN(limit)) throw new RangeError('purgeOlderThan needs a valid date');
    await this.ready();
    let removed = 0;
    // Only the files written before the cutoff are read (plus a minute, for clocks that disagree).
    for (const doc of await this.docs.modifiedBetween(null, new Date(limit + 60_000))) {
      if (Date.parse(doc.modifiedAt) < limit && (await this.deleteIfUnchanged(doc.key, doc.eTag))) removed++;
    }
    return removed;
  }

  /** Items last written in [after, before), with the eTag a conditional change needs. */
  async modifiedBetween(after: Date | null, before: Date): Promise<StateEntry[]> {
    await this.ready();
    return (await this.docs.modifiedBetween(after, before)).map(toEntry);
  }

  /**
   * Keeps the `max` most recently written items and deletes the others (each only if unchanged
   * since it was listed); returns how many went. The bound on what the store holds, next to the
   * retention period: a flood of new conversations cannot fill the disk in between.
   */
  async trimTo(max: number): Promise<number> {
    await this.ready();
    const excess = (await this.docs.count()) - max;
    if (excess <= 0) return 0;
    let removed = 0;
    for (const doc of await this.docs.oldest(excess)) {
      if (await this.deleteIfUnchanged(doc.key, doc.eTag)) removed++;
    }
    return removed;
  }

  /** Saves `value` in place of a listed item unless it changed since; false when it did. */
  async replaceIfUnchanged(entry: StateEntry, value: Value): Promise<boolean> {
    try {
      await this.write({ [entry.key]: { ...value, eTag: entry.eTag } });
      return true;
    } catch (err) {
      if (err instanceof StorageConflictError) return false;
      throw err;
    }
  }

  /** Every item whose value satisfies `predicate`: what a person's export or erasure covers. */
  async matching(predicate: (value: Record<string, unknown>) => boolean): Promise<StateEntry[]> {
    await this.ready();
    return (await this.docs.all()).filter((doc) => predicate(doc.value)).map(toEntry);
  }

  /** Number of stored items, to monitor growth. */
  async count(): Promise<number> {
    await this.ready();
    return this.docs.count();
  }

  /** Conditional: an item saved since it was listed is kept. */
  private async deleteIfUnchanged(key: string, eTag: string): Promise<boolean> {
    try {
      return await this.docs.delete(key, { ifMatch: eTag });
    } catch (err) {
      if (err instanceof DocumentConflictError) return false;
      throw this.translate(err, key);
    }
  }

  private async saveOne(key: string, eTag: string | undefined, value: Value): Promise<void> {
    try {
      if (!eTag || eTag === '*') {
        await this.docs.put(key, value);
        return;
      }
      try {
        await this.docs.put(key, value, { ifMatch: eTag });
      } catch (err) {
        if (!(err instanceof DocumentConflictError)) throw err;
        // MemoryStorage accepts any eTag for a key that holds nothing yet.
        if ((await this.docs.get(key)) !== null) throw err;
        await this.docs.create(key, value);
      }
    } catch (err) {
      throw this.translate(err, key);
    }
  }

  private translate(err: unknown, key: string): Error {
    if (err instanceof DocumentConflictError) return new StorageConflictError(key);
    if (err instanceof DocumentCorruptError) return new StorageCorruptError(err.location, err.detail, err);
    if (err instanceof StorageError && (err.code === 'DISK_FULL' || err.code === 'READ_ONLY' || err.code === 'WRITE_FAILED')) {
      return new StorageWriteError(err.code, this.docs.fileOf(key), err.cause ?? err);
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  private async each<I, O>(items: I[], task: (item: I) => Promise<O>): Promise<O[]> {
    const out: O[] = [];
    for (let i = 0; i < items.length; i += PARALLEL) out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(task))));
    return out;
  }

  private ready(): Promise<void> {
    this.loading ??= this.docs.sweepTemps().then(() => this.migrate());
    return this.loading;
  }

  /** Moves the items of an earlier single state file into one file each, then sets it aside. */
  private async migrate(): Promise<void> {
    const legacy = this.options.legacyFile;
    if (!legacy) return;
    await migrateLegacyFile({
      file: legacy,
      records: (json) => Object.entries(validateLegacy(json, legacy).items),
      move: ([key, item]) => createOnce(this.docs, key, item.value).catch((err: unknown) => Promise.reject(this.translate(err, key))),
      damaged: (file, detail) => new StorageCorruptError(file, detail),
      parallel: PARALLEL,
      personalData: true,
    });
  }
}

function validateLegacy(raw: unknown, file: string): StateFile {
  if (raw === null) throw new StorageCorruptError(file, 'the file contains null');
  if (!isValue(raw) || raw.format !== STATE_FILE_FORMAT) {
    throw new StorageCorruptError(file, `not a bot state file (expected format "${STATE_FILE_FORMAT}")`);
  }
  if (raw.version !== 1) throw new StorageCorruptError(file, `unsupported version ${JSON.stringify(raw.version)}`);
  if (!isValue(raw.items)) throw new StorageCorruptError(file, '"items" is missing or not an object');
  const items = Object.create(null) as Record<string, StateFileItem>;
  for (const [key, item] of Object.entries(raw.items)) {
    if (!isValue(item) || typeof item.eTag !== 'string' || typeof item.modifiedAt !== 'string' || !isValue(item.value)) {
      throw new StorageCorruptError(file, `item ${JSON.stringify(key.slice(0, 80))} is malformed`);
    }
    items[key] = { eTag: item.eTag, modifiedAt: item.modifiedAt, value: item.value };
  }
  return { format: STATE_FILE_FORMAT, version: 1, items };
}
