export { FileStorage, type FileStorageOptions, type StateEntry } from './fileStorage';
export { BlobSafeKeyStorage, blobSafeKey } from './blobKeys';
export { BlobConversationRecords } from './blobConversations';
export { StorageConflictError, StorageCorruptError, StorageError, StorageWriteError, type StorageErrorCode } from './errors';
export type { StateStore, StoreItem, StoreItems } from './store';

/** Directory of the conversation files under STATE_DIR. */
export const STATE_DIR_NAME = 'conversations';
/** The single state file of earlier versions, moved into STATE_DIR_NAME on start-up. */
export const STATE_FILE_NAME = 'bot-state.json';
