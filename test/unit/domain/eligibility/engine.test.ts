import {
  evaluateScheme,
  evaluateSchemes,
  groupOutcomes,
  nextQuestion,
  type Scheme,
  type SchemeCatalog,
  type SchemeOutcome,
  type TerritoryContext,
} from '../../../../src/domain/eligibility';
import { loadSchemes } from '../../../../src/infrastructure/schemes';
import { reasonText } from '../../../../src/presentation/present';
import type { FirmProfile } from '../../../../src/domain/profile';
import type { ReferentView } from '../../../../src/domain/types';
import { OPERATOR_IDS } from '../../../../src/domain/types';

const TODAY = new Date('2026-11-27T12:00:00Z');
const M = 1_000_000;

// Fictional territory and referents.
const REFERENTS: ReferentView[] = OPERATOR_IDS.map((operator) => ({
  operator,
  operatorName: `Opérateur ${operator}`,
  kind: 'named' as const,
  name: `Référent Fictif ${operator}`,
  role: 'Référent Territoires d’industrie',
  email: `referent.${operator}@example.test`,
  source: 'test',
  verifiedAt: '2026-01-01',
}));
const COMMUNE = { code: '99001', name: 'Fictiveville', department: '99' };
const IN_BOTH: TerritoryContext = {
  commune: COMMUNE,
  territories: {
    2019: { id: 't19', name: 'Territoire Fictif', wave: 2019, region: '99' },
    2023: { id: 't23', name: 'Territoire Fictif', wave: 2023, region: '99' },
  },
  referents: REFERENTS,
};
const IN_2023_ONLY: TerritoryContext = { ...IN_BOTH, territories: { 2019: null, 2023: IN_BOTH.territories[2023] } };
const OUTSIDE: TerritoryContext = { commune: COMMUNE, territories: { 2019: null, 2023: null }, referents: REFERENTS };
const NOWHERE: TerritoryContext = { commune: null, territories: {}, referents: [] };

const PME: Partial<FirmProfile> = { headcount: 85, turnoverEur: 12 * M, needs: ['recruter'], wantsYoungGraduate: true };

let catalog: SchemeCatalog;
beforeAll(async () => {
  catalog = await loadSchemes();
});
const run = (profile: Partial<FirmProfile>, ctx: TerritoryContext) => evaluateSchemes(catalog.schemes, profile, ctx, { today: TODAY });
const byId = (outcomes: SchemeOutcome[], id: string) => {
  const o = outcomes.find((x) => x.schemeId === id);
  if (!o) throw new Error(`no outcome for ${id}`);
  return o;
};
const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

