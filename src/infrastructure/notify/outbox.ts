import { createHash } from 'node:crypto';
import path from 'node:path';
import { DeliveryError, describeError, type NotificationMessage, type Notifier, type NotifierChannel } from '../../domain/contact/notification';
import type { Delivery, NotificationOutbox } from '../../domain/contact/ports';
import type { DocumentStore } from '../storage/documents';
import { DocumentConflictError } from '../storage/errors';
import { FileDocumentStore } from '../storage/file-documents';
import { DocumentQueue, isFileQueueEntry } from '../storage/file-queue';
import { createOnce, migrateLegacyFile, versionOneList } from '../storage/legacy-file';
import { QueueLeaseLostError, type MessageQueue, type QueuedMessage } from '../storage/queue';

/** The single outbox file of earlier versions, moved into the record store on open. */
export const OUTBOX_FILE = 'outbox.json';
/** Directories under STATE_DIR of the file outbox: one record per notification, one file per queued message. */
export const OUTBOX_DIR = 'outbox';
export const OUTBOX_QUEUE_DIR = 'outbox-queue';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  /** Also the idempotency key the receiver sees: the same notification always carries the same id. */
  id: string;
  reference: string;
  channel: NotifierChannel;
  /** Delivery of a primary entry means the request reached whoever handles it ('transmise'). */
  primary: boolean;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  /** When a queued message for this entry is next due; a pending entry long past it has lost its message. */
  nextAttemptAt: string;
  lastAttemptAt?: string;
  /** Times an instance took this entry from the queue to deliver it; far above `attempts`, instances die on it (poison). */
  receives?: number;
  /** Set when the instance that received it cannot deliver on its channel: queued again by one that can. */
  parkedAt?: string;
  sentAt?: string;
  lastError?: string;
  /** Dropped once sent: the request itself is the record, the outbox keeps no extra copy. */
  message?: NotificationMessage;
}

export type OutboxEntryView = Omit<OutboxEntry, 'message'> & { recipient?: string };

export interface OutboxOptions {
  /** First retry delay; doubles on each failure up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts the entry is 'failed' (kept, listed for the admin, retryable by hand). */
  maxAttempts?: number;
  /** How often the worker looks at the queue. */
  pollMs?: number;
  /** How long a received message stays hidden from other instances while this one delivers it. */
  leaseMs?: number;
  /** How often pending entries whose queued message was lost are queued again. */
  reconcileMs?: number;
  now?: () => Date;
  log?: (message: string) => void;
  onDelivered?: (entry: OutboxEntryView) => Promise<void> | void;
}

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];

export function isOutboxEntry(value: unknown): value is OutboxEntry {
  const v = value as Partial<OutboxEntry> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    typeof v.reference === 'string' &&
    typeof v.attempts === 'number' &&
    STATUSES.includes(v.status as OutboxStatus) &&
    typeof v.nextAttemptAt === 'string'
  );
}

const view = ({ message, ...rest }: OutboxEntry): OutboxEntryView => ({ ...structuredClone(rest), ...(message?.to ? { recipient: message.to } : {}) });

