import path from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { BlobSafeKeyStorage } from './blobKeys';
import { StorageError } from './errors';
import { FileStorage } from './fileStorage';

export { FileStorage, type FileStorageOptions } from './fileStorage';
export { StorageConflictError, StorageCorruptError, StorageError, StorageWriteError, type StorageErrorCode } from './errors';

export type StorageKind = 'file' | 'memory' | 'blob';

export interface CreateStorageOptions {
  kind: StorageKind;
  /** Directory of the state file for kind "file". */
  stateDir: string;
  blobConnectionString?: string;
  blobContainer?: string;
}

export const STATE_FILE_NAME = 'bot-state.json';

/** Key read once at start-up to prove the container exists and the credentials work. */
const BLOB_PROBE_KEY = 'storage-startup-check';

/**
 * Builds the conversation/user state store and checks it is usable before the bot takes
 * traffic: a corrupt state file or an unreachable blob container fails here, with a
 * `StorageError`, rather than on a user's first message.
 */
export async function createStorage(options: CreateStorageOptions): Promise<Storage> {
  switch (options.kind) {
    case 'memory':
      return new MemoryStorage();
    case 'file':
      return FileStorage.open(path.join(options.stateDir, STATE_FILE_NAME));
    case 'blob':
      return openBlobStorage(options.blobConnectionString ?? '', options.blobContainer ?? '');
    default:
      throw new StorageError('INVALID_OPTIONS', `Unknown storage kind "${String((options as { kind: unknown }).kind)}"`);
  }
}

async function openBlobStorage(connectionString: string, container: string): Promise<Storage> {
  if (!connectionString.trim()) throw new StorageError('INVALID_OPTIONS', 'A blob connection string is required for blob storage');
  // Azure's container naming rule; checked here because the service's own error is an opaque 400.
  if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(container)) {
    throw new StorageError(
      'INVALID_OPTIONS',
      `Invalid blob container name "${container}": 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  }
  let blobs: BlobsStorage;
  try {
    blobs = new BlobsStorage(connectionString, container, {
      // A turn waits on every save; the SDK's default back-off can hold it for minutes.
      storagePipelineOptions: { retryOptions: { maxTries: 3, tryTimeoutInMs: 10_000, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 } },
    });
  } catch (err) {
    // The SDK's parse errors may quote the connection string, which holds the account key.
    throw new StorageError('INVALID_OPTIONS', 'The blob connection string cannot be parsed', { cause: stripDetails(err) });
  }
  const storage = new BlobSafeKeyStorage(blobs);
  try {
    // BlobsStorage creates the container on first use, and remembers a failure forever; probing
    // now means a failed instance is thrown away instead of serving every later turn an error.
    await storage.read([BLOB_PROBE_KEY]);
  } catch (err) {
    throw new StorageError('UNAVAILABLE', `Cannot use blob container "${container}" (${describeAzureError(err)})`, {
      cause: stripDetails(err),
    });
  }
  return storage;
}

function describeAzureError(err: unknown): string {
  const e = err as { statusCode?: number; code?: string; name?: string } | undefined;
  return [e?.name, e?.code, e?.statusCode && `HTTP ${e.statusCode}`].filter(Boolean).join(', ') || 'unknown error';
}

/** Keeps the error's kind but not its message or request, which can carry secrets. */
function stripDetails(err: unknown): Error {
  const e = err as { name?: string; code?: string; statusCode?: number } | undefined;
  return Object.assign(new Error(describeAzureError(err)), { name: e?.name ?? 'Error', code: e?.code, statusCode: e?.statusCode });
}
