import type { StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../../domain/knowledge-base';
import type { ContactService } from '../../domain/contact/service';
import type { SchemeCatalog } from '../../domain/eligibility';
import type { LookupService } from '../../domain/resolution/lookup';
import type { ProfileParser } from '../../domain/profile';
import type { CardRenderer } from '../../presentation/present';
import type { ConversationMemory } from './state';

/** What the dialogs need from the rest of the product, passed in rather than imported. */
export interface DialogDeps {
  lookup: LookupService;
  /** Reads a firm's description; numbers written in words are read off the event loop. */
  parser: ProfileParser;
  kb: KnowledgeBase;
  cards: CardRenderer | null;
  memory: StatePropertyAccessor<ConversationMemory>;
  /** The dialog stack of the flows that ask over several turns (eligibility, contact). */
  flows: StatePropertyAccessor<DialogState>;
  defaultWave: number;
  /** Contact requests to referents (null where the product runs without them, e.g. some tests). */
  contact: ContactService | null;
  /** The schemes knowledge base (null where a test runs without it). */
  schemes: SchemeCatalog | null;
  /** How long contact requests are kept, shown in the consent text. */
  requestRetentionDays: number;
  /** Where a firm asks to see, correct or delete its request, shown in the consent text (empty: not configured). */
  privacyContact: string;
}
