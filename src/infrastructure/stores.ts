import path from 'node:path';
import type { KnowledgeBase } from '../domain/knowledge-base';
import type { Notifier, NotifierChannel } from '../domain/contact/notification';
import type { ContactRequest } from '../domain/contact/types';
import type { HistoryEntry } from '../domain/admin';
import { HISTORY_FILE, KbHistory, isHistoryEntry } from './kb-history';
import { DocumentKbRevisions, SharedKnowledgeBase } from './kb-store';
import { KnowledgeBaseFiles } from './knowledge-base';
import { OUTBOX_FILE, Outbox, isOutboxEntry, type OutboxEntry, type OutboxOptions } from './notify/outbox';
import { isContactRequest, isRequestKey, RequestStore, REQUESTS_FILE, type RequestKey } from './request-store';
import { AzureMessageQueue } from './storage/azure-queue';
import { BlobDocumentStore } from './storage/blob-documents';
import { checkContainerName } from './storage/azure';
import type { DocumentStore } from './storage/documents';
import { StorageError } from './storage/errors';
import { DocumentQueue, isFileQueueEntry, type FileQueueEntry } from './storage/file-queue';
import { MemoryDocumentStore } from './storage/memory-documents';
import type { MessageQueue } from './storage/queue';

export interface StoreSettings {
  storage: 'file' | 'memory' | 'blob';
  stateDir: string;
  /** The knowledge base's files: its store with STORAGE=file, the seed of the shared one with STORAGE=blob. */
  kbDir: string;
  blobConnectionString: string;
  /** Container of the shared records (requests, outbox, knowledge base and history); not the state container, which a lifecycle rule may purge. */
  blobDataContainer: string;
  outboxQueue: string;
  /** How often a process looks for a knowledge-base revision made by another one (an instance, `npm run kb:import`). */
  kbRefreshMs: number;
}

/** Every durable record but the conversation state, on the local disk, in memory, or shared in Azure Storage. */
export interface Stores extends KnowledgeStores {
  requests: RequestStore;
  outbox: Outbox;
  /** Reachability of each store, for /health: 'ok' or what fails (no secret). */
  probe(): Promise<Record<string, string>>;
  close(): void;
}

/** The knowledge base's store, which keeps the served base up to date, and its change history. */
export interface KnowledgeStores {
  sharedKb: SharedKnowledgeBase;
  history: KbHistory;
}

const PROBE_TIMEOUT_MS = 5_000;

