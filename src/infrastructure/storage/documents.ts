import { createHash } from 'node:crypto';

/** One JSON document with the version token that conditional writes compare. */
export interface StoredDocument<T> {
  key: string;
  value: T;
  eTag: string;
  /** ISO date of the last write. */
  modifiedAt: string;
}

export interface WriteOptions {
  /** Write only if the stored eTag is this one; '*' or absent: whatever is stored. */
  ifMatch?: string;
}

/**
 * A collection of JSON documents addressed by key, each with an eTag, where every change can be
 * made conditional: the common ground of a directory of files and a blob container, on which
 * the contact requests, the outbox records, the knowledge base and its history are kept. Keys are
 * any string; each implementation maps them to names it can store.
 */
export interface DocumentStore<T> {
  /** What this collection is, for messages and /health ("requests", "kb-history"). */
  readonly name: string;
  get(key: string): Promise<StoredDocument<T> | null>;
  /** Stores a new document; DocumentConflictError when the key is taken. */
  create(key: string, value: T): Promise<StoredDocument<T>>;
  /** Creates or replaces; with `ifMatch`, DocumentConflictError unless the stored eTag is that one. */
  put(key: string, value: T, options?: WriteOptions): Promise<StoredDocument<T>>;
  /** False when there was nothing to delete; with `ifMatch`, DocumentConflictError on another version. */
  delete(key: string, options?: WriteOptions): Promise<boolean>;
  /** Every document, in no particular order. */
  all(): Promise<Array<StoredDocument<T>>>;
  /** Proves the store can be reached and read now; throws StorageError otherwise. */
  probe(): Promise<void>;
}

/** Keys that are already safe file and blob names are kept as they are (readable listings). */
const PLAIN_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/**
 * The name a key is stored under: itself when plain, else `~` and its SHA-256 (keys from channels
 * hold `|`, `:`, `/` and can be longer than a file name). The key is also kept in the document.
 */
export function storedName(key: string): string {
  return PLAIN_KEY.test(key) && !key.endsWith('.tmp') && !key.endsWith('.lock') ? key : `~${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** JSON round trip: what is stored is what a later read gives, whatever the caller keeps mutating. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
