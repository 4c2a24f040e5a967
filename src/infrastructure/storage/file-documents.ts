import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeErrorCode } from '../state/errors';
import { removeStaleTemps, tempFileDone, tempFileFor } from '../temp-files';
import { jsonCopy, storedName, type DocumentStore, type StoredDocument, type WriteOptions } from './documents';
import { DocumentConflictError, DocumentCorruptError, StorageError } from './errors';
import { withFileLock } from './file-lock';

export const DOCUMENT_FORMAT = 'territoires-industrie/document';

interface Envelope<T> {
  format: typeof DOCUMENT_FORMAT;
  key: string;
  eTag: string;
  modifiedAt: string;
  value: T;
}

export interface FileDocumentStoreOptions<T> {
  /** Checks a document's value when read; a value it refuses is reported as damage. */
  isValid?: (value: unknown) => value is T;
  /** 1 for documents people may open (requests), 0 for machine-only ones (conversation state). */
  indent?: number;
  now?: () => Date;
}

/**
 * Documents as files, one per key, in one directory (0700), each file 0600 since documents may
 * hold personal data. A write goes to a temporary file (random name, flushed to disk) renamed
 * over the document, so a crash leaves the old or the new version, never a mix; a create links
 * the temporary file to its name, which fails if another process created it first. A
 * conditional write takes a lock file for the compare-and-replace, so two processes sharing the
 * directory (the bot and a command-line import) cannot both win. A save costs the same whatever
 * the number of documents.
 */
export class FileDocumentStore<T> implements DocumentStore<T> {
  private readonly keyQueues = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;
  private dirReady: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    readonly name: string,
    private readonly options: FileDocumentStoreOptions<T> = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  fileOf(key: string): string {
    return path.join(this.dir, `${storedName(key)}.json`);
  }

  async get(key: string): Promise<StoredDocument<T> | null> {
    return this.readFileAt(this.fileOf(key), key);
  }

  create(key: string, value: T): Promise<StoredDocument<T>> {
    return this.serial(key, async () => {
      const file = this.fileOf(key);
      const { doc, tmp } = await this.writeTemp(key, value);
      try {
        await link(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DocumentConflictError(this.name, key);
        throw this.writeFailure(file, err);
      } finally {
        await rm(tmp, { force: true }).catch(() => undefined);
        tempFileDone(tmp);
      }
      return doc;
    });
  }

  put(key: string, value: T, options: WriteOptions = {}): Promise<StoredDocument<T>> {
    return this.serial(key, async () => {
      const file = this.fileOf(key);
      const conditional = options.ifMatch !== undefined && options.ifMatch !== '*';
      const write = async () => {
        if (conditional) {
          const current = await this.readFileAt(file, key);
          if (current?.eTag !== options.ifMatch) throw new DocumentConflictError(this.name, key);
        }
        const { doc, tmp } = await this.writeTemp(key, value);
        try {
          await rename(tmp, file);
        } catch (err) {
          await rm(tmp, { force: true }).catch(() => undefined);
          throw this.writeFailure(file, err);
        } finally {
          tempFileDone(tmp);
        }
        return doc;
      };
      return conditional ? this.locked(file, write) : write();
    });
  }

  delete(key: string, options: WriteOptions = {}): Promise<boolean> {
    return this.serial(key, async () => {
      const file = this.fileOf(key);
      const conditional = options.ifMatch !== undefined && options.ifMatch !== '*';
      const remove = async () => {
        if (conditional) {
          const current = await this.readFileAt(file, key);
          if (current?.eTag !== options.ifMatch) throw new DocumentConflictError(this.name, key);
        }
        try {
          await unlink(file);
          return true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
          throw this.writeFailure(file, err);
        }
      };
      return conditional ? this.locked(file, remove) : remove();
    });
  }

  async all(): Promise<Array<StoredDocument<T>>> {
    return this.readAll(await this.documentFiles());
  }

  /** Paths of the stored documents (none when the directory does not exist yet). */
  private async documentFiles(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw this.readFailure(this.dir, err);
    }
    return names.filter((n) => n.endsWith('.json')).map((n) => path.join(this.dir, n));
  }

  /**
   * The documents whose file was last written in [after, before): each file is only stat'ed, and
   * read when it is in the window, so a periodic sweep of recent changes does not read them all.
   */
  async modifiedBetween(after: Date | null, before: Date): Promise<Array<StoredDocument<T>>> {
    const from = after?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = before.getTime();
    const files = (await this.files()).filter((f) => f.mtimeMs >= from && f.mtimeMs < to);
    return this.readAll(files.map((f) => f.file));
  }

  /** The `n` documents written longest ago (by their file's time), read. */
  async oldest(n: number): Promise<Array<StoredDocument<T>>> {
    if (n <= 0) return [];
    const files = (await this.files()).sort((a, b) => a.mtimeMs - b.mtimeMs).slice(0, n);
    return this.readAll(files.map((f) => f.file));
  }