async function probeAll(probes: Record<string, () => Promise<void>>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StorageError('UNAVAILABLE', `no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      });
      try {
        await Promise.race([probe(), timeout]);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof StorageError ? `unavailable (${err.code})` : 'unavailable'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The store of one kind of record when it is not a directory of STATE_DIR: blobs under `name/` in
 * the data container (STORAGE=blob), or memory (STORAGE=memory).
 */
async function documentsFor(settings: StoreSettings): Promise<<T>(name: string, isValid?: (value: unknown) => value is T) => DocumentStore<T>> {
  if (settings.storage !== 'blob') return (name) => new MemoryDocumentStore(name);
  const { containerClient } = await import('./storage/azure-clients.js');
  const container = containerClient(settings.blobConnectionString, settings.blobDataContainer);
  return (name, isValid) => new BlobDocumentStore(container, name, { isValid });
}

/**
 * Opens the knowledge base's store and history where STORAGE says, and serves the stored base in
 * `kb`. `file`: the files of KB_DIR, history in STATE_DIR. `blob`: the data container, shared by
 * every instance (seeded from KB_DIR by the first one). `memory`: this process only, seeded from
 * KB_DIR; changes are never written to KB_DIR. Polls for revisions made elsewhere when `watch`.
 */
export async function openKnowledgeStores(
  settings: StoreSettings,
  kb: KnowledgeBase,
  options: { log?: (message: string) => void; watch?: boolean } = {},
): Promise<KnowledgeStores> {
  const documents = await documentsFor(settings);
  const file = settings.storage === 'file';
  const history = file ? await KbHistory.open(settings.stateDir) : new KbHistory(documents<HistoryEntry>('kb-history', isHistoryEntry));
  const revisions = file ? new KnowledgeBaseFiles(settings.kbDir) : new DocumentKbRevisions(documents<unknown>('kb'));
  const sharedKb = await SharedKnowledgeBase.attach(kb, revisions, options.log);
  if (options.watch && settings.storage !== 'memory') sharedKb.start(settings.kbRefreshMs);
  return { sharedKb, history };
}

/**
 * Opens the stores STORAGE asks for: `file`, under STATE_DIR (and KB_DIR) for one machine;
 * `memory`, in this process only (throw-away runs: nothing is written, everything is lost on
 * exit); `blob`, one container and one queue of the Azure Storage account, shared by every
 * instance. Every store is checked before the server takes traffic: an unreachable one fails
 * start-up with StorageError. The knowledge base is watched for revisions made elsewhere.
 */
export async function openStores(
  settings: StoreSettings,
  kb: KnowledgeBase,
  notifiers: Partial<Record<NotifierChannel, Notifier>>,
  options: { log?: (message: string) => void; outbox?: OutboxOptions } = {},
): Promise<Stores> {
  const log = options.log ?? (() => undefined);
  const outboxOptions = { log, ...options.outbox };
  if (settings.storage === 'blob') checkContainerName(settings.outboxQueue, 'queue');
  const documents = await documentsFor(settings);
  const file = settings.storage === 'file';
  const requests = file
    ? await RequestStore.open(settings.stateDir)
    : new RequestStore(documents<ContactRequest>('requests', isContactRequest), documents<RequestKey>('request-keys', isRequestKey));
  const queue = async (): Promise<MessageQueue> =>
    settings.storage === 'blob'
      ? new AzureMessageQueue((await import('./storage/azure-clients.js')).queueService(settings.blobConnectionString).getQueueClient(settings.outboxQueue))
      : new DocumentQueue(documents<FileQueueEntry>('outbox queue', isFileQueueEntry));
  const outbox = file
    ? await Outbox.open(settings.stateDir, notifiers, outboxOptions)
    : new Outbox(documents<OutboxEntry>('outbox', isOutboxEntry), await queue(), notifiers, outboxOptions);
  const probes = { requests: () => requests.probe(), outbox: () => outbox.probe() };
  await failIfUnreachable(probes);
  const { sharedKb, history } = await openKnowledgeStores(settings, kb, { log, watch: true });
  const all = { ...probes, knowledgeBase: () => sharedKb.probe(), kbHistory: () => history.probe() };
  await failIfUnreachable(all);
  if (settings.storage === 'blob') await moveEarlierFiles(settings.stateDir, { requests, outbox, history }, log);
  return { requests, outbox, history, sharedKb, probe: () => probeAll(all), close: () => sharedKb.stop() };
}

/**
 * Versions before the shared stores kept requests, notifications and history in STATE_DIR
 * whatever STORAGE said: an instance upgraded in place moves them into the shared stores (each
 * record once, whichever instance gets there first), then deletes those holding personal data
 * (requests, notifications) and sets the history aside. The knowledge base
 * edited there reaches the shared store by the seeding from KB_DIR.
 */
async function moveEarlierFiles(stateDir: string, into: Pick<Stores, 'requests' | 'outbox' | 'history'>, log: (message: string) => void): Promise<void> {
  const files: Array<[string, (file: string) => Promise<boolean>]> = [
    [REQUESTS_FILE, (f) => into.requests.migrate(f)],
    [OUTBOX_FILE, (f) => into.outbox.migrate(f)],
    [HISTORY_FILE, (f) => into.history.migrate(f)],
  ];
  for (const [name, move] of files) {
    if (await move(path.join(stateDir, name)))
      log(
        `storage: the records of ${name} (earlier version) are now in the shared stores; the file is ${name === HISTORY_FILE ? `kept as ${name}.migrated` : 'deleted'}`,
      );
  }
}

async function failIfUnreachable(probes: Record<string, () => Promise<void>>): Promise<void> {
  const failed = Object.entries(await probeAll(probes)).filter(([, s]) => s !== 'ok');
  if (failed.length) throw new StorageError('UNAVAILABLE', `Cannot use the storage for ${failed.map(([name, s]) => `${name}: ${s}`).join('; ')}`);
}
