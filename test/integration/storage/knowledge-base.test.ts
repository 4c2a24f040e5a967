/**
 * The knowledge base's revision stores, as several processes use them at once (instances of the
 * bot, `npm run kb:import`): the files of KB_DIR (STORAGE=file), blobs on Azurite (STORAGE=blob)
 * and memory. Polls are made by calling refresh(), so nothing here depends on timers or speed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KbAdmin } from '../../../src/domain/admin';
import type { Geography } from '../../../src/domain/geography';
import { KbConflictError, type KnowledgeBase } from '../../../src/domain/knowledge-base';
import type { OperatorId } from '../../../src/domain/types';
import { KbHistory } from '../../../src/infrastructure/kb-history';
import { DocumentKbRevisions, SharedKnowledgeBase, type KbRevisionStore } from '../../../src/infrastructure/kb-store';
import { KB_FILES, KB_LOCK_FILE, KnowledgeBaseFiles, openKnowledgeBase } from '../../../src/infrastructure/knowledge-base';
import { withFileLock } from '../../../src/infrastructure/storage/file-lock';
import { MemoryDocumentStore } from '../../../src/infrastructure/storage/memory-documents';
import { realKnowledge } from '../../helpers/kb';
import { storeBackends, type StoreLocation } from '../../helpers/stores';

const TERRITORY = 'ti-8413';
const referent = (name: string) => ({ name, role: "Chargé d'affaires", email: 'referent@example.test', source: 'Test fixture', verifiedAt: '2026-01-10' });

let geo: Geography;
let seedDir: string;
beforeAll(async () => {
  geo = (await realKnowledge()).geo;
  seedDir = mkdtempSync(path.join(os.tmpdir(), 'kb-seed-'));
  cpSync('data/kb', seedDir, { recursive: true });
});
afterAll(() => rmSync(seedDir, { recursive: true, force: true }));

describe.each(storeBackends())('knowledge base revisions: $name', (backend) => {
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown());

  /** A store several processes open: a copy of the committed KB_DIR, or an empty container or memory. */
  function location(): { at: StoreLocation; store: () => KbRevisionStore } {
    const at = backend.fresh();
    if (backend.name === 'file') {
      cpSync('data/kb', at.dir, { recursive: true });
      return { at, store: () => new KnowledgeBaseFiles(at.dir) };
    }
    return { at, store: () => new DocumentKbRevisions(backend.documents<unknown>(at, 'kb')) };
  }

  /** One process serving the base from `store`: the base, its watcher and an administrator on it. */
  async function open(store: KbRevisionStore, log: string[] = []) {
    const kb = await openKnowledgeBase(backend.name === 'file' ? (store as KnowledgeBaseFiles).dir : seedDir, geo);
    const shared = await SharedKnowledgeBase.attach(kb, store, (m) => log.push(m));
    const admin = new KbAdmin(kb, new KbHistory(new MemoryDocumentStore('kb-history')), undefined, () => shared.refresh());
    return { kb, shared, admin, log };
  }
  const named = (kb: KnowledgeBase, operator: OperatorId) => kb.slot(2023, TERRITORY, operator)?.referent?.name ?? null;

  it('serves a change made by another process at its next poll, without restart', async () => {
    const { store } = location();
    const a = await open(store());
    const b = await open(store());
    expect(named(b.kb, 'bpifrance')).not.toBe('Alex Fictif');
    await a.admin.replaceSlot(2023, TERRITORY, 'bpifrance', referent('Alex Fictif'), 'test');
    expect(named(b.kb, 'bpifrance')).not.toBe('Alex Fictif');
    expect(await b.shared.refresh()).toBe(true);
    expect(named(b.kb, 'bpifrance')).toBe('Alex Fictif');
    // A third process, started now, serves it from the store.
    expect(named((await open(store())).kb, 'bpifrance')).toBe('Alex Fictif');
  });

  it('refuses a change made on a revision another process replaced, loses neither, and takes it made again', async () => {
    const { store } = location();
    const a = await open(store());
    const b = await open(store());
    await a.admin.replaceSlot(2023, TERRITORY, 'bpifrance', referent('Alex Fictif'), 'test');
    // B has not polled since: its base is stale. (KbAdmin polls first; the base alone does not.)
    const slots = b.kb
      .slots()
      .map((s) =>
        s.wave === 2023 && s.territoryId === TERRITORY && s.operator === 'france-travail'
          ? { ...s, referent: { ...s.referent, ...referent('Dominique Essai') } }
          : s,
      );
    await expect(b.kb.replace({ slots })).rejects.toBeInstanceOf(KbConflictError);
    expect(named(b.kb, 'france-travail')).not.toBe('Dominique Essai');
    await b.admin.replaceSlot(2023, TERRITORY, 'france-travail', referent('Dominique Essai'), 'test');
    for (const p of [a, b]) {
      await p.shared.refresh();
      expect([named(p.kb, 'bpifrance'), named(p.kb, 'france-travail')]).toEqual(['Alex Fictif', 'Dominique Essai']);
    }
  });

  it('keeps serving the current revision when a stored one breaks an invariant, and says so once', async () => {
    const { store } = location();
    const a = await open(store());
    const raw = store();
    const docs = structuredClone(a.kb.documents());
    docs.referents.slots.push({ ...docs.referents.slots[0]!, territoryId: 'ti-9999' });
    await raw.write(docs, ['referents'], await raw.revision());
    expect(await a.shared.refresh()).toBe(true);
    expect(await a.shared.refresh()).toBe(true);
    expect(a.log.filter((m) => /revision refused/.test(m))).toHaveLength(1);
    expect(a.kb.slots().some((s) => s.territoryId === 'ti-9999')).toBe(false);
    // A change made on the served base replaces the refused revision, and is what the others serve.
    await a.admin.replaceSlot(2023, TERRITORY, 'bpifrance', referent('Alex Fictif'), 'test');
    const b = await open(store());
    expect(named(b.kb, 'bpifrance')).toBe('Alex Fictif');
    expect(b.kb.slots().some((s) => s.territoryId === 'ti-9999')).toBe(false);
  });
});

