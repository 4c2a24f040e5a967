import type { Server } from 'restify';
import type { Config } from './config';
import type { CompanyDirectory } from './domain/company/directory';
import type { ContactService } from './domain/contact/service';
import type { SchemeCatalog } from './domain/eligibility';
import type { Geography } from './domain/geography';
import type { KnowledgeBase } from './domain/knowledge-base';
import type { LookupService } from './domain/resolution/lookup';
import type { NumberReader, ProfileParser } from './domain/profile';
import type { Lexicon } from './domain/resolution/lexicon';
import type { Resolver } from './domain/resolution/resolver';
import type { Outbox } from './infrastructure/notify';
import type { RequestStore } from './infrastructure/request-store';

/**
 * What the composition root built, for tests, benches and scripts to look at. Routes and
 * channels never receive it: each declares the narrow dependencies it needs.
 */
export interface AppServices {
  config: Config;
  geo: Geography;
  kb: KnowledgeBase;
  resolver: Resolver;
  lookup: LookupService;
  parser: ProfileParser;
  schemes: SchemeCatalog;
  log: (message: string) => void;
  requests: RequestStore;
  outbox: Outbox;
  contact: ContactService;
}

export interface App {
  server: Server;
  services: AppServices;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export interface AppOverrides {
  log?: (message: string) => void;
  directory?: CompanyDirectory | null;
  /**
   * What reads numbers written in words (default: the parser worker, warming in the background).
   * Tests that never parse them hand in a stand-in and spare the machine the model's build.
   */
  numberReader?: NumberReader;
  /**
   * Reference data this process already holds, read-only once built: the geography (default: read
   * from @etalab/decoupage-administratif) and the resolver's word lists (default: read from the
   * word-list packages once the server listens). A test file that starts several apps reads them
   * once (a third of a second of CPU per app); each app still opens its own knowledge base and
   * builds its own indexes over it.
   */
  geography?: Geography;
  lexicon?: Lexicon;
}
