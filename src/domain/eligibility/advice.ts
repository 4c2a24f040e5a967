import type { KnowledgeBase } from '../knowledge-base';
import type { FirmProfile } from '../profile';
import { territoryRef, communeRef } from '../resolution/resolver';
import { evaluateSchemes, nextQuestion, type SchemeCatalog, type SchemeOutcome, type TerritoryContext } from './';
import type { Need, ProfileField } from '../profile';
import { OPERATOR_IDS, type OperatorId, type ReferentView, type Wave } from '../types';

/**
 * Where the firm is, for eligibility: its territory in every list of the base (the VTE aid of
 * 2019-2022 depends on the first one), and `wave`, the current list (DEFAULT_WAVE), whose
 * territory is the firm's and whose slots give its referents.
 */
export interface PlaceContext extends TerritoryContext {
  wave: Wave;
}

/**
 * The eligibility answer for a firm: its place, every scheme's outcome, and the question that
 * would decide the most of the undecided ones.
 */
export interface Advice {
  context: PlaceContext;
  /** Every scheme's outcome, in display order (see evaluateSchemes). */
  outcomes: SchemeOutcome[];
  /** The outcomes of the schemes serving the firm's project: the only ones shown. Empty while the project is unknown. */
  relevant: SchemeOutcome[];
  /**
   * Projects for which the base has no scheme open to the firm (none serves it, or every one is
   * closed or excluded): the operator to ask instead, with the territory's slot for it.
   */
  uncovered: Array<{ need: Need; operator: OperatorId; referent: ReferentView | null }>;
  next: { field: ProfileField } | null;
}

/**
 * The operator to ask about a project the base has nothing open for: the one running most of
 * the schemes that serve it (closed ones included), in the operators' order on a tie.
 */
export function operatorForNeed(catalog: SchemeCatalog, need: Need): OperatorId | null {
  const count = new Map<OperatorId, number>();
  for (const s of catalog.schemes) if (s.operator && s.needs.includes(need)) count.set(s.operator, (count.get(s.operator) ?? 0) + 1);
  let best: OperatorId | null = null;
  for (const op of OPERATOR_IDS) if ((count.get(op) ?? 0) > (best ? count.get(best)! : 0)) best = op;
  return best;
}

/** The firm's place from its commune (or, failing that, the territory it named); `wave` is DEFAULT_WAVE. */
export function territoryContext(kb: KnowledgeBase, place: { communeCode?: string; territory?: { id: string; wave: Wave } }, wave: Wave): PlaceContext | null {
  const commune = place.communeCode ? kb.geo.currentCommune(place.communeCode) : undefined;
  if (commune) {
    const territories: TerritoryContext['territories'] = {};
    for (const w of kb.waves()) {
      const t = kb.territoryOfCommune(commune.code, w);
      territories[w] = t ? territoryRef(t) : null;
    }
    const current = kb.territoryOfCommune(commune.code, wave);
    return {
      commune: communeRef(commune),
      wave,
      territories,
      referents: current ? kb.referents(current) : kb.regionalReferents(commune.region),
    };
  }
  const territory = place.territory ? kb.territory(place.territory.wave, place.territory.id) : undefined;
  if (!territory) return null;
  // Known only by its territory name: membership of the other lists is not known.
  return { commune: null, wave, territories: { [territory.wave]: territoryRef(territory) }, referents: kb.referents(territory) };
}

/** `unanswered`: questions the user could not answer, not asked again. */
export function advise(
  catalog: SchemeCatalog,
  profile: Partial<FirmProfile>,
  context: PlaceContext,
  today?: Date,
  unanswered: readonly ProfileField[] = [],
): Advice {
  const outcomes = evaluateSchemes(catalog.schemes, profile, context, today ? { today } : {});
  const needs = profile.needs ?? [];
  const relevant = outcomes.filter((o) => o.matchesNeeds);
  const uncovered: Advice['uncovered'] = [];
  for (const need of needs) {
    const open = relevant.some((o) => o.scheme.needs.includes(need) && !o.historical && o.status !== 'not-eligible');
    const operator = open ? null : operatorForNeed(catalog, need);
    if (operator) uncovered.push({ need, operator, referent: context.referents.find((r) => r.operator === operator) ?? null });
  }
  return { context, outcomes, relevant, uncovered, next: nextQuestion(outcomes, profile, unanswered) };
}
