import { route, waveOf, type Intent, type Question, type RouteInput } from '../../../../src/channels/dialogs/router';
import type { PlaceReader } from '../../../../src/channels/dialogs/router';
import { realKnowledge } from '../../../helpers/kb';
import type { SchemeCatalog } from '../../../../src/domain/eligibility';
import { schemeNamed } from '../../../../src/domain/eligibility/names';
import { loadSchemes } from '../../../../src/infrastructure/schemes';

let places: PlaceReader;
let catalog: SchemeCatalog;
beforeAll(async () => {
  catalog = await loadSchemes();
  const { resolver } = await realKnowledge();
  places = (text, wave) => resolver.lookup(text, { wave: wave ?? 2023 });
});

const CHOICE: Question = {
  ask: 'choice',
  query: 'Saint-Denis',
  choices: [
    { label: 'Saint-Denis (La Réunion, 974)', value: '97411' },
    { label: 'Saint-Denis (Seine-Saint-Denis, 93)', value: '93066' },
  ],
};
const PENDING: Record<string, Question | undefined> = {
  none: undefined,
  choice: CHOICE,
  'eligibility place': { ask: 'place', flow: 'eligibility' },
  headcount: { ask: 'field', flow: 'eligibility', field: 'headcount' },
  project: { ask: 'field', flow: 'eligibility', field: 'needs' },
  'young graduate': { ask: 'field', flow: 'eligibility', field: 'wantsYoungGraduate' },
  'contact place': { ask: 'place', flow: 'contact' },
  operator: { ask: 'contact', flow: 'contact', step: 'operator' },
  firm: { ask: 'contact', flow: 'contact', step: 'firm' },
  person: { ask: 'contact', flow: 'contact', step: 'person', operator: 'bpifrance' },
  need: { ask: 'contact', flow: 'contact', step: 'need' },
  consent: { ask: 'contact', flow: 'contact', step: 'consent' },
};

const of = (input: string | RouteInput, pending: string): Intent =>
  route(
    typeof input === 'string' ? { type: 'message', text: input } : input,
    { pending: PENDING[pending], waves: [2019, 2023], schemeNamed: (text, asked) => schemeNamed(catalog.schemes, text, asked) },
    places,
  );

