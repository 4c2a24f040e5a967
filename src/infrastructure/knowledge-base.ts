import path from 'node:path';
import type { Geography } from '../domain/geography';
import {
  KbError,
  KnowledgeBase,
  type KnowledgeBaseRepository,
  type KnowledgeDocs,
  type OperatorsDoc,
  type ReferentsDoc,
  type TerritoriesDoc,
} from '../domain/knowledge-base';
import { JsonDocument } from './json-document';

export const KB_FILES = {
  territories: 'territories.json',
  operators: 'operators.json',
  referents: 'referents.json',
} as const;

/**
 * The knowledge base as three committed JSON files in one directory (KB_DIR). lowdb writes each
 * through a temporary file and a rename, so a crash leaves either the old or the new file.
 */
export class KnowledgeBaseFiles implements KnowledgeBaseRepository {
  private readonly territories: JsonDocument<TerritoriesDoc | null>;
  private readonly operators: JsonDocument<OperatorsDoc | null>;
  private readonly referents: JsonDocument<ReferentsDoc | null>;

  constructor(readonly dir: string) {
    this.territories = new JsonDocument<TerritoriesDoc | null>(path.join(dir, KB_FILES.territories), null);
    this.operators = new JsonDocument<OperatorsDoc | null>(path.join(dir, KB_FILES.operators), null);
    this.referents = new JsonDocument<ReferentsDoc | null>(path.join(dir, KB_FILES.referents), null);
  }

  async load(): Promise<KnowledgeDocs> {
    return {
      territories: await this.read(this.territories, KB_FILES.territories),
      operators: await this.read(this.operators, KB_FILES.operators),
      referents: await this.read(this.referents, KB_FILES.referents),
    };
  }

  private async read<T>(doc: JsonDocument<T | null>, file: string): Promise<T> {
    try {
      await doc.read();
    } catch (err) {
      throw new KbError(`Knowledge base file ${file} in ${this.dir} is not valid JSON (${(err as Error).message})`);
    }
    if (doc.data === null || typeof doc.data !== 'object') throw new KbError(`Knowledge base file ${file} is missing or empty in ${this.dir}`);
    return doc.data;
  }

  async save(docs: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>>): Promise<void> {
    if (docs.territories) {
      this.territories.data = docs.territories;
      await this.territories.write();
    }
    if (docs.referents) {
      this.referents.data = docs.referents;
      await this.referents.write();
    }
  }
}

/** Opens and checks the knowledge base kept in `dir`; throws KbError when it is unsound. */
export function openKnowledgeBase(dir: string, geo: Geography): Promise<KnowledgeBase> {
  return KnowledgeBase.open(new KnowledgeBaseFiles(dir), geo);
}
