import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { Low, type Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
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

/**
 * botbuilder `Storage` kept in one JSON file through lowdb, for a single bot process.
 *
 * Behaves like botbuilder's MemoryStorage (reads return copies, `*` or no eTag means
 * last-writer-wins, a stale eTag is rejected, keys in the same batch that do not conflict are
 * still saved), but survives restarts. Each save replaces the whole file atomically (temporary
 * file then rename), so a crash or a full disk leaves the previous version in place; memory is
 * only updated once the file is saved, so memory and disk never disagree.
 *
 * Not for several processes sharing one file: each keeps its own copy in memory and the last to
 * save would win. Use STORAGE=blob for several instances.
 */
export class FileStorage implements Storage {
  readonly file: string;
  private readonly db: Low<StateFile>;
  private readonly now: () => Date;
  private loading: Promise<void> | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(file: string, options: FileStorageOptions = {}) {
    this.file = path.resolve(file);
    this.db = new Low<StateFile>(options.adapter ?? new PrivateJSONFile<StateFile>(this.file), emptyState());
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
    return this.serialized(async () => {
      const current = this.db.data.items;
      const next = copyItems(current);
      const modifiedAt = this.now().toISOString();
      let conflict: StorageConflictError | undefined;
      let changed = false;
      for (const { key, eTag, value } of incoming) {
        const old = current[key];
        if (old && eTag && eTag !== '*' && eTag !== old.eTag) {
          conflict ??= new StorageConflictError(key);
          continue;
        }
        next[key] = { eTag: randomUUID(), modifiedAt, value };
        changed = true;
      }
      if (changed) await this.save(next);
      if (conflict) throw conflict;
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.ready();
    return this.serialized(async () => {
      const next = copyItems(this.db.data.items);
      let changed = false;
      for (const key of keys) {
        if (key in next) {
          delete next[key];
          changed = true;
        }
      }
      if (changed) await this.save(next);
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
    return this.serialized(async () => {
      const next = copyItems(this.db.data.items);
      let removed = 0;
      for (const [key, item] of Object.entries(next)) {
        if (Date.parse(item.modifiedAt) < limit) {
          delete next[key];
          removed++;
        }
      }
      if (removed > 0) await this.save(next);
      return removed;
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
    // lowdb's own read() would silently keep the empty default for a file containing `null`.
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

  /** Two turns saving at once must not both start from the same snapshot and drop each other's change. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * lowdb's JSONFile, with the file kept private (0600, directory 0700) because conversation state
 * may hold personal data. steno creates its temporary file `.<name>.tmp` with the process umask
 * and renames it over the target; creating that temporary file ourselves first, 0600, means the
 * renamed result is 0600 and the data is never readable by others, not even briefly. A failed
 * save removes the temporary file so a full disk gets its space back.
 */
class PrivateJSONFile<T> implements Adapter<T> {
  private readonly inner: JSONFile<T>;
  private readonly temp: string;

  constructor(private readonly file: string) {
    this.inner = new JSONFile<T>(file);
    this.temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    const data = await this.inner.read();
    // JSONFile answers null both for a missing file and for a file holding `null`; the latter is damage.
    if (data === null && (await exists(this.file))) throw new SyntaxError('the file contains null');
    return data;
  }

  async write(data: T): Promise<void> {
    try {
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      // O_NOFOLLOW: a symlink planted at the temporary path must not redirect our write elsewhere.
      const handle = await open(this.temp, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
      try {
        await handle.chmod(0o600);
      } finally {
        await handle.close();
      }
      await this.inner.write(data);
    } catch (err) {
      await rm(this.temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }
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
