import { randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { Low, type Adapter } from 'lowdb';
import { PrivateJSONFile } from '../private-file';
import { StorageConflictError, StorageCorruptError, StorageError, StorageWriteError, writeErrorCode } from './errors';

export const STATE_FILE_FORMAT = 'territoires-industrie/bot-state';

export interface StateFileItem {
  eTag: string;
  /** ISO date of the last write, so old conversations can be purged. */
  modifiedAt: string;
  /** The stored object without its eTag. */
  value: Record<string, unknown>;
}

export interface StateFile {
  format: typeof STATE_FILE_FORMAT;
  version: 1;
  items: Record<string, StateFileItem>;
}

export interface FileStorageOptions {
  /** Replaces the on-disk adapter, e.g. to inject faults in tests. */
  adapter?: Adapter<StateFile>;
  /** Clock for `modifiedAt`; injectable so purge tests need no waiting. */
  now?: () => Date;
}

type Items = Record<string, StateFileItem>;

/** A change waiting for the next save: applied to the items being prepared, settled once saved. */
interface PendingChange {
  apply(next: Items, modifiedAt: string): { changed: boolean; result: unknown; error?: Error };
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * botbuilder `Storage` kept in one JSON file through lowdb, for a single bot process.
 *
 * Behaves like botbuilder's MemoryStorage (reads return copies, `*` or no eTag means
 * last-writer-wins, a stale eTag is rejected, keys in the same batch that do not conflict are
 * still saved), but survives restarts. Each save replaces the whole file atomically (temporary
 * file then rename), so a crash or a full disk leaves the previous version in place; memory is
 * only updated once the file is saved, so memory and disk never disagree. A save costs time in
 * proportion to the whole file, so the changes that arrive while one save runs are saved
 * together by the next: under load, one file write serves many turns.
 *
 * Not for several processes sharing one file: each keeps its own copy in memory and the last to
 * save would win. Use STORAGE=blob for several instances.
 */
export class FileStorage implements Storage {
  readonly file: string;
  private readonly db: Low<StateFile>;
  private readonly now: () => Date;
  private loading: Promise<void> | undefined;
  private pending: PendingChange[] = [];
  private flushing = false;

  constructor(file: string, options: FileStorageOptions = {}) {
    this.file = path.resolve(file);
    this.db = new Low<StateFile>(options.adapter ?? new PrivateJSONFile<StateFile>(this.file, { indent: 0 }), emptyState());
    this.now = options.now ?? (() => new Date());
  }

  /** Opens the file and checks it now, so a corrupt or unreadable file stops start-up rather than a user's turn. */
  static async open(file: string, options: FileStorageOptions = {}): Promise<FileStorage> {
    const storage = new FileStorage(file, options);
    await storage.ready();
    return storage;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    await this.ready();
    const items = this.db.data.items;
    const found: StoreItems = {};
    for (const key of keys) {
      const item = items[key];
      if (item) setItem(found, key, { ...jsonCopy(item.value), eTag: item.eTag });
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await this.ready();
    // Copied before queuing: the caller may keep mutating its objects while we wait.
    const incoming = Object.entries(changes).map(([key, item]) => {
      const { eTag, ...value } = jsonCopy((item ?? {}) as Record<string, unknown>);
      return { key, eTag, value };
    });
    return this.enqueue((next, modifiedAt) => {
      let conflict: StorageConflictError | undefined;
      let changed = false;
      for (const { key, eTag, value } of incoming) {
        const old = next[key];
        if (old && eTag && eTag !== '*' && eTag !== old.eTag) {
          conflict ??= new StorageConflictError(key);
          continue;
        }
        next[key] = { eTag: randomUUID(), modifiedAt, value };
        changed = true;
      }
      return { changed, result: undefined, error: conflict };
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.ready();
    return this.enqueue((next) => {
      let changed = false;
      for (const key of keys) {
        if (key in next) {
          delete next[key];
          changed = true;
        }
      }
      return { changed, result: undefined };
    });
  }

  /**
   * Deletes every item not written since `cutoff` and returns how many were removed. Conversation
   * and user state otherwise grow with every new conversation; call this periodically.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const limit = cutoff.getTime();
    if (Number.isNaN(limit)) throw new RangeError('purgeOlderThan needs a valid date');
    await this.ready();
    return this.enqueue((next) => {
      let removed = 0;
      for (const [key, item] of Object.entries(next)) {
        if (Date.parse(item.modifiedAt) < limit) {
          delete next[key];
          removed++;
        }
      }
      return { changed: removed > 0, result: removed };
    });
  }

  /** Number of stored items, to monitor growth. */
  async count(): Promise<number> {
    await this.ready();
    return Object.keys(this.db.data.items).length;
  }

  private ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    let raw: unknown;
    try {
      raw = await this.db.adapter.read();
    } catch (err) {
      if (err instanceof SyntaxError) throw new StorageCorruptError(this.file, `not valid JSON: ${err.message}`, err);
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new StorageError('READ_FAILED', `Cannot read bot state file ${this.file} (${code})`, { cause: err });
    }
    // The adapter answers null both for a missing file and for a file holding `null`; the latter
    // is damage, and lowdb's own read() would silently keep the empty default.
    if (raw === null && (await exists(this.file))) throw new StorageCorruptError(this.file, 'the file contains null');
    this.db.data = raw === null ? emptyState() : validate(raw, this.file);
  }

  private async save(items: Record<string, StateFileItem>): Promise<void> {
    const data: StateFile = { ...this.db.data, items };
    try {
      await this.db.adapter.write(data);
    } catch (err) {
      throw new StorageWriteError(writeErrorCode(err), this.file, err);
    }
    this.db.data = data;
  }

  private enqueue<T>(apply: PendingChange['apply']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ apply, resolve: resolve as (result: unknown) => void, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Saves every queued change, in order, one file write per batch, until the queue is empty. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        const next = copyItems(this.db.data.items);
        const modifiedAt = this.now().toISOString();
        const outcomes = batch.map((change) => applyTo(change, next, modifiedAt));
        try {
          if (outcomes.some((o) => o.changed)) await this.save(next);
        } catch {
          // Each change is retried alone, so each caller gets the outcome it would have had alone
          // (a full disk fails them all; a change is not blamed for its neighbour's failure).
          for (const change of batch) await this.saveAlone(change);
          continue;
        }
        batch.forEach((change, i) => settle(change, outcomes[i]!));
      }
    } finally {
      // Cleared in the same step that saw the queue empty, so a change queued afterwards always
      // starts a new flush.
      this.flushing = false;
    }
  }

  private async saveAlone(change: PendingChange): Promise<void> {
    const next = copyItems(this.db.data.items);
    const outcome = applyTo(change, next, this.now().toISOString());
    try {
      if (outcome.changed) await this.save(next);
    } catch (err) {
      change.reject(err);
      return;
    }
    settle(change, outcome);
  }
}

function applyTo(change: PendingChange, next: Items, modifiedAt: string): ReturnType<PendingChange['apply']> {
  try {
    return change.apply(next, modifiedAt);
  } catch (err) {
    return { changed: false, result: undefined, error: err instanceof Error ? err : new Error(String(err)) };
  }
}

function settle(change: PendingChange, outcome: ReturnType<PendingChange['apply']>): void {
  if (outcome.error) change.reject(outcome.error);
  else change.resolve(outcome.result);
}

/** Defines rather than assigns, so a "__proto__" key is stored as a key instead of replacing the prototype. */
export function setItem(items: StoreItems, key: string, item: StoreItems[string]): void {
  Object.defineProperty(items, key, { value: item, enumerable: true, writable: true, configurable: true });
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function emptyState(): StateFile {
  return { format: STATE_FILE_FORMAT, version: 1, items: Object.create(null) as Record<string, StateFileItem> };
}

/** Null prototype: keys are conversation ids chosen by channels, and "__proto__" must stay a plain key. */
function copyItems(items: Record<string, StateFileItem>): Record<string, StateFileItem> {
  return Object.assign(Object.create(null) as Record<string, StateFileItem>, items);
}

/** Same cloning as MemoryStorage, so values that do not survive JSON behave identically in every store. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function validate(raw: unknown, file: string): StateFile {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(raw) || raw.format !== STATE_FILE_FORMAT) {
    throw new StorageCorruptError(file, `not a bot state file (expected format "${STATE_FILE_FORMAT}")`);
  }
  if (raw.version !== 1) throw new StorageCorruptError(file, `unsupported version ${JSON.stringify(raw.version)}`);
  if (!isObject(raw.items)) throw new StorageCorruptError(file, '"items" is missing or not an object');
  const items = Object.create(null) as Record<string, StateFileItem>;
  for (const [key, item] of Object.entries(raw.items)) {
    if (!isObject(item) || typeof item.eTag !== 'string' || typeof item.modifiedAt !== 'string' || !isObject(item.value)) {
      throw new StorageCorruptError(file, `item ${JSON.stringify(key.slice(0, 80))} is malformed`);
    }
    items[key] = { eTag: item.eTag, modifiedAt: item.modifiedAt, value: item.value };
  }
  return { format: STATE_FILE_FORMAT, version: 1, items };
}
