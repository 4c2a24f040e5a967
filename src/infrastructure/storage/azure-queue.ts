import type { QueueClient } from '@azure/storage-queue';
import { statusOf, unavailable } from './azure';
import { StorageError } from './errors';
import { QueueLeaseLostError, type MessageQueue, type QueuedMessage } from './queue';

/** Azure's rule for queue names. */
const QUEUE_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
/** The service's longest visibility timeout (7 days), in seconds. */
const MAX_VISIBILITY_S = 7 * 24 * 3600;

const seconds = (ms: number) => Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil(ms / 1000)));

/**
 * An Azure Storage queue (Azurite locally): the service keeps the visibility timeout, the dequeue
 * count and the pop receipts, so every instance reading the queue shares one lease per message.
 * Message bodies are plain text (the SDK escapes them); keep them small, they are not erasable.
 */
export class AzureMessageQueue implements MessageQueue {
  private ready: Promise<void> | undefined;

  constructor(private readonly queue: QueueClient) {
    if (!QUEUE_NAME.test(queue.name)) {
      throw new StorageError('INVALID_OPTIONS', `Invalid queue name "${queue.name}": 3 to 63 lowercase letters, digits and single hyphens`);
    }
  }

  get name(): string {
    return this.queue.name;
  }

  async send(body: string, options: { delayMs?: number } = {}): Promise<void> {
    await this.ensureQueue();
    try {
      await this.queue.sendMessage(body, { visibilityTimeout: seconds(options.delayMs ?? 0), messageTimeToLive: -1 });
    } catch (err) {
      throw unavailable(`queue "${this.name}"`, err);
    }
  }

  async receive(max: number, visibilityMs: number): Promise<QueuedMessage[]> {
    await this.ensureQueue();
    try {
      const res = await this.queue.receiveMessages({ numberOfMessages: Math.min(32, Math.max(1, max)), visibilityTimeout: Math.max(1, seconds(visibilityMs)) });
      return res.receivedMessageItems.map((m) => ({ id: m.messageId, popReceipt: m.popReceipt, body: m.messageText, dequeueCount: m.dequeueCount }));
    } catch (err) {
      throw unavailable(`queue "${this.name}"`, err);
    }
  }

  async release(message: QueuedMessage, delayMs: number): Promise<QueuedMessage> {
    try {
      const res = await this.queue.updateMessage(message.id, message.popReceipt, undefined, seconds(delayMs));
      return { ...message, popReceipt: res.popReceipt ?? message.popReceipt };
    } catch (err) {
      throw this.leaseError(message, err);
    }
  }

  async delete(message: QueuedMessage): Promise<void> {
    try {
      await this.queue.deleteMessage(message.id, message.popReceipt);
    } catch (err) {
      throw this.leaseError(message, err);
    }
  }

  async probe(): Promise<void> {
    this.ready = undefined;
    await this.ensureQueue();
  }

  private leaseError(message: QueuedMessage, err: unknown): Error {
    // 404 MessageNotFound / 400 PopReceiptMismatch: the lease ran out and another receiver has it.
    const status = statusOf(err);
    if (status === 404 || status === 400) return new QueueLeaseLostError(this.name, message.id);
    return unavailable(`queue "${this.name}"`, err);
  }

  private ensureQueue(): Promise<void> {
    this.ready ??= this.queue.createIfNotExists().then(
      () => undefined,
      (err: unknown) => {
        this.ready = undefined;
        throw unavailable(`queue "${this.name}"`, err);
      },
    );
    return this.ready;
  }
}
