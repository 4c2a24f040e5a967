import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { normalizeForRecognizers, prepareProfileText, readWithoutModel, type FirmProfile } from '../../../src/domain/profile';
import type { Lang } from '../../../src/domain/types';
import { testParser, testReader, warmTestParser, WARM_UP_MS } from '../../helpers/parser';

/**
 * The parser against the one it replaced (recognizers-text-suite number, currency and datetime
 * models on the event loop), on 610 firm descriptions: baseline.json was recorded once by that
 * parser; every difference is listed, with its reason, in intended-differences.json.
 */

const dir = path.join(__dirname, '../../fixtures/profile-corpus');
const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
const corpus = read<Array<{ id: number; lang: Lang; text: string }>>('corpus.json');
const baseline = read<{ now: string; profiles: Array<{ id: number; profile: Partial<FirmProfile> }> }>('baseline.json');
const intended = read<{
  reasons: Record<string, string>;
  differences: Array<{ id: number; changes: Record<string, { was: unknown; now: unknown; why: string }> }>;
}>('intended-differences.json');

/** What the replaced parser read, with the intended differences applied. */
function expectedProfile(id: number): Record<string, unknown> {
  const expected: Record<string, unknown> = { ...baseline.profiles[id - 1]!.profile };
  for (const [field, change] of Object.entries(intended.differences.find((d) => d.id === id)?.changes ?? {})) {
    expect(expected[field] ?? null).toEqual(change.was);
    if (change.now === null) delete expected[field];
    else expected[field] = change.now;
  }
  return expected;
}

beforeAll(warmTestParser, WARM_UP_MS);

describe('the corpus', () => {
  it('holds at least 500 descriptions in both languages, and every intended difference has a reason', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(corpus.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(150);
    for (const d of intended.differences) for (const change of Object.values(d.changes)) expect(intended.reasons[change.why]).toEqual(expect.any(String));
  });

  it('gives every description the profile the replaced parser gave, but for the listed differences', async () => {
    const now = new Date(baseline.now);
    const mismatches: string[] = [];
    for (const c of corpus) {
      const reading = await testParser.parse(c.text, c.lang, { now });
      expect(reading.complete).toBe(true);
      const actual = JSON.parse(JSON.stringify(reading.profile)) as Record<string, unknown>;
      if (!isDeepStrictEqual(actual, expectedProfile(c.id)))
        mismatches.push(`#${c.id} ${c.text}\n  got ${JSON.stringify(actual)}\n  expected ${JSON.stringify(expectedProfile(c.id))}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('reads most descriptions without the number model, and those exactly as the model reads them', async () => {
    let quick = 0;
    for (const c of corpus) {
      const prepared = prepareProfileText(c.text, c.lang);
      const spans = readWithoutModel(prepared);
      if (!spans) continue;
      quick++;
      expect({ id: c.id, spans }).toEqual({ id: c.id, spans: await testReader.read(prepared.text, c.lang) });
    }
    expect(quick / corpus.length).toBeGreaterThan(0.75);
  });
});

describe('the pre-parser and the number model agree on whatever the pre-parser accepts', () => {
  const PIECES: Record<Lang, string[]> = {
    fr: [
      '85',
      '12',
      '3,5',
      '1.5',
      '4 500 000',
      '12 000',
      '1 2345',
      '2023',
      '01100',
      '06 12 34',
      '0,5',
      '1,2,3',
      '12 345,67',
      '950 000',
      '2015',
      ', ',
      '. ',
      ' - ',
      '-',
      '/',
      '%',
      '€',
      ' €',
      'M€',
      ' M€',
      ' M',
      'M',
      'm',
      ' m',
      ' k€',
      'k',
      'K',
      ' millions',
      ' milliards',
      " d'euros",
      ' euros',
      ' salariés',
      ' personnes',
      'un',
      'une',
      ' de ',
      ' CA ',
      'chiffre d’affaires',
      ' à ',
      'x',
      'h',
      'e',
      'er',
      'ème',
      'Md',
      ' Mo',
      '°',
      '+',
      '(',
      ')',
      ' et ',
      'depuis ',
      'il y a ',
      ' ans',
      'dizaine',
      'vingtaine',
      'centaine',
      'millier',
      'quinzaine',
      'premier',
      'deuxième',
      'plusieurs',
      'neuf',
      'cent',
      'deux',
      'tiers',
      'douzaine',
      'G',
      'B',
      'n°',
      '12/2023',
      "l'un",
      'quelqu’un',
      'EUR ',
      '$',
      '£',
      ';',
      ':',
      '«',
      '»',
      'zéro',
      'mille',
      '3ème',
      '1er',
      '2e',
      '1ère',
      '5Mds€',
      'CO2',
      'A4',
      'B2B',
      '3D',
      '5G',
      '10h30',
      'Covid19',
      '12e5',
      '3Mo',
      '1 000M€',
    ],
    en: [
      '85',
      '12',
      '3.5',
      '1,5',
      '1,200',
      '10,300,000',
      '1 200',
      '12,34',
      '2023',
      '0.5',
      '1.2.3',
      ', ',
      '. ',
      ' - ',
      '-',
      '/',
      '%',
      '€',
      '$',
      '£',
      'm',
      ' m',
      'M',
      ' M',
      'k',
      ' k',
      'K',
      'b',
      ' B',
      'bn',
      ' million',
      ' millions',
      ' billion',
      ' euros',
      ' employees',
      ' staff',
      '-person',
      'one',
      'a',
      'an',
      ' the ',
      ' of ',
      ' and ',
      'first',
      'second',
      'tenth',
      'twice',
      'couple',
      'dozen',
      'half',
      'few',
      'hundreds',
      'someone',
      'no one',
      'nought',
      'st',
      'nd',
      'th',
      'EUR ',
      'turnover ',
      ' since ',
      ' years ago',
      '#',
      'No.',
      ' mln',
      ' MM',
      ' mil',
      'crore',
      '1st',
      '3rd',
      'CO2',
      '4x4',
      '3pm',
      '12kg',
      '1.5M',
      '2.5k',
    ],
  };
  // Pieces glued as people write: words apart (a space, a hyphen, an apostrophe), figures and
  // signs also side by side ("12M€", "CO2", "3ème"); never two words run together.
  const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
  const text = (lang: Lang) =>
    fc
      .array(fc.tuple(fc.constantFrom(...PIECES[lang]), fc.constantFrom('', '', ' ', ', ', '-', "'")), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.reduce((t, [p, glue]) => t + (glue === '' && isLetter(t.at(-1)) && isLetter(p[0]) ? ' ' : glue) + p, ''));

  it.each<Lang>(['fr', 'en'])('%s: same numbers, same offsets', async (lang) => {
    await fc.assert(
      fc.asyncProperty(text(lang), async (raw) => {
        const t = normalizeForRecognizers(raw, lang);
        const quick = readWithoutModel({ locale: lang, text: t, profile: {} });
        if (quick) expect(quick).toEqual(await testReader.read(t, lang));
      }),
      { numRuns: 4000, seed: 13 },
    );
  });
});
