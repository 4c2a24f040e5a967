import type { Lang } from '../../domain/types';
import { NumbersUnread, type NumberReader, type NumberReaderState, type NumberSpan } from '../../domain/profile';
import { NumberModels } from './numberModel';

export { startWorker, WorkerNumberReader, type WorkerNumberReaderOptions } from './workerReader';
export { NumberModels, MODEL_CHUNK_CHARS } from './numberModel';

/**
 * The number model in the calling thread, built on first use (seconds). For tests about parsing
 * and for tools; the server uses WorkerNumberReader.
 */
export class InProcessNumberReader implements NumberReader {
  readonly state: NumberReaderState = 'ready';
  readonly models = new NumberModels();

  read(text: string, locale: Lang): Promise<NumberSpan[]> {
    return Promise.resolve(this.models.read(text, locale));
  }
}

/** No number model: numbers written in words are reported unread. For tests that do not parse them. */
export class NoNumberReader implements NumberReader {
  readonly state: NumberReaderState = 'off';

  read(): Promise<NumberSpan[]> {
    return Promise.reject(new NumbersUnread('unavailable'));
  }
}
