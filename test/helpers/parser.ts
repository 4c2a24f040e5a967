import { FirmProfileParser, type FirmProfile, type ParseOptions, type ProfileParser } from '../../src/domain/profile';
import type { Lang } from '../../src/domain/types';
import { Worker } from 'node:worker_threads';
import { startWorker, WorkerNumberReader, type WorkerNumberReaderOptions } from '../../src/infrastructure/parser';

/**
 * The product's profile parser with the number model in its worker thread, as the server runs it.
 * One worker per test file, started by warmTestParser and shared by everything in the file:
 * building the model costs seconds of CPU, which is why the tests that need it are gathered in
 * test/integration/parser/model.test.ts (a second model, in the test's own thread, to compare the
 * worker with, cost as much again). A read waits at most 100 s, below the test's 120 s: a long
 * message on a loaded machine takes tens of seconds. Tests may change the options (the reader
 * reads them at each message) and count the workers started.
 */
export const testReaderOptions: WorkerNumberReaderOptions = {
  timeoutMs: 100_000,
  startLater: true,
  startWorker: (cancel) => (testWorkersStarted.count++, startWorker(cancel)),
};
export const testWorkersStarted = { count: 0 };
export const testReader = new WorkerNumberReader(testReaderOptions);
export const testParser: ProfileParser = new FirmProfileParser(testReader);

/**
 * Starts the worker and waits for its model, in a file's beforeAll: seconds on a quiet machine,
 * minutes on a loaded one, hence its own bound rather than the first test's.
 */
export const WARM_UP_MS = 300_000;
export async function warmTestParser(): Promise<void> {
  testReader.start();
  const until = Date.now() + WARM_UP_MS - 5_000;
  while (testReader.state !== 'ready' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (testReader.state !== 'ready') throw new Error(`the number model's worker is still ${testReader.state}`);
}

/** The profile a text states; fails the test when the numbers could not be read. */
export async function parseProfile(text: string, lang: Lang, options: ParseOptions = {}): Promise<Partial<FirmProfile>> {
  const reading = await testParser.parse(text, lang, options);
  if (!reading.complete) throw new Error(`numbers of ${JSON.stringify(text)} not read: ${reading.reason}`);
  return reading.profile;
}

/**
 * Stand-in parser workers for tests of the worker's life (timeouts, crashes, restarts): they
 * speak the worker's protocol (src/infrastructure/parser/worker.ts) and start at once, with no
 * model; all but `warming` say they are ready first.
 */
const READY = `parentPort.postMessage({ type: 'ready' });`;
const STUB_WORKERS = {
  /** Every text's first "cent vingt" reads 120; nothing else is a number. */
  answers: `${READY} parentPort.on('message', ({ id, text }) => {
    const at = text.indexOf('cent vingt');
    parentPort.postMessage({ type: 'read', id, chars: text.length, spans: at < 0 ? [] : [{ start: at, end: at + 10, text: 'cent vingt', value: 120 }] });
  });`,
  /** Dies on its first message. */
  dies: `${READY} parentPort.on('message', () => process.exit(1));`,
  /**
   * Never answers: its thread blocks for good on the first message, as a model lost in a
   * pathological text would, but asleep (a spinning stand-in burned a core until replaced, 10 s).
   */
  stuck: `${READY} parentPort.on('message', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));`,
  /** Never gets ready, as a model whose build has not ended yet. */
  warming: `parentPort.on('message', () => undefined);`,
};
export function stubWorker(kind: keyof typeof STUB_WORKERS): Worker {
  return new Worker(`const { parentPort } = require('node:worker_threads'); ${STUB_WORKERS[kind]}`, { eval: true });
}
