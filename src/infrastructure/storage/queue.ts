/** A message taken from a queue: hidden from other receivers until its lease runs out. */
export interface QueuedMessage {
  id: string;
  /** Proves this receiver still holds the message; changes on every receive and release. */
  popReceipt: string;
  body: string;
  /** How many times the message was received, this time included. */
  dequeueCount: number;
}

/**
 * At-least-once delivery between instances: a received message is hidden for a visibility
 * timeout, and comes back (dequeue count + 1) unless its receiver deletes it first, so a
 * receiver that dies mid-work hands the message over to another one.
 */
export interface MessageQueue {
  readonly name: string;
  /** Adds a message, visible after `delayMs` (default now). */
  send(body: string, options?: { delayMs?: number }): Promise<void>;
  /** Up to `max` visible messages, each hidden from other receivers for `visibilityMs`. */
  receive(max: number, visibilityMs: number): Promise<QueuedMessage[]>;
  /** Hides the message again for `delayMs` (retry later); QueueLeaseLostError if another receiver took it. */
  release(message: QueuedMessage, delayMs: number): Promise<QueuedMessage>;
  /** Removes a handled message; QueueLeaseLostError if its lease ran out and another receiver took it. */
  delete(message: QueuedMessage): Promise<void>;
  probe(): Promise<void>;
}

/** The message's lease ran out and someone else received it (or it is gone). */
export class QueueLeaseLostError extends Error {
  constructor(
    readonly queue: string,
    readonly messageId: string,
  ) {
    super(`${queue}: message ${messageId} is no longer held by this receiver`);
    this.name = 'QueueLeaseLostError';
  }
}
