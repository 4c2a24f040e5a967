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
});
