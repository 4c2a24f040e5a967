import fc from 'fast-check';
import { categoriesFromRegistry, categoryOf, sizeCategory, type SizeInput } from '../../../../src/domain/company';

const M = 1_000_000;

describe('size category (décret 2008-1354)', () => {
  test.each<[string, SizeInput, string, string[]]>([
    ['micro', { headcount: 5, turnoverEur: 1 * M, balanceSheetEur: 1 * M }, 'MICRO', []],
    ['micro by balance sheet only', { headcount: 9, turnoverEur: 3 * M, balanceSheetEur: 1.5 * M }, 'MICRO', []],
    ['9 staff, both figures above 2 M€ -> PME', { headcount: 9, turnoverEur: 3 * M, balanceSheetEur: 3 * M }, 'PME', []],
    ['10 staff is not micro', { headcount: 10, turnoverEur: 1 * M, balanceSheetEur: 1 * M }, 'PME', []],
    ['PME', { headcount: 85, turnoverEur: 12 * M }, 'PME', []],
    ['249 staff, 50 M€ turnover exactly', { headcount: 249, turnoverEur: 50 * M, balanceSheetEur: 60 * M }, 'PME', []],
    ['PME via balance sheet', { headcount: 200, turnoverEur: 60 * M, balanceSheetEur: 43 * M }, 'PME', []],
    ['turnover and balance over -> ETI', { headcount: 200, turnoverEur: 60 * M, balanceSheetEur: 44 * M }, 'ETI', []],
    ['250 staff -> ETI', { headcount: 250, turnoverEur: 20 * M }, 'ETI', []],
    ['ETI', { headcount: 1200, turnoverEur: 300 * M }, 'ETI', []],
    ['4999 staff, huge figures -> GE', { headcount: 4999, turnoverEur: 2000 * M, balanceSheetEur: 2500 * M }, 'GE', []],
    ['5000 staff -> GE', { headcount: 5000, turnoverEur: 100 * M }, 'GE', []],
    ['staff only, 85: turnover needed', { headcount: 85 }, 'unknown', ['turnoverEur', 'balanceSheetEur']],
    ['nothing known: only headcount narrows alone', {}, 'unknown', ['headcount']],
    ['turnover only, small: staff needed', { turnoverEur: 1 * M }, 'unknown', ['headcount']],
    ['5000+ staff decides alone', { headcount: 6000 }, 'GE', []],
    ['band 50-99 with turnover', { headcount: { min: 50, max: 99 }, turnoverEur: 12 * M }, 'PME', []],
    ['band 200-499 straddles PME/ETI: exact headcount decides', { headcount: { min: 200, max: 499 }, turnoverEur: 12 * M }, 'unknown', ['headcount']],
  ])('%s', (_label, input, category, missing) => {
    const r = sizeCategory(input);
    expect(r.category).toBe(category);
    expect(r.missing).toEqual(missing);
  });

  test('possible categories narrow as figures arrive', () => {
    expect(sizeCategory({ headcount: 85 }).possible).toEqual(['PME', 'ETI', 'GE']);
    expect(sizeCategory({ headcount: 85, turnoverEur: 60 * M }).possible).toEqual(['PME', 'ETI']);
    expect(sizeCategory({ headcount: 3 }).possible).toEqual(['MICRO', 'PME', 'ETI', 'GE']);
  });

  test('registry categories', () => {
    expect(categoriesFromRegistry('PME')).toEqual(['MICRO', 'PME']);
    expect(categoriesFromRegistry('ETI')).toEqual(['ETI']);
    expect(categoriesFromRegistry(null)).toBeNull();
  });
});

describe('size bands have no gap (property tests)', () => {
  // Around every threshold, and anywhere: whole and non-whole values alike.
  const near = (thresholds: number[]) =>
    fc.oneof(
      fc.double({ min: 0, max: 1e10, noNaN: true }),
      fc.constantFrom(...thresholds).chain((t) => fc.double({ min: Math.max(0, t - 1), max: t + 1, noNaN: true })),
      fc.constantFrom(...thresholds),
    );
  const staff = near([10, 250, 5000]);
  const turnover = near([2 * M, 50 * M, 1500 * M]);
  const balance = near([2 * M, 43 * M, 2000 * M]);

  test('exact figures always give exactly the decree category', () => {
    fc.assert(
      fc.property(staff, turnover, balance, (s, t, b) => {
        const r = sizeCategory({ headcount: s, turnoverEur: t, balanceSheetEur: b });
        expect(r.possible).toEqual([categoryOf(s, t, b)]);
        expect(r.category).toBe(categoryOf(s, t, b));
        expect(r.missing).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  test('a range never leaves out the category of a point inside it', () => {
    const band = (values: fc.Arbitrary<number>) => fc.tuple(values, values).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
    fc.assert(
      fc.property(band(staff), band(turnover), fc.option(balance, { nil: undefined }), fc.double({ min: 0, max: 1, noNaN: true }), (h, t, b, u) => {
        const r = sizeCategory({ headcount: h, turnoverEur: t, ...(b === undefined ? {} : { balanceSheetEur: b }) });
        const s = h.min + (h.max - h.min) * u;
        const v = t.min + (t.max - t.min) * u;
        if (b !== undefined) expect(r.possible).toContain(categoryOf(s, v, b));
        expect(r.possible.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  test('a figure more never widens the possible categories', () => {
    fc.assert(
      fc.property(staff, turnover, balance, (s, t, b) => {
        const fewer = sizeCategory({ headcount: s, turnoverEur: t }).possible;
        const more = sizeCategory({ headcount: s, turnoverEur: t, balanceSheetEur: b }).possible;
        expect(more.every((c) => fewer.includes(c))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test.each<[string, SizeInput, string]>([
    ['50,0000004 M€ turnover and 6,000 staff', { headcount: 6000, turnoverEur: 50_000_000.4 }, 'GE'],
    ['9.9995 staff, 1 M€', { headcount: 9.9995, turnoverEur: 1 * M }, 'MICRO'],
    [
      '249.5 staff, 50,000,000.5 € turnover, 43,000,000.5 € balance sheet',
      { headcount: 249.5, turnoverEur: 50_000_000.5, balanceSheetEur: 43_000_000.5 },
      'ETI',
    ],
    ['2,000,000.5 € turnover, 5 staff, 3 M€ balance sheet', { headcount: 5, turnoverEur: 2_000_000.5, balanceSheetEur: 3 * M }, 'PME'],
  ])('the values that used to fall between bands: %s', (_label, input, category) => {
    expect(sizeCategory(input).category).toBe(category);
  });
});
