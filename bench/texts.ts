import { loadGeography } from '../src/infrastructure/geography';

/**
 * Texts that differ from one turn to the next, so that no answer the assistant keeps (resolver
 * answers, cards: src/domain/recent.ts) is found again within a run: the most populous communes
 * by name, in order, more of them than any of those caches keeps.
 */
export function variedPlaces(count: number): string[] {
  return [...loadGeography().communes.values()]
    .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code))
    .slice(0, count)
    .map((c) => c.name);
}

/** A first eligibility message for the n-th turn: a different town and headcount each time (same project). */
export function variedEligibility(places: readonly string[]): (n: number) => string {
  return (n) => `Bonjour, PME de ${20 + ((n * 7) % 200)} salariés à ${places[n % places.length]}, 12 M€ de CA, nous voulons recruter un jeune diplômé`;
}
