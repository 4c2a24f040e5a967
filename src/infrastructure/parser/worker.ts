import type { Lang } from '../../domain/types';
import os from 'node:os';
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
  /** Added to the thread's nice value once the model is built (Linux only: see lowerPriority). */
  nice?: number;
}
export interface ToWorker {
  id: number;
  text: string;
  locale: Lang;
}

/**
 * Lowers this thread's CPU priority below the server's once the model is built, so that on a busy
 * machine a turn that needs no parsing gets the core before a parse does. Not before: against
 * three busy threads a thread 10 nice levels down gets about 3 % of a core, and the build's seconds
 * of CPU would take minutes, every message in words meanwhile asked for figures. On Linux
 * setpriority(2) with pid 0 acts on the calling thread alone (each thread has its own nice value);
 * on macOS and Windows it would lower the whole process, the event loop with it, so it is done on
 * Linux only. An unprivileged process may only raise a nice value: relative to the server's,
 * capped at 19.
 */
function lowerPriority(nice: number | undefined): void {
  if (process.platform !== 'linux' || !nice) return;
  try {
    os.setPriority(Math.min(19, os.getPriority() + nice));
  } catch {
    // Refused (a sandbox without the right): the worker runs at the server's priority, as before.
  }
}

const port = parentPort;
if (port) {
  const data = workerData as Partial<WorkerData> | null;
  const models = new NumberModels();
  models.warm();
  lowerPriority(data?.nice);
  port.postMessage({ type: 'ready' } satisfies FromWorker);
  const cancel = data?.cancel;
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
