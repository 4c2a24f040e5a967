import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Outbox, OUTBOX_DIR, OUTBOX_FILE, WebhookNotifier, type Notifier, type NotificationMessage, type OutboxOptions } from '../../../src/infrastructure/notify';
import { isOutboxEntry, type OutboxEntry } from '../../../src/infrastructure/notify/outbox';
import { containerClient, queueService } from '../../../src/infrastructure/storage/azure';
import { AzureMessageQueue } from '../../../src/infrastructure/storage/azure-queue';
import { BlobDocumentStore } from '../../../src/infrastructure/storage/blob-documents';
import { FileDocumentStore } from '../../../src/infrastructure/storage/file-documents';
import { DocumentQueue, isFileQueueEntry } from '../../../src/infrastructure/storage/file-queue';
import type { MessageQueue } from '../../../src/infrastructure/storage/queue';
import { eventually, flakyWebhook, MESSAGE, waitFor } from '../../helpers/notify';
import { storeBackends } from '../../helpers/stores';

type Notifiers = Partial<Record<'email' | 'webhook', Notifier>>;

describe.each(storeBackends())('outbox contract: $name', (backend) => {
  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());

  /** One shared location (directory, or container + queue) that several outboxes ("instances") can open. */
  function location() {
    const at = backend.fresh();
    const queue = (): MessageQueue =>
      backend.name === 'file'
        ? new DocumentQueue(new FileDocumentStore(path.join(at.dir, 'outbox-queue'), 'outbox queue', { isValid: isFileQueueEntry }))
        : new AzureMessageQueue(queueService(at.connectionString).getQueueClient(at.queue));
    const open = (notifiers: Notifiers, options: OutboxOptions = {}): Outbox =>
      backend.name === 'file'
        ? new Outbox(new FileDocumentStore<OutboxEntry>(path.join(at.dir, 'outbox'), 'outbox', { isValid: isOutboxEntry }), queue(), notifiers, options)
        : new Outbox(new BlobDocumentStore<OutboxEntry>(containerClient(at.connectionString, at.container), 'outbox', { isValid: isOutboxEntry }), queue(), notifiers, options);
    return { open, queue };
  }
  const fast: OutboxOptions = { baseDelayMs: 100, pollMs: 50, leaseMs: 1000 };
  const webhook = (url: string) => ({ webhook: new WebhookNotifier({ url, format: 'json' }) });

  it('retries a failing webhook with backoff until it answers, with the same idempotency key each time, then forgets the message body', async () => {
    const hook = await flakyWebhook(2);
    try {
      const logs: string[] = [];
      const outbox = location().open(webhook(hook.url), { ...fast, log: (m) => logs.push(m) });
      const delivered = waitFor<string>((resolve) => outbox.setOnDelivered((e) => resolve(e.reference)), 15_000);
      outbox.start();
      const [queued] = await outbox.enqueue(MESSAGE.reference, [{ channel: 'webhook', primary: true, message: MESSAGE }]);
      expect(await delivered).toBe(MESSAGE.reference);
      await outbox.stop();
      expect(hook.hits()).toBe(3);
      expect(hook.accepted).toEqual([{ key: queued!.id, body: expect.objectContaining({ event: 'contact-request', reference: 'TI-2026-ABCDE', idempotencyKey: queued!.id }) }]);
      const [entry] = await outbox.list();
      expect(entry).toMatchObject({ id: queued!.id, status: 'sent', attempts: 3 });
      expect(JSON.stringify(await outbox.list())).not.toContain('Bonjour');
      expect(logs.join('\n')).not.toContain('secret-signature');
    } finally {
      await hook.close();
    }
  }, 30_000);

  it('stops after maxAttempts keeping the entry as failed, with a redacted error, and an administrator can retry it', async () => {
    const calls: number[] = [];
    const down: Notifier = {
      channel: 'webhook',
      send: async () => {
        calls.push(Date.now());
        throw new Error('connect ECONNREFUSED https://hooks.example.test/x?token=abc');
      },
    };
    const at = location();
    const outbox = at.open({ webhook: down }, { ...fast, maxAttempts: 2 });
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    await outbox.runOnce();
    expect((await outbox.list())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await outbox.runOnce(); // hidden until its retry is due
    expect(calls).toHaveLength(1);
    const failed = await eventually(async () => {
      await outbox.runOnce();
      return (await outbox.list({ status: 'failed' }))[0];
    });
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(90);
    expect(failed.lastError).toContain('ECONNREFUSED');
    expect(failed.lastError).not.toMatch(/abc|hooks\.example\.test/);
    // Another instance (the admin's) retries it; the one that can deliver does.
    const sent: NotificationMessage[] = [];
    const healthy = at.open({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } }, fast);
    expect(await healthy.retry(failed.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await healthy.retry(failed.id)).toBeNull();
    await eventually(async () => (await healthy.runOnce()) === 1);
    expect(sent).toEqual([expect.objectContaining({ idempotencyKey: failed.id })]);
    expect((await healthy.list())[0]!.status).toBe('sent');
  }, 30_000);

  it('resumes pending notifications after a restart, and queuing the same delivery twice stores and sends it once', async () => {
    const at = location();
    const first = at.open({}, fast);
    const [a] = await first.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    const [b] = await first.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    expect(b!.id).toBe(a!.id);
    await first.runOnce(); // no webhook configured in this "process": stays pending
    expect(await first.list()).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    const sent: NotificationMessage[] = [];
    const second = at.open({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } }, { ...fast, leaseMs: 1000 });
    await eventually(async () => (await second.runOnce(), sent.length > 0));
    await new Promise((r) => setTimeout(r, 200));
    await second.runOnce();
    expect(sent).toHaveLength(1);
    expect((await second.list())[0]).toMatchObject({ status: 'sent', attempts: 1 });
  }, 30_000);

  it('two instances sharing the outbox deliver each notification once', async () => {
    const at = location();
    const seen: string[] = [];
    const notifier: Notifier = { channel: 'webhook', send: async (m) => void seen.push(m.idempotencyKey!) };
    // A lease far longer than the test: on a loaded machine a 1 s lease can run out mid-delivery,
    // and the repeat that follows is the at-least-once case tested below, not this one.
    const a = at.open({ webhook: notifier }, { ...fast, leaseMs: 60_000 });
    const b = at.open({ webhook: notifier }, { ...fast, leaseMs: 60_000 });
    const refs = Array.from({ length: 12 }, (_, i) => `TI-2026-AAA${String.fromCharCode(65 + i)}${i % 10}`);
    for (const [i, ref] of refs.entries()) await (i % 2 ? a : b).enqueue(ref, [{ channel: 'webhook', primary: true, message: { ...MESSAGE, reference: ref } }]);
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(seen.sort()).toEqual((await a.list()).map((e) => e.id).sort());
    expect(new Set(seen).size).toBe(refs.length);
  }, 30_000);

  it('an instance that dies mid-delivery hands the notification over once its lease runs out', async () => {
    const at = location();
    const hung: Notifier = { channel: 'webhook', send: () => new Promise<void>(() => undefined) };
    const dying = at.open({ webhook: hung }, fast);
    await dying.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    void dying.runOnce(); // never finishes: the process "died" holding the message
    const sent: NotificationMessage[] = [];
    const survivor = at.open({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } }, fast);
    await new Promise((r) => setTimeout(r, 100));
    expect(await survivor.runOnce()).toBe(0); // still leased by the dead one
    await eventually(async () => (await survivor.runOnce()) === 1, 10_000, 200);
    expect(sent).toHaveLength(1);
    expect((await survivor.list())[0]).toMatchObject({ status: 'sent', attempts: 1 });
  }, 30_000);

  it('sets aside as failed (poison) a notification whose every receiver dies before recording an outcome', async () => {
    const at = location();
    const hung: Notifier = { channel: 'webhook', send: () => new Promise<void>(() => undefined) };
    const first = at.open({ webhook: hung }, fast);
    await first.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    void first.runOnce();
    // Four more instances take it once its lease runs out, and die holding it too.
    for (let i = 0; i < 3; i++) {
      const dying = at.open({ webhook: hung }, fast);
      await eventually(async () => ((await dying.list())[0]!.receives ?? 0) > i + 1 || (void dying.runOnce(), false), 8000, 300);
    }
    await eventually(async () => ((await first.list())[0]!.receives ?? 0) >= 4, 8000, 100);
    const sent: NotificationMessage[] = [];
    const healthy = at.open({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } }, fast);
    await eventually(async () => (await healthy.runOnce(), (await healthy.list({ status: 'failed' })).length === 1), 8000, 200);
    expect(sent).toHaveLength(0);
    expect((await healthy.list())[0]!.lastError).toMatch(/received 5 times without an outcome/);
  }, 40_000);

  it('queues again a pending notification whose queued message was lost', async () => {
    const at = location();
    const sent: NotificationMessage[] = [];
    const outbox = at.open({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } }, { ...fast, leaseMs: 500, reconcileMs: 0 });
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    const queue = at.queue();
    const [lost] = await queue.receive(1, 30_000);
    await queue.delete(lost!);
    expect(await outbox.runOnce()).toBe(0);
    await eventually(async () => (await outbox.runOnce()) === 1, 10_000, 200);
    expect(sent).toHaveLength(1);
  }, 30_000);

  it('erasure removes the entries, and their queued messages are dropped unsent', async () => {
    const sent: NotificationMessage[] = [];
    const outbox = location().open({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } }, fast);
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    await outbox.enqueue('TI-2026-FGHJK', [{ channel: 'webhook', primary: true, message: { ...MESSAGE, reference: 'TI-2026-FGHJK' } }]);
    expect(await outbox.removeFor(['TI-2026-ABCDE'])).toBe(1);
    expect(await outbox.runOnce()).toBe(1);
    expect(sent.map((m) => m.reference)).toEqual(['TI-2026-FGHJK']);
    expect((await outbox.list()).map((e) => e.reference)).toEqual(['TI-2026-FGHJK']);
  }, 30_000);
});

