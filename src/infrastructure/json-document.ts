import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { PrivateFileCorruptError, PrivateJSONFile } from './private-file';

/**
 * The one module that imports lowdb: a JSON document held in memory and written whole to its
 * file. A `private` document (contact requests, outbox, history) is written 0600 and flushed
 * before its rename (PrivateJSONFile); the committed knowledge base keeps lowdb's JSONFile.
 */
export class JsonDocument<T> {
  private readonly db: Low<T>;

  constructor(
    readonly file: string,
    initial: T,
    options: { private?: boolean } = {},
  ) {
    this.db = new Low<T>(options.private ? new PrivateJSONFile<T>(file) : new JSONFile<T>(file), initial);
  }

  get data(): T {
    return this.db.data;
  }

  set data(value: T) {
    this.db.data = value;
  }

  /** Replaces `data` with the file's content, or keeps it when the file does not exist; throws when the file is not JSON. */
  read(): Promise<void> {
    return this.db.read();
  }

  write(): Promise<void> {
    return this.db.write();
  }
}

/**
 * Loads a store's file into `doc.data`: the empty document when the file does not exist yet; an
 * error when it exists but cannot be read as this store's document, so damage stops the store
 * instead of being overwritten with an empty list at the next save.
 */
export async function readDocument<T>(doc: JsonDocument<T>, empty: () => T, isValid: (data: unknown) => boolean): Promise<void> {
  try {
    await doc.read();
  } catch (err) {
    if (err instanceof SyntaxError) throw new PrivateFileCorruptError(doc.file, `not valid JSON: ${err.message}`);
    throw err;
  }
  if (doc.data === null) doc.data = empty();
  else if (!isValid(doc.data)) throw new PrivateFileCorruptError(doc.file, 'not the expected document');
}

/** Opens a store's private file (see readDocument). */
export async function openPrivateDocument<T>(file: string, empty: () => T, isValid: (data: unknown) => boolean): Promise<JsonDocument<T>> {
  const doc = new JsonDocument<T>(file, empty(), { private: true });
  await readDocument(doc, empty, isValid);
  return doc;
}

/** Writes the store's in-memory change to its file; if that fails, undoes the change, so memory never holds what the disk does not. */
export async function writeOrRollBack<T>(doc: JsonDocument<T>, rollback: () => unknown): Promise<void> {
  try {
    await doc.write();
  } catch (err) {
    rollback();
    throw err;
  }
}
