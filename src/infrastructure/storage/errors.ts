import { StorageError } from '../state/errors';

export { StorageError, type StorageErrorCode } from '../state/errors';

/** A conditional write lost: the document changed (or appeared, or vanished) since it was read. */
export class DocumentConflictError extends Error {
  constructor(
    readonly store: string,
    readonly key: string,
  ) {
    super(`${store}: "${key}" was changed by someone else; read it again and retry`);
    this.name = 'DocumentConflictError';
  }
}

/** A stored document is not what its store expects: refused, never overwritten by a read-modify-write. */
export class DocumentCorruptError extends StorageError {
  constructor(
    readonly location: string,
    readonly detail: string,
  ) {
    super('CORRUPT', `${location} is damaged (${detail}). Nothing was changed: move it aside or restore a backup.`);
    this.name = 'DocumentCorruptError';
  }
}

/**
 * True when the failure is the storage being out of reach (network, service, full or read-only
 * disk) rather than a bug or bad data: the user is asked to try again in a minute.
 */
export function isStorageOutage(err: unknown): boolean {
  return err instanceof StorageError && ['UNAVAILABLE', 'DISK_FULL', 'READ_ONLY', 'WRITE_FAILED', 'READ_FAILED'].includes(err.code);
}
