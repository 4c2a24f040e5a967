import { createHash } from 'node:crypto';
import { KbConflictError, KbError, type KnowledgeBase, type KnowledgeDocs, type KnowledgeSaver } from '../domain/knowledge-base';
import type { DocumentStore } from './storage/documents';
import { DocumentConflictError } from './storage/errors';

export type KbPart = keyof KnowledgeDocs;
export const KB_PARTS: readonly KbPart[] = ['territories', 'operators', 'referents'];

/**
 * Where the knowledge base's current revision is kept, for every process that serves or changes
 * it: the files of KB_DIR (knowledge-base.ts), or documents in a store shared by the instances.
 */
export interface KbRevisionStore {
  /** Names the stored revision (null: nothing stored yet). Cheap: read at every poll. */
  revision(): Promise<string | null>;
  /** The stored revision, read whole (never half of one change and half of the next). */
  read(): Promise<{ revision: string; docs: KnowledgeDocs } | null>;
  /** Stores `docs` as the new revision if the stored one is still `expected` (null: nothing stored), else KbConflictError; returns the new revision. */
  write(docs: KnowledgeDocs, changed: readonly KbPart[], expected: string | null): Promise<string>;
  probe(): Promise<void>;
}

/** Which stored document is the current version of each part of the base. */
interface Manifest {
  territories: string;
  operators: string;
  referents: string;
  changedAt: string;
}

const MANIFEST = 'manifest';

/**
 * The knowledge base in a document store (blobs shared by the instances, or memory): each part is
 * stored under a name derived from its content, and a small manifest names the current ones. A
 * change uploads the parts, then replaces the manifest on the eTag it was based on: the switch
 * to a new revision is one write, never half a base, and of two changes made at once one wins.
 */
export class DocumentKbRevisions implements KbRevisionStore {
  constructor(private readonly docs: DocumentStore<unknown>) {}

  async revision(): Promise<string | null> {
    return (await this.docs.get(MANIFEST))?.eTag ?? null;
  }

  async read(): Promise<{ revision: string; docs: KnowledgeDocs } | null> {
    const manifest = await this.docs.get(MANIFEST);
    if (!manifest) return null;
    const names = manifest.value as Manifest;
    const parts = await Promise.all(KB_PARTS.map((p) => this.docs.get(names[p])));
    const missing = KB_PARTS.filter((_, i) => !parts[i]);
    if (missing.length) throw new KbError(`The shared knowledge base names a missing part (${missing.join(', ')})`);
    const [territories, operators, referents] = parts.map((p) => p!.value) as [
      KnowledgeDocs['territories'],
      KnowledgeDocs['operators'],
      KnowledgeDocs['referents'],
    ];
    return { revision: manifest.eTag, docs: { territories, operators, referents } };
  }

  async write(docs: KnowledgeDocs, _changed: readonly KbPart[], expected: string | null): Promise<string> {
    const manifest: Manifest = { territories: '', operators: '', referents: '', changedAt: new Date().toISOString() };
    for (const part of KB_PARTS) {
      const name = `${part}-${createHash('sha256').update(JSON.stringify(docs[part])).digest('hex').slice(0, 24)}`;
      manifest[part] = name;
      try {
        await this.docs.create(name, docs[part]);
      } catch (err) {
        if (!(err instanceof DocumentConflictError)) throw err; // same content already stored
      }
    }
    try {
      return (expected === null ? await this.docs.create(MANIFEST, manifest) : await this.docs.put(MANIFEST, manifest, { ifMatch: expected })).eTag;
    } catch (err) {
      if (err instanceof DocumentConflictError) throw new KbConflictError();
      throw err;
    }
  }

  probe(): Promise<void> {
    return this.docs.probe();
  }
}

/**
 * Keeps a process's knowledge base in step with its store, where other processes change it too
 * (other instances, `npm run kb:import`). Every `pollMs` it reads the stored revision's name and,
 * when it changed, loads and serves the new revision without restart (a revision that breaks an
 * invariant is refused, logged once, and the current one kept). A change made here is written on
 * the revision it was based on (or on the refused one, which it replaces): if the store moved on
 * meanwhile it is refused (KbConflictError) and the newer revision loaded, so no one's change is
 * overwritten unseen. The first process on an empty store seeds it with the base it loaded.
 */
export class SharedKnowledgeBase implements KnowledgeSaver {
  private served: string | null = null;
  private refused: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<boolean> | null = null;
  /** Pulls and saves run one at a time. */
  private exclusive: Promise<unknown> = Promise.resolve();
  /** Saves requested and not finished: a pull must not replace the base a change is being made on. */
  private saving = 0;

  private constructor(
    private readonly store: KbRevisionStore,
    private readonly kb: KnowledgeBase,
    private readonly log: (message: string) => void,
  ) {}

  /** Serves the stored base in `kb` (seeding an empty store from `kb`) and routes kb's changes to the store. */
  static async attach(kb: KnowledgeBase, store: KbRevisionStore, log: (message: string) => void = () => undefined): Promise<SharedKnowledgeBase> {
    const shared = new SharedKnowledgeBase(store, kb, log);
    if (!(await shared.refresh())) {
      try {
        shared.served = await store.write(kb.documents(), KB_PARTS, null);
        log('knowledge base: shared store seeded from the packaged base');
      } catch (err) {
        if (!(err instanceof KbConflictError)) throw err;
        await shared.refresh(); // another instance seeded it first
      }
    }
    kb.shareThrough(shared);
    return shared;
  }

  save(changed: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>>): Promise<void> {
    this.saving++;
    return this.alone(async () => {
      try {
        // On top of a refused revision if there is one: the change is made on what is served, and repairs the store.
        this.served = await this.store.write({ ...this.kb.documents(), ...changed }, Object.keys(changed) as KbPart[], this.refused ?? this.served);
        this.refused = null;
      } catch (err) {
        if (err instanceof KbConflictError) void this.refresh().catch(() => undefined);
        throw err;
      } finally {
        this.saving--;
      }
    });
  }

  /** Serves the stored revision if it is not the one served; true when the store holds a revision. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.alone(() => this.pull()).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  start(pollMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.refresh().catch((err: Error) => this.log(`knowledge base: cannot check for a new revision (${err.name}: ${err.message})`));
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  probe(): Promise<void> {
    return this.store.probe();
  }

  private alone<T>(task: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(task);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async pull(): Promise<boolean> {
    const revision = await this.store.revision();
    if (revision === null) return false;
    if (revision === this.served || revision === this.refused || this.saving > 0) return true;
    const stored = await this.store.read();
    if (!stored) return false;
    // Re-checked: a change may have been handed over while the store was read.
    if (this.saving > 0) return true;
    // The same content (this process's own change, or the files loaded at start-up) needs no re-index.
    if (JSON.stringify(stored.docs) !== JSON.stringify(this.kb.documents())) {
      try {
        this.kb.adopt(stored.docs);
      } catch (err) {
        if (!(err instanceof KbError)) throw err;
        this.refused = stored.revision;
        this.log(`knowledge base: revision refused, still serving the previous one: ${err.message}`);
        return true;
      }
      this.log('knowledge base: now serving a new revision');
    }
    this.served = stored.revision;
    this.refused = null;
    return true;
  }
}
