import type { Lang } from '../../domain/types';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { NumbersUnread, type NumberReader, type NumberReaderState, type NumberSpan, type UnreadReason } from '../../domain/profile';
import type { FromWorker, ToWorker, WorkerData } from './worker';

/**
 * The number model in worker threads, so that the server's event loop never runs it: a message
 * waits in a bounded queue, each wait is bounded by a time limit, and a worker that dies is
 * replaced. worker_threads directly rather than a pool library: one or two long-lived threads
 * that must be warmed before use, must not be killed when a caller stops waiting (that would
 * throw the built models away), and report readiness for /health — what a pool would add
 * (dynamic sizing, idle reaping, task cancellation by termination) is what this must avoid.
 */

export interface WorkerNumberReaderOptions {
  /** How long a message may wait for its numbers, queue and model warm-up included. */
  timeoutMs: number;
  /** Messages waiting beyond this many are answered "busy" at once. */
  maxQueue?: number;
  threads?: number;
  /** Added to the workers' threads' nice value (Linux; 0: the server's priority). See worker.ts. */
  nice?: number;
  log?: (message: string) => void;
  /** Starts one worker, sharing its cancel flag (tests hand in a failing one). */
  startWorker?: (cancel: SharedArrayBuffer, nice: number) => Worker;
  /**
   * The caller starts the workers (start()): a server does once it listens, since a thread that
   * loads and builds the model beside the start-up slows it on a busy machine (measured at load 9:
   * 1.9-2.3 s to listening against 1.2-1.5 s).
   */
  startLater?: boolean;
  /**
   * Nobody starts the workers: the first message that needs the model does. A process that never
   * reads numbers in words never builds the model (seconds of CPU, tens of MB); /health says `idle`.
   */
  lazy?: boolean;
}

interface Task {
  id: number;
  text: string;
  locale: Lang;
  resolve(spans: NumberSpan[]): void;
  reject(err: NumbersUnread): void;
  timer: NodeJS.Timeout;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  /** The id of the message this worker may leave unread (shared with it: see worker.ts). */
  cancel: Int32Array;
}

/** Crashes in a row (no worker got ready in between) before giving up. */
const MAX_RESTARTS = 3;
const RESTART_DELAY_MS = 500;
/**
 * A worker still on one message this many time limits after it was due, and at least
 * STUCK_AFTER_MS, is replaced: told that nobody waits, it stops within one piece of text (a second
 * or so; several on a loaded machine), so one that does not answer is stuck.
 */
const STUCK_AFTER_TIMEOUTS = 4;
const STUCK_AFTER_MS = 10_000;

/**
 * The worker's heap is mostly the model's compiled regular expressions (about 14 of 21 MB since the
 * French fraction patterns are lean, see numberModel.ts) and long-lived objects; a young generation
 * of 8 MB (V8's default grows to 32) keeps about 10 MB less resident (4 MB: 2 MB more, measured).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

export function startWorker(cancel: SharedArrayBuffer, nice = 0): Worker {
  const options = { resourceLimits: WORKER_LIMITS, workerData: { cancel, nice } satisfies WorkerData };
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'worker.js'), options);
  // Running from the TypeScript sources (tests, tsx): the worker compiles them the same way.
  const source = path.join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { ...options, eval: true });
}

export class WorkerNumberReader implements NumberReader {
  private current: NumberReaderState;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private crashes = 0;
  private closed = false;
  /** Characters the workers handed to the model: the work done, counted (for tests). */
  charsRead = 0;

  private started = false;

  constructor(private readonly options: WorkerNumberReaderOptions) {
    this.current = options.lazy ? 'idle' : 'warming';
    if (!options.startLater && !options.lazy) this.start();
  }

  /** Starts the workers, once. A message read before waits for them in the queue, within its time limit (and starts them, if lazy). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.current = 'warming';
    for (let i = 0; i < (this.options.threads ?? 1); i++) this.slots.push(this.spawn());
  }

  get state(): NumberReaderState {
    return this.current;
  }

  read(text: string, locale: Lang): Promise<NumberSpan[]> {
    if (this.closed || this.current === 'failed') return Promise.reject(new NumbersUnread('unavailable'));
    if (this.queue.length >= (this.options.maxQueue ?? 32)) return Promise.reject(new NumbersUnread('busy'));
    if (this.options.lazy) this.start();
    return new Promise<NumberSpan[]>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        text,
        locale,
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => this.expire(task), this.options.timeoutMs),
      };
      this.queue.push(task);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) this.settle(task, new NumbersUnread('unavailable'));
    for (const slot of this.slots) if (slot.task) this.settle(slot.task, new NumbersUnread('unavailable'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(task: Task, outcome: NumberSpan[] | NumbersUnread): void {
    if (task.settled) return;
    task.settled = true;
    clearTimeout(task.timer);
    if (outcome instanceof NumbersUnread) task.reject(outcome);
    else task.resolve(outcome);
  }

  private expire(task: Task): void {
    const reason: UnreadReason = this.current === 'ready' ? 'timeout' : this.current === 'warming' ? 'warming' : 'unavailable';
    this.settle(task, new NumbersUnread(reason));
    const waiting = this.queue.indexOf(task);
    if (waiting >= 0) {
      this.queue.splice(waiting, 1);
      return;
    }
    // Already in a worker: it leaves the rest of the text unread. One that never answers is replaced.
    const slot = this.slots.find((s) => s.task === task);
    if (slot) {
      Atomics.store(slot.cancel, 0, task.id);
      setTimeout(
        () => {
          if (slot.task === task) {
            this.options.log?.('parser worker stuck on one message; replacing it');
            void slot.worker.terminate();
          }
        },
        Math.max(this.options.timeoutMs * STUCK_AFTER_TIMEOUTS, STUCK_AFTER_MS),
      ).unref();
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.worker.postMessage({ id: task.id, text: task.text, locale: task.locale } satisfies ToWorker);
    }
  }

  private spawn(): Slot {
    const cancel = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const slot: Slot = {
      worker: (this.options.startWorker ?? startWorker)(cancel, this.options.nice ?? 0),
      ready: false,
      task: null,
      cancel: new Int32Array(cancel),
    };
    slot.worker.unref();
    slot.worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.ready = true;
        this.crashes = 0;
        this.current = 'ready';
      } else {
        const task = slot.task;
        slot.task = null;
        if (message.type !== 'failed') this.charsRead += message.chars;
        if (task && task.id === message.id) this.settle(task, message.type === 'read' ? message.spans : new NumbersUnread('unavailable'));
      }
      this.dispatch();
    });
    slot.worker.on('error', (err) => this.options.log?.(`parser worker failed: ${err.message}`));
    slot.worker.on('exit', () => {
      if (this.closed) return;
      if (slot.task) this.settle(slot.task, new NumbersUnread('unavailable'));
      const index = this.slots.indexOf(slot);
      this.crashes++;
      if (this.crashes > MAX_RESTARTS) {
        this.current = 'failed';
        this.options.log?.('parser worker keeps failing; numbers written in words will not be read');
        for (const task of this.queue.splice(0)) this.settle(task, new NumbersUnread('unavailable'));
        return;
      }
      this.current = this.slots.some((s) => s !== slot && s.ready) ? 'ready' : 'restarting';
      setTimeout(() => {
        if (!this.closed) this.slots[index] = this.spawn();
      }, RESTART_DELAY_MS * this.crashes).unref();
    });
    return slot;
  }
}