describe('eligibility engine: profiles x schemes', () => {
  test.each<[string, Partial<FirmProfile>, TerritoryContext, string, string, { matched?: string[]; failed?: string[]; missing?: string[]; reason?: RegExp }]>([
    ['PME wanting a graduate: VTE eligible', PME, IN_BOTH, 'vte', 'eligible', { matched: ['taille', 'jeune-diplome'] }],
    ['large firm: VTE not eligible on size', { ...PME, headcount: 6000 }, IN_BOTH, 'vte', 'not-eligible', { failed: ['taille'], reason: /PME et ETI/ }],
    [
      'micro firm (an SME under the EU definition): VTE eligible',
      { headcount: 5, turnoverEur: 1 * M, wantsYoungGraduate: true, needs: [] },
      IN_BOTH,
      'vte',
      'eligible',
      { matched: ['taille', 'jeune-diplome'] },
    ],
    [
      'micro firm: VTE TI aid not excluded on size',
      { headcount: 5, turnoverEur: 1 * M, wantsYoungGraduate: true, needs: [] },
      IN_BOTH,
      'vte-territoires-industrie',
      'unknown',
      { matched: ['taille', 'territoire-2019', 'jeune-diplome'] },
    ],
    [
      'micro firm: VTE Vert mission to say',
      { headcount: 5, turnoverEur: 1 * M, wantsYoungGraduate: true, needs: [] },
      IN_BOTH,
      'vte-vert',
      'unknown',
      { matched: ['taille', 'jeune-diplome'], missing: ['mission-ecologique'] },
    ],
    [
      'micro firm, green mission: VTE Vert size ok but availability unknown',
      { headcount: 5, turnoverEur: 1 * M, wantsYoungGraduate: true, ecologicalProject: true, needs: [] },
      IN_BOTH,
      'vte-vert',
      'unknown',
      { matched: ['taille', 'jeune-diplome', 'mission-ecologique'], reason: /2024/ },
    ],
    [
      'subsidiary of a group, own figures only: size to check',
      { ...PME, independent: false },
      IN_BOTH,
      'vte',
      'unknown',
      { matched: ['jeune-diplome'], missing: ['taille'], reason: /Filiale d'un groupe/ },
    ],
    [
      'subsidiary with the group size: decided on the group',
      { ...PME, headcount: 6000, independent: false, groupFigures: true },
      IN_BOTH,
      'vte',
      'not-eligible',
      { failed: ['taille'] },
    ],
    ['no graduate wanted: VTE not eligible', { ...PME, wantsYoungGraduate: false }, IN_BOTH, 'vte', 'not-eligible', { failed: ['jeune-diplome'] }],
    ['headcount without turnover: size missing', { headcount: 85, wantsYoungGraduate: true, needs: [] }, IN_BOTH, 'vte', 'unknown', { missing: ['taille'] }],
    [
      'registry says PME, band 50-99: size decided',
      { headcount: { min: 50, max: 99 }, registryCategory: 'PME', wantsYoungGraduate: true, needs: [] },
      IN_BOTH,
      'vte',
      'eligible',
      {},
    ],
    [
      'VTE TI: all criteria met in a 2019 territory, still unknown (no recent source)',
      PME,
      IN_BOTH,
      'vte-territoires-industrie',
      'unknown',
      { matched: ['taille', 'territoire-2019', 'jeune-diplome'] },
    ],
    ['VTE TI: not in a 2019 territory', PME, IN_2023_ONLY, 'vte-territoires-industrie', 'not-eligible', { failed: ['territoire-2019'] }],
    [
      'Fonds vert: outside any territory',
      PME,
      OUTSIDE,
      'fonds-vert-territoires-industrie',
      'not-eligible',
      { failed: ['territoire-2023'], reason: /hors des Territoires/ },
    ],
    [
      'Fonds vert: commune unknown',
      { ...PME, ecologicalProject: true },
      NOWHERE,
      'fonds-vert-territoires-industrie',
      'unknown',
      { missing: ['territoire-2023'] },
    ],
    [
      'Fonds vert in a territory: unknown after 2024',
      { ...PME, ecologicalProject: true },
      IN_BOTH,
      'fonds-vert-territoires-industrie',
      'unknown',
      { matched: ['territoire-2023', 'investissement-ecologique'], reason: /2025/ },
    ],
    [
      'Fonds vert: an investment that is not for the transition',
      { ...PME, ecologicalProject: false },
      IN_BOTH,
      'fonds-vert-territoires-industrie',
      'not-eligible',
      { failed: ['investissement-ecologique'] },
    ],
    [
      'BdT: an SME is not the direct beneficiary',
      PME,
      IN_BOTH,
      'bdt-investissement',
      'unknown',
      { matched: ['territoire-2023'], reason: /pas bénéficiaire directe|n'est généralement pas/ },
    ],
    ['BdT outside any territory', PME, OUTSIDE, 'bdt-investissement', 'not-eligible', { failed: ['territoire-2023'] }],
    [
      'Team France Export: any SME, but the offer is attested in 2020 only',
      PME,
      OUTSIDE,
      'team-france-export',
      'unknown',
      { matched: ['taille'], reason: /attesté jusqu'en février 2020/ },
    ],
    [
      'Team France Export: micro-firms too',
      { headcount: 3, turnoverEur: 0.5 * M, needs: [] },
      OUTSIDE,
      'team-france-export',
      'unknown',
      { matched: ['taille'] },
    ],
    ['Team France Export: not for large firms', { ...PME, headcount: 6000 }, OUTSIDE, 'team-france-export', 'not-eligible', { failed: ['taille'] }],
    [
      'POEI: no size or sector condition',
      { headcount: 6000, needs: [], trainsJobseekers: true },
      OUTSIDE,
      'poei',
      'eligible',
      { reason: /demandeurs d'emploi/ },
    ],
    [
      'POEI: not for training current staff',
      { ...PME, trainsJobseekers: false },
      OUTSIDE,
      'poei',
      'not-eligible',
      { failed: ['demandeurs-emploi'], reason: /pas les salariés déjà en poste/ },
    ],
    ['POEC depends on the OPCO', { ...PME, trainsJobseekers: true }, IN_BOTH, 'poec', 'unknown', { missing: ['poec-ouverte'], reason: /OPCO/ }],
    ['Forma’Diag is not an aid to firms', PME, IN_BOTH, 'forma-diag', 'not-eligible', { failed: ['beneficiaire'], reason: /pas une aide aux entreprises/ }],
    ['AFPR abolished', PME, IN_BOTH, 'afpr', 'not-eligible', { failed: ['statut'], reason: /supprimé/ }],
    ['Fonds d’accélération closed', PME, IN_BOTH, 'fonds-acceleration-investissements-industriels', 'not-eligible', { failed: ['statut'], reason: /clos/ }],
    ['Chèque Relance Export closed', PME, IN_BOTH, 'cheque-relance-export', 'not-eligible', { reason: /clos/ }],
    [
      'France Travail adviser in a 2019 territory: promised in 2019, to confirm',
      PME,
      IN_BOTH,
      'france-travail-conseiller-territoire',
      'unknown',
      { matched: ['territoire-2019'], reason: /attesté jusqu'en 2019/ },
    ],
    [
      'France Travail adviser not promised to a territory new in 2023',
      PME,
      IN_2023_ONLY,
      'france-travail-conseiller-territoire',
      'not-eligible',
      { failed: ['territoire-2019'] },
    ],
    [
      'VIE: only when sending a young person abroad',
      { ...PME, needs: ['exporter'], wantsVie: false },
      OUTSIDE,
      'vie',
      'not-eligible',
      { failed: ['volontaire'] },
    ],
    [
      'VIE wanted: shown to confirm, its newest source is from 2020',
      { ...PME, needs: ['exporter'], wantsVie: true },
      OUTSIDE,
      'vie',
      'unknown',
      { matched: ['volontaire'], reason: /2020/ },
    ],
    ['Accelerators: ETI eligible', { headcount: 1200, turnoverEur: 300 * M, needs: [] }, OUTSIDE, 'bpifrance-accelerateurs', 'eligible', {}],
    [
      'Accelerators: micro-firm to check, never excluded',
      { headcount: 5, turnoverEur: 1 * M, needs: [] },
      OUTSIDE,
      'bpifrance-accelerateurs',
      'unknown',
      { missing: ['taille'], reason: /TPE.*à vérifier/ },
    ],
    ['Accelerators: large firm not eligible', { headcount: 6000, needs: [] }, OUTSIDE, 'bpifrance-accelerateurs', 'not-eligible', { failed: ['taille'] }],
  ])('%s', (_label, profile, ctx, schemeId, status, expected) => {
    const o = byId(run(profile, ctx), schemeId);
    expect(o.status).toBe(status);
    if (expected.matched) expect(ids(o.matched)).toEqual(expected.matched);
    if (expected.failed) expect(ids(o.failed)).toEqual(expected.failed);
    if (expected.missing) expect(ids(o.missing)).toEqual(expected.missing);
    if (expected.reason) expect(reasonText(o.reason, 'fr')).toMatch(expected.reason);
    expect(reasonText(o.reason, 'en').length).toBeGreaterThan(0);
  });

  test('missing criteria name the profile fields that decide them', () => {
    const o = byId(run({ headcount: 85, needs: [] }, NOWHERE), 'vte-territoires-industrie');
    expect(o.missing.map((m) => [m.id, m.fields])).toEqual([
      ['taille', ['turnoverEur', 'balanceSheetEur']],
      ['territoire-2019', ['communeCode']],
      ['jeune-diplome', ['wantsYoungGraduate']],
    ]);
  });

  test('a size to specify names only the figures still missing, never one the firm gave', () => {
    const taille = (profile: Partial<FirmProfile>) => byId(run(profile, IN_BOTH), 'vte').missing.find((m) => m.id === 'taille')!;
    expect(reasonText(taille({ headcount: 250, needs: ['recruter'] }).reason, 'fr')).toBe(
      "Catégorie d'entreprise à préciser (chiffre d'affaires ou total de bilan)",
    );
    expect(reasonText(taille({ headcount: 250, needs: ['recruter'] }).reason, 'en')).toBe('Company size to be specified (turnover or balance-sheet total)');
    // Nothing given yet: the knowledge base's own sentence.
    expect(reasonText(taille({ needs: ['recruter'] }).reason, 'fr')).toBe("Catégorie d'entreprise à préciser (effectif, chiffre d'affaires)");
  });
});

describe('contacts, caveats and order', () => {
  test('an operator scheme points to that operator’s slot; others to how to apply', () => {
    const outcomes = run(PME, IN_BOTH);
    expect(byId(outcomes, 'vte').contact.referent).toMatchObject({ operator: 'bpifrance', email: 'referent.bpifrance@example.test' });
    expect(byId(outcomes, 'poei').contact.referent?.operator).toBe('france-travail');
    const fondsVert = byId(outcomes, 'fonds-vert-territoires-industrie').contact;
    expect(fondsVert.referent).toBeNull();
    expect(fondsVert.howToApply.fr).toMatch(/DDT\(M\)/);
    expect(fondsVert.applyUrl).toBe('https://www.demarches-simplifiees.fr/commencer/fonds-vert-3-territoires-industrie');
  });

  test('uncertain or conflicting facts say "à confirmer auprès du référent"', () => {
    const outcomes = run(PME, IN_BOTH);
    const vert = byId(outcomes, 'vte-vert')
      .caveats.map((c) => reasonText(c, 'fr'))
      .join(' | ');
    expect(vert).toMatch(/12 000 €.*8 000 €.*à confirmer auprès du référent/);
    expect(vert).toMatch(/attesté jusqu'en 2024/);
    expect(byId(outcomes, 'bpifrance-accelerateurs').caveats.some((c) => /incertaines.*à confirmer/.test(reasonText(c, 'fr')))).toBe(true);
    expect(byId(outcomes, 'mrs').caveats).toEqual([]);
    expect(byId(outcomes, 'afpr').caveats).toEqual([]);
  });

  test('the EU SME caveat disappears once the firm says it is independent', () => {
    const euCaveat = (p: Partial<FirmProfile>) => byId(run(p, IN_BOTH), 'vte').caveats.some((c) => /définition européenne/.test(reasonText(c, 'fr')));
    expect(euCaveat(PME)).toBe(true);
    expect(euCaveat({ ...PME, independent: true })).toBe(false);
  });

  test('eligible first, then unknown, then not eligible; needs first; historical last', () => {
    const outcomes = run(PME, IN_BOTH);
    const rank = { eligible: 0, unknown: 1, 'not-eligible': 2 };
    const ranks = outcomes.map((o) => rank[o.status]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const eligible = groupOutcomes(outcomes).eligible;
    expect(eligible[0]!.scheme.needs).toContain('recruter');
    const firstNonMatching = eligible.findIndex((o) => !o.matchesNeeds);
    expect(eligible.slice(firstNonMatching).every((o) => !o.matchesNeeds)).toBe(true);
    const notEligible = groupOutcomes(outcomes).notEligible;
    const firstHistorical = notEligible.findIndex((o) => o.historical);
    expect(firstHistorical).toBeGreaterThanOrEqual(0);
    expect(notEligible.slice(firstHistorical).every((o) => o.historical)).toBe(true);
  });

  test('a scheme past its end date is historical even if marked open', () => {
    const vte = catalog.get('vte')!;
    const expired: Scheme = { ...vte, id: 'expired', validUntil: '2025-12-31' };
    expect(evaluateScheme(expired, PME, IN_BOTH, { today: TODAY })).toMatchObject({ status: 'not-eligible', historical: true });
    expect(evaluateScheme(expired, PME, IN_BOTH, { today: new Date('2025-06-01') })).toMatchObject({ status: 'eligible', historical: false });
  });
});

describe('nextQuestion', () => {
  test.each<[string, Partial<FirmProfile>, TerritoryContext, string | null]>([
    ['nothing known: the project first', { needs: [] }, NOWHERE, 'needs'],
    ['figures known but not the project: the project', { ...PME, needs: [] }, IN_BOTH, 'needs'],
    [
      'project unknown to the place: the commune',
      { needs: ['recruter'], wantsYoungGraduate: true, trainsJobseekers: false, ecologicalProject: false },
      NOWHERE,
      'communeCode',
    ],
    ['recruiting: whether a young graduate is wanted', { needs: ['recruter'] }, IN_BOTH, 'wantsYoungGraduate'],
    [
      'recruiting a graduate: the headcount',
      { needs: ['recruter'], wantsYoungGraduate: true, trainsJobseekers: false, ecologicalProject: false },
      IN_BOTH,
      'headcount',
    ],
    [
      'then the turnover',
      { needs: ['recruter'], headcount: 85, wantsYoungGraduate: true, trainsJobseekers: false, ecologicalProject: false },
      IN_BOTH,
      'turnoverEur',
    ],
    ['investing in a machine: whether it serves the transition', { needs: ['investir'] }, IN_BOTH, 'ecologicalProject'],
    [
      'decarbonising: whether a young graduate would lead it (VTE Vert)',
      { needs: ['transition-ecologique'], ecologicalProject: true },
      IN_BOTH,
      'wantsYoungGraduate',
    ],
    ['training: jobseekers or current staff', { needs: ['former'] }, IN_BOTH, 'trainsJobseekers'],
    ['exporting: a young person abroad', { needs: ['exporter'] }, IN_BOTH, 'wantsVie'],
    ['innovating: the size (the Accélérateurs)', { needs: ['innover'] }, IN_BOTH, 'headcount'],
    [
      'a subsidiary: the group size before any figure',
      { needs: ['recruter'], wantsYoungGraduate: true, trainsJobseekers: false, ecologicalProject: false, independent: false, headcount: 120 },
      IN_BOTH,
      'groupFigures',
    ],
    [
      'a graduate wanted, 250 staff: the turnover (it decides three schemes) before the jobseekers (one)',
      { needs: ['recruter'], headcount: 250, wantsYoungGraduate: true },
      IN_BOTH,
      'turnoverEur',
    ],
    ['training current staff: nothing to ask', { needs: ['former'], trainsJobseekers: false }, IN_BOTH, null],
  ])('%s', (_label, profile, ctx, field) => {
    expect(nextQuestion(run(profile, ctx), profile)?.field ?? null).toBe(field);
  });

  test('asks only what changes an outcome', () => {
    // 85 staff and 60 M€: PME or ETI depending on the balance sheet, which no scheme distinguishes.
    const profile: Partial<FirmProfile> = {
      headcount: 85,
      turnoverEur: 60 * M,
      wantsYoungGraduate: true,
      trainsJobseekers: true,
      ecologicalProject: false,
      needs: ['recruter'],
    };
    expect(nextQuestion(run(profile, IN_BOTH), profile)).toBeNull();
    // Known fields are never asked again, even if an outcome still lists them.
    const partial: Partial<FirmProfile> = { headcount: 85, needs: ['recruter'] };
    const outcomes = run(partial, NOWHERE);
    expect(outcomes.some((o) => o.missing.some((m) => m.fields.includes('communeCode')))).toBe(true);
    expect(nextQuestion(outcomes, { ...partial, communeCode: '99001' })?.field).not.toBe('communeCode');
  });

  test('a question the user could not answer is not asked again', () => {
    const profile: Partial<FirmProfile> = { needs: ['recruter'] };
    const outcomes = run(profile, IN_BOTH);
    expect(nextQuestion(outcomes, profile)?.field).toBe('wantsYoungGraduate');
    const next = nextQuestion(outcomes, profile, ['wantsYoungGraduate'])?.field;
    expect(next).toBeDefined();
    expect(next).not.toBe('wantsYoungGraduate');
  });
});
