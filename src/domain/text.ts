/**
 * What any text typed by someone else (a user, an import) is reduced to before it is stored,
 * shown or sent on: no control characters, no bidirectional overrides. A right-to-left override
 * makes "Factures \u202efdp.exe\u202c SARL" display as "Factures exe.pdf SARL"; C0/C1 controls
 * can end a header or a log line.
 */

// Line breaks become spaces in one-line fields: one field must not open a new line or block.
const LINE_BREAKS = /[\t\n\r\u000b\u000c\u0085\u2028\u2029]/g;
// C0/C1 controls but the line breaks above; bidi marks, embeddings, overrides and isolates
// (LRM, RLM, ALM, LRE…RLO, LRI…PDI); the byte-order mark.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

// Whatever the replacements below would change: whitespace other than the plain space (line
// breaks included), two spaces in a row, a space at either end, a control or invisible character
// (C0 and C1 whole, so U+0085 too). Most lines have none, and one test costs less than the four passes.
const NEEDS_CLEANING = /[^\S ]| {2}|^ | $|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** One line of printable text: invisible characters removed, whitespace collapsed, optionally shortened (with "…"). */
export function cleanLine(text: unknown, maxLength = 0): string {
  let s = text === null || text === undefined ? '' : String(text);
  if (NEEDS_CLEANING.test(s)) s = s.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  // A string has at least as many UTF-16 units as code points: only a long one needs counting.
  if (maxLength > 0 && s.length > maxLength) {
    const points = [...s];
    if (points.length > maxLength)
      s = `${points
        .slice(0, Math.max(1, maxLength - 1))
        .join('')
        .trimEnd()}…`;
  }
  return s;
}

/** Text of several lines: invisible characters removed, everything else (line breaks, spacing) kept. */
export function withoutInvisible(text: unknown): string {
  return (text === null || text === undefined ? '' : String(text)).replace(INVISIBLE, '');
}
