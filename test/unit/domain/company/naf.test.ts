import { industryStatus, isKnownNafCode, nafLabel, nafSection, normalizeNafCode } from '../../../../src/domain/company';

describe('NAF codes', () => {
  test.each([
    ['25.62B', '25.62B', 'C'],
    ['2562b', '25.62B', 'C'],
    ['10.51', '10.51', 'C'],
    ['35.11Z', '35.11Z', 'D'],
    ['47.11F', '47.11F', 'G'],
    ['08', '08', 'B'],
  ])('%p -> %p, section %p', (raw, code, section) => {
    expect(normalizeNafCode(raw)).toBe(code);
    expect(nafSection(raw)).toBe(section);
  });

  test('labels come from @socialgouv/codes-naf', () => {
    expect(nafLabel('10.51')).toBe('Exploitation de laiteries et fabrication de fromage');
    expect(isKnownNafCode('25.62B')).toBe(true);
    expect(isKnownNafCode('99.99Z')).toBe(false);
    expect(nafLabel('abc')).toBeNull();
  });

  test.each([
    ['25.62B', true, true, 'HIGH'],
    ['35.11Z', false, true, 'LOW'],
    ['38.11Z', false, true, 'LOW'],
    ['62.01Z', false, false, 'HIGH'],
  ])('industry status of %p', (naf, manufacturing, broad, certainty) => {
    expect(industryStatus(naf)).toMatchObject({ manufacturing, industryBroad: broad, certainty });
  });

  test('unknown activity stays unknown', () => {
    expect(industryStatus(undefined)).toEqual({ section: null, manufacturing: null, industryBroad: null, certainty: null });
    expect(industryStatus(undefined, 'C').manufacturing).toBe(true);
  });
});
