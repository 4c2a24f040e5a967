import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { checkContainerName, stripDetails } from './azure';
import { StorageError } from './errors';

/**
 * The Azure Storage clients. Imported only when STORAGE=blob (with import()): the two SDKs cost a
 * third of a second and about 13 MB to load, for nothing with STORAGE=file or memory.
 */

/**
 * A turn or an admin call waits on these requests; the SDK's default back-off could hold it for
 * minutes. Three tries within a few seconds, then the caller is told the storage is unavailable.
 */
const RETRY = { maxTries: 3, tryTimeoutInMs: 10_000, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 };

export function containerClient(connectionString: string, container: string): ContainerClient {
  if (!connectionString.trim()) throw new StorageError('INVALID_OPTIONS', 'A storage connection string is required');
  checkContainerName(container);
  try {
    return BlobServiceClient.fromConnectionString(connectionString, { retryOptions: RETRY }).getContainerClient(container);
  } catch (err) {
    // The SDK's parse errors may quote the connection string, which holds the account key.
    throw new StorageError('INVALID_OPTIONS', 'The storage connection string cannot be parsed', { cause: stripDetails(err) });
  }
}

export function queueService(connectionString: string): QueueServiceClient {
  if (!connectionString.trim()) throw new StorageError('INVALID_OPTIONS', 'A storage connection string is required');
  try {
    return QueueServiceClient.fromConnectionString(connectionString, { retryOptions: RETRY });
  } catch (err) {
    throw new StorageError('INVALID_OPTIONS', 'The storage connection string cannot be parsed', { cause: stripDetails(err) });
  }
}
