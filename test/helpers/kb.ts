import type { Geography } from '../../src/domain/geography';
import type { KnowledgeBase } from '../../src/domain/knowledge-base';
import type { ReferentSlot } from '../../src/domain/types';
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

/** The slots of `kb` with a fictional Bpifrance referent named for one 2023 territory (a test fixture, never a real person). */
export function slotsWithFictiveBpifranceReferent(kb: KnowledgeBase, territoryId: string): ReferentSlot[] {
  return kb.slots().map((s) =>
    s.wave === 2023 && s.territoryId === territoryId && s.operator === 'bpifrance'
      ? {
          ...s,
          referent: {
            name: 'Camille Fictive',
            role: 'Chargée d’affaires (fixture de test)',
            email: 'camille.fictive@example.test',
            source: 'test fixture',
            verifiedAt: '2026-01-01',
          },
          updatedBy: 'test',
        }
      : s,
  );
}
