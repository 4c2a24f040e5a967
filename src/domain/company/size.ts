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

/**
 * An interval of one figure. The decree's thresholds are strict for staff ("fewer than 10") and
 * inclusive for money ("at most 2 M€"), so cells are half-open; closed cells with a gap between
 * them ([0, 9.999], [10, ...]) left values such as 9.9995 staff or 50,000,000.5 € in no cell.
 */
interface Range {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

const closed = (lo: number, hi: number): Range => ({ lo, hi, loOpen: false, hiOpen: false });
// Staff: [0, 10), [10, 250), [250, 5000), [5000, ∞).
const STAFF_CELLS: Range[] = [0, 10, 250, 5000].map((lo, i, all) => ({ lo, hi: all[i + 1] ?? Infinity, loOpen: false, hiOpen: true }));
// Money: [0, t1], (t1, t2], (t2, t3], (t3, ∞).
const moneyCells = (thresholds: number[]): Range[] =>
  [0, ...thresholds].map((lo, i) => ({ lo, hi: thresholds[i] ?? Infinity, loOpen: i > 0, hiOpen: i === thresholds.length }));
const TURNOVER_CELLS = moneyCells([2 * M, 50 * M, 1500 * M]);
const BALANCE_CELLS = moneyCells([2 * M, 43 * M, 2000 * M]);

export function categoryOf(staff: number, turnover: number, balance: number): SizeCategory {
  if (staff < 10 && (turnover <= 2 * M || balance <= 2 * M)) return 'MICRO';
  if (staff < 250 && (turnover <= 50 * M || balance <= 43 * M)) return 'PME';
  if (staff < 5000 && (turnover <= 1500 * M || balance <= 2000 * M)) return 'ETI';
  return 'GE';
}

function range(f: Figure | null | undefined): Range | null {
  if (f === null || f === undefined) return null;
  if (typeof f === 'number') return Number.isFinite(f) && f >= 0 ? closed(f, f) : null;
  return f.min <= f.max && f.min >= 0 && !Number.isNaN(f.max) ? closed(f.min, f.max) : null;
}

function intersect(a: Range, b: Range): Range | null {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loOpen = (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen);
  const hiOpen = (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen);
  if (lo > hi || (lo === hi && (loOpen || hiOpen))) return null;
  return { lo, hi, loOpen, hiOpen };
}

/** One value inside a non-empty range; the category depends only on the cell, so any will do. */
function pick(r: Range): number {
  if (!r.loOpen) return r.lo;
  if (r.hi === Infinity) return r.lo + 1;
  const mid = r.lo + (r.hi - r.lo) / 2;
  return mid > r.lo ? mid : r.hi;
}

/** Representative values of the cells a known range touches (all cells when unknown). */
function candidates(known: Range | null, cells: Range[]): number[] {
  const out: number[] = [];
  for (const cell of cells) {
    const both = known ? intersect(cell, known) : cell;
    if (both) out.push(pick(both));
  }
  return out;
}

function possibleCategories(staff: Range | null, turnover: Range | null, balance: Range | null): SizeCategory[] {
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
        const within = current ? intersect(cell, current) : cell;
        if (!within) return false;
        const next = possibleCategories(
          field === 'headcount' ? within : staff,
          field === 'turnoverEur' ? within : turnover,
          field === 'balanceSheetEur' ? within : balance,
        );
        return next.length < possible.length;
      });
    };
    // A range (an INSEE band) is not an exact figure: asking for the figure can still decide.
    const open = (r: Range | null) => !r || r.lo !== r.hi;
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
