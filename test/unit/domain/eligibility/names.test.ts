import type { SchemeCatalog } from '../../../../src/domain/eligibility';
import { needsOfSchemeNamed, schemeNamed } from '../../../../src/domain/eligibility/names';
import { loadSchemes } from '../../../../src/infrastructure/schemes';

let catalog: SchemeCatalog;
beforeAll(async () => {
  catalog = await loadSchemes();
});

describe('schemeNamed: the scheme a message names, on the real schemes knowledge base', () => {
  it.each`
    text                                                        | scheme                                              | whole
    ${"c'est quoi le VTE ?"}                                    | ${'vte'}                                            | ${false}
    ${'VTE'}                                                    | ${'vte'}                                            | ${true}
    ${'le VTE vert'}                                            | ${'vte-vert'}                                       | ${true}
    ${"c'est quoi l'aide VTE territoires d'industrie"}          | ${'vte-territoires-industrie'}                      | ${false}
    ${'accélérateurs bpifrance'}                                | ${'bpifrance-accelerateurs'}                        | ${true}
    ${"c'est quoi l'acelerateur bpifrance ?"}                   | ${'bpifrance-accelerateurs'}                        | ${false}
    ${'la POEI'}                                                | ${'poei'}                                           | ${true}
    ${"qu'est-ce que la méthode de recrutement par simulation"} | ${'mrs'}                                            | ${false}
    ${'what is the VIE?'}                                       | ${'vie'}                                            | ${false}
    ${'forma diag'}                                             | ${'forma-diag'}                                     | ${true}
    ${'c quoi le fonds d acceleration'}                         | ${'fonds-acceleration-investissements-industriels'} | ${false}
    ${"l'accélérateur"}                                         | ${'bpifrance-accelerateurs'}                        | ${true}
  `('"$text" names $scheme', ({ text, scheme, whole }) => {
    expect(schemeNamed(catalog.schemes, text, !whole)).toMatchObject({ scheme: { id: scheme }, whole });
  });

  it.each([
    'on veut exporter au canada',
    'Oyonnax',
    'PME de 40 salariés à Oyonnax',
    'bonjour',
    "qu'est-ce qu'un territoire d'industrie",
    'Aides Industrie SARL',
    '',
  ])('"%s" names no scheme', (text) => {
    expect(schemeNamed(catalog.schemes, text)).toBeNull();
  });

  it.each(['Paris', 'Ancenis', 'acelerateur bpifrance'])('"%s", not asked about, is read word for word only: no scheme', (text) => {
    expect(schemeNamed(catalog.schemes, text)).toBeNull();
  });

  it('a name inside a sentence that does not ask about it is not the whole message ("la vie est belle")', () => {
    expect(schemeNamed(catalog.schemes, 'la vie est belle')).toMatchObject({ scheme: { id: 'vie' }, whole: false });
  });
});

describe('needsOfSchemeNamed: the project a message implies by naming a scheme', () => {
  it.each`
    text                                                       | needs
    ${"on voudrait savoir si on a droit à l'accélérateur bpi"} | ${['innover']}
    ${'do we qualify for the Bpifrance accelerators?'}         | ${['innover']}
    ${'le VTE vert'}                                           | ${['recruter', 'transition-ecologique']}
    ${'on voudrait savoir si on a droit à une aide'}           | ${[]}
  `('"$text" → $needs', ({ text, needs }) => {
    expect(needsOfSchemeNamed(catalog.schemes, text)).toEqual(needs);
  });
});
