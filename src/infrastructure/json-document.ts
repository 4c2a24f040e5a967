import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/**
 * The one module that imports lowdb: a JSON document held in memory and written whole to its
 * file through a temporary file and a rename (the committed knowledge base and the schemes).
 * Records with personal data are kept by storage/file-documents.ts instead, one file each, 0600.
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
