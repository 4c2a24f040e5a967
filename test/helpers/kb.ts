import type { AppOverrides } from '../../src/app-types';
import type { Geography } from '../../src/domain/geography';
import type { KnowledgeBase } from '../../src/domain/knowledge-base';
import type { Lexicon } from '../../src/domain/resolution/lexicon';
import type { ReferentSlot } from '../../src/domain/types';
import { loadGeography } from '../../src/infrastructure/geography';
import { openKnowledgeBase } from '../../src/infrastructure/knowledge-base';
import { Resolver } from '../../src/domain/resolution/resolver';
import { loadLexicon } from '../../src/infrastructure/lexicon-files';

let geography: Geography | null = null;
let lexicon: Lexicon | null = null;

/**
 * The geography and the resolver's word lists, read once per test file (jest gives each file its
 * own modules) and handed to every app the file starts: both are read-only once built, and
 * reading them again cost each app a third of a second of CPU. Each app still opens its own
 * knowledge base; its resolver indexes that base's names on top of the geography's index, which
 * the resolver builds once per geography.
 */
export function referenceData(): Required<Pick<AppOverrides, 'geography' | 'lexicon'>> {
  lexicon ??= loadLexicon();
  return { geography: sharedGeography(), lexicon };
}

const sharedGeography = (): Geography => (geography ??= loadGeography());

let cached: Promise<{ geo: Geography; kb: KnowledgeBase; resolver: Resolver }> | null = null;

/** The real committed knowledge base, loaded once per test file; its resolver is built when first read. */
export function realKnowledge(): Promise<{ geo: Geography; kb: KnowledgeBase; resolver: Resolver }> {
  cached ??= (async () => {
    const geo = sharedGeography();
    const kb = await openKnowledgeBase('data/kb', geo);
    let resolver: Resolver | null = null;
    return {
      geo,
      kb,
      get resolver() {
        resolver ??= new Resolver(kb, 2023, referenceData().lexicon);
        return resolver;
      },
    };
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
