/**
 * What any text typed by someone else (a user, an import) is reduced to before it is stored,
 * shown or sent on: no control characters, no bidirectional overrides. A right-to-left override
 * makes "Factures \u202efdp.exe\u202c SARL" display as "Factures exe.pdf SARL"; C0/C1 controls
 * can end a header or a log line.
 */

// What a one-line field does with each character (JavaScript's \s and the line breaks below are
// the space; C0/C1 controls but the line breaks, bidi marks, embeddings, overrides and isolates
// (LRM, RLM, ALM, LRE…RLO, LRI…PDI) and the byte-order mark are removed): line breaks become
// spaces, so one field never opens a new line or block; a right-to-left override would reorder
// what is shown; a control can end a header or a log line.
const KEPT = 0;
const SPACE = 1;
const INVISIBLE = 2;
function kindOf(c: number): number {
  if (c > 0x20 && c < 0x7f) return KEPT;
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85) return SPACE;
  if (c < 0xa0) return INVISIBLE; // C0 and C1, DEL
  if (c === 0xa0) return SPACE;
  if (c < 0x61c) return KEPT;
  if (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) return SPACE;
  if (c === 0x61c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) return INVISIBLE;
  return KEPT;
}

/**
 * Whether cleaning changes the line: a space other than U+0020, two spaces in a row, a space at
 * either end, an invisible character. Most lines have none. (Loops rather than patterns here: the
 * server runs patterns in V8's interpreter, see package.json `start`.)
 */
function needsCleaning(s: string): boolean {
  const last = s.length - 1;
  if (last < 0) return false;
  if (s.charCodeAt(0) === 0x20 || s.charCodeAt(last) === 0x20) return true;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x20 ? s.charCodeAt(i + 1) === 0x20 : kindOf(c) !== KEPT) return true;
  }
  return false;
}

/** The line with its invisible characters removed and every run of spaces one U+0020, none at either end. */
function cleaned(s: string): string {
  let out = '';
  let runFrom = -1;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const kind = kindOf(s.charCodeAt(i));
    if (kind === KEPT) {
      if (runFrom < 0) {
        if (space && out) out += ' ';
        space = false;
        runFrom = i;
      }
      continue;
    }
    if (runFrom >= 0) {
      out += s.slice(runFrom, i);
      runFrom = -1;
    }
    if (kind === SPACE) space = true;
  }
  return runFrom >= 0 ? out + s.slice(runFrom) : out;
}

/** One line of printable text: invisible characters removed, whitespace collapsed, optionally shortened (with "…"). */
export function cleanLine(text: unknown, maxLength = 0): string {
  let s = text === null || text === undefined ? '' : String(text);
  if (needsCleaning(s)) s = cleaned(s);
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

// The invisible characters of kindOf.
const INVISIBLE_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text of several lines: invisible characters removed, everything else (line breaks, spacing) kept. */
export function withoutInvisible(text: unknown): string {
  return (text === null || text === undefined ? '' : String(text)).replace(INVISIBLE_CHARACTERS, '');
}
