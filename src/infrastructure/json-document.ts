import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/**
 * The one module that imports lowdb: a JSON document held in memory and written whole to its
 * file through a temporary file and a rename (steno), so a crash leaves the old or the new file.
 * Serves the committed data files: the knowledge base (KB_DIR) and the schemes.
 */
export class JsonDocument<T> {
  private readonly db: Low<T>;

  constructor(
    readonly file: string,
    initial: T,
  ) {
    this.db = new Low<T>(new JSONFile<T>(file), initial);
  }

  get data(): T {
    return this.db.data;
  }

  set data(value: T) {
    this.db.data = value;
  }

  /** Replaces `data` with the file's content, or keeps it when the file does not exist; throws when the file is not JSON. */
  read(): Promise<void> {
    return this.db.read();
  }

  write(): Promise<void> {
    return this.db.write();
  }
}