  /** Stored files with their modification time (a file gone meanwhile is left out). */
  private async files(): Promise<Array<{ file: string; mtimeMs: number }>> {
    const files = await this.documentFiles();
    const out: Array<{ file: string; mtimeMs: number }> = [];
    for (let i = 0; i < files.length; i += 64) {
      const stats = await Promise.all(
        files.slice(i, i + 64).map((file) =>
          stat(file).then(
            (s) => ({ file, mtimeMs: s.mtimeMs }),
            () => null,
          ),
        ),
      );
      for (const s of stats) if (s) out.push(s);
    }
    return out;
  }

  private async readAll(files: string[]): Promise<Array<StoredDocument<T>>> {
    const out: Array<StoredDocument<T>> = [];
    // Bounded parallelism: thousands of small files, without thousands of open descriptors.
    for (let i = 0; i < files.length; i += 64) {
      const docs = await Promise.all(files.slice(i, i + 64).map((f) => this.readFileAt(f)));
      for (const d of docs) if (d) out.push(d);
    }
    return out;
  }

  /** Removes the temporary files a crashed write left in the directory (see temp-files.ts); run when a store opens. */
  async sweepTemps(): Promise<number> {
    return (await removeStaleTemps(this.dir)).length;
  }

  /** Names of the stored files, without reading them (cheap count). */
  async count(): Promise<number> {
    return (await this.documentFiles()).length;
  }

  async probe(): Promise<void> {
    await this.ensureDir();
    try {
      await stat(this.dir);
    } catch (err) {
      throw this.readFailure(this.dir, err);
    }
  }

  private async readFileAt(file: string, expectedKey?: string): Promise<StoredDocument<T> | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.readFailure(file, err);
    }
    let raw: Partial<Envelope<unknown>> | null;
    try {
      raw = JSON.parse(text) as Partial<Envelope<unknown>> | null;
    } catch (err) {
      throw new DocumentCorruptError(file, `not valid JSON: ${(err as Error).message}`);
    }
    if (
      !raw ||
      raw.format !== DOCUMENT_FORMAT ||
      typeof raw.key !== 'string' ||
      typeof raw.eTag !== 'string' ||
      typeof raw.modifiedAt !== 'string' ||
      !('value' in raw)
    ) {
      throw new DocumentCorruptError(file, `not a ${this.name} document`);
    }
    // Two keys never share a name unless SHA-256 collides; a mismatch means a file was copied by hand.
    if (expectedKey !== undefined && raw.key !== expectedKey)
      throw new DocumentCorruptError(file, `holds "${raw.key.slice(0, 80)}" instead of the expected key`);
    if (this.options.isValid && !this.options.isValid(raw.value)) throw new DocumentCorruptError(file, `not a valid ${this.name} entry`);
    return { key: raw.key, value: raw.value as T, eTag: raw.eTag, modifiedAt: raw.modifiedAt };
  }

  private async writeTemp(key: string, value: T): Promise<{ doc: StoredDocument<T>; tmp: string }> {
    await this.ensureDir();
    const doc: StoredDocument<T> = { key, value: jsonCopy(value), eTag: randomUUID(), modifiedAt: this.now().toISOString() };
    const envelope: Envelope<T> = { format: DOCUMENT_FORMAT, key, eTag: doc.eTag, modifiedAt: doc.modifiedAt, value: doc.value };
    const file = this.fileOf(key);
    const tmp = tempFileFor(file);
    try {
      await writeFile(tmp, JSON.stringify(envelope, null, this.options.indent ?? 0), { encoding: 'utf8', mode: 0o600, flush: true });
      // The file's time is the document's: sweeps by age (modifiedBetween, oldest) only stat files.
      const at = new Date(doc.modifiedAt);
      await utimes(tmp, at, at);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      tempFileDone(tmp);
      throw this.writeFailure(file, err);
    }
    return { doc: { ...doc, value: jsonCopy(doc.value) }, tmp };
  }

  private ensureDir(): Promise<void> {
    this.dirReady ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (err: unknown) => {
        this.dirReady = undefined;
        throw this.writeFailure(this.dir, err);
      },
    );
    return this.dirReady;
  }

  /** Operations on one key run in order; different keys run in parallel. */
  private serial<R>(key: string, task: () => Promise<R>): Promise<R> {
    const previous = this.keyQueues.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.keyQueues.set(key, tail);
    void tail.then(() => {
      if (this.keyQueues.get(key) === tail) this.keyQueues.delete(key);
    });
    return result;
  }

  /** Cross-process exclusion for a compare-and-replace. */
  private locked<R>(file: string, task: () => Promise<R>): Promise<R> {
    return withFileLock(`${file}.lock`, task);
  }

  private writeFailure(file: string, err: unknown): Error {
    if (err instanceof StorageError || err instanceof DocumentConflictError) return err;
    const code = writeErrorCode(err);
    const errno = (err as NodeJS.ErrnoException).code;
    return new StorageError(code, `Cannot write ${file}${errno ? ` (${errno})` : ''}; the previous version is kept`, { cause: err });
  }

  private readFailure(file: string, err: unknown): Error {
    if (err instanceof StorageError) return err;
    const errno = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    return new StorageError('READ_FAILED', `Cannot read ${file} (${errno})`, { cause: err });
  }
}
