import type { Lang } from '../../domain/types';
import { parentPort, workerData } from 'node:worker_threads';
import { NumberModels } from './numberModel';

/**
 * The parser worker: owns the number models, builds them as soon as it starts (seconds for the
 * French one), says "ready", then reads the numbers of each text it is sent.
 * Messages in: { id, text, locale }. Out: { type: 'ready' }, { type: 'read', id, spans, chars },
 * { type: 'abandoned', id, chars } or { type: 'failed', id }.
 * workerData.cancel (WorkerData) is shared with the server: it holds the id of a message nobody
 * waits for any more, so that the worker leaves the rest of it unread and is free for the next.
 */

export type FromWorker =
  | { type: 'ready' }
  | { type: 'read'; id: number; spans: Array<{ start: number; end: number; text: string; value: number }>; chars: number }
  | { type: 'abandoned'; id: number; chars: number }
  | { type: 'failed'; id: number };
export interface WorkerData {
  cancel: SharedArrayBuffer;
}
export interface ToWorker {
  id: number;
  text: string;
  locale: Lang;
}

const port = parentPort;
if (port) {
  const models = new NumberModels();
  models.warm();
  port.postMessage({ type: 'ready' } satisfies FromWorker);
  const cancel = (workerData as Partial<WorkerData> | null)?.cancel;
  const cancelled = cancel instanceof SharedArrayBuffer ? new Int32Array(cancel) : null;
  port.on('message', ({ id, text, locale }: ToWorker) => {
    const before = models.charsRead;
    const abandoned = () => cancelled !== null && Atomics.load(cancelled, 0) === id;
    let reply: FromWorker;
    try {
      const spans = models.read(text, locale, abandoned);
      reply = abandoned() ? { type: 'abandoned', id, chars: models.charsRead - before } : { type: 'read', id, spans, chars: models.charsRead - before };
    } catch {
      reply = { type: 'failed', id };
    }
    port.postMessage(reply);
  });
}
