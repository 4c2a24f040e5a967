import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SchemeCatalog, SchemesError, validateSchemes, type SchemesDoc } from '../../../../src/domain/eligibility';
import { loadSchemes } from '../../../../src/infrastructure/schemes';
import { removeTempDirs, tempDir } from '../../../helpers/temp';

afterAll(removeTempDirs);

const FACTS = readFileSync(path.resolve(__dirname, '../../../../data/sources/schemes-facts.md'), 'utf8');
const raw = (): SchemesDoc => JSON.parse(readFileSync('data/kb/schemes.json', 'utf8')) as SchemesDoc;

describe('schemes knowledge base', () => {
  test('the committed file loads and validates', async () => {
    const catalog = await loadSchemes();
    expect(validateSchemes(catalog.doc)).toEqual([]);
    expect(catalog.schemes.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'vte',
        'vte-territoires-industrie',
        'vte-vert',
        'bpifrance-accelerateurs',
        'bdt-investissement',
        'bdt-ingenierie',
        'team-france-export',
        'vie',
        'mrs',
        'poei',
        'poec',
        'forma-diag',
        'afpr',
        'fonds-vert-territoires-industrie',
        'fonds-acceleration-investissements-industriels',
        'cheque-relance-export',
        'france-travail-conseiller-territoire',
      ]),
    );
  });

  test('every URL it cites appears in the facts file', () => {
    const urls = raw().schemes.flatMap((s) => [...s.sources, ...s.figures.map((f) => f.source), ...(s.applyUrl ? [s.applyUrl] : [])]);
    expect(urls.length).toBeGreaterThan(40);
    expect(urls.filter((u) => !FACTS.includes(u))).toEqual([]);
  });

  test('no unsourced claim: the "coach international" is not stated', () => {
    expect(JSON.stringify(raw().schemes).toLowerCase()).not.toContain('coach');
  });

  test('conflicting facts are kept, not resolved', () => {
    const vert = raw().schemes.find((s) => s.id === 'vte-vert')!;
    const amounts = vert.figures.map((f) => f.text.fr).join(' ');
    expect(amounts).toContain('8 000 €');
    expect(amounts).toContain('12 000 €');
    expect(vert.conflicts.length).toBeGreaterThan(0);
  });

  test('the most recent figure comes first, with its date; the VIE allowance is a cost to the firm', () => {
    const byId = new Map(raw().schemes.map((s) => [s.id, s]));
    expect(byId.get('vte-vert')!.figures[0]).toMatchObject({ kind: 'aid', asOf: '2023-10' });
    expect(byId.get('vte-vert')!.figures[0]!.text.fr).toMatch(/jusqu.à 8 000 €/);
    expect(byId.get('vie')!.figures[0]).toMatchObject({ kind: 'cost' });
    expect(byId.get('vie')!.figures[0]!.label.fr).toMatch(/Coût pour l'entreprise/);
  });

  test('every scheme declares the project it serves and the date of its newest source', () => {
    for (const s of raw().schemes) {
      expect(s.needs.length).toBeGreaterThan(0);
      expect(s.asOf).toMatch(/^\d{4}(-\d{2})?$/);
    }
    // Offers the issue lists as only attested before 2021.
    const old = raw()
      .schemes.filter((s) => s.status === 'open' && s.asOf < '2021')
      .map((s) => s.id)
      .sort();
    expect(old).toEqual([
      'bdt-ingenierie',
      'bdt-investissement',
      'business-france-attractivite',
      'forma-diag',
      'france-travail-conseiller-territoire',
      'team-france-export',
      'vie',
    ]);
  });

  test('historical schemes carry their end date', () => {
    const byId = new Map(raw().schemes.map((s) => [s.id, s]));
    expect(byId.get('afpr')).toMatchObject({ status: 'abolished', validUntil: '2024-04-24' });
    expect(byId.get('fonds-acceleration-investissements-industriels')).toMatchObject({ status: 'closed' });
    expect(byId.get('cheque-relance-export')).toMatchObject({ status: 'closed', validUntil: '2022-12-15' });
  });

  test.each<[string, (d: SchemesDoc) => void, RegExp]>([
    ['duplicate id', (d) => d.schemes.push({ ...d.schemes[0]! }), /duplicated/],
    ['unknown operator', (d) => Object.assign(d.schemes[0]!, { operator: 'ademe' }), /unknown operator/],
    ['no source', (d) => Object.assign(d.schemes[0]!, { sources: [] }), /no valid sources/],
    ['missing English', (d) => Object.assign(d.schemes[0]!, { name: { fr: 'x', en: '' } }), /English name/],
    ['closed without date', (d) => Object.assign(d.schemes[0]!, { status: 'closed', validUntil: undefined }), /without validUntil/],
    ['unknown fact', (d) => d.schemes[0]!.criteria.push({ id: 'x', fact: 'colour', text: d.schemes[0]!.criteria[0]!.text } as never), /unknown fact/],
    ['bad category', (d) => Object.assign(d.schemes[0]!.criteria[0]!, { value: ['SME'] }), /invalid category/],
    ['indirect without note', (d) => Object.assign(d.schemes[0]!, { access: 'indirect', accessNote: undefined }), /accessNote/],
    ['a size list with PME but not MICRO', (d) => Object.assign(d.schemes[0]!.criteria[0]!, { value: ['PME', 'ETI'] }), /names PME but not MICRO/],
    ['no date for its newest source', (d) => Object.assign(d.schemes[0]!, { asOf: undefined }), /no asOf date/],
    [
      'a figure that does not say what it is to the firm',
      (d) => Object.assign(d.schemes.find((x) => x.id === 'vie')!.figures[0]!, { kind: undefined }),
      /aid, a cost or information/,
    ],
    ['figures not newest first', (d) => d.schemes.find((x) => x.id === 'vte-vert')!.figures.reverse(), /newest first/],
  ])('rejects %s', (_label, breakIt, message) => {
    const doc = raw();
    breakIt(doc);
    expect(validateSchemes(doc).join('\n')).toMatch(message);
    expect(() => SchemeCatalog.fromDoc(doc)).toThrow(SchemesError);
  });

  test('a file that is not JSON is refused with a clear error', async () => {
    const dir = tempDir('schemes-');
    const file = path.join(dir, 'schemes.json');
    writeFileSync(file, '{ "schemes": [');
    await expect(loadSchemes(file)).rejects.toThrow(/not valid JSON/);
    await expect(loadSchemes(path.join(dir, 'absent.json'))).rejects.toThrow(/missing or empty/);
  });
});
