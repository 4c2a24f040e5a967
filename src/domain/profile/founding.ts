import type { NumberSpan } from './figures';

/**
 * The founding year, read only after a founding word so that a "CA 2023" is not a birth date:
 * a year ("créée en 2015", "depuis 1950", "fondée le 12 juin 2003", "founded in 1987") or an age
 * ("créée il y a 30 ans", "depuis plus de quarante ans", "founded 25 years ago"), whichever
 * comes first in the 40 characters after the word. The years and ages are the text's numbers,
 * so an age in words is read by the same reader as any other number.
 */

const FOUNDED = /(?:depuis|créée?s?|fondée?s?|création|existe depuis|founded|established|since|set up in|created in|en activité depuis)\b/giu;
const REACH = 40;
const AGE_BEFORE = /(?:il y a|depuis|depuis (?:plus de|près de|presque|environ|bientôt|au moins)|ça fait|cela fait) $/iu;
const AGE_AFTER = /^ (?:ans?|années?)\b/iu;
const YEARS_AGO = /^ years? ago\b/iu;

const YEAR = /(?<![\d.,])\d{4}(?!\d|[.,]\d)/;

/** The first age in the window ("il y a 30 ans", "25 years ago"), from the text's numbers. */
function firstAge(text: string, numbers: readonly NumberSpan[], k: number, from: number, to: number): { at: number; age: number } | null {
  for (let i = k; i < numbers.length && numbers[i]!.end <= to; i++) {
    const n = numbers[i]!;
    if (!Number.isInteger(n.value) || n.value <= 0) continue;
    const before = text.slice(Math.max(from, n.start - 24), n.start);
    const after = text.slice(n.end, n.end + 12);
    if ((AGE_BEFORE.test(before) && AGE_AFTER.test(after)) || YEARS_AGO.test(after)) return { at: n.start, age: n.value };
  }
  return null;
}

export function foundingYear(text: string, numbers: readonly NumberSpan[], now: Date): number | undefined {
  const thisYear = now.getFullYear();
  let k = 0;
  for (const m of text.matchAll(FOUNDED)) {
    const from = m.index;
    const to = Math.min(text.length, from + REACH);
    while (k < numbers.length && numbers[k]!.start < from) k++;
    // Years are read from the text itself: the number model drops some ("depuis 1953 cent dix").
    const year = YEAR.exec(text.slice(from, to));
    const age = firstAge(text, numbers, k, from, to);
    let found: number | null = null;
    if (year && (!age || from + year.index < age.at)) found = Number(year[0]);
    else if (age) found = thisYear - age.age;
    if (found === null) continue;
    if (found >= 1800 && found <= thisYear) return found;
  }
  return undefined;
}
