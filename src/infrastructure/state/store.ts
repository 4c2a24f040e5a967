/**
 * The conversation state store's contract, written here rather than imported so that this layer
 * does not depend on Bot Framework: the same shape as botbuilder's `Storage`, `StoreItems` and
 * `StoreItem`, so botbuilder's ConversationState accepts any StateStore.
 */

/** A state object; `eTag` enables optimistic concurrency (`*` or none: last writer wins). */
export interface StoreItem {
  [key: string]: unknown;
  eTag?: string;
}

export type StoreItems = Record<string, StoreItem>;

export interface StateStore {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** Defines rather than assigns, so a "__proto__" key is stored as a key instead of replacing the prototype. */
export function setItem(items: StoreItems, key: string, item: StoreItem): void {
  Object.defineProperty(items, key, { value: item, enumerable: true, writable: true, configurable: true });
}
