import { randomUUID } from 'node:crypto';
import { jsonCopy, type DocumentStore, type StoredDocument, type WriteOptions } from './documents';
import { DocumentConflictError } from './errors';

/**
 * Documents held by this process only, gone when it stops (STORAGE=memory: throw-away runs,
 * benches, demos). Same contract as the file and blob stores, copies in and out included, so a
 * queue or a request store on top behaves the same; nothing is written anywhere.
 */
export class MemoryDocumentStore<T> implements DocumentStore<T> {
  private readonly docs = new Map<string, StoredDocument<T>>();

  constructor(
    readonly name: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(key: string): Promise<StoredDocument<T> | null> {
    const doc = this.docs.get(key);
    return doc ? copy(doc) : null;
  }

  async create(key: string, value: T): Promise<StoredDocument<T>> {
    if (this.docs.has(key)) throw new DocumentConflictError(this.name, key);
    return this.store(key, value);
  }

  async put(key: string, value: T, options: WriteOptions = {}): Promise<StoredDocument<T>> {
    if (!this.matches(key, options)) throw new DocumentConflictError(this.name, key);
    return this.store(key, value);
  }

  async delete(key: string, options: WriteOptions = {}): Promise<boolean> {
    if (!this.matches(key, options)) throw new DocumentConflictError(this.name, key);
    return this.docs.delete(key);
  }

  async all(): Promise<Array<StoredDocument<T>>> {
    return [...this.docs.values()].map(copy);
  }

  async probe(): Promise<void> {}

  private matches(key: string, { ifMatch }: WriteOptions): boolean {
    return ifMatch === undefined || ifMatch === '*' || this.docs.get(key)?.eTag === ifMatch;
  }

  private store(key: string, value: T): StoredDocument<T> {
    const doc: StoredDocument<T> = { key, value: jsonCopy(value), eTag: randomUUID(), modifiedAt: this.now().toISOString() };
    this.docs.set(key, doc);
    return copy(doc);
  }
}

const copy = <T>(doc: StoredDocument<T>): StoredDocument<T> => ({ ...doc, value: jsonCopy(doc.value) });
