import { loadGeography, type Geography } from '../../src/domain/geography';
import { KnowledgeBase } from '../../src/domain/knowledge-base';
import { Resolver } from '../../src/domain/resolution/resolver';

let cached: Promise<{ geo: Geography; kb: KnowledgeBase; resolver: Resolver }> | null = null;

/** The real committed knowledge base, loaded once per test file. */
export function realKnowledge(): Promise<{ geo: Geography; kb: KnowledgeBase; resolver: Resolver }> {
  cached ??= (async () => {
    const geo = loadGeography();
    const kb = await KnowledgeBase.open('data/kb', geo);
    return { geo, kb, resolver: new Resolver(kb, 2023) };
  })();
  return cached;
}
