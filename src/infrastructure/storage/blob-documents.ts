import type { ContainerClient } from '@azure/storage-blob';
import { readAll, statusOf, unavailable } from './azure';
import { jsonCopy, storedName, type DocumentStore, type StoredDocument, type WriteOptions } from './documents';
import { DocumentConflictError, DocumentCorruptError } from './errors';
import { DOCUMENT_FORMAT } from './file-documents';

interface BlobEnvelope<T> {
  format: typeof DOCUMENT_FORMAT;
  key: string;
  value: T;
}

export interface BlobDocumentStoreOptions<T> {
  isValid?: (value: unknown) => value is T;
}

/**
 * Documents as blobs `<prefix>/<name>.json` in one container, shared by every instance. The
 * service's eTag is the version: a create is `If-None-Match: *`, a conditional write or delete
 * `If-Match`, so two instances changing one document cannot both win. `all()` lists the prefix
 * and downloads only the blobs whose eTag changed since this instance last read them.
 */
export class BlobDocumentStore<T> implements DocumentStore<T> {
  private containerReady: Promise<void> | undefined;
  private readonly cache = new Map<string, StoredDocument<T>>();

  constructor(
    private readonly container: ContainerClient,
    readonly name: string,
    private readonly options: BlobDocumentStoreOptions<T> = {},
  ) {}

  private blobName(key: string): string {
    return `${this.name}/${storedName(key)}.json`;
  }

  async get(key: string): Promise<StoredDocument<T> | null> {
    return this.download(this.blobName(key), key);
  }

  async create(key: string, value: T): Promise<StoredDocument<T>> {
    return this.upload(key, value, { ifNoneMatch: '*' });
  }

  async put(key: string, value: T, options: WriteOptions = {}): Promise<StoredDocument<T>> {
    const conditional = options.ifMatch !== undefined && options.ifMatch !== '*';
    return this.upload(key, value, conditional ? { ifMatch: options.ifMatch } : {});
  }

  async delete(key: string, options: WriteOptions = {}): Promise<boolean> {
    await this.ensureContainer();
    const conditional = options.ifMatch !== undefined && options.ifMatch !== '*';
    const name = this.blobName(key);
    try {
      const res = await this.container.getBlobClient(name).deleteIfExists(conditional ? { conditions: { ifMatch: options.ifMatch } } : {});
      this.cache.delete(name);
      if (!res.succeeded && conditional) throw new DocumentConflictError(this.name, key);
      return res.succeeded;
    } catch (err) {
      if (err instanceof DocumentConflictError) throw err;
      if (statusOf(err) === 412) throw new DocumentConflictError(this.name, key);
      throw unavailable(`${this.name} in blob storage`, err);
    }
  }

  async all(): Promise<Array<StoredDocument<T>>> {
    await this.ensureContainer();
    const listed: Array<{ name: string; eTag: string }> = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix: `${this.name}/` })) {
        if (blob.name.endsWith('.json')) listed.push({ name: blob.name, eTag: blob.properties.etag ?? '' });
      }
    } catch (err) {
      throw unavailable(`${this.name} in blob storage`, err);
    }
    const present = new Set(listed.map((b) => b.name));
    for (const name of this.cache.keys()) if (!present.has(name)) this.cache.delete(name);
    const stale = listed.filter((b) => this.cache.get(b.name)?.eTag !== b.eTag);
    for (let i = 0; i < stale.length; i += 16) await Promise.all(stale.slice(i, i + 16).map((b) => this.download(b.name)));
    return listed.flatMap((b) => {
      const doc = this.cache.get(b.name);
      return doc ? [{ ...doc, value: jsonCopy(doc.value) }] : [];
    });
  }

  async probe(): Promise<void> {
    this.containerReady = undefined;
    await this.ensureContainer();
  }

  private ensureContainer(): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists().then(
      () => undefined,
      (err: unknown) => {
        this.containerReady = undefined;
        throw unavailable(`blob container "${this.container.containerName}"`, err);
      },
    );
    return this.containerReady;
  }

  private async upload(key: string, value: T, conditions: { ifMatch?: string; ifNoneMatch?: string }): Promise<StoredDocument<T>> {
    await this.ensureContainer();
    const name = this.blobName(key);
    const copy = jsonCopy(value);
    const envelope: BlobEnvelope<T> = { format: DOCUMENT_FORMAT, key, value: copy };
    const body = Buffer.from(JSON.stringify(envelope), 'utf8');
    try {
      const res = await this.container.getBlockBlobClient(name).upload(body, body.length, {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
      });
      const doc: StoredDocument<T> = { key, value: copy, eTag: res.etag ?? '', modifiedAt: (res.lastModified ?? new Date()).toISOString() };
      this.cache.set(name, doc);
      return { ...doc, value: jsonCopy(copy) };
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412) throw new DocumentConflictError(this.name, key);
      throw unavailable(`${this.name} in blob storage`, err);
    }
  }

  private async download(name: string, expectedKey?: string): Promise<StoredDocument<T> | null> {
    await this.ensureContainer();
    let text: string;
    let eTag: string;
    let modifiedAt: string;
    try {
      const res = await this.container.getBlobClient(name).download();
      text = (await readAll(res.readableStreamBody)).toString('utf8');
      eTag = res.etag ?? '';
      modifiedAt = (res.lastModified ?? new Date()).toISOString();
    } catch (err) {
      if (statusOf(err) === 404) {
        this.cache.delete(name);
        return null;
      }
      throw unavailable(`${this.name} in blob storage`, err);
    }
    const location = `blob ${this.container.containerName}/${name}`;
    let raw: Partial<BlobEnvelope<unknown>> | null;
    try {
      raw = JSON.parse(text) as Partial<BlobEnvelope<unknown>> | null;
    } catch (err) {
      throw new DocumentCorruptError(location, `not valid JSON: ${(err as Error).message}`);
    }
    if (!raw || raw.format !== DOCUMENT_FORMAT || typeof raw.key !== 'string' || !('value' in raw))
      throw new DocumentCorruptError(location, `not a ${this.name} document`);
    if (expectedKey !== undefined && raw.key !== expectedKey)
      throw new DocumentCorruptError(location, `holds "${raw.key.slice(0, 80)}" instead of the expected key`);
    if (this.options.isValid && !this.options.isValid(raw.value)) throw new DocumentCorruptError(location, `not a valid ${this.name} entry`);
    const doc: StoredDocument<T> = { key: raw.key, value: raw.value as T, eTag, modifiedAt };
    this.cache.set(name, doc);
    return { ...doc, value: jsonCopy(doc.value) };
  }
}
