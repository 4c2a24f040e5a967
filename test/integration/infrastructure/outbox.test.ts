import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  Outbox,
  OUTBOX_DIR,
  OUTBOX_FILE,
  WebhookNotifier,
  type Notifier,
  type NotificationMessage,
  type OutboxOptions,
} from '../../../src/infrastructure/notify';
import { isOutboxEntry, type OutboxEntry } from '../../../src/infrastructure/notify/outbox';
import { flakyWebhook, MESSAGE, waitFor } from '../../helpers/notify';
import { LeaseControl, storeBackends } from '../../helpers/stores';

type Notifiers = Partial<Record<'email' | 'webhook', Notifier>>;

/**
 * Longer than any test: a lease runs out, or a retry falls due, only when a test says so
 * (LeaseControl.expire), so what these tests prove does not depend on the machine's speed.
 */
const LEASE_MS = 10 * 60_000;

/** A notifier that never answers, as an instance dying mid-delivery; `entered(n)` resolves once n sends began. */
function hungNotifier(): { notifier: Notifier; entered: (n: number) => Promise<void> } {
  let sends = 0;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  const notifier: Notifier = {
    channel: 'webhook',
    send: () => {
      sends++;
      for (const w of waiting.filter((x) => x.n <= sends)) w.resolve();
      return new Promise<void>(() => undefined);
    },
  };
  return { notifier, entered: (n) => (sends >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))) };
}

