import { createHash } from 'node:crypto';
import { unavailable } from '../storage/azure';
import { setItem, type StateStore, type StoreItem, type StoreItems } from './store';

/**
 * BlobsStorage turns a key into a blob name by collapsing empty path segments ("a//b" and "a/b"
 * become the same blob) and cutting the URI-encoded key at 1024 characters (two long keys with a
 * common prefix become the same blob). Either way two conversations would share, and overwrite,
 * each other's state. Keys that would be altered are replaced by a digest; every other key keeps
 * the blob name BlobsStorage gives it.
 */
export const HASHED_KEY_PREFIX = '~sha256/';

/** Leaves room under Azure's 1024-character blob name limit. */
const MAX_ENCODED_LENGTH = 1000;

export function blobSafeKey(key: string): string {
  const unchanged =
    key.length > 0 &&
    !key.startsWith(HASHED_KEY_PREFIX) &&
    !key.split('/').some((segment) => segment === '') &&
    encodeURIComponent(key).length <= MAX_ENCODED_LENGTH;
  return unchanged ? key : HASHED_KEY_PREFIX + createHash('sha256').update(key, 'utf8').digest('hex');
}

export class BlobSafeKeyStorage implements StateStore {
  constructor(private readonly inner: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const mapped = keys.map((key) => [key, blobSafeKey(key)] as const);
    const found = await this.inner.read(mapped.map(([, safe]) => safe)).catch(outage);
    const result: StoreItems = {};
    for (const [key, safe] of mapped) {
      const item = found[safe] as StoreItem | undefined;
      if (item) setItem(result, key, item);
    }
    return result;
  }

  write(changes: StoreItems): Promise<void> {
    const mapped: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) setItem(mapped, blobSafeKey(key), item);
    return this.inner.write(mapped).catch(outage);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys.map(blobSafeKey)).catch(outage);
  }
}

/**
 * An eTag conflict is the normal answer to a stale write; anything else from the blob service
 * means it is out of reach, reported as StorageError (UNAVAILABLE) without the SDK's request.
 */
function outage(err: unknown): never {
  if (err instanceof Error && /due to eTag conflict/.test(err.message)) throw err;
  throw unavailable('conversation state in blob storage', err);
}
