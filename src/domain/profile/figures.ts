import type { Lang } from '../types';

/**
 * The figures a firm description holds (numbers, amounts of money), as spans of the prepared
 * text. Offsets always refer to the text returned by `prepareText`, which every reader is given.
 */

export interface Span {
  /** Offsets in the prepared text; `end` is exclusive. */
  start: number;
  end: number;
  text: string;
}
export interface NumberSpan extends Span {
  value: number;
}
export interface AmountSpan extends Span {
  value: number;
  currency: 'EUR' | 'other';
}

/**
 * The most characters of a message the assistant reads (the bot cuts a longer message and says
 * so; the parser reads no more). A firm describes itself in a few lines; the ceiling bounds the
 * work of every turn.
 */
export const MAX_PARSED_CHARS = 4000;

/** The part of a message the parser reads, every run of spaces made one character. */
export function capText(text: string): string {
  return text.slice(0, MAX_PARSED_CHARS).replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : ' '));
}

const FR_NUMBER_WORD =
  'une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille';
/**
 * The hyphens of the 1990 spelling ("deux-cent-cinquante", "mille-deux-cents", "soixante-et-onze")
 * next to "cent", "mille" or "et": the number model stops there ("deux-cent-cinquante" read 2).
 * It reads the other hyphenated forms ("quatre-vingt-cinq", "dix-sept") as they are.
 */
const HYPHEN_AROUND_CENT_MILLE = new RegExp(
  `(?<=\\b(?:${FR_NUMBER_WORD}))-(?=(?:cents?|mille)\\b)|(?<=\\b(?:cents?|mille))-(?=(?:${FR_NUMBER_WORD})\\b)`,
  'giu',
);
const HYPHENED_ET = /(?<=\b(?:vingt|trente|quarante|cinquante|soixante))-et-(?=(?:un|une|onze)\b)/giu;

/**
 * Caps the text, makes every run of spaces one character (a newline where the run had one) and
 * applies the rewrites below. Callers work on the returned text only.
 * - French number words joined by hyphens around "cent", "mille" or "et" are written apart.
 * - "trois cents salariés": the French number model reads "cents" as the currency sub-unit;
 *   "trois cent" is read correctly as 300.
 * - "1,2 Md€" / "2 Mds€" are written out as "milliards d'euros".
 * - "EUR 12m" becomes "€12m"; in English "12bn" becomes "12 billion".
 * - A hyphen before a space ("85 salariés - 12 M€") is a dash, written as one: the number model
 *   reads it as a minus sign (-12 M€) or drops the number after it ("- 5 milliards").
 * One character per run of spaces keeps every later pattern linear: no two `\s*` can share a run.
 */
export function normalizeForRecognizers(text: string, locale: Lang): string {
  let out = capText(text);
  if (locale === 'fr') out = out.replace(HYPHEN_AROUND_CENT_MILLE, ' ').replace(HYPHENED_ET, ' et ');
  out = out.replace(/\b(deux|trois|quatre|cinq|six|sept|huit|neuf) cents\b/gi, '$1 cent');
  out = out.replace(/(\d) ?(?:Mds?|Mrd|G) ?€/g, "$1 milliards d'euros");
  out = out.replace(/\bEUR ?(?=\d)/g, '€');
  out = out.replace(/(?<!\d)-(?=[ \n])/g, '–');
  if (locale === 'en') out = out.replace(/(\d) ?bn\b/gi, '$1 billion');
  return out;
}

/**
 * An exact decimal times a power of ten ("4,1" and 6 → 4100000, not 4099999.9999999995).
 * `digits` are the integer part, `fraction` the decimal part, both digits only.
 */
export function decimalValue(digits: string, fraction = '', power = 0): number {
  if (power >= fraction.length) return Number(`${digits}${fraction}${'0'.repeat(power - fraction.length)}`);
  return Number(`${digits}${fraction.slice(0, power)}.${fraction.slice(power)}`);
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
