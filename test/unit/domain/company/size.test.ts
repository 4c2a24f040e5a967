import { categoriesFromRegistry, sizeCategory, type SizeInput } from '../../../../src/domain/company';

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
