import type { KnowledgeBase } from './knowledge-base';
import type { EntryPoint, OperatorId, Wave } from './types';
import { OPERATOR_IDS } from './types';

/**
 * How much of "whom to call" the knowledge base can answer, stated in the README and in the
 * administrators' coverage report: the region × operator cells the research filled, and what a
 * firm is shown first for each operator in each territory.
 */
export interface EntryPointCoverage {
  /** The 18 regions (13 in metropolitan France, 5 overseas) × the four operators. */
  cells: number;
  /** Cells with at least one regional entry point (a city, an address, a phone or a link). */
  filled: number;
  /** Cells whose regional entry points include a phone or a link. */
  withPhoneOrLink: number;
  /** Cells with an entry point whose source is dated 2022 or later (an estimated date does not count). */
  dated2022: number;
  /** Cells whose regional entry points are all medium or low certainty ("à vérifier"). */
  toCheck: number;
  /** Territories of every list × operators: the first contact shown for each. */
  firstContacts: { total: number; withPhoneOrLink: number; dated2022: number; named: number };
  /** For each list, newest first: its territories, and how many have a designated referent for each operator. */
  designated: Array<{ wave: Wave; territories: number; byOperator: Record<OperatorId, number> }>;
}

const RECENT = '2022';
const reachable = (e: EntryPoint) => !!(e.phone || e.url);
const recent = (e: EntryPoint) => e.sourceDate !== '' && !e.sourceDateApprox && e.sourceDate >= RECENT;
// Regions have two-digit codes; the three-digit ones are overseas collectivities outside the programme.
const isRegion = (code: string) => /^\d{2}$/.test(code);

/** "2023: 0, 0, 0, 0 of 183; 2019: …": designated referents per operator (OPERATOR_IDS order), as the README and `npm run kb:build` state them. */
export function designatedSummary(c: EntryPointCoverage): string {
  return c.designated.map((d) => `${d.wave}: ${OPERATOR_IDS.map((op) => d.byOperator[op]).join(', ')} of ${d.territories}`).join('; ');
}

export function entryPointCoverage(kb: KnowledgeBase): EntryPointCoverage {
  const out: EntryPointCoverage = {
    cells: 0,
    filled: 0,
    withPhoneOrLink: 0,
    dated2022: 0,
    toCheck: 0,
    firstContacts: { total: 0, withPhoneOrLink: 0, dated2022: 0, named: 0 },
    designated: [],
  };
  for (const region of [...kb.geo.regions.keys()].filter(isRegion)) {
    for (const operator of OPERATOR_IDS) {
      out.cells++;
      const regional = kb.entryPoints(operator, region).filter((e) => e.scope === 'regional');
      if (regional.length === 0) continue;
      out.filled++;
      if (regional.some(reachable)) out.withPhoneOrLink++;
      if (regional.some(recent)) out.dated2022++;
      if (regional.every((e) => e.certainty !== 'high')) out.toCheck++;
    }
  }
  for (const wave of [...kb.waves()].sort((a, b) => b - a)) {
    const byOperator = Object.fromEntries(OPERATOR_IDS.map((op) => [op, 0])) as Record<OperatorId, number>;
    const territories = kb.territories(wave);
    out.designated.push({ wave, territories: territories.length, byOperator });
    for (const territory of territories) {
      for (const view of kb.referents(territory)) {
        out.firstContacts.total++;
        if (view.kind === 'named') {
          byOperator[view.operator]++;
          out.firstContacts.named++;
          out.firstContacts.withPhoneOrLink++;
          if (view.verifiedAt >= RECENT) out.firstContacts.dated2022++;
          continue;
        }
        const first = view.entryPoints[0];
        if (first && reachable(first)) out.firstContacts.withPhoneOrLink++;
        if (first && recent(first)) out.firstContacts.dated2022++;
      }
    }
  }
  return out;
}