/** The same delivery of the same request always gets the same id, so queuing it twice is harmless. */
function entryId(reference: string, delivery: Delivery): string {
  const digest = createHash('sha256')
    .update(`${delivery.channel}\n${delivery.message.to ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  return `${reference}.${delivery.channel}.${digest}`;
}

/** Above this many receives without a recorded outcome, the instances handling it keep dying on it. */
const POISON_MARGIN = 3;

/**
 * Notifications waiting to be delivered. Each is a record (the message, its status and attempts)
 * in a document store, and a message in a queue that says "deliver record X". The user's turn
 * only writes both; a worker receives queued messages and delivers them. A received message is
 * hidden from the other instances for `leaseMs`: if the instance dies mid-delivery, the message
 * comes back and another instance delivers it. Delivery is therefore at least once; the entry id
 * travels with every attempt (webhook header and body, e-mail header and Message-ID) so the
 * receiver can drop a repeat. A failure is retried with exponential backoff (the message hidden
 * until then); after `maxAttempts`, or when a message keeps coming back without an outcome
 * (poison), the entry is 'failed', kept and listed for an administrator.
 */
export class Outbox implements NotificationOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = true;
  private lastReconcile = 0;
  private readonly warned = new Set<string>();
  private readonly o: Required<Omit<OutboxOptions, 'onDelivered'>> & Pick<OutboxOptions, 'onDelivered'>;

  constructor(
    private readonly records: DocumentStore<OutboxEntry>,
    private readonly queue: MessageQueue,
    private readonly notifiers: Partial<Record<NotifierChannel, Notifier>>,
    options: OutboxOptions = {},
  ) {
    this.o = {
      baseDelayMs: options.baseDelayMs ?? 30_000,
      maxDelayMs: options.maxDelayMs ?? 3_600_000,
      maxAttempts: options.maxAttempts ?? 10,
      pollMs: options.pollMs ?? 5_000,
      leaseMs: options.leaseMs ?? 60_000,
      reconcileMs: options.reconcileMs ?? 60_000,
      now: options.now ?? (() => new Date()),
      log: options.log ?? (() => undefined),
      onDelivered: options.onDelivered,
    };
  }

  /** The outbox in files under `stateDir` (one machine), with the entries of an earlier outbox.json moved in. */
  static async open(stateDir: string, notifiers: Partial<Record<NotifierChannel, Notifier>>, options: OutboxOptions = {}): Promise<Outbox> {
    const now = options.now;
    const records = new FileDocumentStore<OutboxEntry>(path.join(stateDir, OUTBOX_DIR), 'outbox', { isValid: isOutboxEntry, indent: 1, now });
    const queued = new FileDocumentStore(path.join(stateDir, OUTBOX_QUEUE_DIR), 'outbox queue', { isValid: isFileQueueEntry, now });
    // Messages hold personal data: copies a crash left half-written go before anything else.
    await Promise.all([records.sweepTemps(), queued.sweepTemps()]);
    const queue = new DocumentQueue(queued, now);
    const outbox = new Outbox(records, queue, notifiers, options);
    await outbox.migrate(path.join(stateDir, OUTBOX_FILE));
    return outbox;
  }

  /** Channels that can deliver now. */
  channels(): NotifierChannel[] {
    return (Object.keys(this.notifiers) as NotifierChannel[]).filter((c) => this.notifiers[c]);
  }

  setOnDelivered(callback: OutboxOptions['onDelivered']): void {
    this.o.onDelivered = callback;
  }

  /**
   * Stores the deliveries and queues them, then wakes the worker; never waits for a delivery.
   * Idempotent: a delivery already stored is queued again only while it is still pending.
   */
  async enqueue(reference: string, deliveries: Delivery[]): Promise<OutboxEntryView[]> {
    const at = this.o.now().toISOString();
    const out: OutboxEntryView[] = [];
    for (const d of deliveries) {
      const entry: OutboxEntry = {
        id: entryId(reference, d),
        reference,
        channel: d.channel,
        primary: d.primary,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        nextAttemptAt: at,
        message: structuredClone(d.message),
      };
      let stored = entry;
      try {
        await this.records.create(entry.id, entry);
      } catch (err) {
        if (!(err instanceof DocumentConflictError)) throw err;
        stored = (await this.records.get(entry.id))?.value ?? entry;
      }
      if (stored.status === 'pending') await this.queue.send(JSON.stringify({ id: entry.id }));
      out.push(view(stored));
    }
    if (out.length) this.kick();
    return out;
  }

  async list(filter: { status?: OutboxStatus; reference?: string } = {}): Promise<OutboxEntryView[]> {
    return (await this.records.all())
      .map((d) => d.value)
      .filter((e) => !filter.status || e.status === filter.status)
      .filter((e) => !filter.reference || e.reference === filter.reference)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(view);
  }

  /** Puts a failed entry back in the queue (admin action after fixing the target). */
  async retry(id: string): Promise<OutboxEntryView | null> {
    const { entry: updated, changed } = await this.update(id, (e) =>
      e.status === 'failed' ? { ...e, status: 'pending', attempts: 0, receives: 0, nextAttemptAt: this.o.now().toISOString() } : null,
    );
    if (!updated || !changed) return null;
    await this.queue.send(JSON.stringify({ id }));
    this.kick();
    return view(updated);
  }

  /** Deletes every entry of these requests (purge, erasure): the outbox must not outlive the request. Their queued messages are dropped when received. */
  async removeFor(references: string[]): Promise<number> {
    const refs = new Set(references);
    let removed = 0;
    for (const doc of await this.records.all()) {
      if (refs.has(doc.value.reference) && (await this.records.delete(doc.key))) removed++;
    }
    return removed;
  }

  /** Reachability of the records and of the queue, for /health. */
  async probe(): Promise<void> {
    await this.records.probe();
    await this.queue.probe();
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

  /** One pass: queues again what lost its message (now and then), then delivers what the queue hands out. Returns how many were delivered. */
  async runOnce(): Promise<number> {
    const now = this.o.now().getTime();
    if (now - this.lastReconcile >= this.o.reconcileMs) {
      this.lastReconcile = now;
      await this.reconcile();
    }
    let delivered = 0;
    for (;;) {
      const messages = await this.queue.receive(16, this.o.leaseMs);
      for (const m of messages) if (await this.handle(m)) delivered++;
      if (messages.length < 16 || this.stopped) return delivered;
    }
  }

  /**
   * A pending entry whose message is long overdue lost it (the queue write failed after the
   * record was stored), or was parked by an instance that could not deliver it: queue it again.
   * The record is updated first with a condition, so of several instances only one queues it.
   */
  async reconcile(): Promise<number> {
    const now = this.o.now();
    const overdue = now.getTime() - 2 * (this.o.leaseMs + this.o.pollMs);
    let queued = 0;
    for (const doc of await this.records.all()) {
      const e = doc.value;
      if (e.status !== 'pending' || !this.notifiers[e.channel] || (!e.parkedAt && Date.parse(e.nextAttemptAt) > overdue)) continue;
      const { parkedAt: _p, ...rest } = e;
      try {
        await this.records.put(doc.key, { ...rest, nextAttemptAt: now.toISOString() }, { ifMatch: doc.eTag });
      } catch (err) {
        if (err instanceof DocumentConflictError) continue;
        throw err;
      }
      await this.queue.send(JSON.stringify({ id: e.id }));
      queued++;
    }
    if (queued) this.o.log(`outbox: queued ${queued} pending notification(s) again`);
    return queued;
  }

  private async handle(m: QueuedMessage): Promise<boolean> {
    let id = '';
    try {
      id = String((JSON.parse(m.body) as { id?: unknown }).id ?? '');
    } catch {
      // Not ours: dropped below.
    }
    const doc = id ? await this.records.get(id) : null;
    // Delivered already (a repeat), failed, or erased with its request while queued.
    if (!doc || doc.value.status !== 'pending' || !doc.value.message) return this.drop(m);
    const entry = doc.value;
    const notifier = this.notifiers[entry.channel];
    if (!notifier) {
      if (!this.warned.has(entry.channel)) this.o.log(`outbox: ${entry.channel} is not configured; its notifications wait until it is`);
      this.warned.add(entry.channel);
      await this.update(id, (e) => (e.status === 'pending' && !e.parkedAt ? { ...e, parkedAt: this.o.now().toISOString() } : null));
      return this.drop(m);
    }
    // Claimed in the record: other instances see it is being delivered, and how often it was tried.
    const { entry: claimed } = await this.update(id, (e) =>
      e.status === 'pending' ? { ...e, receives: (e.receives ?? 0) + 1, nextAttemptAt: new Date(this.o.now().getTime() + this.o.leaseMs).toISOString() } : null,
    );
    if (!claimed || claimed.status !== 'pending') return this.drop(m);
    const unfinished = (claimed.receives ?? 0) - claimed.attempts;
    if (m.dequeueCount > this.o.maxAttempts + POISON_MARGIN || unfinished > POISON_MARGIN + 1) {
      await this.update(id, (e) =>
        e.status === 'pending'
          ? {
              ...e,
              status: 'failed',
              lastError: `received ${Math.max(m.dequeueCount, e.receives ?? 0)} times without an outcome (the delivering instance stopped each time)`,
            }
          : null,
      );
      this.o.log(
        `outbox: notification ${id} for ${entry.reference} set aside as failed (poison): received ${m.dequeueCount} times, ${claimed.attempts} attempt(s) recorded`,
      );
      return this.drop(m);
    }

    let error: unknown = null;
    try {
      await notifier.send({ ...entry.message!, idempotencyKey: entry.id });
    } catch (err) {
      error = err;
    }
    const at = this.o.now();
    const { entry: updated } = await this.update(id, (e) => {
      if (e.status !== 'pending') return null;
      const next: OutboxEntry = { ...e, attempts: e.attempts + 1, lastAttemptAt: at.toISOString() };
      if (error === null) {
        next.status = 'sent';
        next.sentAt = at.toISOString();
        delete next.lastError;
        delete next.message;
        return next;
      }
      next.lastError = describeError(error);
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      if (!retryable || next.attempts >= this.o.maxAttempts) {
        next.status = 'failed';
        this.o.log(`outbox: notification ${e.id} for ${e.reference} failed after ${next.attempts} attempt(s): ${next.lastError}`);
      } else {
        const delay = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (next.attempts - 1));
        next.nextAttemptAt = new Date(at.getTime() + delay).toISOString();
      }
      return next;
    });
    if (updated?.status === 'pending') {
      await this.queue.release(m, Date.parse(updated.nextAttemptAt) - at.getTime()).catch((err) => this.leaseLost(err));
      return false;
    }
    await this.drop(m);
    if (error === null && updated?.status === 'sent' && this.o.onDelivered) {
      try {
        await this.o.onDelivered(view(updated));
      } catch (err) {
        this.o.log(`outbox: after delivery of ${entry.reference}: ${describeError(err)}`);
      }
    }
    return error === null && updated?.status === 'sent';
  }

  private async drop(m: QueuedMessage): Promise<false> {
    await this.queue.delete(m).catch((err) => this.leaseLost(err));
    return false;
  }

  /** The lease ran out mid-delivery and another instance holds the message: it sees the record and drops or repeats it. */
  private leaseLost(err: unknown): void {
    if (!(err instanceof QueueLeaseLostError)) throw err;
  }

  /**
   * Read-modify-write of one record with its eTag, retried when another instance changed it
   * meanwhile. `change` returns null to leave the record as it is; `entry` is null when gone.
   */
  private async update(id: string, change: (entry: OutboxEntry) => OutboxEntry | null): Promise<{ entry: OutboxEntry | null; changed: boolean }> {
    for (let tries = 0; ; tries++) {
      const doc = await this.records.get(id);
      if (!doc) return { entry: null, changed: false };
      const next = change(structuredClone(doc.value));
      if (!next) return { entry: doc.value, changed: false };
      try {
        await this.records.put(id, next, { ifMatch: doc.eTag });
        return { entry: next, changed: true };
      } catch (err) {
        if (!(err instanceof DocumentConflictError) || tries >= 4) throw err;
      }
    }
  }

  /** Moves the entries of an outbox.json of earlier versions in, queuing the pending ones, then sets it aside. */
  migrate(file: string): Promise<boolean> {
    return migrateLegacyFile<OutboxEntry>({
      file,
      records: versionOneList('entries', isOutboxEntry),
      personalData: true,
      move: async (entry) => {
        if (!(await createOnce(this.records, entry.id, entry)) || entry.status !== 'pending') return;
        await this.queue.send(JSON.stringify({ id: entry.id }), { delayMs: Math.max(0, Date.parse(entry.nextAttemptAt) - this.o.now().getTime()) });
      },
    });
  }
}
