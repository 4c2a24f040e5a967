/** No 0/O, 1/I/L, U: a reference read over the phone or retyped from an e-mail survives. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE = new RegExp(`\\bTI[- ]?(\\d{4})[- ]?([${REFERENCE_ALPHABET}]{5})\\b`, 'i');

/** The reference in a sentence ("où en est TI-2026-7KQ4M ?"), canonical form, or null. */
export function findReference(text: string): string | null {
  const m = REFERENCE.exec(String(text ?? '').toUpperCase());
  return m ? `TI-${m[1]}-${m[2]}` : null;
}
