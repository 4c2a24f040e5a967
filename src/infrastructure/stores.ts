import type { KnowledgeBase } from '../domain/knowledge-base';
import type { Notifier, NotifierChannel } from '../domain/contact/notification';
import type { ContactRequest } from '../domain/contact/types';
import type { HistoryEntry } from '../domain/admin';
import { KbHistory, isHistoryEntry } from './kb-history';
import { SharedKnowledgeBase } from './kb-store';
import { Outbox, isOutboxEntry, type OutboxEntry, type OutboxOptions } from './notify/outbox';
import { isContactRequest, isRequestKey, RequestStore, type RequestKey } from './request-store';
import { AzureMessageQueue } from './storage/azure-queue';
import { BlobDocumentStore } from './storage/blob-documents';
import { checkContainerName, containerClient, queueService } from './storage/azure';
import { StorageError } from './storage/errors';

export interface StoreSettings {
  storage: 'file' | 'memory' | 'blob';
  stateDir: string;
  blobConnectionString: string;
  /** Container of the shared records (requests, outbox, knowledge base and history); not the state container, which a lifecycle rule may purge. */
  blobDataContainer: string;
  outboxQueue: string;
  /** How often an instance looks for a knowledge-base revision made by another one (shared base only). */
  kbRefreshMs: number;
}

/** Every durable record but the conversation state, on the local disk or shared in Azure Storage. */
export interface Stores {
  requests: RequestStore;
  outbox: Outbox;
  history: KbHistory;
  /** Set when the knowledge base is shared by several instances. */
  sharedKb: SharedKnowledgeBase | null;
  /** Reachability of each store, for /health: 'ok' or what fails (no secret). */
  probe(): Promise<Record<string, string>>;
  close(): void;
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
 * Opens the stores STORAGE asks for. `file` (and `memory`, which only concerns conversation
 * state): files under STATE_DIR, for one machine. `blob`: one container and one queue of the
 * Azure Storage account, shared by every instance; the knowledge base is loaded from it (seeded
 * from KB_DIR by the first instance) and watched for revisions made by the others. Every store is
 * checked before the server takes traffic: an unreachable one fails start-up with StorageError.
 */
export async function openStores(
  settings: StoreSettings,
  kb: KnowledgeBase,
  notifiers: Partial<Record<NotifierChannel, Notifier>>,
  options: { log?: (message: string) => void; outbox?: OutboxOptions } = {},
): Promise<Stores> {
  const log = options.log ?? (() => undefined);
  const outboxOptions = { log, ...options.outbox };
  if (settings.storage !== 'blob') {
    const requests = await RequestStore.open(settings.stateDir);
    const outbox = await Outbox.open(settings.stateDir, notifiers, outboxOptions);
    const history = await KbHistory.open(settings.stateDir);
    const stores: Stores = {
      requests,
      outbox,
      history,
      sharedKb: null,
      probe: () => probeAll({ requests: () => requests.probe(), outbox: () => outbox.probe(), kbHistory: () => history.probe() }),
      close: () => undefined,
    };
    await failIfUnreachable(stores);
    return stores;
  }
  checkContainerName(settings.outboxQueue, 'queue');
  const container = containerClient(settings.blobConnectionString, settings.blobDataContainer);
  const requests = new RequestStore(
    new BlobDocumentStore<ContactRequest>(container, 'requests', { isValid: isContactRequest }),
    new BlobDocumentStore<RequestKey>(container, 'request-keys', { isValid: isRequestKey }),
  );
  const outbox = new Outbox(
    new BlobDocumentStore<OutboxEntry>(container, 'outbox', { isValid: isOutboxEntry }),
    new AzureMessageQueue(queueService(settings.blobConnectionString).getQueueClient(settings.outboxQueue)),
    notifiers,
    outboxOptions,
  );
  const history = new KbHistory(new BlobDocumentStore<HistoryEntry>(container, 'kb-history', { isValid: isHistoryEntry }));
  const stores: Stores = {
    requests,
    outbox,
    history,
    sharedKb: null,
    probe: () =>
      probeAll({
        requests: () => requests.probe(),
        outbox: () => outbox.probe(),
        knowledgeBase: () => stores.sharedKb?.probe() ?? Promise.resolve(),
        kbHistory: () => history.probe(),
      }),
    close: () => stores.sharedKb?.stop(),
  };
  await failIfUnreachable(stores);
  stores.sharedKb = await SharedKnowledgeBase.attach(kb, new BlobDocumentStore<unknown>(container, 'kb'), log);
  stores.sharedKb.start(settings.kbRefreshMs);
  return stores;
}

async function failIfUnreachable(stores: Stores): Promise<void> {
  const status = await stores.probe();
  const failed = Object.entries(status).filter(([, s]) => s !== 'ok');
  if (failed.length) throw new StorageError('UNAVAILABLE', `Cannot use the storage for ${failed.map(([name, s]) => `${name}: ${s}`).join('; ')}`);
}
