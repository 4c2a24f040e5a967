import {
  FirmProfileParser,
  MAX_PARSED_CHARS,
  NumbersUnread,
  prepareProfileText,
  readWithoutModel,
  type NumberReader,
  type NumberSpan,
} from '../../../../src/domain/profile';
import type { Lang } from '../../../../src/domain/types';
import { loadConfig } from '../../../../src/config';

/** A stand-in for the number model that counts what it is handed and answers from a table. */
class CountingReader implements NumberReader {
  readonly state = 'ready' as const;
  calls = 0;
  chars = 0;
  constructor(private readonly answer: (text: string) => NumberSpan[] | NumbersUnread = () => []) {}
  read(text: string): Promise<NumberSpan[]> {
    this.calls++;
    this.chars += text.length;
    const a = this.answer(text);
    return a instanceof NumbersUnread ? Promise.reject(a) : Promise.resolve(a);
  }
}

const NOW = new Date('2026-11-27T12:00:00Z');

describe('the pre-parser reads figures without the number model', () => {
  it.each<[string, Lang, object]>([
    ['85 salariés', 'fr', { headcount: 85 }],
    ['on est 45', 'fr', { headcount: 45 }],
    ['effectif : 230', 'fr', { headcount: 230 }],
    ['1 200 salariés', 'fr', { headcount: 1200 }],
    ['une équipe de 18 personnes', 'fr', { headcount: 18 }],
    ['12 M€ de CA', 'fr', { turnoverEur: 12_000_000 }],
    ['CA de 12M€', 'fr', { turnoverEur: 12_000_000 }],
    ["CA de 3,5 millions d'euros", 'fr', { turnoverEur: 3_500_000 }],
    ['CA de 3,5 millions', 'fr', { turnoverEur: 3_500_000 }],
    ['CA : 800 k€', 'fr', { turnoverEur: 800_000 }],
    ['CA 2023 : 4 500 000 €', 'fr', { turnoverEur: 4_500_000 }],
    ["1,2 Md€ de chiffre d'affaires", 'fr', { turnoverEur: 1_200_000_000 }],
    ['chiffre d’affaires de 4,1 M€', 'fr', { turnoverEur: 4_100_000 }],
    ['bilan de 8 M€', 'fr', { balanceSheetEur: 8_000_000 }],
    ['créée en 2015', 'fr', { foundedYear: 2015 }],
    ['créée il y a 30 ans', 'fr', { foundedYear: 1996 }],
    ['une trentaine de salariés', 'fr', { headcount: 30 }],
    ['a 30-person firm', 'en', { headcount: 30 }],
    ['a 120-staff plastics firm', 'en', { headcount: 120 }],
    ['a 45-worker plant', 'en', { headcount: 45 }],
    ['150 employees', 'en', { headcount: 150 }],
    ['EUR 12m turnover', 'en', { turnoverEur: 12_000_000 }],
    ['turnover of €12m', 'en', { turnoverEur: 12_000_000 }],
    ['€8.2m balance sheet', 'en', { balanceSheetEur: 8_200_000 }],
    ['revenue: EUR 3.5 million', 'en', { turnoverEur: 3_500_000 }],
    ['turnover: €7,700,000, 25 employees', 'en', { turnoverEur: 7_700_000, headcount: 25 }],
    ['founded 25 years ago', 'en', { foundedYear: 2001 }],
    // A dash between spaces is punctuation, not a minus sign.
    ['à Vitré - 40 salariés - 0,7 M€ de CA', 'fr', { headcount: 40, turnoverEur: 700_000 }],
  ])('%p', async (text, lang, expected) => {
    const reader = new CountingReader(() => {
      throw new Error('the number model was asked');
    });
    const reading = await new FirmProfileParser(reader).parse(text, lang, { now: NOW });
    expect(reading).toEqual({ complete: true, profile: expect.objectContaining(expected) });
    expect(reader.calls).toBe(0);
  });

  it.each<[string, Lang]>([
    ['cent vingt salariés', 'fr'],
    ['quatre-vingts personnes', 'fr'],
    ["CA de douze millions d'euros", 'fr'],
    ['créée il y a trente ans', 'fr'],
    ['un million de CA', 'fr'],
    ['un deuxième site', 'fr'],
    ['a dozen employees', 'en'],
    ['one hundred and twenty staff', 'en'],
    ['revenue: 12 millions', 'en'],
    ['2022-2023', 'fr'],
    ['1/3 du CA', 'fr'],
    ['-3 %', 'fr'],
    ['3ème site', 'fr'],
    ['1.500 salariés', 'fr'],
    ['12 345,67 €', 'fr'],
  ])('leaves %p to the number model', (text, lang) => {
    expect(readWithoutModel(prepareProfileText(text, lang))).toBeNull();
  });

  it('hands the number model the text of a message written in words, and builds the profile from its numbers', async () => {
    const reader = new CountingReader((text) => {
      const at = text.indexOf('cent vingt');
      return [{ start: at, end: at + 10, text: 'cent vingt', value: 120 }];
    });
    const reading = await new FirmProfileParser(reader).parse('cent vingt salariés, CA de 12 M€, on veut recruter', 'fr');
    expect(reading).toEqual({ complete: true, profile: expect.objectContaining({ headcount: 120, needs: ['recruter'] }) });
    expect(reader.calls).toBe(1);
  });
});

