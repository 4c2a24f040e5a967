import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * File adapter (lowdb's `Adapter` shape, used by json-document.ts) for files holding personal
 * data. lowdb's JSONFile (steno) creates its temporary file with the process umask, so the
 * renamed result is usually world-readable; here the temporary file (a random name, so nothing
 * can be planted there in advance) is created 0600 and flushed to disk before the rename, so the
 * data is never readable by others, not even briefly, and a crash leaves either the old or the
 * new file. Writes are serialized so two saves
 * never interleave. `indent`: 0 for files that are large and only read by the program.
 */
export class PrivateJSONFile<T> {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly filename: string,
    private readonly options: { indent?: number } = {},
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.filename, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const data = JSON.parse(text) as T | null;
    // null is also the answer for a missing file; a file holding `null` is damage, not absence.
    if (data === null) throw new SyntaxError('the file contains null');
    return data;
  }

  write(data: T): Promise<void> {
    const json = JSON.stringify(data, null, this.options.indent ?? 1);
    const run = this.queue.then(async () => {
      await mkdir(path.dirname(this.filename), { recursive: true, mode: 0o700 });
      const tmp = `${this.filename}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, json, { encoding: 'utf8', mode: 0o600, flush: true });
        await rename(tmp, this.filename);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw err;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** A private file's content is not what its store expects: refused, never replaced by empty data. */
export class PrivateFileCorruptError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} is damaged (${detail}). Nothing was changed: move it aside or restore a backup, then start again.`);
    this.name = 'PrivateFileCorruptError';
  }
}
