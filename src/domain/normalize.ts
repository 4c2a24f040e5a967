/**
 * Place-name normalisation shared by the index and the queries, so that "St-Étienne",
 * "saint etienne" and "SAINT-ÉTIENNE" meet on the same key.
 */

const ABBREVIATIONS = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);
export const ARTICLES = new Set(['le', 'la', 'les', 'l']);

/** Every pass of foldAccents, on any text. */
function foldAll(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae');
}

// The characters of Latin text beyond ASCII (Latin-1, Latin Extended-A and -B) and of its
// typography (general punctuation, currency signs), each folded alone by every pass. None of them
// is a combining mark, so a text of these and ASCII folds character by character as it folds
// whole; anything else (a combining mark, another script) takes the passes.
const foldsOf = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => foldAll(String.fromCharCode(from + i)));
const LATIN_FROM = 0x80;
const LATIN_TO = 0x250;
const LATIN = foldsOf(LATIN_FROM, LATIN_TO);
const PUNCTUATION_FROM = 0x2000;
const PUNCTUATION_TO = 0x20d0;
const PUNCTUATION = foldsOf(PUNCTUATION_FROM, PUNCTUATION_TO);

/** Accents and marks removed, "œ"/"æ" spelt out; the same as the passes of foldAll, character by character where it can. */
export function foldAccents(text: string): string {
  let folded = '';
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Plain ASCII has no accent, mark or ligature to fold: most of the names and words folded per turn.
    if (code < LATIN_FROM) continue;
    const one =
      code < LATIN_TO ? LATIN[code - LATIN_FROM] : code >= PUNCTUATION_FROM && code < PUNCTUATION_TO ? PUNCTUATION[code - PUNCTUATION_FROM] : undefined;
    if (one === undefined) return foldAll(text);
    if (one.length === 1 && one.charCodeAt(0) === code) continue;
    folded += text.slice(copiedTo, i) + one;
    copiedTo = i + 1;
  }
  return copiedTo === 0 ? text : folded + text.slice(copiedTo);
}

/** Lower case, no accents, anything but letters and digits turned into single spaces. */
export function foldKey(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// One word of plain letters and digits, as a sentence's tokens mostly are: nothing to fold or split.
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Lower-case words without accents or punctuation; "St"/"Ste" expanded. */
export function normalizeWords(text: string): string[] {
  if (ASCII_WORD.test(text)) {
    const word = text.toLowerCase();
    return [ABBREVIATIONS.get(word) ?? word];
  }
  return foldKey(text)
    .split(' ')
    .filter(Boolean)
    .map((w) => ABBREVIATIONS.get(w) ?? w);
}

export function normalizeName(text: string): string {
  return normalizeWords(text).join(' ');
}

/** The key without a leading article: "Le Creusot" is often typed "Creusot". */
export function withoutArticle(key: string): string | null {
  const space = key.indexOf(' ');
  if (space < 0) return null;
  return ARTICLES.has(key.slice(0, space)) ? key.slice(space + 1) : null;
}

export function trigrams(key: string): string[] {
  const padded = ` ${key} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

/** Damerau-Levenshtein (optimal string alignment) distance, bounded: returns max+1 past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return Math.min(prev[cols - 1]!, max + 1);
}