describe('knowledge base files (KB_DIR)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kb-files-'));
    cpSync('data/kb', dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never reads half of a change: a reader waits for the writer holding the lock', async () => {
    const files = new KnowledgeBaseFiles(dir);
    const before = await files.read();
    const territories = JSON.parse(readFileSync(path.join(dir, KB_FILES.territories), 'utf8'));
    const referents = JSON.parse(readFileSync(path.join(dir, KB_FILES.referents), 'utf8'));
    territories.meta.builtAt = referents.meta.builtAt = '2026-02-02T00:00:00.000Z';
    let reading: Promise<{ revision: string; docs: any }> | undefined;
    let readDone = false;
    await withFileLock(path.join(dir, KB_LOCK_FILE), async () => {
      writeFileSync(path.join(dir, KB_FILES.territories), JSON.stringify(territories));
      reading = files.read();
      void reading.then(() => (readDone = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(readDone).toBe(false); // half written: territories new, referents old
      writeFileSync(path.join(dir, KB_FILES.referents), JSON.stringify(referents));
    });
    const after = await reading!;
    expect(after.revision).not.toBe(before.revision);
    expect([after.docs.territories.meta.builtAt, after.docs.referents.meta.builtAt]).toEqual(['2026-02-02T00:00:00.000Z', '2026-02-02T00:00:00.000Z']);
  });

  it('serves a file changed by hand, and refuses a change based on the files as they were', async () => {
    const files = new KnowledgeBaseFiles(dir);
    const kb = await openKnowledgeBase(dir, geo);
    const shared = await SharedKnowledgeBase.attach(kb, files);
    const referents = JSON.parse(readFileSync(path.join(dir, KB_FILES.referents), 'utf8'));
    const slot = referents.slots.find((s: any) => s.wave === 2023 && s.territoryId === TERRITORY && s.operator === 'bpifrance');
    slot.referent = { ...referent('Camille Manuelle'), phone: null };
    writeFileSync(path.join(dir, KB_FILES.referents), JSON.stringify(referents));
    const stale = kb.slots().map((s) => (s.wave === 2023 && s.territoryId === TERRITORY && s.operator === 'france-travail' ? { ...s, referent: null } : s));
    await expect(kb.replace({ slots: stale })).rejects.toBeInstanceOf(KbConflictError);
    expect(JSON.parse(readFileSync(path.join(dir, KB_FILES.referents), 'utf8'))).toEqual(referents);
    await shared.refresh();
    expect(kb.slot(2023, TERRITORY, 'bpifrance')?.referent?.name).toBe('Camille Manuelle');
  });
});
