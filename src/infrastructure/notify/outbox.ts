import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { PrivateJSONFile, readDocument, SerialQueue, writeOrRollBack } from '../private-file';
import { DeliveryError, describeError, type NotificationMessage, type Notifier, type NotifierChannel } from '../../domain/contact/notification';

export const OUTBOX_FILE = 'outbox.json';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  id: string;
  reference: string;
  channel: NotifierChannel;
  /** Delivery of a primary entry means the request reached whoever handles it ('transmise'). */
  primary: boolean;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastAttemptAt?: string;
  sentAt?: string;
  lastError?: string;
  /** Dropped once sent: the request itself is the record, the outbox keeps no extra copy. */
  message?: NotificationMessage;
}

export type OutboxEntryView = Omit<OutboxEntry, 'message'> & { recipient?: string };

export interface Delivery {
  channel: NotifierChannel;
  primary: boolean;
  message: NotificationMessage;
}

export interface OutboxOptions {
  /** First retry delay; doubles on each failure up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts the entry is 'failed' (kept, listed for the admin, retryable by hand). */
  maxAttempts?: number;
  /** How often the worker looks for due entries. */
  pollMs?: number;
  now?: () => Date;
  log?: (message: string) => void;
  onDelivered?: (entry: OutboxEntryView) => Promise<void> | void;
}

interface OutboxDoc {
  version: 1;
  entries: OutboxEntry[];
}

const emptyOutboxDoc = (): OutboxDoc => ({ version: 1, entries: [] });
const isOutboxDoc = (data: unknown): boolean => (data as Partial<OutboxDoc>).version === 1 && Array.isArray((data as Partial<OutboxDoc>).entries);

const view = ({ message, ...rest }: OutboxEntry): OutboxEntryView => ({ ...structuredClone(rest), ...(message?.to ? { recipient: message.to } : {}) });

/**
 * Notifications waiting to be delivered, persisted in `<stateDir>/outbox.json`. The user's turn
 * only enqueues (one local write); a background worker delivers with exponential backoff. An
 * entry leaves 'pending' only when delivered or after `maxAttempts`, and survives restarts.
 */
export class Outbox {
  private readonly queue = new SerialQueue();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = true;
  private readonly warned = new Set<string>();
  private readonly o: Required<Omit<OutboxOptions, 'onDelivered'>> & Pick<OutboxOptions, 'onDelivered'>;

  private constructor(
    private readonly db: Low<OutboxDoc>,
    private readonly notifiers: Partial<Record<NotifierChannel, Notifier>>,
    options: OutboxOptions,
  ) {
    this.o = {
      baseDelayMs: options.baseDelayMs ?? 30_000,
      maxDelayMs: options.maxDelayMs ?? 3_600_000,
      maxAttempts: options.maxAttempts ?? 10,
      pollMs: options.pollMs ?? 5_000,
      now: options.now ?? (() => new Date()),
      log: options.log ?? (() => undefined),
      onDelivered: options.onDelivered,
    };
  }

  static async open(stateDir: string, notifiers: Partial<Record<NotifierChannel, Notifier>>, options: OutboxOptions = {}): Promise<Outbox> {
    const file = path.join(stateDir, OUTBOX_FILE);
    const db = new Low<OutboxDoc>(new PrivateJSONFile<OutboxDoc>(file), emptyOutboxDoc());
    await readDocument(db, file, emptyOutboxDoc, isOutboxDoc);
    return new Outbox(db, notifiers, options);
  }

  /** Channels that can deliver now. */
  channels(): NotifierChannel[] {
    return (Object.keys(this.notifiers) as NotifierChannel[]).filter((c) => this.notifiers[c]);
  }

  setOnDelivered(callback: OutboxOptions['onDelivered']): void {
    this.o.onDelivered = callback;
  }

  /** Persists the deliveries, then wakes the worker; never waits for a delivery. */
  enqueue(reference: string, deliveries: Delivery[]): Promise<OutboxEntryView[]> {
    return this.queue.run(async () => {
      const at = this.o.now().toISOString();
      const entries: OutboxEntry[] = deliveries.map((d) => ({
        id: randomUUID(),
        reference,
        channel: d.channel,
        primary: d.primary,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        nextAttemptAt: at,
        message: structuredClone(d.message),
      }));
      if (entries.length === 0) return [];
      this.db.data.entries.push(...entries);
      await writeOrRollBack(this.db, () => {
        this.db.data.entries.splice(-entries.length);
      });
      this.kick();
      return entries.map(view);
    });
  }

