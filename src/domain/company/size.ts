/**
 * Company size categories of décret n° 2008-1354 (article 51 of the LME):
 *   MICRO if staff < 10 and (turnover <= 2 M€ or balance sheet <= 2 M€)
 *   else PME if staff < 250 and (turnover <= 50 M€ or balance sheet <= 43 M€)
 *   else ETI if staff < 5 000 and (turnover <= 1 500 M€ or balance sheet <= 2 000 M€)
 *   else GE.
 * Figures are those of the whole "entreprise" (group perimeter), last closed year. With figures
 * missing the answer is the set of categories still possible; it is decided only when that set
 * has one element.
 */

export type SizeCategory = 'MICRO' | 'PME' | 'ETI' | 'GE';
export const SIZE_CATEGORIES: readonly SizeCategory[] = ['MICRO', 'PME', 'ETI', 'GE'];

export const SIZE_CATEGORY_LABELS: Record<SizeCategory, { fr: string; en: string }> = {
  MICRO: { fr: 'microentreprise', en: 'micro-enterprise' },
  PME: { fr: 'PME', en: 'SME' },
  ETI: { fr: 'ETI (entreprise de taille intermédiaire)', en: 'mid-cap (ETI)' },
  GE: { fr: 'grande entreprise', en: 'large enterprise' },
};

/** A known value or a range (e.g. an INSEE headcount band); bounds inclusive, max may be Infinity. */
export type Figure = number | { min: number; max: number };

export interface SizeInput {
  headcount?: Figure | null;
  turnoverEur?: Figure | null;
  balanceSheetEur?: Figure | null;
}

export type SizeField = 'headcount' | 'turnoverEur' | 'balanceSheetEur';

export interface SizeResult {
  category: SizeCategory | 'unknown';
  /** Every category compatible with what is known, in size order. */
  possible: SizeCategory[];
  /** Unknown figures, most useful first, that could narrow `possible`. */
  missing: SizeField[];
}

const M = 1_000_000;
// Cells of each figure between the decree's thresholds: the category depends only on the cell.
const STAFF_CELLS: Array<[number, number]> = [[0, 9.999], [10, 249.999], [250, 4999.999], [5000, Infinity]];
const TURNOVER_CELLS: Array<[number, number]> = [[0, 2 * M], [2 * M + 1, 50 * M], [50 * M + 1, 1500 * M], [1500 * M + 1, Infinity]];
const BALANCE_CELLS: Array<[number, number]> = [[0, 2 * M], [2 * M + 1, 43 * M], [43 * M + 1, 2000 * M], [2000 * M + 1, Infinity]];

export function categoryOf(staff: number, turnover: number, balance: number): SizeCategory {
  if (staff < 10 && (turnover <= 2 * M || balance <= 2 * M)) return 'MICRO';
  if (staff < 250 && (turnover <= 50 * M || balance <= 43 * M)) return 'PME';
  if (staff < 5000 && (turnover <= 1500 * M || balance <= 2000 * M)) return 'ETI';
  return 'GE';
}

function range(f: Figure | null | undefined): [number, number] | null {
  if (f === null || f === undefined) return null;
  if (typeof f === 'number') return Number.isFinite(f) && f >= 0 ? [f, f] : null;
  return f.min <= f.max && f.min >= 0 ? [f.min, f.max] : null;
}

/** Representative values of the cells a known range touches (all cells when unknown). */
function candidates(known: [number, number] | null, cells: Array<[number, number]>): number[] {
  if (!known) return cells.map(([lo]) => lo);
  const out: number[] = [];
  for (const [lo, hi] of cells) {
    const a = Math.max(lo, known[0]);
    const b = Math.min(hi, known[1]);
    if (a <= b) out.push(a);
  }
  return out;
}

function possibleCategories(staff: [number, number] | null, turnover: [number, number] | null, balance: [number, number] | null): SizeCategory[] {
  const found = new Set<SizeCategory>();
  for (const s of candidates(staff, STAFF_CELLS)) {
    for (const t of candidates(turnover, TURNOVER_CELLS)) {
      for (const b of candidates(balance, BALANCE_CELLS)) found.add(categoryOf(s, t, b));
    }
  }
  return SIZE_CATEGORIES.filter((c) => found.has(c));
}

export function sizeCategory(input: SizeInput): SizeResult {
  const staff = range(input.headcount);
  const turnover = range(input.turnoverEur);
  const balance = range(input.balanceSheetEur);
  const possible = possibleCategories(staff, turnover, balance);
  const decided = possible.length === 1;
  const missing: SizeField[] = [];
  if (!decided) {
    // Ask only for figures that would actually narrow the set.
    const narrows = (field: SizeField) => {
      const cells = field === 'headcount' ? STAFF_CELLS : field === 'turnoverEur' ? TURNOVER_CELLS : BALANCE_CELLS;
      const current = field === 'headcount' ? staff : field === 'turnoverEur' ? turnover : balance;
      return cells.some((cell) => {
        if (current && (cell[1] < current[0] || cell[0] > current[1])) return false;
        const within: [number, number] = current ? [Math.max(cell[0], current[0]), Math.min(cell[1], current[1])] : cell;
        const next = possibleCategories(field === 'headcount' ? within : staff, field === 'turnoverEur' ? within : turnover, field === 'balanceSheetEur' ? within : balance);
        return next.length < possible.length;
      });
    };
    // A range (an INSEE band) is not an exact figure: asking for the figure can still decide.
    const open = (r: [number, number] | null) => !r || r[0] !== r[1];
    if (open(staff) && narrows('headcount')) missing.push('headcount');
    if (open(turnover) && narrows('turnoverEur')) missing.push('turnoverEur');
    if (open(balance) && narrows('balanceSheetEur')) missing.push('balanceSheetEur');
  }
  return { category: decided ? possible[0]! : 'unknown', possible, missing };
}

/**
 * What the company directory states (INSEE's categorie_entreprise: "PME", "ETI", "GE"; its PME
 * includes micro-enterprises), as the set of decree categories it allows.
 */
export function categoriesFromRegistry(value: string | null | undefined): SizeCategory[] | null {
  switch ((value ?? '').toUpperCase()) {
    case 'PME':
      return ['MICRO', 'PME'];
    case 'ETI':
      return ['ETI'];
    case 'GE':
      return ['GE'];
    default:
      return null;
  }
}
