import type { Geography } from '../../src/domain/geography';
import type { KnowledgeBase } from '../../src/domain/knowledge-base';
import { loadGeography } from '../../src/infrastructure/geography';
import { openKnowledgeBase } from '../../src/infrastructure/knowledge-base';
import { Resolver } from '../../src/domain/resolution/resolver';
import { loadLexicon } from '../../src/infrastructure/lexicon-files';

let cached: Promise<{ geo: Geography; kb: KnowledgeBase; resolver: Resolver }> | null = null;

/** The real committed knowledge base, loaded once per test file. */
export function realKnowledge(): Promise<{ geo: Geography; kb: KnowledgeBase; resolver: Resolver }> {
  cached ??= (async () => {
    const geo = loadGeography();
    const kb = await openKnowledgeBase('data/kb', geo);
    return { geo, kb, resolver: new Resolver(kb, 2023, loadLexicon()) };
  })();
  return cached;
}
