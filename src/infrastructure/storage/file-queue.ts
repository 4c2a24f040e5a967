import { randomUUID } from 'node:crypto';
import type { DocumentStore } from './documents';
import { DocumentConflictError } from './errors';
import { QueueLeaseLostError, type MessageQueue, type QueuedMessage } from './queue';

export interface FileQueueEntry {
  body: string;
  insertedAt: string;
  /** ISO date from which the message can be received. */
  visibleAt: string;
  dequeueCount: number;
  popReceipt: string;
}

export function isFileQueueEntry(value: unknown): value is FileQueueEntry {
  const v = value as Partial<FileQueueEntry> | null;
  return (
    !!v &&
    typeof v.body === 'string' &&
    typeof v.visibleAt === 'string' &&
    typeof v.insertedAt === 'string' &&
    typeof v.dequeueCount === 'number' &&
    typeof v.popReceipt === 'string'
  );
}

/**
 * The Azure Storage queue's semantics (visibility timeout, dequeue count, pop receipts) over a
 * document store, one document per message, for one machine without Azure: each lease is a
 * conditional write, so two workers on the same directory never both hold a message.
 */
export class DocumentQueue implements MessageQueue {
  constructor(
    private readonly docs: DocumentStore<FileQueueEntry>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get name(): string {
    return this.docs.name;
  }

  async send(body: string, options: { delayMs?: number } = {}): Promise<void> {
    const at = this.now();
    // Time first: listing order is insertion order for messages sent by one process.
    const id = `${at.getTime().toString(36).padStart(9, '0')}-${randomUUID()}`;
    await this.docs.create(id, {
      body,
      insertedAt: at.toISOString(),
      visibleAt: new Date(at.getTime() + (options.delayMs ?? 0)).toISOString(),
      dequeueCount: 0,
      popReceipt: '',
    });
  }

  async receive(max: number, visibilityMs: number): Promise<QueuedMessage[]> {
    const now = this.now();
    const visible = (await this.docs.all())
      .filter((d) => Date.parse(d.value.visibleAt) <= now.getTime())
      .sort((a, b) => a.value.insertedAt.localeCompare(b.value.insertedAt) || a.key.localeCompare(b.key));
    const out: QueuedMessage[] = [];
    for (const doc of visible) {
      if (out.length >= max) break;
      const next: FileQueueEntry = {
        ...doc.value,
        dequeueCount: doc.value.dequeueCount + 1,
        popReceipt: randomUUID(),
        visibleAt: new Date(now.getTime() + visibilityMs).toISOString(),
      };
      try {
        await this.docs.put(doc.key, next, { ifMatch: doc.eTag });
      } catch (err) {
        if (err instanceof DocumentConflictError) continue; // another worker took it first
        throw err;
      }
      out.push({ id: doc.key, popReceipt: next.popReceipt, body: next.body, dequeueCount: next.dequeueCount });
    }
    return out;
  }

  async release(message: QueuedMessage, delayMs: number): Promise<QueuedMessage> {
    const doc = await this.held(message);
    const next: FileQueueEntry = { ...doc.value, popReceipt: randomUUID(), visibleAt: new Date(this.now().getTime() + delayMs).toISOString() };
    try {
      await this.docs.put(doc.key, next, { ifMatch: doc.eTag });
    } catch (err) {
      if (err instanceof DocumentConflictError) throw new QueueLeaseLostError(this.name, message.id);
      throw err;
    }
    return { ...message, popReceipt: next.popReceipt };
  }

  async delete(message: QueuedMessage): Promise<void> {
    const doc = await this.held(message);
    try {
      await this.docs.delete(doc.key, { ifMatch: doc.eTag });
    } catch (err) {
      if (err instanceof DocumentConflictError) throw new QueueLeaseLostError(this.name, message.id);
      throw err;
    }
  }

  probe(): Promise<void> {
    return this.docs.probe();
  }

  private async held(message: QueuedMessage) {
    const doc = await this.docs.get(message.id);
    if (!doc || doc.value.popReceipt !== message.popReceipt) throw new QueueLeaseLostError(this.name, message.id);
    return doc;
  }
}
