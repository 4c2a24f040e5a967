import type { NotificationMessage, NotifierChannel } from './notification';
import type { ContactRequest, NewContactRequest, RequestFilter } from './types';

/** Where contact requests are kept (src/infrastructure/request-store.ts). Each change is durable when its promise resolves. */
export interface RequestRepository {
  /** Stores a new request, or returns the one already stored under the same idempotency key. */
  create(input: NewContactRequest): Promise<{ request: ContactRequest; created: boolean }>;
  get(reference: string): Promise<ContactRequest | null>;
  /** Requests whose firm contact is this e-mail or phone; with `requesterKey`, only that requester's. */
  findByContact(contact: string, requesterKey?: string): Promise<ContactRequest[]>;
  /** Requests matching the filter, newest first. */
  list(filter?: RequestFilter): Promise<ContactRequest[]>;
  /** 'nouvelle' becomes 'transmise'; false when the request was already further along (or is gone). */
  markDelivered(reference: string, actor: string): Promise<boolean>;
  /** Deletes requests created more than `days` days ago; returns their references. */
  purgeOlderThan(days: number): Promise<string[]>;
  /** Everything stored about a firm, found by e-mail, phone or exact name. */
  exportFirm(query: string): Promise<ContactRequest[]>;
  /** Erases every request of a firm; returns their references. */
  eraseFirm(query: string): Promise<string[]>;
}

/** One notification to deliver about a request, on one channel. */
export interface Delivery {
  channel: NotifierChannel;
  /** Delivery of a primary notification means the request reached whoever handles it ('transmise'). */
  primary: boolean;
  message: NotificationMessage;
}

/**
 * Notifications waiting to be delivered (src/infrastructure/notify/outbox.ts). Enqueuing is the
 * only thing a user's turn waits for; a background worker delivers and retries.
 */
export interface NotificationOutbox {
  /** The channels that can deliver now (configured notifiers). */
  channels(): NotifierChannel[];
  enqueue(reference: string, deliveries: Delivery[]): Promise<unknown>;
  /** Drops the notifications of these requests (purge, erasure). */
  removeFor(references: string[]): Promise<number>;
  setOnDelivered(callback: (delivered: { reference: string; channel: NotifierChannel; primary: boolean }) => Promise<void> | void): void;
  start(): void;
  stop(): Promise<void>;
}

/** One stored conversation, as its store keeps it (the chat's memory and any unfinished draft). */
export interface ConversationRecord {
  key: string;
  modifiedAt: string;
  value: unknown;
}

/**
 * The conversations the chat keeps (src/infrastructure/state/fileStorage.ts), for a person's
 * export and erasure: their drafts and the references of their requests live there too.
 */
export interface ConversationRecords {
  /** The stored conversations whose state satisfies `mentions`. */
  matching(mentions: (state: Record<string, unknown>) => boolean): Promise<ConversationRecord[]>;
  delete(keys: string[]): Promise<void>;
}
