import { formatAnswer, formatReferent } from '../../../src/channels/cli/format';
import { entryPointDetail } from '../../../src/presentation/entry-points';
import { periodLabel } from '../../../src/presentation/messages';
import type { LookupAnswer } from '../../../src/domain/resolution/lookup';
import type { EntryPoint, ReferentView } from '../../../src/domain/types';

// Clearly fictional fixtures: the formatter must show what it is given, nothing more.
const hidden: EntryPoint = {
  operator: 'business-france',
  scope: 'national',
  regionCode: '00',
  regionName: 'France (national)',
  officeName: 'Bureau Fictif – siège',
  city: 'Villefictive',
  address: '1 rue de l’Exemple, 99999 Villefictive',
  sourceUrl: 'internal note, not a link',
  sourceIsLink: false,
  sourceDate: '2099-01',
  certainty: 'high',
  note: 'fictional fixture',
};
const linked: EntryPoint = {
  ...hidden,
  scope: 'regional',
  regionCode: '84',
  regionName: 'Région Fictive',
  officeName: 'Antenne Fictive',
  address: undefined,
  phone: '01 23 45 67 89',
  url: 'https://example.test',
  sourceUrl: 'https://example.test/source',
  sourceIsLink: true,
  sourceDate: 'c. 2010',
};
const named: ReferentView = {
  operator: 'bpifrance',
  operatorName: 'Bpifrance',
  kind: 'named',
  name: 'Camille Fictive',
  role: 'Chargée d’affaires',
  email: 'camille.fictive@example.test',
  source: 'fixture',
  verifiedAt: '2099-01-02',
};
const pending: ReferentView = { operator: 'business-france', operatorName: 'Business France', kind: 'regional', entryPoints: [linked, hidden] };

const resolved: LookupAnswer = {
  query: 'Villefictive',
  status: 'resolved',
  wave: 2023,
  matchedBy: 'commune',
  territory: { id: 'ti-test', name: 'Territoire Fictif', wave: 2023, region: 'Région Fictive' },
  commune: { code: '99999', name: 'Villefictive', department: '99' },
  candidates: [],
  referents: [named, pending],
};

describe('entryPointDetail', () => {
  it('shows the source link only when it is one, always with its date', () => {
    expect(entryPointDetail(hidden)).toEqual(['Bureau Fictif – siège — 1 rue de l’Exemple, 99999 Villefictive', 'national · source datée 2099-01']);
    expect(entryPointDetail(linked)).toEqual([
      'Antenne Fictive — Villefictive — tél. 01 23 45 67 89 — https://example.test',
      'régional (Région Fictive) · source datée c. 2010 : https://example.test/source',
    ]);
  });
});

describe('formatReferent', () => {
  it('gives a named referent with contact and source', () => {
    expect(formatReferent(named)).toEqual([
      '• Bpifrance : Camille Fictive, Chargée d’affaires — camille.fictive@example.test',
      '    (source : fixture, vérifié le 2099-01-02)',
    ]);
  });

  it('says a referent is not designated yet and lists the entry points', () => {
    const lines = formatReferent(pending);
    expect(lines[0]).toBe('• Business France : Référent non encore désigné. Points d’entrée :');
    expect(lines).toHaveLength(5);
  });
});

