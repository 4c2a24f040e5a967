import { formatMonth, formatSourceDate, MESSAGES, periodLabel, waveLabel, waveLabelInline } from '../../../src/presentation/messages';

describe('messages', () => {
  test.each(Object.entries(MESSAGES))('every eligibility question is a question (%s)', (_lang, m) => {
    for (const question of Object.values(m.eligibility.questions)) expect(question).toMatch(/\?$/);
  });

  test('one wave label, capitalised alone and lower-case inside a French sentence', () => {
    expect([waveLabel(2023, 'fr'), waveLabelInline(2023, 'fr'), waveLabel(2019, 'en'), waveLabelInline(2019, 'en')]).toEqual([
      'Liste 2023-2027',
      'liste 2023-2027',
      '2019-2022 list',
      '2019-2022 list',
    ]);
    expect(periodLabel(2031)).toBe('2031');
  });

  test.each`
    stored          | lang    | month              | day
    ${'2020-02'}    | ${'fr'} | ${'février 2020'}  | ${'02/2020'}
    ${'2020-02'}    | ${'en'} | ${'February 2020'} | ${'2020-02'}
    ${'2019'}       | ${'fr'} | ${'2019'}          | ${'2019'}
    ${'2022-12-15'} | ${'fr'} | ${'2022-12-15'}    | ${'15/12/2022'}
    ${'2020-13'}    | ${'fr'} | ${'2020-13'}       | ${'13/2020'}
  `('a stored date "$stored" reads "$month" as a month and "$day" as a source date ($lang)', ({ stored, lang, month, day }) => {
    expect(formatMonth(stored, lang)).toBe(month);
    expect(formatSourceDate(stored, lang)).toBe(day);
  });

  test('one open scheme is said in the singular, several in the plural', () => {
    expect(MESSAGES.fr.eligibility.open(1, 'VTE')).toBe('Un dispositif vous est ouvert : VTE.');
    expect(MESSAGES.fr.eligibility.open(2, 'VTE, MRS')).toBe('2 dispositifs vous sont ouverts : VTE, MRS.');
    expect(MESSAGES.en.eligibility.open(1, 'VTE')).toBe('One scheme is open to you: VTE.');
    expect(MESSAGES.fr.eligibility.andMore(3)).toBe(' et 3 autres');
  });
});
