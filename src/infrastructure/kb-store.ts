import { createHash } from 'node:crypto';
import { KbConflictError, type KnowledgeBase, type KnowledgeDocs, type KnowledgeSaver } from '../domain/knowledge-base';
import type { DocumentStore } from './storage/documents';
import { DocumentConflictError } from './storage/errors';

/** Which stored document is the current version of each part of the base. */
interface Manifest {
  territories: string;
  operators: string;
  referents: string;
  changedAt: string;
}

const MANIFEST = 'manifest';
const PARTS = ['territories', 'operators', 'referents'] as const;

/**
 * The knowledge base shared by every instance through one document store (blobs): each part is
 * stored under a name derived from its content, and a small manifest names the current ones. A
 * change uploads the parts it touched, then replaces the manifest on the eTag this instance last
 * saw, so of two instances changing the base at once one wins and the other is told to retry
 * (KbConflictError); the switch to a new revision is one write, never half a base. Every
 * instance reads the manifest every `pollMs` and serves a new revision within that time, without
 * restart. The first instance seeds the store from its packaged base.
 */
export class SharedKnowledgeBase implements KnowledgeSaver {
  private manifestETag = '';
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<boolean> | null = null;

  private constructor(
    private readonly docs: DocumentStore<unknown>,
    private readonly kb: KnowledgeBase,
    private readonly log: (message: string) => void,
  ) {}

  /** Loads the shared base into `kb` (seeding the store from `kb` when empty) and routes kb's changes to the store. */
  static async attach(kb: KnowledgeBase, docs: DocumentStore<unknown>, log: (message: string) => void = () => undefined): Promise<SharedKnowledgeBase> {
    const shared = new SharedKnowledgeBase(docs, kb, log);
    if (!(await shared.refresh())) {
      try {
        await shared.publish(kb.documents(), null);
        log('knowledge base: shared store seeded from the packaged base');
      } catch (err) {
        if (!(err instanceof KbConflictError)) throw err;
        await shared.refresh(); // another instance seeded it first
      }
    }
    kb.shareThrough(shared);
    return shared;
  }

  async save(changed: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>>): Promise<void> {
    await this.publish({ ...this.kb.documents(), ...changed }, this.manifestETag);
  }

  /** Serves the stored revision if it is not the one served; true when a revision was found. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.pull().finally(() => (this.refreshing = null));
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
    return this.docs.probe();
  }

  private async pull(): Promise<boolean> {
    const manifest = await this.docs.get(MANIFEST);
    if (!manifest) return false;
    if (manifest.eTag === this.manifestETag) return true;
    const names = manifest.value as Manifest;
    const parts = await Promise.all(PARTS.map((p) => this.docs.get(names[p])));
    if (parts.some((p) => !p)) throw new Error(`knowledge base manifest names a missing part (${PARTS.filter((_, i) => !parts[i]).join(', ')})`);
    const [territories, operators, referents] = parts.map((p) => p!.value) as [KnowledgeDocs['territories'], KnowledgeDocs['operators'], KnowledgeDocs['referents']];
    this.kb.adopt({ territories, operators, referents });
    this.manifestETag = manifest.eTag;
    this.log(`knowledge base: now serving the revision of ${names.changedAt}`);
    return true;
  }

  private async publish(docs: KnowledgeDocs, ifMatch: string | null): Promise<void> {
    const manifest: Manifest = { territories: '', operators: '', referents: '', changedAt: new Date().toISOString() };
    for (const part of PARTS) {
      const name = `${part}-${createHash('sha256').update(JSON.stringify(docs[part])).digest('hex').slice(0, 24)}`;
      manifest[part] = name;
      try {
        await this.docs.create(name, docs[part]);
      } catch (err) {
        if (!(err instanceof DocumentConflictError)) throw err; // same content already stored
      }
    }
    try {
      const stored = ifMatch === null ? await this.docs.create(MANIFEST, manifest) : await this.docs.put(MANIFEST, manifest, { ifMatch });
      this.manifestETag = stored.eTag;
    } catch (err) {
      if (err instanceof DocumentConflictError) {
        void this.refresh().catch(() => undefined);
        throw new KbConflictError();
      }
      throw err;
    }
  }
}
