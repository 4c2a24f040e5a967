import { MESSAGES, periodLabel, waveLabel, waveLabelInline } from '../../../src/presentation/messages';

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
});
