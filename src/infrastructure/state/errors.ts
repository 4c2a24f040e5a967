export type StorageErrorCode =
  /** No space left on the device (ENOSPC) or quota exceeded (EDQUOT). */
  | 'DISK_FULL'
  /** The directory or file cannot be written: read-only file system, permissions. */
  | 'READ_ONLY'
  /** Any other failure while saving. */
  | 'WRITE_FAILED'
  /** The state file exists but is not a state file this code can read. */
  | 'CORRUPT'
  /** The state file exists but cannot be read (permissions, I/O error). */
  | 'READ_FAILED'
  /** Remote storage (Azure Blob) is unreachable or refuses the credentials. */
  | 'UNAVAILABLE'
  /** Options given to createStorage are unusable. */
  | 'INVALID_OPTIONS';

/**
 * Base class for storage failures the operator has to act on. Messages name the file or the
 * container but never a connection string or account key.
 */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** A save failed; nothing was changed, neither on disk nor in memory. */
export class StorageWriteError extends StorageError {
  constructor(
    code: 'DISK_FULL' | 'READ_ONLY' | 'WRITE_FAILED',
    readonly file: string,
    cause: unknown,
  ) {
    super(code, `Cannot save bot state to ${file}: ${describeWriteFailure(code, cause)}`, { cause });
    this.name = 'StorageWriteError';
  }
}

export class StorageCorruptError extends StorageError {
  constructor(
    readonly file: string,
    detail: string,
    cause?: unknown,
  ) {
    super('CORRUPT', `Bot state file ${file} is unreadable (${detail}). It was left untouched; move it aside to start with empty state, or restore a backup.`, {
      cause,
    });
    this.name = 'StorageCorruptError';
  }
}

/**
 * Same message as botbuilder's MemoryStorage and BlobsStorage, so code and logs that match on it
 * keep working whichever store is configured.
 */
export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
  }
}

export function writeErrorCode(err: unknown): 'DISK_FULL' | 'READ_ONLY' | 'WRITE_FAILED' {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'READ_ONLY';
  return 'WRITE_FAILED';
}

function describeWriteFailure(code: StorageErrorCode, cause: unknown): string {
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const suffix = errno ? ` (${errno})` : '';
  switch (code) {
    case 'DISK_FULL':
      return `the disk is full${suffix}; the previous state is kept`;
    case 'READ_ONLY':
      return `the location is not writable${suffix}; the previous state is kept`;
    default:
      return `${cause instanceof Error ? cause.message : String(cause)}; the previous state is kept`;
  }
}
