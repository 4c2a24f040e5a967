import { Geography } from '../../../src/domain/geography';
import type { KnowledgeBase } from '../../../src/domain/knowledge-base';
import { Resolver } from '../../../src/domain/resolution/resolver';
import { openKnowledgeBase } from '../../../src/infrastructure/knowledge-base';
import { lexiconInSteps, loadLexicon } from '../../../src/infrastructure/lexicon-files';
import { realKnowledge } from '../../helpers/kb';

let resolver: Resolver;
beforeAll(async () => {
  ({ resolver } = await realKnowledge());
});

// Expected territories come from the committed ANCT 2023 list (data/kb/territories.json).
describe.each`
  query                                          | status         | territory    | commune                       | matchedBy
  ${'Oyonnax'}                                   | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'}                  | ${'commune'}
  ${'OYONNAX'}                                   | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'}                  | ${'commune'}
  ${'oyonax'}                                    | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'}                  | ${'commune'}
  ${'notre usine est à Oyonnax'}                 | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'}                  | ${'commune'}
  ${'we are based in Grenoble'}                  | ${'resolved'}  | ${'ti-8420'} | ${'Grenoble'}                 | ${'commune'}
  ${'St Etienne'}                                | ${'resolved'}  | ${'ti-8424'} | ${'Saint-Étienne'}            | ${'commune'}
  ${'sant etienne'}                              | ${'resolved'}  | ${'ti-8424'} | ${'Saint-Étienne'}            | ${'commune'}
  ${'Saint-Étienne-du-Rouvray'}                  | ${'resolved'}  | ${'ti-2802'} | ${'Saint-Étienne-du-Rouvray'} | ${'commune'}
  ${'le creusot'}                                | ${'resolved'}  | ${'ti-2703'} | ${'Le Creusot'}               | ${'commune'}
  ${'creusot'}                                   | ${'resolved'}  | ${'ti-2703'} | ${'Le Creusot'}               | ${'commune'}
  ${'bourg en bresse'}                           | ${'resolved'}  | ${'ti-8402'} | ${'Bourg-en-Bresse'}          | ${'commune'}
  ${"L'Haÿ-les-Roses"}                           | ${'resolved'}  | ${'ti-1105'} | ${"L'Haÿ-les-Roses"}          | ${'commune'}
  ${'Marseille'}                                 | ${'resolved'}  | ${'ti-9301'} | ${'Marseille'}                | ${'commune'}
  ${'Saint-Martin (32)'}                         | ${'resolved'}  | ${'ti-7608'} | ${'Saint-Martin'}             | ${'commune'}
  ${'Saint-Martin Gers'}                         | ${'resolved'}  | ${'ti-7608'} | ${'Saint-Martin'}             | ${'commune'}
  ${'Saint-Martin'}                              | ${'ambiguous'} | ${null}      | ${null}                       | ${'commune'}
  ${'Sainte-Colombe'}                            | ${'ambiguous'} | ${null}      | ${null}                       | ${'commune'}
  ${'01100'}                                     | ${'resolved'}  | ${'ti-8413'} | ${null}                       | ${'postal-code'}
  ${'42000'}                                     | ${'resolved'}  | ${'ti-8424'} | ${'Saint-Étienne'}            | ${'postal-code'}
  ${'01173'}                                     | ${'resolved'}  | ${'ti-8412'} | ${'Gex'}                      | ${'insee'}
  ${'2A004'}                                     | ${'resolved'}  | ${'ti-9402'} | ${'Ajaccio'}                  | ${'insee'}
  ${'01283'}                                     | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'}                  | ${'insee'}
  ${'INSEE 01100'}                               | ${'resolved'}  | ${null}      | ${'Cheignieu-la-Balme'}       | ${'insee'}
  ${'Montigny-en-Cambresi'}                      | ${'resolved'}  | ${'ti-3207'} | ${'Montigny-en-Cambrésis'}    | ${'commune'}
  ${'Poridc'}                                    | ${'resolved'}  | ${'ti-5301'} | ${'Pordic'}                   | ${'commune'}
  ${'Arbignieu'}                                 | ${'resolved'}  | ${null}      | ${'Arboys en Bugey'}          | ${'former-commune'}
  ${'Pays de Gex – Genevois – Terre Valserhône'} | ${'resolved'}  | ${'ti-8412'} | ${null}                       | ${'territory'}
  ${'Maurienne'}                                 | ${'resolved'}  | ${'ti-8423'} | ${null}                       | ${'territory'}
  ${'on est en maurienne'}                       | ${'resolved'}  | ${'ti-8423'} | ${null}                       | ${'territory'}
  ${"vallée de l'arve"}                          | ${'resolved'}  | ${'ti-8422'} | ${null}                       | ${'territory'}
  ${'Arve'}                                      | ${'resolved'}  | ${'ti-8422'} | ${null}                       | ${'territory'}
  ${'Pays de Gex'}                               | ${'resolved'}  | ${'ti-8412'} | ${null}                       | ${'territory'}
  ${'Chalom-sur-Saône'}                          | ${'resolved'}  | ${'ti-2704'} | ${'Chalon-sur-Saône'}         | ${'commune'}
  ${'à Vienne'}                                  | ${'resolved'}  | ${null}      | ${'Vienne'}                   | ${'commune'}
  ${'73000'}                                     | ${'resolved'}  | ${null}      | ${null}                       | ${'postal-code'}
  ${'Paris'}                                     | ${'resolved'}  | ${null}      | ${'Paris'}                    | ${'commune'}
  ${'xyzzy'}                                     | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${'eeeee'}                                     | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${'éééééééééééééééééééé'}                      | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${'bonjour'}                                   | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${'mes aides'}                                 | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${'quelles aides pour nous ?'}                 | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${''}                                          | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
  ${'99999'}                                     | ${'unknown'}   | ${null}      | ${null}                       | ${undefined}
`('lookup($query)', ({ query, status, territory, commune, matchedBy }) => {
  it(`is ${status} → ${territory ?? 'no territory'} / ${commune ?? 'no single commune'}`, () => {
    const r = resolver.lookup(query);
    expect(r.query).toBe(query);
    expect(r.status).toBe(status);
    expect(r.territory?.id ?? null).toBe(territory);
    expect(r.commune?.name ?? null).toBe(commune);
    expect(r.matchedBy).toBe(matchedBy);
  });
});

