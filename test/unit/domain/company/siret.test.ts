import { classifyCompanyNumber, extractCompanyNumbers, isValidSiren, isValidSiret, luhnValid } from '../../../../src/domain/company';

// Fictional numbers built to pass (or fail) the checksum; none is meant to be a real company.
describe('SIREN / SIRET checksum', () => {
  test.each([
    ['123456782', true],
    ['123 456 782', true],
    ['987654324', true],
    ['123456789', false],
    ['12345678', false],
    ['1234567820', false],
    ['12345678A', false],
    ['', false],
  ])('SIREN %p valid=%p', (n, valid) => expect(isValidSiren(n)).toBe(valid));

  test.each([
    ['12345678200010', true],
    ['123 456 782 00028', true],
    ['123.456.782.00101', true],
    ['98765432400019', true],
    ['12345678200011', false],
    ['98765432400010', false],
    ['1234567820001', false],
    // La Poste establishments: sum of digits divisible by 5, whatever Luhn says.
    ['35600000000015', true],
    ['35600000000006', true],
    ['35600000000014', false],
  ])('SIRET %p valid=%p', (n, valid) => expect(isValidSiret(n)).toBe(valid));

  test('La Poste case really differs from Luhn', () => {
    expect(luhnValid('35600000000015')).toBe(false);
    expect(luhnValid('35600000000014')).toBe(true);
    expect(isValidSiren('356000000')).toBe(true);
  });

  test('classify', () => {
    expect(classifyCompanyNumber('123 456 782')).toBe('siren');
    expect(classifyCompanyNumber('12345678200010')).toBe('siret');
    expect(classifyCompanyNumber('12345678200011')).toBeNull();
  });
});

describe('extractCompanyNumbers', () => {
  test.each([
    ['Notre SIRET : 123 456 782 00010, merci', [{ kind: 'siret', value: '12345678200010', valid: true }]],
    ['siren 987654324', [{ kind: 'siren', value: '987654324', valid: true }]],
    ['SIRET 12345678200011', [{ kind: 'siret', value: '12345678200011', valid: false }]],
    ['appelez le 0612345678 ou écrivez au 01100', []],
    ['téléphone 06 12 34 56 78', []],
    ['85 salariés, CA de 12 M€', []],
  ])('%p', (text, expected) => {
    expect(extractCompanyNumbers(text).map(({ kind, value, valid }) => ({ kind, value, valid }))).toEqual(expected);
  });

  test('offsets cover the typed number', () => {
    const text = 'SIRET 123 456 782 00010 à Oyonnax';
    const [n] = extractCompanyNumbers(text);
    expect(text.slice(n!.start, n!.end)).toBe('123 456 782 00010');
  });
});
