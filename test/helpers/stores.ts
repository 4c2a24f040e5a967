import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { containerClient, queueService } from '../../src/infrastructure/storage/azure-clients';
import { AzureMessageQueue } from '../../src/infrastructure/storage/azure-queue';
import { BlobDocumentStore } from '../../src/infrastructure/storage/blob-documents';
import type { DocumentStore } from '../../src/infrastructure/storage/documents';
import { FileDocumentStore } from '../../src/infrastructure/storage/file-documents';
import { DocumentQueue, isFileQueueEntry, type FileQueueEntry } from '../../src/infrastructure/storage/file-queue';
import { MemoryDocumentStore } from '../../src/infrastructure/storage/memory-documents';
import type { MessageQueue, QueuedMessage } from '../../src/infrastructure/storage/queue';
import { startAzurite, type AzuriteHandle } from './azurite';

/** One place records live: a directory, a container and queue on Azurite, or a process's memory. */
export interface StoreLocation {
  dir: string;
  connectionString: string;
  container: string;
  queue: string;
  /** Unique name of the location (memory backend: stores opened on it are shared). */
  id: string;
}

/**
 * The places records can live, for contract tables run against each: a temporary directory
 * (STORAGE=file), Azurite's blob and queue services (STORAGE=blob), and memory (STORAGE=memory).
 * Each `fresh()` gives a location no other test uses; stores opened twice on one location (two
 * instances, or a restart) share their records.
 */
export interface StoreBackend {
  name: 'file' | 'azure' | 'memory';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  fresh(): StoreLocation;
  /** The document store `name` at a location. */
  documents<T>(at: StoreLocation, name: string, isValid?: (value: unknown) => value is T): DocumentStore<T>;
  /** The message queue at a location; `now` moves the file and memory queues' clock (Azure keeps its own). */
  queue(at: StoreLocation, now?: () => Date): MessageQueue;
}

export function storeBackends(options: { memory?: boolean } = {}): StoreBackend[] {
  let root = '';
  let azurite: AzuriteHandle | undefined;
  let seq = 0;
  const unique = () => `t${++seq}-${randomBytes(3).toString('hex')}`;
  const none = { dir: '', connectionString: '', container: '', queue: '' };
  const memory = new Map<string, DocumentStore<any>>();
  const inMemory = <T>(at: StoreLocation, name: string): DocumentStore<T> => {
    const key = `${at.id}/${name}`;
    if (!memory.has(key)) memory.set(key, new MemoryDocumentStore<T>(name));
    return memory.get(key)!;
  };
  const backends: StoreBackend[] = [
    {
      name: 'file',
      async setup() {
        root = mkdtempSync(path.join(os.tmpdir(), 'stores-'));
      },
      async teardown() {
        rmSync(root, { recursive: true, force: true });
      },
      fresh: () => ({ ...none, dir: mkdtempSync(path.join(root, 'dir-')), id: unique() }),
      documents: (at, name, isValid) => new FileDocumentStore(path.join(at.dir, name), name, { isValid }),
      queue: (at, now) => new DocumentQueue(new FileDocumentStore(path.join(at.dir, 'outbox-queue'), 'outbox queue', { isValid: isFileQueueEntry, now }), now),
    },
    {
      name: 'azure',
      async setup() {
        azurite = await startAzurite({ queue: true });
      },
      async teardown() {
        await azurite?.stop();
        azurite = undefined;
      },
      fresh: () => ({ ...none, connectionString: azurite!.connectionString, container: `c-${unique()}`, queue: `q-${unique()}`, id: unique() }),
      documents: (at, name, isValid) => new BlobDocumentStore(containerClient(at.connectionString, at.container), name, { isValid }),
      queue: (at) => new AzureMessageQueue(queueService(at.connectionString).getQueueClient(at.queue)),
    },
  ];
  if (options.memory !== false) {
    backends.push({
      name: 'memory',
      async setup() {},
      async teardown() {
        memory.clear();
      },
      fresh: () => ({ ...none, id: unique() }),
      documents: (at, name) => inMemory(at, name),
      queue: (at, now) => new DocumentQueue(inMemory<FileQueueEntry>(at, 'outbox-queue'), now),
    });
  }
  return backends;
}

/** The values of the documents a file store keeps in `dir` (one JSON file each), as a reader of the disk sees them. */
export function documentsOnDisk<T = Record<string, any>>(dir: string): T[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { value: T }).value);
}

/**
 * Leases that run out when the test says so. Wraps real queues; remembers each message received
 * or put back with a delay, and `expire()` makes them visible now through the real queue
 * (release with no delay): what the visibility timeout does when a receiver dies or a retry falls
 * due. The message comes back with a higher dequeue count and its old pop receipt stops working.
 * With leases and delays longer than the test, nothing else brings a message back, so a test
 * built on this holds however slow the machine.
 */
export class LeaseControl {
  private readonly held = new Map<string, { queue: MessageQueue; message: QueuedMessage }>();
  /** The delays asked of release() (retry backoff), in order. */
  readonly releases: number[] = [];

  wrap(queue: MessageQueue): MessageQueue {
    return {
      name: queue.name,
      send: (body, options) => queue.send(body, options),
      receive: async (max, visibilityMs) => {
        const messages = await queue.receive(max, visibilityMs);
        for (const message of messages) this.held.set(message.id, { queue, message });
        return messages;
      },
      release: async (message, delayMs) => {
        const released = await queue.release(message, delayMs);
        this.releases.push(delayMs);
        this.held.set(message.id, { queue, message: released });
        return released;
      },
      delete: async (message) => {
        await queue.delete(message);
        this.held.delete(message.id);
      },
      probe: () => queue.probe(),
    };
  }

  /** Makes every message held or delayed visible now; returns how many. */
  async expire(): Promise<number> {
    const held = [...this.held.values()];
    this.held.clear();
    for (const { queue, message } of held) await queue.release(message, 0);
    return held.length;
  }
}