describe('file outbox on disk', () => {
  const backend = storeBackends()[0]!;
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('keeps each notification in its own 0600 file and the queue in another directory', async () => {
    const { dir } = backend.fresh();
    const outbox = await Outbox.open(dir, {});
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    const [file] = readdirSync(path.join(dir, OUTBOX_DIR));
    expect(file).toMatch(/^TI-2026-ABCDE\.webhook\.[0-9a-f]{12}\.json$/);
    expect(statSync(path.join(dir, OUTBOX_DIR, file!)).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(dir, 'outbox-queue'))).toHaveLength(1);
  });

  it('moves the entries of an earlier outbox.json in, queuing the pending ones, and keeps the file aside', async () => {
    const { dir } = backend.fresh();
    const base = { reference: 'TI-2026-ABCDE', channel: 'webhook', primary: true, attempts: 0, createdAt: '2026-01-01T00:00:00.000Z', nextAttemptAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(
      path.join(dir, OUTBOX_FILE),
      JSON.stringify({ version: 1, entries: [{ ...base, id: 'old-sent', status: 'sent' }, { ...base, id: 'old-pending', status: 'pending', message: MESSAGE }] }),
    );
    const sent: NotificationMessage[] = [];
    const outbox = await Outbox.open(dir, { webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } });
    expect((await outbox.list()).map((e) => `${e.id}:${e.status}`).sort()).toEqual(['old-pending:pending', 'old-sent:sent']);
    expect(await outbox.runOnce()).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ idempotencyKey: 'old-pending' })]);
    expect(readFileSync(path.join(dir, `${OUTBOX_FILE}.migrated`), 'utf8')).toContain('old-pending');
  });
});
