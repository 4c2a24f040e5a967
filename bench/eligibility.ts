import { performance } from 'node:perf_hooks';
import { FirmProfileParser, mergeProfile } from '../src/domain/profile';
import { InProcessNumberReader } from '../src/infrastructure/parser';
import { evaluateSchemes, nextQuestion, type TerritoryContext } from '../src/domain/eligibility';
import { loadSchemes } from '../src/infrastructure/schemes';

// A realistic first message; the territory side is what the core resolver would hand over.
const FIRST_MESSAGE =
  'Bonjour, nous sommes une PME de plasturgie de 85 salariés à Oyonnax, CA de 12 M€, créée en 2015. ' +
  'Nous voulons recruter un jeune ingénieur, former nos opérateurs et décarboner notre atelier.';
const CONTEXT: TerritoryContext = {
  commune: { code: '99001', name: 'Fictiveville', department: '99' },
  territories: {
    2019: { id: 't19', name: 'Territoire Fictif', wave: 2019, region: '99' },
    2023: { id: 't23', name: 'Territoire Fictif', wave: 2023, region: '99' },
  },
  referents: [],
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Cost of one eligibility turn: parse the message (figures read by the pre-parser, no model) then evaluate every scheme and
 * choose the next question. Baseline in the same run: a JSON round-trip of the parsed profile,
 * to show what part of the time is the turn itself rather than the machine.
 */
export async function benchEligibility(iterations: number): Promise<{ p50Ms: number; p99Ms: number; baselineP50Ms: number }> {
  const catalog = await loadSchemes();
  const parser = new FirmProfileParser(new InProcessNumberReader());
  const parse = async () => (await parser.parse(FIRST_MESSAGE, 'fr')).profile;
  const turn: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const profile = mergeProfile({}, await parse());
    const outcomes = evaluateSchemes(catalog.schemes, profile, CONTEXT);
    nextQuestion(outcomes, profile);
    turn.push(performance.now() - t);

    t = performance.now();
    JSON.parse(JSON.stringify(profile));
    baseline.push(performance.now() - t);
  }
  turn.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  return { p50Ms: percentile(turn, 50), p99Ms: percentile(turn, 99), baselineP50Ms: percentile(baseline, 50) };
}
