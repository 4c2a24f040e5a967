/**
 * An App Service deployment upgraded in place: the earlier version kept contact requests, the
 * notification outbox and the knowledge-base history as single files in STATE_DIR (/home, which
 * every instance shares) and the edited knowledge base in KB_DIR, whatever STORAGE said. Two
 * instances of this version start at once on Azurite: every record reaches the shared stores once.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KbAdmin } from '../../../src/domain/admin';
import type { NotificationMessage } from '../../../src/domain/contact/notification';
import type { NewContactRequest } from '../../../src/domain/contact/types';
import { loadGeography } from '../../../src/infrastructure/geography';
import { HISTORY_FILE, KbHistory } from '../../../src/infrastructure/kb-history';
import { openKnowledgeBase } from '../../../src/infrastructure/knowledge-base';
import { OUTBOX_FILE } from '../../../src/infrastructure/notify/outbox';
import { RequestStore, REQUESTS_FILE } from '../../../src/infrastructure/request-store';
import { MemoryDocumentStore } from '../../../src/infrastructure/storage/memory-documents';
import { openStores, type StoreSettings, type Stores } from '../../../src/infrastructure/stores';
import { startAzurite, type AzuriteHandle } from '../../helpers/azurite';
import { MESSAGE } from '../../helpers/notify';

let azurite: AzuriteHandle;
let root: string;
const opened: Stores[] = [];
beforeAll(async () => {
  azurite = await startAzurite({ queue: true });
  root = mkdtempSync(path.join(os.tmpdir(), 'ti-upgrade-'));
}, 120_000);
afterAll(async () => {
  for (const s of opened) s.close();
  await azurite?.stop();
  rmSync(root, { recursive: true, force: true });
});

it('moves the requests, notifications, history and edited referents of an earlier version into the shared stores once, with two instances starting at once', async () => {
  const stateDir = path.join(root, 'var');
  const kbDir = path.join(root, 'kb');
  cpSync('data/kb', kbDir, { recursive: true });
  const geo = loadGeography();

  // What the earlier version left: a referent named by an administrator in KB_DIR, and three single files.
  const edited = await openKnowledgeBase(kbDir, geo);
  const referent = { name: 'Alex Fictif', role: "Chargé d'affaires", email: 'alex.fictif@example.test', source: 'Test fixture', verifiedAt: '2026-01-10' };
  await new KbAdmin(edited, new KbHistory(new MemoryDocumentStore('history'))).replaceSlot(2023, 'ti-8413', 'bpifrance', referent, 'admin:Alice');
  const submission: NewContactRequest = {
    territory: { id: 'ti-8413', wave: 2023, name: 'Plastics Vallée – Oyonnax' },
    operator: 'bpifrance',
    target: { kind: 'entry-point', operatorName: 'Bpifrance' },
    channel: 'webchat',
    firm: { name: 'Société Fictive Ancienne SAS', contactName: 'Camille Testeur', email: 'camille@example.test', phone: '+33612345678' },
    need: 'Financer une nouvelle ligne de production.',
    consent: { given: true, at: '2026-01-05T10:00:00.000Z', textVersion: 'rgpd-2026-1' },
    locale: 'fr',
    idempotencyKey: 'conv-old/contact-dialog-1',
  };
  const { request } = await new RequestStore(new MemoryDocumentStore('requests'), new MemoryDocumentStore('keys')).create(submission);
  const entry = {
    reference: request.reference,
    channel: 'webhook',
    primary: true,
    attempts: 1,
    createdAt: '2026-01-05T10:00:00.000Z',
    nextAttemptAt: '2026-01-05T10:05:00.000Z',
  };
  const change = {
    id: 'old-change',
    at: '2026-01-04T09:00:00.000Z',
    who: 'admin:Alice',
    action: 'slot.replace',
    summary: 'referent Alex Fictif',
    changes: [{ key: '2023/ti-8413/bpifrance', before: null, after: null }],
  };
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(path.join(stateDir, REQUESTS_FILE), JSON.stringify({ version: 1, requests: [request] }));
  writeFileSync(
    path.join(stateDir, OUTBOX_FILE),
    JSON.stringify({
      version: 1,
      entries: [
        { ...entry, id: 'old-sent', status: 'sent' },
        { ...entry, id: 'old-pending', status: 'pending', message: { ...MESSAGE, reference: request.reference } },
      ],
    }),
  );
  writeFileSync(path.join(stateDir, HISTORY_FILE), JSON.stringify({ version: 1, entries: [change] }));

  const settings: StoreSettings = {
    storage: 'blob',
    stateDir,
    kbDir,
    blobConnectionString: azurite.connectionString,
    blobDataContainer: 'upgrade-data',
    outboxQueue: 'upgrade-outbox',
    kbRefreshMs: 60_000,
  };
  const sent: NotificationMessage[] = [];
  const instance = async () => {
    const kb = await openKnowledgeBase(kbDir, geo);
    const stores = await openStores(
      settings,
      kb,
      { webhook: { channel: 'webhook', send: async (m) => void sent.push(m) } },
      { outbox: { leaseMs: 10 * 60_000 } },
    );
    opened.push(stores);
    return { kb, stores };
  };
  const [a, b] = await Promise.all([instance(), instance()]);

  for (const { kb, stores } of [a, b]) {
    expect(await stores.requests.list()).toEqual([request]);
    expect((await stores.outbox.list()).map((e) => `${e.id}:${e.status}`).sort()).toEqual(['old-pending:pending', 'old-sent:sent']);
    expect((await stores.history.list()).map((e) => e.id)).toEqual(['old-change']);
    expect(kb.slot(2023, 'ti-8413', 'bpifrance')?.referent?.name).toBe('Alex Fictif');
  }
  // The pending notification was queued once, whichever instance moved it.
  expect((await a.stores.outbox.runOnce()) + (await b.stores.outbox.runOnce())).toBe(1);
  expect((await a.stores.outbox.runOnce()) + (await b.stores.outbox.runOnce())).toBe(0);
  expect(sent).toEqual([expect.objectContaining({ reference: request.reference, idempotencyKey: 'old-pending' })]);
  for (const file of [REQUESTS_FILE, OUTBOX_FILE, HISTORY_FILE]) expect(existsSync(path.join(stateDir, file))).toBe(false);
  // Personal data is not kept aside, out of reach of retention and erasure; the history is.
  expect(existsSync(path.join(stateDir, `${REQUESTS_FILE}.migrated`))).toBe(false);
  expect(existsSync(path.join(stateDir, `${OUTBOX_FILE}.migrated`))).toBe(false);
  expect(existsSync(path.join(stateDir, `${HISTORY_FILE}.migrated`))).toBe(true);
  // A replayed submission of the old conversation still finds its request.
  expect(await b.stores.requests.create(submission)).toMatchObject({ created: false, request: { reference: request.reference } });
});