describe('lookup answers', () => {
  it('gives four referents, one per operator, for a resolved territory', () => {
    const r = resolver.lookup('Oyonnax');
    expect(r.referents.map((x) => x.operator).sort()).toEqual(['banque-des-territoires', 'bpifrance', 'business-france', 'france-travail']);
    // No operator has designated referents yet: every slot is the entry point, shown as such.
    for (const ref of r.referents) {
      expect(ref.kind).toBe('regional');
      if (ref.kind === 'regional') expect(ref.entryPoints.some((e) => e.scope === 'national')).toBe(true);
    }
  });

  it('puts the national entry point (a phone) first, then the regional office last reported', () => {
    const r = resolver.lookup('Toulouse'); // Occitanie: Bpifrance has a regional row
    const bpi = r.referents.find((x) => x.operator === 'bpifrance');
    expect(bpi?.kind).toBe('regional');
    if (bpi?.kind === 'regional') {
      expect(bpi.entryPoints[0]).toMatchObject({ scope: 'national', phone: '0 969 370 240' });
      expect(bpi.entryPoints.filter((e) => e.scope === 'regional').map((e) => e.regionCode)).toEqual(['76']);
    }
  });

  it('gives the regional entry points for a place in no territory', () => {
    const r = resolver.lookup('Paris');
    expect(r.territory).toBeNull();
    expect(r.referents).toHaveLength(4);
    expect(r.referents.every((x) => x.kind === 'regional')).toBe(true);
  });

  it('lists homonyms that lead to different answers, with their department', () => {
    const r = resolver.lookup('Saint-Martin');
    expect(r.candidates.length).toBeGreaterThan(1);
    expect(r.candidates.length).toBeLessThanOrEqual(10);
    expect(r.candidates.some((c) => c.label === 'Saint-Martin (Gers, 32)')).toBe(true);
    const answers = new Set(r.candidates.map((c) => c.territory?.id ?? null));
    expect(answers.size).toBeGreaterThan(1);
  });

  it('reads a code that is both a postal code and another INSEE code as the postal code, and says so', () => {
    const postal = resolver.lookup('01100');
    expect(postal).toMatchObject({
      status: 'resolved',
      matchedBy: 'postal-code',
      inseeCodeOf: { code: '01100', name: 'Cheignieu-la-Balme', department: '01' },
    });
    const insee = resolver.lookup('INSEE 01100');
    expect(insee).toMatchObject({ status: 'resolved', matchedBy: 'insee', commune: { name: 'Cheignieu-la-Balme' } });
    expect(insee.inseeCodeOf).toBeUndefined();
    expect(resolver.lookup('01283').inseeCodeOf).toBeUndefined();
    expect(resolver.lookup('01100 Oyonnax')).toMatchObject({ status: 'resolved', commune: { name: 'Oyonnax' } });
    expect(resolver.lookup('01100 Oyonnax').inseeCodeOf).toBeUndefined();
    expect(resolver.lookup('38000').inseeCodeOf).toBeUndefined();
  });

  it('says how many places it left out when a postal code covers more than 10 communes', () => {
    const shared = resolver.lookup('02300');
    expect(shared).toMatchObject({ status: 'ambiguous', matchedBy: 'postal-code', omittedCandidates: 21 });
    expect(shared.candidates).toHaveLength(10);
    expect(shared.candidates[0]!.label).toBe('Chauny (02300)');
    expect(resolver.lookup('Saint-Martin').omittedCandidates).toBeUndefined();
  });

  it('answers an intercommunality only partly in a territory "en partie", with the communes that are in', () => {
    const correze = resolver.lookup('CC Haute-Corrèze Communauté', { wave: 2023 });
    expect(correze).toMatchObject({ status: 'resolved', matchedBy: 'epci', territory: { id: 'ti-7506', name: 'Creuse Industrie' } });
    expect(correze.partial?.total).toBe(70);
    expect(correze.partial?.communes.map((c) => c.name)).toEqual(expect.arrayContaining(['Beissat', 'La Courtine', 'Saint-Oradoux-de-Chirouze']));
    expect(correze.partial?.communes).toHaveLength(11);
    // The intercommunality the query named is the place's door, as a commune's own would be.
    expect(correze.intercommunality).toMatchObject({ name: 'CC Haute-Corrèze Communauté', kind: 'epci', member: false });
    for (const wave of [2019, 2023]) {
      const bazois = resolver.lookup('CC Bazois Loire Morvan', { wave });
      expect(bazois.territory?.name).toBe('Nevers Val de Loire');
      expect(bazois.partial).toEqual({ communes: [{ code: '58046', name: 'Cercy-la-Tour', department: '58' }], total: 46 });
    }
    // A member intercommunality is wholly in its territory: no "en partie".
    expect(resolver.lookup('CC Haut-Bugey Agglomération').partial).toBeUndefined();
  });

  it('offers each territory of an intercommunality split between several', () => {
    const grandParis = resolver.lookup('Métropole du Grand Paris', { wave: 2023 });
    expect(grandParis.status).toBe('ambiguous');
    expect(grandParis.candidates.map((c) => c.label).sort()).toEqual([
      'Métropole du Grand Paris → Boucle Nord de Seine',
      'Métropole du Grand Paris → Grand Roissy Le Bourget',
      'Métropole du Grand Paris → Grand-Orly Seine Bièvre',
    ]);
  });

  it("names the commune's intercommunality (its EPT in the Métropole du Grand Paris), the local door to the project team", () => {
    expect(resolver.lookup('Oyonnax').intercommunality).toEqual({ code: '200042935', name: 'CA Haut-Bugey Agglomération', kind: 'epci', member: true });
    expect(resolver.lookup('Gennevilliers').intercommunality).toMatchObject({ kind: 'ept', name: 'Boucle Nord de Seine', member: true });
    expect(resolver.lookup('CC Haut-Bugey Agglomération').intercommunality).toMatchObject({ name: 'CA Haut-Bugey Agglomération', member: true });
    // A commune of the Haute-Corrèze that belongs to Creuse Industrie on its own: its intercommunality is not a member.
    expect(resolver.lookup('La Courtine', { wave: 2023 })).toMatchObject({ territory: { name: 'Creuse Industrie' }, intercommunality: { member: false } });
    expect(resolver.lookup('Bretagne').intercommunality).toBeUndefined();
  });

  it('uses the 2019 list when asked', () => {
    const r = resolver.lookup('Oyonnax', { wave: 2019 });
    expect(r.territory?.wave).toBe(2019);
    expect(r.territory?.id).toBeDefined();
  });

  it('resolves a commune code from another source (SIRET establishment)', () => {
    const r = resolver.lookupCommuneCode('01283', { matchedBy: 'siret', query: '12345678900011' });
    expect(r.territory?.id).toBe('ti-8413');
    expect(r.matchedBy).toBe('siret');
    expect(r.query).toBe('12345678900011');
  });

  it('survives hostile input without throwing', () => {
    for (const q of ['\u0000\u0007', 'a'.repeat(100000), "'; DROP TABLE communes; --", '<script>alert(1)</script>', '🏭🏭🏭', 'مرسيليا']) {
      const r = resolver.lookup(q);
      expect(['resolved', 'ambiguous', 'unknown']).toContain(r.status);
    }
  });
});

