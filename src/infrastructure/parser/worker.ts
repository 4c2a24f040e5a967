import type { Lang } from '../../domain/types';
import { parentPort } from 'node:worker_threads';
import { NumberModels } from './numberModel';

/**
 * The parser worker: owns the number models, builds them as soon as it starts (seconds for the
 * French one), says "ready", then reads the numbers of each text it is sent.
 * Messages in: { id, text, locale }. Out: { type: 'ready' }, { type: 'read', id, spans, chars }
 * or { type: 'failed', id }.
 */

export type FromWorker =
  | { type: 'ready' }
  | { type: 'read'; id: number; spans: Array<{ start: number; end: number; text: string; value: number }>; chars: number }
  | { type: 'failed'; id: number };
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
  port.on('message', ({ id, text, locale }: ToWorker) => {
    const before = models.charsRead;
    let reply: FromWorker;
    try {
      reply = { type: 'read', id, spans: models.read(text, locale), chars: models.charsRead - before };
    } catch {
      reply = { type: 'failed', id };
    }
    port.postMessage(reply);
  });
}