describe.each(storeBackends())('outbox contract: $name', (backend) => {
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown());

  /** One shared location (directory, container + queue, or memory) that several outboxes ("instances") open, with their leases under the test's control. */
  function location() {
    const at = backend.fresh();
    const leases = new LeaseControl();
    const queue = () => leases.wrap(backend.queue(at));
    const open = (notifiers: Notifiers, options: OutboxOptions = {}): Outbox =>
      new Outbox(backend.documents<OutboxEntry>(at, 'outbox', isOutboxEntry), queue(), notifiers, {
        pollMs: 50,
        leaseMs: LEASE_MS,
        baseDelayMs: LEASE_MS,
        ...options,
      });
    return { open, queue, leases };
  }
  const sink = (sent: NotificationMessage[]): Notifiers => ({ webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } });
  const webhook = (url: string) => ({ webhook: new WebhookNotifier({ url, format: 'json' }) });

  it('retries a failing webhook with exponential backoff until it answers, with the same idempotency key each time, then forgets the message body', async () => {
    const hook = await flakyWebhook(2);
    try {
      const logs: string[] = [];
      const at = location();
      const outbox = at.open(webhook(hook.url), { baseDelayMs: 100, log: (m) => logs.push(m) });
      const delivered = waitFor<string>((resolve) => outbox.setOnDelivered((e) => resolve(e.reference)), 100_000);
      outbox.start();
      const [queued] = await outbox.enqueue(MESSAGE.reference, [{ channel: 'webhook', primary: true, message: MESSAGE }]);
      expect(await delivered).toBe(MESSAGE.reference);
      await outbox.stop();
      expect(hook.hits()).toBe(3);
      expect(at.leases.releases).toEqual([100, 200]);
      expect(hook.accepted).toEqual([
        { key: queued!.id, body: expect.objectContaining({ event: 'contact-request', reference: 'TI-2026-ABCDE', idempotencyKey: queued!.id }) },
      ]);
      const [entry] = await outbox.list();
      expect(entry).toMatchObject({ id: queued!.id, status: 'sent', attempts: 3 });
      expect(JSON.stringify(await outbox.list())).not.toContain('Bonjour');
      expect(logs.join('\n')).not.toContain('secret-signature');
    } finally {
      await hook.close();
    }
  });

  it('stops after maxAttempts keeping the entry as failed, with a redacted error, and an administrator can retry it', async () => {
    let calls = 0;
    const down: Notifier = {
      channel: 'webhook',
      send: async () => {
        calls++;
        throw new Error('connect ECONNREFUSED https://hooks.example.test/x?token=abc');
      },
    };
    const at = location();
    const outbox = at.open({ webhook: down }, { maxAttempts: 2 });
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    expect(await outbox.runOnce()).toBe(0);
    expect((await outbox.list())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await outbox.runOnce()).toBe(0); // hidden until its retry is due
    expect(calls).toBe(1);
    expect(at.leases.releases).toEqual([LEASE_MS]);
    await at.leases.expire(); // the retry falls due
    await outbox.runOnce();
    const [failed] = await outbox.list({ status: 'failed' });
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls).toBe(2);
    expect(failed!.lastError).toContain('ECONNREFUSED');
    expect(failed!.lastError).not.toMatch(/abc|hooks\.example\.test/);
    expect(await outbox.runOnce()).toBe(0);
    expect(calls).toBe(2);
    // Another instance (the admin's) retries it; the one that can deliver does.
    const sent: NotificationMessage[] = [];
    const healthy = at.open(sink(sent));
    expect(await healthy.retry(failed!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await healthy.retry(failed!.id)).toBeNull();
    expect(await healthy.runOnce()).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ idempotencyKey: failed!.id })]);
    expect((await healthy.list())[0]!.status).toBe('sent');
  });

  it('resumes pending notifications after a restart, and queuing the same delivery twice stores and sends it once', async () => {
    const at = location();
    const first = at.open({});
    const [a] = await first.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    const [b] = await first.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    expect(b!.id).toBe(a!.id);
    await first.runOnce(); // no webhook configured in this "process": stays pending
    expect(await first.list()).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    const sent: NotificationMessage[] = [];
    const second = at.open(sink(sent));
    expect(await second.runOnce()).toBe(1);
    expect(await second.runOnce()).toBe(0);
    expect(sent).toHaveLength(1);
    expect((await second.list())[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('two instances sharing the outbox deliver each notification once', async () => {
    const at = location();
    const seen: string[] = [];
    const notifier: Notifier = { channel: 'webhook', send: async (m) => void seen.push(m.idempotencyKey!) };
    const [a, b] = [at.open({ webhook: notifier }), at.open({ webhook: notifier })];
    const refs = Array.from({ length: 12 }, (_, i) => `TI-2026-AAA${String.fromCharCode(65 + i)}${i % 10}`);
    for (const [i, ref] of refs.entries()) await (i % 2 ? a : b).enqueue(ref, [{ channel: 'webhook', primary: true, message: { ...MESSAGE, reference: ref } }]);
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(seen.sort()).toEqual((await a.list()).map((e) => e.id).sort());
    expect(new Set(seen).size).toBe(refs.length);
  });

  it('an instance that dies mid-delivery hands the notification over once its lease runs out', async () => {
    const at = location();
    const hung = hungNotifier();
    const dying = at.open({ webhook: hung.notifier });
    await dying.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    void dying.runOnce(); // never finishes: the process "died" holding the message
    await hung.entered(1);
    const sent: NotificationMessage[] = [];
    const survivor = at.open(sink(sent));
    expect(await survivor.runOnce()).toBe(0); // still leased by the dead one
    expect(await at.leases.expire()).toBe(1);
    expect(await survivor.runOnce()).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ idempotencyKey: (await survivor.list())[0]!.id })]);
    expect((await survivor.list())[0]).toMatchObject({ status: 'sent', attempts: 1, receives: 2 });
  });

  it('sets aside as failed (poison) a notification whose every receiver dies before recording an outcome', async () => {
    const at = location();
    const hung = hungNotifier();
    const first = at.open({ webhook: hung.notifier });
    await first.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    // Four instances in turn take it, each once the previous one's lease ran out, and die holding it.
    for (let i = 1; i <= 4; i++) {
      void (i === 1 ? first : at.open({ webhook: hung.notifier })).runOnce();
      await hung.entered(i);
      expect((await first.list())[0]).toMatchObject({ status: 'pending', receives: i, attempts: 0 });
      await at.leases.expire();
    }
    const sent: NotificationMessage[] = [];
    const healthy = at.open(sink(sent));
    expect(await healthy.runOnce()).toBe(0);
    expect(sent).toHaveLength(0);
    const [entry] = await healthy.list();
    expect(entry).toMatchObject({ status: 'failed' });
    expect(entry!.lastError).toMatch(/received 5 times without an outcome/);
  });

  it('queues again a pending notification whose queued message was lost', async () => {
    const at = location();
    let now = Date.now();
    const sent: NotificationMessage[] = [];
    const outbox = at.open(sink(sent), { reconcileMs: 0, now: () => new Date(now) });
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    const queue = at.queue();
    const [lost] = await queue.receive(1, LEASE_MS);
    await queue.delete(lost!);
    expect(await outbox.runOnce()).toBe(0); // not overdue yet: its message may still come back
    now += 2 * (LEASE_MS + 50) + 1;
    expect(await outbox.runOnce()).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('erasure removes the entries, and their queued messages are dropped unsent', async () => {
    const sent: NotificationMessage[] = [];
    const outbox = location().open(sink(sent));
    await outbox.enqueue('TI-2026-ABCDE', [{ channel: 'webhook', primary: true, message: MESSAGE }]);
    await outbox.enqueue('TI-2026-FGHJK', [{ channel: 'webhook', primary: true, message: { ...MESSAGE, reference: 'TI-2026-FGHJK' } }]);
    expect(await outbox.removeFor(['TI-2026-ABCDE'])).toBe(1);
    expect(await outbox.runOnce()).toBe(1);
    expect(sent.map((m) => m.reference)).toEqual(['TI-2026-FGHJK']);
    expect((await outbox.list()).map((e) => e.reference)).toEqual(['TI-2026-FGHJK']);
  });
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

  it('moves the entries of an earlier outbox.json in, queuing the pending ones, then deletes the file', async () => {
    const { dir } = backend.fresh();
    const base = {
      reference: 'TI-2026-ABCDE',
      channel: 'webhook',
      primary: true,
      attempts: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
      nextAttemptAt: '2026-01-01T00:00:00.000Z',
    };
    writeFileSync(
      path.join(dir, OUTBOX_FILE),
      JSON.stringify({
        version: 1,
        entries: [
          { ...base, id: 'old-sent', status: 'sent' },
          { ...base, id: 'old-pending', status: 'pending', message: MESSAGE },
        ],
      }),
    );
    const sent: NotificationMessage[] = [];
    const outbox = await Outbox.open(dir, { webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } });
    expect((await outbox.list()).map((e) => `${e.id}:${e.status}`).sort()).toEqual(['old-pending:pending', 'old-sent:sent']);
    expect(await outbox.runOnce()).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ idempotencyKey: 'old-pending' })]);
    expect(readdirSync(dir).filter((n) => n.startsWith(OUTBOX_FILE))).toEqual([]);
  });
});