describe('when the number model cannot answer in time', () => {
  it('returns what needs no number, and no figure at all, so nothing is read wrong', async () => {
    const reader = new CountingReader(() => new NumbersUnread('warming'));
    const reading = await new FirmProfileParser(reader).parse(
      'PME de plasturgie, cent vingt salariés, CA de 12 M€, SIRET 123 456 782 00028, filiale d’un groupe, nous voulons recruter',
      'fr',
    );
    expect(reading.complete).toBe(false);
    expect(reading).toMatchObject({ reason: 'warming', profile: { siret: '12345678200028', independent: false, needs: ['recruter'], nafSection: 'C' } });
    for (const field of ['headcount', 'turnoverEur', 'balanceSheetEur', 'foundedYear']) expect(reading.profile).not.toHaveProperty(field);
  });

  it('lets any other failure through (a bug is not a slow model)', async () => {
    const reader = new CountingReader(() => {
      throw new TypeError('boom');
    });
    await expect(new FirmProfileParser(reader).parse('cent vingt salariés', 'fr')).rejects.toThrow('boom');
  });
});

describe('the work per message has a ceiling', () => {
  const maxBody = loadConfig({}).maxBodyBytes;
  const lengths = [1_000, 4_000, 16_000, 64_000, maxBody];

  it.each([
    ['figures', '85 salariés 12 M€ '],
    ['words', 'cent vingt salariés douze millions '],
    ['no space', '8'.repeat(97) + 'M€'],
    ['spaces', ' '.repeat(99) + '1'],
    ['NAF codes', 'NAF      '],
    ['amount signs', '€1,000,000,'],
    ['industrial', 'industriel '],
  ])('hands the number model at most %s characters, whatever the length (%s)', async (_name, unit) => {
    const handed: number[] = [];
    for (const length of lengths) {
      const reader = new CountingReader();
      await new FirmProfileParser(reader).parse(unit.repeat(Math.ceil(length / unit.length)).slice(0, length), 'fr');
      handed.push(reader.chars);
    }
    for (const chars of handed) expect(chars).toBeLessThanOrEqual(MAX_PARSED_CHARS);
    // Beyond the cap, a longer message costs the model nothing more.
    expect(new Set(handed.slice(1)).size).toBe(1);
  });

  it('reads the largest message the channel accepts in a bounded time, even when built to make patterns backtrack', async () => {
    const hostile = [
      '85 salariés 12 M€ ',
      'NAF' + ' '.repeat(5000) + 'x',
      'industriel '.repeat(400),
      '€' + '1,000'.repeat(900) + 'x',
      '1 '.repeat(3000) + 'M€',
      'créée depuis '.repeat(400),
    ];
    for (const unit of hostile) {
      const text = unit.repeat(Math.ceil(maxBody / unit.length)).slice(0, maxBody);
      const started = performance.now();
      await new FirmProfileParser(new CountingReader()).parse(text, 'fr');
      // Generous: today's reading takes milliseconds; the recognizers took 53 s on 4,000 characters.
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});
