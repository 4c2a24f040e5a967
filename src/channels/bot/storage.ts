import path from 'node:path';
import type { Storage } from 'botbuilder';
import type { BlobsStorage } from 'botbuilder-azure-blobs';
import { BlobSafeKeyStorage, FileStorage, STATE_DIR_NAME, STATE_FILE_NAME, StorageError } from '../../infrastructure/state';
import { checkContainerName, describeAzureError, stripDetails } from '../../infrastructure/storage/azure';

export type StorageKind = 'file' | 'memory' | 'blob';

export interface CreateStorageOptions {
  kind: StorageKind;
  /** Directory of the state file for kind "file". */
  stateDir: string;
  blobConnectionString?: string;
  blobContainer?: string;
}

/** Key read once at start-up to prove the container exists and the credentials work. */
const BLOB_PROBE_KEY = 'storage-startup-check';

/**
 * Builds the conversation state store and checks it is usable before the bot takes
 * traffic: a corrupt state file or an unreachable blob container fails here, with a
 * `StorageError`, rather than on a user's first message.
 */
export async function createStorage(options: CreateStorageOptions): Promise<Storage> {
  switch (options.kind) {
    case 'memory':
      // Loaded here, not at import: with STORAGE=file the server listens before botbuilder is loaded.
      return new (await import('botbuilder')).MemoryStorage();
    case 'file':
      return FileStorage.open(path.join(options.stateDir, STATE_DIR_NAME), { legacyFile: path.join(options.stateDir, STATE_FILE_NAME) });
    case 'blob':
      return openBlobStorage(options.blobConnectionString ?? '', options.blobContainer ?? '');
    default:
      throw new StorageError('INVALID_OPTIONS', `Unknown storage kind "${String((options as { kind: unknown }).kind)}"`);
  }
}

async function openBlobStorage(connectionString: string, container: string): Promise<Storage> {
  if (!connectionString.trim()) throw new StorageError('INVALID_OPTIONS', 'A blob connection string is required for blob storage');
  checkContainerName(container);
  const { BlobsStorage: Blobs } = await import('botbuilder-azure-blobs');
  let blobs: BlobsStorage;
  try {
    blobs = new Blobs(connectionString, container, {
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
