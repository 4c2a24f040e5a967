import type { Resolver } from '../../../src/domain/resolution/resolver';
import { ALL_NO_PLACE_MESSAGES, NO_PLACE_MESSAGES } from '../../fixtures/no-place-messages';
import { PLACE_MESSAGES } from '../../fixtures/place-messages';
import { realKnowledge } from '../../helpers/kb';

let resolver: Resolver;
beforeAll(async () => {
  ({ resolver } = await realKnowledge());
});

const townOf = (text: string) => {
  const r = resolver.lookup(text);
  return r.status === 'unknown' ? null : `${text} → ${r.commune?.name ?? r.territory?.name ?? r.candidates.map((c) => c.label).join(' / ')}`;
};

describe('messages that name no place', () => {
  it(`turn into a town at most 2% of the time (${ALL_NO_PLACE_MESSAGES.length} messages)`, () => {
    const towns = ALL_NO_PLACE_MESSAGES.map(townOf).filter((t): t is string => t !== null);
    expect(ALL_NO_PLACE_MESSAGES.length).toBeGreaterThanOrEqual(300);
    // The offenders are listed when the bound is crossed.
    expect(towns.length <= 0.02 * ALL_NO_PLACE_MESSAGES.length ? [] : towns).toEqual([]);
  });

  it.each(Object.entries(NO_PLACE_MESSAGES))('%s: at most 2% (rounded up) of this kind', (_kind, messages) => {
    const towns = messages.map(townOf).filter((t): t is string => t !== null);
    expect(towns.length <= Math.ceil(0.02 * messages.length) ? [] : towns).toEqual([]);
  });

  it.each`
    text                                  | reason
    ${"t'es nul, ça marche pas ton truc"} | ${'no-place'}
    ${'je ne sais pas'}                   | ${'no-place'}
    ${'Anne Roux'}                        | ${'no-place'}
    ${'alert'}                            | ${'no-place'}
    ${'on veut exporter au Canada'}       | ${'no-place'}
    ${'combien coûte un Rafale ?'}        | ${'no-place'}
    ${''}                                 | ${'empty'}
    ${'on est à Trucmuchville'}           | ${'unknown-place'}
    ${'xyzville'}                         | ${'unknown-place'}
    ${'00000'}                            | ${'unknown-code'}
    ${'99999'}                            | ${'unknown-code'}
    ${'nous sommes 45'}                   | ${'no-place'}
  `('"$text" is no place ($reason)', ({ text, reason }) => {
    expect(resolver.lookup(text)).toMatchObject({ status: 'unknown', reason });
  });

  // The answer quotes the unknown name, not the whole sentence around it.
  it.each`
    text                                                              | name
    ${'on est à Trucmuchville'}                                       | ${'Trucmuchville'}
    ${'xyzville'}                                                     | ${'xyzville'}
    ${'hello, our plant is in Fakeburg, who do I call at Bpifrance?'} | ${'Fakeburg'}
    ${'bonjour notre usine est à Xyzville-sur-Fictif merci'}          | ${'Xyzville-sur-Fictif'}
    ${'Le site de Trucville recrute'}                                 | ${'Trucville'}
    ${'Saint-Machin'}                                                 | ${'Saint-Machin'}
    ${'on est à Saint-Machin'}                                        | ${'Saint-Machin'}
    ${'Sainte-Bidule'}                                                | ${'Sainte-Bidule'}
    ${'Saint-Trucmuche-sur-Loire'}                                    | ${'Saint-Trucmuche-sur-Loire'}
  `('"$text" names the unknown place "$name"', ({ text, name }) => {
    expect(resolver.lookup(text)).toMatchObject({ status: 'unknown', reason: 'unknown-place', placeName: name });
  });

  it('an ambiguous name in a sentence is quoted alone', () => {
    expect(resolver.lookup('contacter bpi à Boulogne')).toMatchObject({ status: 'ambiguous', placeName: 'Boulogne' });
    expect(resolver.lookup('Boulogne').placeName).toBeUndefined();
  });

  it.each`
    text                                   | departments
    ${'le 04'}                             | ${['04']}
    ${'74'}                                | ${['74']}
    ${'(93)'}                              | ${['93']}
    ${'dans le 74'}                        | ${['74']}
    ${'département 74'}                    | ${['74']}
    ${'Haute-Savoie'}                      | ${['74']}
    ${"dans l'Allier"}                     | ${['03']}
    ${'la Vienne'}                         | ${['86']}
    ${"ah non pardon, dans l'Allier"}      | ${['03']}
    ${'non plutôt Gers'}                   | ${['32']}
    ${'allier 03'}                         | ${['03']}
    ${'Aube (10)'}                         | ${['10']}
    ${'PME de 30 salariés dans l Allier'}  | ${['03']}
    ${'Loire'}                             | ${['42']}
    ${'PME de 30 salariés en Haute-Loire'} | ${['43']}
    ${'usine à Indre-et-Loire'}            | ${['37']}
    ${'à Haute-Savoie'}                    | ${['74']}
  `('"$text" names a department and no commune', ({ text, departments }) => {
    const found = resolver.lookup(text);
    expect(found).toMatchObject({ status: 'unknown', reason: 'department-only', departments });
    expect(found.namesakes).toBeUndefined();
  });

  // A department's name alone is the department, and the villages (and the Territoire d'industrie)
  // of that name are offered beside it; a town known by that name (Vienne, 38), or a commune of that
  // name inside the department (Corrèze, Mayenne), or "à" before it, is the commune.
  it.each`
    text                            | department | namesakes
    ${'Allier'}                     | ${'03'}    | ${['65005']}
    ${'Aube'}                       | ${'10'}    | ${['61008', '57037']}
    ${'Landes'}                     | ${'40'}    | ${['17202']}
    ${'Indre'}                      | ${'36'}    | ${['44074']}
    ${'Vaucluse'}                   | ${'84'}    | ${['ti-9308', '25588']}
    ${'Ariège'}                     | ${'09'}    | ${['ti-7602']}
    ${'PME de 30 salariés, Allier'} | ${'03'}    | ${['65005']}
  `('"$text" is the department $department, its namesakes offered', ({ text, department, namesakes }) => {
    const found = resolver.lookup(text);
    expect(found).toMatchObject({ status: 'unknown', reason: 'department-only', departments: [department] });
    expect(found.namesakes?.map((n) => n.commune?.code ?? n.territory?.id)).toEqual(namesakes);
  });

  it.each`
    text             | commune
    ${'Vienne'}      | ${'38544'}
    ${'Corrèze'}     | ${'19062'}
    ${'Mayenne'}     | ${'53147'}
    ${'à Allier'}    | ${'65005'}
    ${'Allier 65'}   | ${'65005'}
    ${'Allier (65)'} | ${'65005'}
    ${'Paris 75'}    | ${'75056'}
  `('"$text" is the commune $commune', ({ text, commune }) => {
    expect(resolver.lookup(text)).toMatchObject({ status: 'resolved', commune: { code: commune } });
  });

  it('"Loiré", typed with its accent, is no department', () => {
    expect(resolver.lookup('Loiré').reason).toBeUndefined();
  });
});

