import type { StatePropertyAccessor } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/kb';
import type { ContactService } from '../knowledge/requests';
import type { SchemeCatalog } from '../knowledge/schemes';
import type { LookupService } from '../knowledge/lookup';
import type { CardRenderer } from './present';
import type { ConversationMemory } from './state';

/** What the dialogs need from the rest of the product, passed in rather than imported. */
export interface DialogDeps {
  lookup: LookupService;
  kb: KnowledgeBase;
  cards: CardRenderer | null;
  memory: StatePropertyAccessor<ConversationMemory>;
  defaultWave: number;
  /** Contact requests to referents (null where the product runs without them, e.g. some tests). */
  contact: ContactService | null;
  /** The schemes knowledge base (null where a test runs without it). */
  schemes: SchemeCatalog | null;
  /** How long contact requests are kept, shown in the consent text. */
  requestRetentionDays: number;
}
