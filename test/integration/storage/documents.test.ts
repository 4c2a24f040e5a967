import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { containerClient } from '../../../src/infrastructure/storage/azure-clients';
import type { DocumentStore } from '../../../src/infrastructure/storage/documents';
import { DocumentConflictError, DocumentCorruptError, StorageError } from '../../../src/infrastructure/storage/errors';
import { FileDocumentStore } from '../../../src/infrastructure/storage/file-documents';
import { QueueLeaseLostError, type MessageQueue } from '../../../src/infrastructure/storage/queue';
import { storeBackends } from '../../helpers/stores';

interface Doc {
  name: string;
  n: number;
}
const isDoc = (v: unknown): v is Doc => typeof (v as Doc)?.name === 'string' && typeof (v as Doc)?.n === 'number';

// Both contracts on the same backends: one Azurite for the file, not one per block (1.6 s of CPU
// each); every test works on a location of its own (`fresh()`).
const backends = storeBackends();
beforeAll(() => Promise.all(backends.map((b) => b.setup())), 120_000);
afterAll(() => Promise.all(backends.map((b) => b.teardown())));

describe.each(backends)('document store contract: $name', (backend) => {
  let store: DocumentStore<Doc>;
  let dir = '';
  beforeEach(() => {
    const at = backend.fresh();
    store = backend.documents(at, 'things', isDoc);
    dir = backend.name === 'file' ? (store as FileDocumentStore<Doc>).dir : '';
  });

  it('creates, reads back with an eTag, and refuses a second create of the same key', async () => {
    const created = await store.create('TI-2026-ABCDE', { name: 'Société Fictive « Test » 🏭', n: 1 });
    expect(created.eTag).not.toBe('');
    expect(await store.get('TI-2026-ABCDE')).toEqual({
      key: 'TI-2026-ABCDE',
      value: { name: 'Société Fictive « Test » 🏭', n: 1 },
      eTag: created.eTag,
      modifiedAt: expect.any(String),
    });
    await expect(store.create('TI-2026-ABCDE', { name: 'other', n: 2 })).rejects.toBeInstanceOf(DocumentConflictError);
    expect((await store.get('TI-2026-ABCDE'))!.value.n).toBe(1);
  });

  it('replaces only with the current eTag; a stale one is refused and the newer value kept', async () => {
    const first = await store.create('k', { name: 'a', n: 1 });
    const second = await store.put('k', { name: 'b', n: 2 }, { ifMatch: first.eTag });
    expect(second.eTag).not.toBe(first.eTag);
    await expect(store.put('k', { name: 'stale', n: 3 }, { ifMatch: first.eTag })).rejects.toBeInstanceOf(DocumentConflictError);
    await expect(store.put('missing', { name: 'x', n: 0 }, { ifMatch: first.eTag })).rejects.toBeInstanceOf(DocumentConflictError);
    expect((await store.get('k'))!.value).toEqual({ name: 'b', n: 2 });
    await store.put('k', { name: 'c', n: 4 });
    await store.put('k', { name: 'd', n: 5 }, { ifMatch: '*' });
    expect((await store.get('k'))!.value.name).toBe('d');
  });

  it('of many concurrent conditional updates from the same version, exactly one wins', async () => {
    const base = await store.create('counter', { name: 'c', n: 0 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.put('counter', { name: 'c', n: i + 1 }, { ifMatch: base.eTag })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof DocumentConflictError)).toBe(true);
  });

  it('deletes, conditionally too, and lists every document with keys of any shape', async () => {
    const keys = ['plain', 'msteams/conversations/a:1Hk9|messageid=1', 'Évreux/Ça', `long-${'x'.repeat(300)}`];
    for (const [i, key] of keys.entries()) await store.create(key, { name: key, n: i });
    expect((await store.all()).map((d) => d.key).sort()).toEqual([...keys].sort());
    const plain = (await store.get('plain'))!;
    await store.put('plain', { name: 'changed', n: 9 });
    await expect(store.delete('plain', { ifMatch: plain.eTag })).rejects.toBeInstanceOf(DocumentConflictError);
    expect(await store.delete('plain')).toBe(true);
    expect(await store.delete('plain')).toBe(false);
    expect(await store.get('plain')).toBeNull();
    expect((await store.all()).map((d) => d.key).sort()).toEqual(keys.slice(1).sort());
  });

  it('returns copies: mutating what was read or written changes nothing stored', async () => {
    const value = { name: 'a', n: 1 };
    const created = await store.create('k', value);
    value.n = 99;
    created.value.n = 98;
    const read = (await store.get('k'))!;
    read.value.n = 97;
    expect((await store.get('k'))!.value.n).toBe(1);
    expect((await store.all())[0]!.value.n).toBe(1);
  });

  it('answers a probe', async () => {
    await expect(store.probe()).resolves.toBeUndefined();
  });

  if (backend.name === 'file') {
    it('keeps files 0600 in a 0700 directory and leaves no temporary file', async () => {
      await store.create('k', { name: 'a', n: 1 });
      await store.put('k', { name: 'b', n: 2 });
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      const files = readdirSync(dir);
      expect(files).toEqual(['k.json']);
      expect(statSync(path.join(dir, 'k.json')).mode & 0o777).toBe(0o600);
    });

    it('refuses a damaged file with a message naming it, and never overwrites it on a conditional write', async () => {
      const created = await store.create('k', { name: 'a', n: 1 });
      writeFileSync(path.join(dir, 'k.json'), '{"format":"territoires-indus');
      await expect(store.get('k')).rejects.toThrow(/k\.json is damaged \(not valid JSON/);
      await expect(store.put('k', { name: 'b', n: 2 }, { ifMatch: created.eTag })).rejects.toBeInstanceOf(DocumentCorruptError);
      writeFileSync(
        path.join(dir, 'k.json'),
        JSON.stringify({ format: 'territoires-industrie/document', key: 'k', eTag: 'e', modifiedAt: 'now', value: { wrong: true } }),
      );
      await expect(store.get('k')).rejects.toThrow(/not a valid things entry/);
    });

    it('reports a write failure as a StorageError and keeps the previous version', async () => {
      await store.create('k', { name: 'a', n: 1 });
      if (process.getuid?.() === 0) return; // root writes through permissions
      chmodSync(dir, 0o500);
      try {
        await expect(store.put('k', { name: 'b', n: 2 })).rejects.toMatchObject({ code: 'READ_ONLY' });
      } finally {
        chmodSync(dir, 0o700);
      }
      expect((await store.get('k'))!.value.name).toBe('a');
    });

    it('serialises a compare-and-replace across two store objects on one directory (two processes)', async () => {
      const other = new FileDocumentStore<Doc>(dir, 'things', { isValid: isDoc });
      const base = await store.create('shared', { name: 's', n: 0 });
      const results = await Promise.allSettled([
        store.put('shared', { name: 'a', n: 1 }, { ifMatch: base.eTag }),
        other.put('shared', { name: 'b', n: 2 }, { ifMatch: base.eTag }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
  }
});

describe.each(backends)('message queue contract: $name', (backend) => {
  /** Longer than any test: what is hidden for this long cannot come back while the test runs, however slow the machine. */
  const LONG = 10 * 60_000;
  let queue: MessageQueue;
  let clock = 0;
  beforeEach(() => {
    clock = Date.now();
    queue = backend.queue(backend.fresh(), () => new Date(clock));
  });
  /**
   * What `check` finds once `ms` have passed. The file and memory queues' clock is moved at once;
   * Azurite keeps real time, so it is asked again until the answer comes: a slow machine makes
   * this wait longer, never fail.
   */
  const after = async <T>(ms: number, check: () => Promise<T | undefined>): Promise<T> => {
    clock += ms;
    for (;;) {
      const found = await check();
      if (found !== undefined) return found;
      if (backend.name !== 'azure') throw new Error(`nothing ${ms} ms later`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const firstOf = async (max = 10) => (await queue.receive(max, LONG))[0];

  it('hides a received message from other receivers while its lease lasts; once deleted it is gone', async () => {
    await queue.send('{"id":"one"}');
    const [first] = await queue.receive(10, LONG);
    expect(first).toMatchObject({ body: '{"id":"one"}', dequeueCount: 1 });
    expect(await queue.receive(10, LONG)).toEqual([]);
    await queue.delete(first!);
    await expect(queue.release(first!, 0)).rejects.toBeInstanceOf(QueueLeaseLostError);
    expect(await queue.receive(10, LONG)).toEqual([]);
  });

  it('hands a message back, with a higher dequeue count, when its lease runs out; the first receiver then cannot delete it', async () => {
    await queue.send('{"id":"one"}');
    const [first] = await queue.receive(10, 1000);
    const again = await after(1500, firstOf);
    expect(again).toMatchObject({ id: first!.id, body: '{"id":"one"}', dequeueCount: 2 });
    await expect(queue.delete(first!)).rejects.toBeInstanceOf(QueueLeaseLostError);
    await queue.delete(again);
    expect(await queue.receive(10, LONG)).toEqual([]);
  });

  it('release hides the message for the delay given and renews the pop receipt', async () => {
    await queue.send('m');
    const [m] = await queue.receive(1, LONG);
    const released = await queue.release(m!, LONG);
    expect(released.popReceipt).not.toBe(m!.popReceipt);
    await expect(queue.delete(m!)).rejects.toBeInstanceOf(QueueLeaseLostError);
    expect(await queue.receive(1, LONG)).toEqual([]);
    await queue.release(released, 1000);
    expect(await after(1500, firstOf)).toMatchObject({ body: 'm', dequeueCount: 2 });
  });

  it('gives several messages at once up to the maximum, and delays a message sent with a delay', async () => {
    for (const b of ['a', 'b', 'c']) await queue.send(b);
    expect(await queue.receive(2, LONG)).toHaveLength(2);
    expect(await queue.receive(5, LONG)).toHaveLength(1);
    await queue.send('much later', { delayMs: LONG });
    await queue.send('later', { delayMs: 1000 });
    expect((await after(1500, firstOf))?.body).toBe('later');
    expect(await queue.receive(5, LONG)).toEqual([]);
  });

  it('answers a probe', async () => {
    await expect(queue.probe()).resolves.toBeUndefined();
  });
});

it('rejects unusable Azure names and connection strings without quoting the secret', () => {
  expect(() => containerClient('', 'ok-name')).toThrow(StorageError);
  expect(() => containerClient('AccountKey=secret-key;nonsense', 'ok-name')).toThrow(/cannot be parsed/);
  expect(() => containerClient('AccountKey=secret-key;nonsense', 'ok-name')).not.toThrow(/secret-key/);
  expect(() => containerClient('UseDevelopmentStorage=true', 'Bad_Name')).toThrow(/Invalid blob container name/);
});