describe('words that a place matches only loosely', () => {
  // A French word typed without accents is that word, not the accented place, without a locative;
  // so is an everyday English word typed in lower case in an English sentence.
  it.each`
    text                                                  | reason
    ${'un atelier de moules'}                             | ${'no-place'}
    ${'on fabrique des moules'}                           | ${'no-place'}
    ${'moules'}                                           | ${'no-place'}
    ${'usine à Trucville'}                                | ${'unknown-place'}
    ${'usine à Trucville [Payez ici](https://x.example)'} | ${'unknown-place'}
    ${'Trucville'}                                        | ${'unknown-place'}
    ${"it's nice"}                                        | ${'no-place'}
    ${"that's nice, thanks"}                              | ${'no-place'}
    ${'our site is nice'}                                 | ${'no-place'}
  `('"$text" is no town ($reason)', ({ text, reason }) => {
    expect(resolver.lookup(text)).toMatchObject({ status: 'unknown', reason });
  });

  // After a locative ("à", typed "a" or not), the same word or one plural 's' away is the place;
  // the word alone is the place too.
  it.each`
    text                          | commune
    ${'usine à Moules'}           | ${'Moulès-et-Baucels'}
    ${'basé à moules'}            | ${'Moulès-et-Baucels'}
    ${'macon'}                    | ${'Mâcon'}
    ${'on est a cluse'}           | ${'Cluses'}
    ${'on est à cluse'}           | ${'Cluses'}
    ${'usine a Cluse'}            | ${'Cluses'}
    ${'on est a Cluses'}          | ${'Cluses'}
    ${'nice'}                     | ${'Nice'}
    ${'our plant is in nice'}     | ${'Nice'}
    ${'which territory for gap?'} | ${'Gap'}
    ${"c'est à nice"}             | ${'Nice'}
  `('"$text" is $commune', ({ text, commune }) => {
    expect(resolver.lookup(text)).toMatchObject({ status: 'resolved', commune: { name: commune } });
  });
});

describe('places as users write them', () => {
  it.each(PLACE_MESSAGES.map((m) => [m.text.length > 70 ? `${m.text.slice(0, 67)}...` : m.text, m] as const))('%s', (_label, m) => {
    const r = resolver.lookup(m.text);
    if (m.territory && !m.commune) {
      expect(r).toMatchObject({ status: 'resolved', territory: { id: m.territory } });
      return;
    }
    expect(r.status).toBe(m.ambiguous ? 'ambiguous' : 'resolved');
    const first = r.status === 'resolved' ? r.commune?.name : r.candidates[0]?.commune?.name;
    expect(first).toBe(m.commune);
    if (m.alsoOffered) {
      const others = [...r.candidates, ...(r.namesakes ?? [])].map((c) => c.commune?.name);
      expect(others).toContain(m.alsoOffered);
    }
  });
});
