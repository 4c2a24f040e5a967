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