describe('a message longer than the resolver reads', () => {
  const filler = 'Nous fabriquons des pièces techniques pour la cosmétique et le médical, avec un atelier de moules. ';
  it.each`
    text                                                   | commune
    ${`${filler.repeat(22)}Notre usine est à Bellignat`}   | ${'Bellignat'}
    ${`Notre usine est à Bellignat. ${filler.repeat(22)}`} | ${'Bellignat'}
    ${`${filler.repeat(60)}Notre usine est à Bellignat`}   | ${'Bellignat'}
  `('finds the town at its beginning or its end ($text.length chars)', ({ text, commune }) => {
    expect(text.length).toBeGreaterThan(2000);
    expect(resolver.lookup(text)).toMatchObject({ status: 'resolved', commune: { name: commune } });
  });
});

// The server builds its resolver after listening (Resolver.deferred): a lookup that comes first
// finishes the build itself, so no answer depends on when the question came.
describe('deferred build', () => {
  const queries = ['Oyonnax', 'oyonax', '01100', 'creusot', 'Arbignieu', 'Saint-Martin', 'on est a cluse', 'un atelier de moules'];

  /**
   * The real knowledge base on a geography whose names no resolver has indexed yet: that index is
   * built once per geography and shared (the file's other resolvers have built the shared one's).
   */
  async function unindexed(): Promise<KnowledgeBase> {
    const { geo } = await realKnowledge();
    return openKnowledgeBase('data/kb', Object.assign(Object.create(Geography.prototype) as Geography, geo));
  }

  it('answers a lookup made before any step as the built resolver does', async () => {
    const { kb } = await realKnowledge();
    const lexicon = jest.fn(loadLexicon);
    const early = Resolver.deferred(kb, 2023, lexicon);
    expect(early.built).toBe(false);
    expect(lexicon).not.toHaveBeenCalled();
    for (const q of queries) expect(early.lookup(q)).toEqual(resolver.lookup(q));
    expect(early.built).toBe(true);
    expect(lexicon).toHaveBeenCalledTimes(1);
  });

  it('answers the same when asked midway through its steps', async () => {
    const kb = await unindexed();
    const stepped = Resolver.deferred(kb, 2023, loadLexicon);
    for (let i = 0; i < 5; i++) stepped.buildStep();
    expect(stepped.built).toBe(false);
    expect(stepped.lookupCommuneCode('01283')).toEqual(resolver.lookupCommuneCode('01283'));
    expect(stepped.lookupTerritory('ti-8413')).toEqual(resolver.lookupTerritory('ti-8413'));
    for (const q of queries) expect(stepped.lookup(q)).toEqual(resolver.lookup(q));
    expect(stepped.buildStep()).toBe(true);
  });

  it('reads its word lists a list per step when handed them so (as the server does)', async () => {
    const kb = await unindexed();
    const stepped = Resolver.deferred(kb, 2023, lexiconInSteps);
    let steps = 1;
    while (!stepped.buildStep()) steps++;
    expect(steps).toBeGreaterThan(kb.geo.communes.size / 1_000 + 3);
    for (const q of queries) expect(stepped.lookup(q)).toEqual(resolver.lookup(q));
  });

  it('is built in steps of a thousand names, the word lists first', async () => {
    const kb = await unindexed();
    const lexicon = jest.fn(loadLexicon);
    const stepped = Resolver.deferred(kb, 2023, lexicon);
    expect(stepped.buildStep()).toBe(false);
    expect(lexicon).toHaveBeenCalledTimes(1);
    let steps = 1;
    while (!stepped.buildStep()) steps++;
    expect(steps).toBeGreaterThan(kb.geo.communes.size / 1_000);
    expect(stepped.lookup('Oyonnax')).toEqual(resolver.lookup('Oyonnax'));
  });

  it("indexes a geography's names once: a second resolver on it (another app, or the next knowledge base) is built in a step or two and answers the same", async () => {
    const kb = await unindexed();
    const first = Resolver.deferred(kb, 2023, loadLexicon);
    let steps = 1;
    while (!first.buildStep()) steps++;
    expect(steps).toBeGreaterThan(kb.geo.communes.size / 1_000);
    const second = Resolver.deferred(await openKnowledgeBase('data/kb', kb.geo), 2023, loadLexicon);
    let again = 1;
    while (!second.buildStep()) again++;
    expect(again).toBeLessThanOrEqual(3);
    for (const q of queries) expect(second.lookup(q)).toEqual(first.lookup(q));
  });
});