describe('route: one intent per message, read against the pending question', () => {
  it.each`
    text                                                                                     | pending                | kind
    ${'Oyonnax'}                                                                             | ${'none'}              | ${'place'}
    ${'notre usine est à Oyonax'}                                                            | ${'none'}              | ${'place'}
    ${"t'es nul, ça marche pas ton truc"}                                                    | ${'none'}              | ${'nothing'}
    ${'je ne sais pas'}                                                                      | ${'none'}              | ${'nothing'}
    ${'le 04'}                                                                               | ${'none'}              | ${'nothing'}
    ${'aide'}                                                                                | ${'headcount'}         | ${'help'}
    ${'help'}                                                                                | ${'none'}              | ${'help'}
    ${'recommencer'}                                                                         | ${'consent'}           | ${'restart'}
    ${'Bonjour'}                                                                             | ${'none'}              | ${'greeting'}
    ${'merci beaucoup'}                                                                      | ${'none'}              | ${'thanks'}
    ${'ok merci'}                                                                            | ${'none'}              | ${'thanks'}
    ${'super, merci beaucoup'}                                                               | ${'none'}              | ${'thanks'}
    ${"c'est quoi le VTE ?"}                                                                 | ${'none'}              | ${'scheme-info'}
    ${'VTE'}                                                                                 | ${'none'}              | ${'scheme-info'}
    ${'hello, what is the VTE?'}                                                             | ${'none'}              | ${'scheme-info'}
    ${"le VTE vert c'est quoi"}                                                              | ${'headcount'}         | ${'scheme-info'}
    ${'on veut faire un VTE'}                                                                | ${'none'}              | ${'eligibility'}
    ${'what about VTE?'}                                                                     | ${'headcount'}         | ${'scheme-info'}
    ${'et le vte ca marche comment'}                                                         | ${'young graduate'}    | ${'scheme-info'}
    ${'how does the VTE work?'}                                                              | ${'none'}              | ${'scheme-info'}
    ${'en fait on est a Thiers'}                                                             | ${'firm'}              | ${'contact'}
    ${"actually we're in Figeac"}                                                            | ${'person'}            | ${'contact'}
    ${'Thiers'}                                                                              | ${'firm'}              | ${'answer'}
    ${'quarante-cinq'}                                                                       | ${'headcount'}         | ${'answer'}
    ${'deux cents salariés'}                                                                 | ${'headcount'}         | ${'answer'}
    ${'forty five'}                                                                          | ${'young graduate'}    | ${'answer'}
    ${'Quarante'}                                                                            | ${'none'}              | ${'place'}
    ${'Hello, who is the Team France Export contact for Figeac?'}                            | ${'none'}              | ${'referent'}
    ${'ref france travail thiers'}                                                           | ${'none'}              | ${'referent'}
    ${'qui est le contact bpi à Oyonnax ?'}                                                  | ${'none'}              | ${'referent'}
    ${'qui est mon contact bpi, je veux lui parler'}                                         | ${'none'}              | ${'contact'}
    ${'en fait on est 300'}                                                                  | ${'headcount'}         | ${'answer'}
    ${'Formadiag'}                                                                           | ${'firm'}              | ${'answer'}
    ${"c'est quoi Forma'Diag ?"}                                                             | ${'firm'}              | ${'scheme-info'}
    ${'slt'}                                                                                 | ${'none'}              | ${'greeting'}
    ${'bjr'}                                                                                 | ${'none'}              | ${'greeting'}
    ${'non merci'}                                                                           | ${'firm'}              | ${'restart'}
    ${'laisse tomber'}                                                                       | ${'need'}              | ${'restart'}
    ${'Non Merci SARL'}                                                                      | ${'firm'}              | ${'answer'}
    ${'mes aides'}                                                                           | ${'none'}              | ${'eligibility'}
    ${'on veut exporter au Canada'}                                                          | ${'none'}              | ${'eligibility'}
    ${'pourquoi pas ?'}                                                                      | ${'headcount'}         | ${'why-not'}
    ${'contacter mon référent Bpifrance'}                                                    | ${'choice'}            | ${'contact'}
    ${'où en est ma demande ?'}                                                              | ${'firm'}              | ${'status'}
    ${"territoires d'industrie en Bretagne"}                                                 | ${'none'}              | ${'territory-list'}
    ${"qui est le référent France Travail de la Vallée de l'Arve ?"}                         | ${'none'}              | ${'referent'}
    ${'2'}                                                                                   | ${'choice'}            | ${'choose'}
    ${'Saint-Denis (Seine-Saint-Denis, 93)'}                                                 | ${'choice'}            | ${'choose'}
    ${'93'}                                                                                  | ${'choice'}            | ${'choose'}
    ${'le 01'}                                                                               | ${'choice'}            | ${'place'}
    ${'la deuxième'}                                                                         | ${'choice'}            | ${'choose'}
    ${'celle du 93'}                                                                         | ${'choice'}            | ${'choose'}
    ${"c'est celle de Seine-Saint-Denis"}                                                    | ${'choice'}            | ${'choose'}
    ${'the one in La Réunion'}                                                               | ${'choice'}            | ${'choose'}
    ${'la dernière'}                                                                         | ${'choice'}            | ${'choose'}
    ${'Grenoble'}                                                                            | ${'choice'}            | ${'place'}
    ${'blabla'}                                                                              | ${'choice'}            | ${'nothing'}
    ${'Oyonnax'}                                                                             | ${'eligibility place'} | ${'place'}
    ${'blabla'}                                                                              | ${'eligibility place'} | ${'answer'}
    ${'en fait on veut exporter'}                                                            | ${'eligibility place'} | ${'answer'}
    ${'contacter Bpifrance'}                                                                 | ${'eligibility place'} | ${'contact'}
    ${"we're a 40-person metal shop near Figeac, I'd like to talk to someone at Bpifrance"}  | ${'none'}              | ${'contact'}
    ${'PME de 85 salariés à Oyonnax, on veut recruter, qui contacter chez France Travail ?'} | ${'none'}              | ${'eligibility'}
    ${'le 74'}                                                                               | ${'eligibility place'} | ${'nothing'}
    ${'45'}                                                                                  | ${'headcount'}         | ${'answer'}
    ${'a 30-person firm'}                                                                    | ${'headcount'}         | ${'answer'}
    ${'en fait 300 salariés'}                                                                | ${'headcount'}         | ${'answer'}
    ${'quatre-vingts'}                                                                       | ${'headcount'}         | ${'answer'}
    ${'Cluses'}                                                                              | ${'headcount'}         | ${'place'}
    ${'notre usine est à Oyonnax'}                                                           | ${'headcount'}         | ${'place'}
    ${'nous sommes une PME de 120 salariés à Thiers, on veut innover'}                       | ${'headcount'}         | ${'eligibility'}
    ${'oui'}                                                                                 | ${'young graduate'}    | ${'answer'}
    ${'merci'}                                                                               | ${'headcount'}         | ${'thanks'}
    ${'bonjour'}                                                                             | ${'young graduate'}    | ${'greeting'}
    ${'Oyonnax'}                                                                             | ${'contact place'}     | ${'place'}
    ${'plutôt pôle emploi'}                                                                  | ${'operator'}          | ${'answer'}
    ${'3'}                                                                                   | ${'operator'}          | ${'answer'}
    ${'Saint-Étienne'}                                                                       | ${'operator'}          | ${'place'}
    ${'Aides Industrie SARL'}                                                                | ${'firm'}              | ${'answer'}
    ${'en fait plutôt France Travail'}                                                       | ${'firm'}              | ${'contact'}
    ${'Pôle Emploi Services Fictifs SARL'}                                                   | ${'firm'}              | ${'answer'}
    ${'mes aides'}                                                                           | ${'firm'}              | ${'eligibility'}
    ${'obtenir des aides pour recruter'}                                                     | ${'need'}              | ${'answer'}
    ${'oui'}                                                                                 | ${'consent'}           | ${'consent'}
    ${'Non, annuler'}                                                                        | ${'consent'}           | ${'consent'}
    ${'peut-être'}                                                                           | ${'consent'}           | ${'answer'}
    ${"l'accélérateur"}                                                                      | ${'project'}           | ${'answer'}
    ${"c'est quoi l'accélérateur ?"}                                                         | ${'project'}           | ${'scheme-info'}
    ${"l'accélérateur"}                                                                      | ${'headcount'}         | ${'scheme-info'}
    ${'01 100'}                                                                              | ${'project'}           | ${'place'}
    ${'01100'}                                                                               | ${'young graduate'}    | ${'place'}
    ${'12 000'}                                                                              | ${'headcount'}         | ${'answer'}
    ${'12000'}                                                                               | ${'headcount'}         | ${'answer'}
    ${'on est 12'}                                                                           | ${'none'}              | ${'eligibility'}
    ${'nous sommes 45 en tout'}                                                              | ${'none'}              | ${'eligibility'}
    ${'on est 74300'}                                                                        | ${'none'}              | ${'place'}
    ${'et on y a droit ?'}                                                                   | ${'none'}              | ${'eligibility'}
    ${'are we eligible?'}                                                                    | ${'none'}              | ${'eligibility'}
    ${'Puy-de-Dôme'}                                                                         | ${'none'}              | ${'nothing'}
    ${'on est dans la Loire'}                                                                | ${'none'}              | ${'nothing'}
    ${'Paris'}                                                                               | ${'none'}              | ${'place'}
    ${'Corrèze'}                                                                             | ${'none'}              | ${'place'}
    ${'et bpi ?'}                                                                            | ${'none'}              | ${'referent'}
    ${'and bpifrance?'}                                                                      | ${'none'}              | ${'referent'}
    ${'et chez Business France'}                                                             | ${'young graduate'}    | ${'referent'}
    ${'Bpifrance'}                                                                           | ${'none'}              | ${'referent'}
    ${'bpi'}                                                                                 | ${'contact place'}     | ${'contact'}
    ${'Bpifrance Fictive Conseil SARL'}                                                      | ${'firm'}              | ${'answer'}
  `('"$text" while $pending is pending → $kind', ({ text, pending, kind }) => {
    expect(of(text, pending).kind).toBe(kind);
  });

  it.each`
    value                                                                  | pending        | intent
    ${{ action: 'choose', value: '97411' }}                                | ${'none'}      | ${{ kind: 'choose', value: '97411', label: '97411' }}
    ${{ action: 'eligibility' }}                                           | ${'firm'}      | ${{ kind: 'eligibility' }}
    ${{ action: 'contact', operator: 'bpifrance' }}                        | ${'choice'}    | ${{ kind: 'contact', operator: 'bpifrance' }}
    ${{ action: 'contact', operator: 'nasa' }}                             | ${'none'}      | ${{ kind: 'contact' }}
    ${{ action: 'contact', operator: 'bpifrance', place: '2A004' }}        | ${'none'}      | ${{ kind: 'contact', operator: 'bpifrance', place: '2A004' }}
    ${{ action: 'contact', operator: 'bpifrance', place: '../etc' }}       | ${'none'}      | ${{ kind: 'contact', operator: 'bpifrance' }}
    ${{ action: 'contact-consent', operator: 'bpifrance', draftId: 'd1' }} | ${'consent'}   | ${{ kind: 'consent', answer: 'accept', draftId: 'd1' }}
    ${{ action: 'contact-cancel', draftId: 'd1' }}                         | ${'none'}      | ${{ kind: 'consent', answer: 'cancel', draftId: 'd1' }}
    ${{ action: 'restart' }}                                               | ${'headcount'} | ${{ kind: 'restart' }}
    ${{}}                                                                  | ${'none'}      | ${{ kind: 'empty' }}
    ${'not an object'}                                                     | ${'none'}      | ${{ kind: 'empty' }}
  `('a card click $value (no text) while $pending is pending → $intent', ({ value, pending, intent }) => {
    expect(of({ type: 'message', value }, pending)).toEqual(intent);
  });

  it('reads the list a message asks about', () => {
    expect(of('Oyonnax liste 2019', 'none')).toEqual({ kind: 'place', text: 'Oyonnax', wave: 2019 });
    expect(of('territoires de Normandie liste 2019', 'none')).toMatchObject({ kind: 'territory-list', wave: 2019 });
    expect(of("quels territoires dans l'Ain en 2019 ?", 'none')).toMatchObject({ kind: 'territory-list', wave: 2019 });
    expect(waveOf('usine creee en 2019 a oyonnax pme de 40 salaries', [2019, 2023])).toBeUndefined();
    expect(waveOf('thiers 2019', [2019, 2023])).toBe(2019);
    expect(waveOf('oyonnax liste 2031', [2019, 2023])).toBeUndefined();
  });

  it('reads "on y a droit ?" as about the scheme explained just before, if any', () => {
    const asked = (text: string, schemeAsked?: string) =>
      route({ type: 'message', text }, { waves: [2019, 2023], ...(schemeAsked ? { schemeAsked } : {}) }, places);
    expect(asked('et on y a droit ?', 'vte')).toEqual({ kind: 'eligibility', text: 'et on y a droit ?', scheme: 'vte' });
    expect(asked('are we eligible?', 'vie')).toEqual({ kind: 'eligibility', text: 'are we eligible?', scheme: 'vie' });
    expect(asked('et on y a droit ?')).toEqual({ kind: 'eligibility', text: 'et on y a droit ?' });
  });

  it('reads the operator of a referent question', () => {
    expect(of("qui est le référent France Travail de la Vallée de l'Arve ?", 'none')).toMatchObject({ kind: 'referent', operator: 'france-travail' });
  });

  it('narrows a choice by a department none of the candidates is in, keeping the question', () => {
    expect(of('le 01', 'choice')).toEqual({ kind: 'place', text: 'Saint-Denis', within: ['01'] });
  });
});

describe('route: a namesake picked by its rank or its department', () => {
  it.each`
    text                                  | value
    ${'la deuxième'}                      | ${'93066'}
    ${'la première'}                      | ${'97411'}
    ${'la dernière'}                      | ${'93066'}
    ${'celle du 93'}                      | ${'93066'}
    ${"c'est celle de Seine-Saint-Denis"} | ${'93066'}
    ${'the one in La Réunion'}            | ${'97411'}
    ${'974'}                              | ${'97411'}
  `('"$text" picks $value', ({ text, value }: { text: string; value: string }) => {
    expect(of(text, 'choice')).toMatchObject({ kind: 'choose', value });
  });
});
