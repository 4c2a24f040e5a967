import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTemps } from '../temp-files';
import type { DocumentStore } from './documents';
import { DocumentConflictError, DocumentCorruptError, StorageError } from './errors';

/** A single JSON file of an earlier version (requests.json, outbox.json, kb-history.json, bot-state.json) and how its records move into document stores. */
export interface LegacyFile<R> {
  file: string;
  /** The records of the parsed file; throws `damaged(detail)` when it is not the expected document. */
  records: (json: unknown, damaged: (detail: string) => Error) => R[];
  /** Stores one record, with createOnce: a record moved by an earlier, interrupted start is skipped. */
  move: (record: R, index: number) => Promise<unknown>;
  /** The error a damaged file raises (DocumentCorruptError unless said otherwise). */
  damaged?: (file: string, detail: string) => Error;
  /** Records moved at once; 1 (the default) keeps the file's order. */
  parallel?: number;
  /**
   * The file holds personal data (requests, notifications, drafts): once moved it is deleted, not
   * kept aside where no retention period or erasure would reach it, and the temporary copies a
   * crash left next to it (`<file>.<pid>.<hex>.tmp`, full copies too) go before it is read.
   */
  personalData?: boolean;
}

/**
 * Moves the records of an earlier single file into their stores, then renames the file
 * `<file>.migrated` (kept for the administrator, never read again), or deletes it when it holds
 * personal data. Several processes may do it at once (instances sharing one STATE_DIR): each
 * record is created once. A file that cannot be read as
 * the expected document stops the caller untouched, so damage is never replaced by an empty store.
 * Returns false when there was no such file.
 */
export async function migrateLegacyFile<R>(legacy: LegacyFile<R>): Promise<boolean> {
  const { file } = legacy;
  const damaged = (detail: string) => (legacy.damaged ?? ((f: string, d: string) => new DocumentCorruptError(f, d)))(file, detail);
  if (legacy.personalData) await removeStaleTemps(path.dirname(file), `${path.basename(file)}.`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new StorageError('READ_FAILED', `Cannot read ${file} (${code ?? 'unknown error'})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw damaged(`not valid JSON: ${(err as Error).message}`);
  }
  if (json === null) throw damaged('the file contains null');
  const records = legacy.records(json, damaged);
  const parallel = Math.max(1, legacy.parallel ?? 1);
  for (let i = 0; i < records.length; i += parallel) {
    await Promise.all(records.slice(i, i + parallel).map((r, j) => legacy.move(r, i + j)));
  }
  if (legacy.personalData) {
    await rm(file, { force: true });
    return true;
  }
  try {
    await rename(file, `${file}.migrated`);
  } catch (err) {
    // Another instance sharing the directory moved the same records (createOnce) and set it aside first.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return true;
}

/** The records of the `{"version": 1, "<field>": [...]}` files of earlier versions. */
export function versionOneList<R>(field: string, isValid: (value: unknown) => value is R): (json: unknown, damaged: (detail: string) => Error) => R[] {
  return (json, damaged) => {
    const doc = json as Record<string, unknown>;
    const list = doc[field];
    if (doc.version !== 1 || !Array.isArray(list) || !list.every(isValid)) throw damaged('not the expected document');
    return list;
  };
}

/** Creates the document unless its key is taken; false when it was already there. */
export async function createOnce<T>(store: DocumentStore<T>, key: string, value: T): Promise<boolean> {
  try {
    await store.create(key, value);
    return true;
  } catch (err) {
    if (err instanceof DocumentConflictError) return false;
    throw err;
  }
}