  list(filter: { status?: OutboxStatus; reference?: string } = {}): OutboxEntryView[] {
    return this.db.data.entries
      .filter((e) => !filter.status || e.status === filter.status)
      .filter((e) => !filter.reference || e.reference === filter.reference)
      .map(view);
  }

  /** Puts a failed entry back in the queue (admin action after fixing the target). */
  retry(id: string): Promise<OutboxEntryView | null> {
    return this.queue.run(async () => {
      const entry = this.db.data.entries.find((e) => e.id === id);
      if (!entry || entry.status !== 'failed') return null;
      const before = structuredClone(entry);
      Object.assign(entry, { status: 'pending', attempts: 0, nextAttemptAt: this.o.now().toISOString() });
      await writeOrRollBack(this.db, () => Object.assign(entry, before));
      this.kick();
      return view(entry);
    });
  }

  /** Deletes every entry of these requests (purge, erasure): the outbox must not outlive the request. */
  removeFor(references: string[]): Promise<number> {
    const refs = new Set(references);
    return this.queue.run(async () => {
      const before = this.db.data.entries;
      const kept = before.filter((e) => !refs.has(e.reference));
      if (kept.length === before.length) return 0;
      this.db.data.entries = kept;
      await writeOrRollBack(this.db, () => {
        this.db.data.entries = before;
      });
      return before.length - kept.length;
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops the worker and waits for the attempt in progress, so nothing is half-recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err) => this.o.log(`outbox: worker error: ${describeError(err)}`))
      .finally(() => {
        this.running = null;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          setImmediate(() => this.kick());
        }
      });
  }

  /** One pass over the due entries; returns how many were delivered. */
  async runOnce(): Promise<number> {
    const now = this.o.now().toISOString();
    const due = this.db.data.entries.filter((e) => e.status === 'pending' && e.nextAttemptAt <= now);
    let delivered = 0;
    for (const entry of due) {
      if (await this.attempt(entry)) delivered++;
    }
    return delivered;
  }

  private async attempt(entry: OutboxEntry): Promise<boolean> {
    const notifier = this.notifiers[entry.channel];
    if (!notifier) {
      if (!this.warned.has(entry.channel)) this.o.log(`outbox: ${entry.channel} is not configured; its notifications wait until it is`);
      this.warned.add(entry.channel);
      return false;
    }
    if (!entry.message) return false;
    let error: unknown = null;
    try {
      await notifier.send(entry.message);
    } catch (err) {
      error = err;
    }
    const sent = await this.queue.run(async () => {
      // The request may have been erased while the message was in flight.
      if (!this.db.data.entries.includes(entry)) return false;
      const before = structuredClone(entry);
      const at = this.o.now();
      entry.attempts += 1;
      entry.lastAttemptAt = at.toISOString();
      if (error === null) {
        entry.status = 'sent';
        entry.sentAt = at.toISOString();
        delete entry.lastError;
        delete entry.message;
      } else {
        entry.lastError = describeError(error);
        const retryable = !(error instanceof DeliveryError) || error.retryable;
        if (!retryable || entry.attempts >= this.o.maxAttempts) {
          entry.status = 'failed';
          this.o.log(`outbox: notification ${entry.id} for ${entry.reference} failed after ${entry.attempts} attempt(s): ${entry.lastError}`);
        } else {
          const delay = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (entry.attempts - 1));
          entry.nextAttemptAt = new Date(at.getTime() + delay).toISOString();
        }
      }
      await writeOrRollBack(this.db, () => Object.assign(entry, before));
      return error === null;
    });
    if (sent && this.o.onDelivered) {
      try {
        await this.o.onDelivered(view(entry));
      } catch (err) {
        this.o.log(`outbox: after delivery of ${entry.reference}: ${describeError(err)}`);
      }
    }
    return sent;
  }
}
