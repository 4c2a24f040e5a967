import type { KnowledgeBase } from '../knowledge-base';
import type { FirmProfile } from '../profile';
import { territoryRef, communeRef } from '../resolution/resolver';
import { evaluateSchemes, nextQuestion, type SchemeCatalog, type SchemeOutcome, type TerritoryContext } from './';
import type { ProfileField } from '../profile';
import type { Localized } from './';

/**
 * The eligibility answer for a firm: its territory context in both lists (the VTE aid of
 * 2019-2022 depends on the first list), every scheme's outcome, and the question that would
 * decide the most of the undecided ones.
 */
export interface Advice {
  context: TerritoryContext;
  outcomes: SchemeOutcome[];
  next: { field: ProfileField; question: Localized } | null;
}

export function territoryContext(kb: KnowledgeBase, place: { communeCode?: string; territory?: { id: string; wave: number } }): TerritoryContext | null {
  const commune = place.communeCode ? kb.geo.currentCommune(place.communeCode) : undefined;
  if (commune) {
    const t2023 = kb.territoryOfCommune(commune.code, 2023);
    const t2019 = kb.territoryOfCommune(commune.code, 2019);
    return {
      commune: communeRef(commune),
      territories: { 2019: t2019 ? territoryRef(t2019) : null, 2023: t2023 ? territoryRef(t2023) : null },
      referents: t2023 ? kb.referents(t2023) : kb.regionalReferents(commune.region),
    };
  }
  const territory = place.territory ? kb.territory(place.territory.wave, place.territory.id) : undefined;
  if (!territory) return null;
  // Known only by its territory name: membership of the other list is not known.
  return {
    commune: null,
    territories: { [territory.wave]: territoryRef(territory) } as TerritoryContext['territories'],
    referents: kb.referents(territory),
  };
}

export function advise(catalog: SchemeCatalog, profile: Partial<FirmProfile>, context: TerritoryContext, today?: Date): Advice {
  const outcomes = evaluateSchemes(catalog.schemes, profile, context, today ? { today } : {});
  return { context, outcomes, next: nextQuestion(outcomes, profile) };
}
