import fc from 'fast-check';
import { foldAccents } from '../../../src/domain/normalize';

describe('foldAccents', () => {
  // What it does to any text; plain ASCII is returned as it is, without the passes.
  const allPasses = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/œ/gi, 'oe')
      .replace(/æ/gi, 'ae');

  test('property: plain ASCII or not, the same as every pass', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 })), (text) => {
        expect(foldAccents(text)).toBe(allPasses(text));
      }),
      { numRuns: 5000 },
    );
    expect(foldAccents('Œuvre à Saint-Étienne')).toBe('oeuvre a Saint-Etienne');
  });

  // Folded character by character from a table, unless a character outside it (a combining mark,
  // another script) sends the whole text through the passes.
  test('property: Latin text with its typography, combining marks and other scripts, the same as every pass', () => {
    const codes = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => String.fromCharCode(from + i));
    const latin = fc.constantFrom(
      ...codes(0x20, 0x7f),
      ...codes(0x80, 0x250),
      ...codes(0x2000, 0x20d0),
      '\u0301',
      '\u0327',
      '\u20d2',
      'Я',
      'ℌ',
      'Å',
      '\ud83d\ude00',
    );
    fc.assert(
      fc.property(fc.string({ unit: latin, maxLength: 30 }), (text) => {
        expect(foldAccents(text)).toBe(allPasses(text));
      }),
      { numRuns: 3000 },
    );
    // Every character of the Basic Multilingual Plane, between a plain and an accented letter.
    const differ = codes(0, 0x10000).filter((c) => foldAccents(`a${c}é`) !== allPasses(`a${c}é`));
    expect(differ).toEqual([]);
    expect(foldAccents('Bonjour, PME de 59 salariés à Tergnier, 12 M€ de CA')).toBe('Bonjour, PME de 59 salaries a Tergnier, 12 M€ de CA');
  });
});