describe('formatAnswer', () => {
  it('renders a resolved answer field by field', () => {
    const text = formatAnswer(resolved);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Territoire d’industrie : Territoire Fictif (ti-test)',
      'Liste : 2023-2027',
      'Région : Région Fictive',
      'Commune : Villefictive (INSEE 99999, département 99)',
      'Trouvé par : nom de commune',
      '',
    ]);
    expect(text).toContain('Référents des 4 opérateurs :');
    expect(text).toContain('Camille Fictive');
    expect(text.endsWith('\n')).toBe(false);
  });

  it('names the intercommunality, the door to the project lead of a 2023-2027 territory, and the communes of a partial one', () => {
    const intercommunality = { code: '999999999', name: 'CC Fictive', kind: 'epci' as const, member: true };
    const text = formatAnswer({ ...resolved, intercommunality });
    expect(text).toContain('Intercommunalité : CC Fictive');
    expect(text).toContain('chef de projet du territoire');
    const partial = formatAnswer({
      ...resolved,
      commune: null,
      matchedBy: 'epci',
      intercommunality: { ...intercommunality, member: false },
      partial: { communes: [resolved.commune!], total: 12 },
    });
    expect(partial).toContain('En partie seulement : 1 de ses 12 communes est dans ce territoire (Villefictive)');
    expect(partial).not.toContain('chef de projet');
    const old = formatAnswer({ ...resolved, intercommunality: { ...intercommunality, kind: 'ept' }, territory: { ...resolved.territory!, wave: 2019 } });
    expect(old).toContain('Intercommunalité : CC Fictive (établissement public territorial)');
    expect(old).not.toContain('chef de projet');
  });

  it('says when a place is in no territory', () => {
    const text = formatAnswer({ ...resolved, wave: 2019, territory: null, commune: null, matchedBy: 'postal-code' });
    expect(text).toContain('Territoire d’industrie : aucun dans la liste 2019-2022');
    expect(text).toContain('plusieurs communes partagent ce code postal');
    expect(text).toContain('points d’entrée');
  });

  const homonyms = [
    { commune: { code: '99001', name: 'Homonyme', department: '99' }, territory: resolved.territory, label: 'Homonyme (Fictif, 99)' },
    { commune: { code: '98001', name: 'Homonyme', department: '98' }, territory: null, label: 'Homonyme (Autre, 98)' },
  ];
  const ambiguous = (extra: Partial<LookupAnswer> = {}) =>
    formatAnswer({ ...resolved, status: 'ambiguous', territory: null, commune: null, referents: [], candidates: homonyms, ...extra });

  it('lists ambiguous candidates with a way out', () => {
    const text = ambiguous();
    expect(text).toContain('  1. Homonyme (Fictif, 99) — INSEE 99001 → Territoire d’industrie « Territoire Fictif » (ti-test)');
    expect(text).toContain('  2. Homonyme (Autre, 98) — INSEE 98001 → hors Territoire d’industrie');
    expect(text).toContain('npm run lookup -- 99001');
    expect(text).not.toContain('non listé');
  });

  it("says when a postal code is also another commune's INSEE code", () => {
    const text = formatAnswer({ ...resolved, matchedBy: 'postal-code', inseeCodeOf: { code: '99100', name: 'Autre-Fictive', department: '99' } });
    expect(text).toContain('(99100 est lu comme un code postal ; c\'est aussi le code INSEE de Autre-Fictive (99) : npm run lookup -- "INSEE 99100")');
  });

  it('says how many less populous candidates were left out', () => {
    expect(ambiguous({ omittedCandidates: 21 })).toContain('  … et 21 autre(s), moins peuplé(s), non listé(s).');
  });

  it.each`
    status           | expected
    ${'invalid'}     | ${'pas un SIRET/SIREN valide'}
    ${'not-found'}   | ${'Aucun établissement trouvé'}
    ${'unavailable'} | ${'ne répond pas'}
  `('explains a SIRET that led nowhere ($status)', ({ status, expected }) => {
    const text = formatAnswer({ ...resolved, status: 'unknown', territory: null, commune: null, referents: [], company: { status } });
    expect(text).toContain(expected);
    expect(text).toContain('Aucun lieu trouvé pour « Villefictive »');
  });

  it('asks for a commune of a department named alone, and lists the places of its name', () => {
    const text = formatAnswer({
      ...resolved,
      query: 'Fictivie',
      status: 'unknown',
      reason: 'department-only',
      territory: null,
      commune: null,
      referents: [],
      departments: ['99'],
      namesakes: [{ commune: { code: '98001', name: 'Fictivie', department: '98' }, territory: null, label: 'Fictivie (Autre, 98)' }],
    });
    expect(text.split('\n')).toEqual([
      '« Fictivie » désigne le département 99 : donnez une commune de ce département (nom ou code postal).',
      'Du même nom :',
      '  1. Fictivie (Autre, 98) — INSEE 98001 → hors Territoire d’industrie',
    ]);
  });

  it('names other waves by their year', () => {
    expect(periodLabel(2031)).toBe('2031');
  });
});
