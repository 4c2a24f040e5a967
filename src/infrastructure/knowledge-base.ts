import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Geography } from '../domain/geography';
import {
  KbConflictError,
  KbError,
  KnowledgeBase,
  type KnowledgeBaseRepository,
  type KnowledgeDocs,
  type OperatorsDoc,
  type ReferentsDoc,
  type TerritoriesDoc,
} from '../domain/knowledge-base';
import { JsonDocument } from './json-document';
import { KB_PARTS, type KbPart, type KbRevisionStore } from './kb-store';
import { StorageError } from './storage/errors';
import { isLocked, withFileLock } from './storage/file-lock';

export const KB_FILES = {
  territories: 'territories.json',
  operators: 'operators.json',
  referents: 'referents.json',
} as const;

/** Taken by whoever writes the files, so a change of several files is read whole or not at all. */
export const KB_LOCK_FILE = '.kb-write.lock';

/** How often a read retries while a writer is at work (each write takes milliseconds). */
const READ_RETRY_MS = 20;
const READ_ATTEMPTS = 250;

type Doc = TerritoriesDoc | OperatorsDoc | ReferentsDoc;

/**
 * The knowledge base as three committed JSON files in one directory (KB_DIR), which the bot and
 * `npm run kb:import` (another process) both change. lowdb writes each file through a temporary
 * file and a rename, so a crash leaves either the old or the new file. A writer holds a lock
 * file for the whole change; a reader never writes (KB_DIR may be read-only) and reads again
 * when a writer was at work meanwhile, so it never serves the new territories with the old
 * referents. The revision is named by the files' inode, size and modification time: a poll costs
 * three `stat` calls, and any write, also by hand or by `git checkout`, changes it.
 */
export class KnowledgeBaseFiles implements KnowledgeBaseRepository, KbRevisionStore {
  private readonly files: Record<KbPart, JsonDocument<Doc | null>>;
  private readonly lock: string;

  constructor(readonly dir: string) {
    this.files = {
      territories: new JsonDocument<Doc | null>(path.join(dir, KB_FILES.territories), null),
      operators: new JsonDocument<Doc | null>(path.join(dir, KB_FILES.operators), null),
      referents: new JsonDocument<Doc | null>(path.join(dir, KB_FILES.referents), null),
    };
    this.lock = path.join(dir, KB_LOCK_FILE);
  }

  async load(): Promise<KnowledgeDocs> {
    return (await this.read()).docs;
  }

  async revision(): Promise<string | null> {
    const stats = await Promise.all(
      KB_PARTS.map((part) =>
        stat(this.files[part].file).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return null;
          throw new StorageError('READ_FAILED', `Cannot read ${this.files[part].file} (${err.code ?? 'unknown error'})`, { cause: err });
        }),
      ),
    );
    if (stats.some((s) => s === null)) return null;
    return stats.map((s) => `${s!.ino}.${s!.size}.${s!.mtimeMs}`).join('/');
  }

  async read(): Promise<{ revision: string; docs: KnowledgeDocs }> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.revision();
      const docs = {
        territories: await this.readPart('territories'),
        operators: await this.readPart('operators'),
        referents: await this.readPart('referents'),
      } as KnowledgeDocs;
      const after = await this.revision();
      // Files are replaced by a rename, never removed: one missing was never there or was deleted.
      if (before === null || after === null) throw new KbError(`A knowledge base file is missing in ${this.dir}`);
      if (before === after && !(await isLocked(this.lock))) return { revision: after, docs };
      if (attempt >= READ_ATTEMPTS) throw new StorageError('UNAVAILABLE', `The knowledge base in ${this.dir} kept changing while it was read`);
      await new Promise((r) => setTimeout(r, READ_RETRY_MS));
    }
  }

  async write(docs: KnowledgeDocs, changed: readonly KbPart[], expected: string | null): Promise<string> {
    return withFileLock(this.lock, async () => {
      if ((await this.revision()) !== expected) throw new KbConflictError();
      await this.writeParts(docs, changed);
      return (await this.revision())!;
    });
  }

  /** Writes the documents given, whatever the files hold now (the repository port, without a watcher). */
  async save(docs: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>>): Promise<void> {
    await withFileLock(this.lock, () => this.writeParts(docs, Object.keys(docs) as KbPart[]));
  }

  async probe(): Promise<void> {
    if ((await this.revision()) === null) throw new StorageError('READ_FAILED', `A knowledge base file is missing in ${this.dir}`);
  }

  private async readPart(part: KbPart): Promise<Doc> {
    const doc = this.files[part];
    try {
      await doc.read();
    } catch (err) {
      throw new KbError(`Knowledge base file ${KB_FILES[part]} in ${this.dir} is not valid JSON (${(err as Error).message})`);
    }
    if (doc.data === null || typeof doc.data !== 'object') throw new KbError(`Knowledge base file ${KB_FILES[part]} is missing or empty in ${this.dir}`);
    return doc.data;
  }

  /** Territories first; if a later file cannot be written, the territories written are put back. */
  private async writeParts(docs: Partial<KnowledgeDocs>, changed: readonly KbPart[]): Promise<void> {
    const written: Array<{ part: KbPart; previous: Doc | null }> = [];
    try {
      for (const part of KB_PARTS.filter((p) => changed.includes(p) && docs[p])) {
        const file = this.files[part];
        written.push({ part, previous: await this.readPart(part).catch(() => null) });
        file.data = docs[part]!;
        await file.write();
      }
    } catch (err) {
      for (const { part, previous } of written.slice(0, -1).reverse()) {
        if (previous === null) continue;
        this.files[part].data = previous;
        await this.files[part].write().catch(() => undefined);
      }
      throw err;
    }
  }
}

/** Opens and checks the knowledge base kept in `dir`; throws KbError when it is unsound. */
export function openKnowledgeBase(dir: string, geo: Geography): Promise<KnowledgeBase> {
  return KnowledgeBase.open(new KnowledgeBaseFiles(dir), geo);
}
