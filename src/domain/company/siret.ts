/**
 * SIREN (9 digits) and SIRET (14 digits) numbers: checksum and extraction from free text.
 * Both carry a Luhn check digit, except the establishments of La Poste (SIREN 356000000),
 * which INSEE numbers with "sum of digits divisible by 5" because there are too many of them.
 */

export const LA_POSTE_SIREN = '356000000';

export type CompanyNumberKind = 'siren' | 'siret';

export interface CompanyNumber {
  kind: CompanyNumberKind;
  /** Digits only. */
  value: string;
  siren: string;
  valid: boolean;
  /** Where it was found in the text, for callers that strip it before other parsing. */
  start: number;
  end: number;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function normalizeCompanyNumber(text: string): string {
  return text.replace(/[\s.\u00a0\u202f-]/g, '');
}

export function isValidSiren(text: string): boolean {
  const digits = normalizeCompanyNumber(text);
  return /^\d{9}$/.test(digits) && luhnValid(digits);
}

export function isValidSiret(text: string): boolean {
  const digits = normalizeCompanyNumber(text);
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const c of digits) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(digits);
}

/** 'siren' or 'siret' when the text is one well-formed number with a valid checksum, else null. */
export function classifyCompanyNumber(text: string): CompanyNumberKind | null {
  const digits = normalizeCompanyNumber(text);
  if (digits.length === 9) return isValidSiren(digits) ? 'siren' : null;
  if (digits.length === 14) return isValidSiret(digits) ? 'siret' : null;
  return null;
}

/**
 * False when the text has fewer than the nine digits of the shortest company number: most
 * messages, whose few digits (a headcount, a postal code) then cost one scan rather than a
 * pattern tried at every position (the server runs patterns in V8's interpreter).
 */
export function mayHoldCompanyNumber(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39 && ++digits === 9) return true;
  }
  return false;
}

// Digits grouped as people type them: "123456789", "123 456 789", "123 456 789 00012", "123.456.789.00012".
const NUMBER_PATTERN = /(?<![\d.])(\d{3}[ .\u00a0]?\d{3}[ .\u00a0]?\d{3}(?:[ .\u00a0]?\d{5})?)(?![\d])/g;

/**
 * Every SIREN/SIRET-shaped number in the text, valid or not (an invalid one deserves a polite
 * "this number looks mistyped" rather than silence). Ten-digit phone numbers and five-digit
 * postal codes do not match the shapes.
 */
export function extractCompanyNumbers(text: string): CompanyNumber[] {
  const found: CompanyNumber[] = [];
  if (!mayHoldCompanyNumber(text)) return found;
  for (const m of text.matchAll(NUMBER_PATTERN)) {
    const value = normalizeCompanyNumber(m[1]!);
    if (value.length !== 9 && value.length !== 14) continue;
    const kind: CompanyNumberKind = value.length === 9 ? 'siren' : 'siret';
    const start = m.index ?? 0;
    found.push({
      kind,
      value,
      siren: value.slice(0, 9),
      valid: kind === 'siren' ? isValidSiren(value) : isValidSiret(value),
      start,
      end: start + m[0].length,
    });
  }
  return found;
}
