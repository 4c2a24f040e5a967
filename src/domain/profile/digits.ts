import type { Lang } from '../types';
import { foldAccents } from '../normalize';
import { decimalValue, type NumberSpan } from './figures';

/**
 * The pre-parser: reads the numbers of a prepared text written in figures ("85 salariés",
 * "12 M€", "CA de 3,5 millions", "a 30-person firm", "€12m") in one linear scan, exactly as
 * the recognizers' number model reads them, so the profile is the same whichever reads it.
 * It returns null when the text holds anything it does not read that way: a number written in
 * words ("cent vingt", "quatre-vingts", "a dozen"), or figures in a shape whose reading by the
 * model is irregular ("-3", "1/2", "3e", "12 345,67"). Those texts go to the number model.
 */

const WORDS_FR =
  'zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt vingts trente quarante cinquante soixante septante octante huitante nonante cent cents mille milles million millions milliard milliards billion billions trillion millier milliers douzaine douzaines demi demie demis quart quarts tiers moitie';
const WORDS_EN =
  'zero nought naught nil one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens half halves quarter quarters third thirds couple mm mln bln mil crore crores lakh lakhs';
/** Words the number model reads (or may read) as numbers, in either language. */
const NUMBER_WORDS = new Set(`${WORDS_FR} ${WORDS_EN}`.split(' '));
const ORDINALS_FR =
  'premier premiere premiers premieres second seconde seconds secondes deuxieme troisieme quatrieme cinquieme sixieme septieme huitieme neuvieme dixieme onzieme douzieme treizieme quatorzieme quinzieme seizieme vingtieme trentieme quarantieme cinquantieme soixantieme centieme millieme millionieme milliardieme';
const ORDINALS_EN =
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth billionth';
/** After "un", "a" or a number, the model reads an ordinal as a fraction ("un deuxième", "a tenth"). */
const ORDINALS = new Set(`${ORDINALS_FR} ${ORDINALS_EN}`.split(' ').flatMap((w) => [w, `${w}s`]));
const ARTICLES = new Set(['un', 'une', 'one', 'a', 'an']);
/**
 * Read by the French model as 1 wherever they stand as a word. (The English model reads "one"
 * but not "the one" or "which one": English "one" is left to the model.)
 */
const ONE: Record<Lang, ReadonlySet<string>> = { fr: new Set(['un', 'une']), en: new Set() };
/** Written right after figures, these scale them ("3,5 millions"); the model reads both as one number. */
const SCALE_WORDS: Record<Lang, Record<string, number>> = {
  fr: { million: 6, millions: 6, milliard: 9, milliards: 9 },
  en: { million: 6, billion: 9 },
};

/** A single letter after figures and a space: a scale, null when the model reads it its own way ("12 G€"). */
const SCALE_LETTERS: Record<string, number | null> = { M: 6, k: 3, K: 3, G: null, g: null, B: null, b: null, T: null, t: null };
/** Letters right after figures that make the model read no number at all ("3e", "2nd", "10h"). */
const NOT_A_NUMBER = new Set(['e', 'er', 'eme', 'nd', 'st', 'rd', 'th', 'd', 'D', 'h']);

const isNumberWord = (word: string, locale: Lang) => NUMBER_WORDS.has(word) || ONE[locale].has(word) || ORDINALS.has(word);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
// The scan asks this of every character: ASCII answers without the Unicode class (A-Z and a-z
// are its only ASCII letters; no ASCII character is a mark).
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c > '\u007f' && LETTER_OR_MARK.test(c)));
/** A numeric character other than 0-9 ("３", "½", "²"): none is ASCII. */
const OTHER_NUMERIC = /\p{N}/u;
/** What may stand right before figures that the model reads plainly. */
const BEFORE_OK = new Set([' ', '\n', '(', '[', '«', '"', '“', '‘', "'", '’', ':', '€', '$', '£']);
/** What may stand right after a number (or its scale) for the model to end it there. */
const AFTER_OK = new Set([' ', '\n', ')', ']', '»', '"', '”', '’', "'", '.', ',', ';', ':', '!', '?', '€', '$', '£', '%']);

const digitsAt = (text: string, i: number): number => {
  let j = i;
  while (isDigit(text[j])) j++;
  return j - i;
};

interface Figure {
  end: number;
  digits: string;
  fraction: string;
}

/** Figures starting at `i` in the shapes read here, or null when the model's reading is irregular. */
function readFigure(text: string, i: number, locale: Lang): Figure | null {
  const n = digitsAt(text, i);
  let end = i + n;
  let digits = text.slice(i, end);
  let fraction = '';
  const sep = text[end];
  if (n <= 3 && (sep === ' ' || (sep === ',' && locale === 'en'))) {
    // Thousands grouped by threes: "4 500 000", "1,200" (and "1 200" in English too).
    let j = end;
    while (text[j] === sep && digitsAt(text, j + 1) === 3) {
      digits += text.slice(j + 1, j + 4);
      j += 4;
    }
    if (j > end) {
      // A leading zero ("06 123"), more figures ("1 234 56", "12 345,67"): read by the model.
      if (digits.startsWith('0') || ((text[j] === ' ' || text[j] === ',' || text[j] === '.') && isDigit(text[j + 1]))) return null;
      end = j;
    }
  }
  const mark = text[end];
  if ((mark === ',' || mark === '.') && isDigit(text[end + 1])) {
    const f = digitsAt(text, end + 1);
    const decimalMark = locale === 'fr' ? ',' : '.';
    // French "1.500" and English "12,34" are read by the model in ways of its own.
    if (mark !== decimalMark || digits.length > n) return null;
    fraction = text.slice(end + 1, end + 1 + f);
    end += 1 + f;
    if ((text[end] === ',' || text[end] === '.') && isDigit(text[end + 1])) return null;
  }
  return { end, digits, fraction };
}

export function readDigitNumbers(text: string, locale: Lang): NumberSpan[] | null {
  const out: NumberSpan[] = [];
  let i = 0;
  let previousWord = '';
  while (i < text.length) {
    const c = text[i]!;
    if (isLetter(c)) {
      let j = i + 1;
      while (isLetter(text[j])) j++;
      const raw = text.slice(i, j);
      const word = foldAccents(raw).toLowerCase();
      // The model's words end at any letter outside A-Z: "deuxé" holds its "deux".
      if (/[^A-Za-z]/.test(raw) && raw.split(/[^A-Za-z]+/).some((piece) => isNumberWord(piece.toLowerCase(), locale) && piece.toLowerCase() !== word))
        return null;
      if (ONE[locale].has(word)) {
        // "one:100" is a ratio to the model, not a one.
        if (isDigit(text[j]) || isDigit(text[j + 1]) || isDigit(text[i - 1]) || isDigit(text[i - 2])) return null;
        out.push({ start: i, end: j, text: text.slice(i, j), value: 1 });
      } else if (NUMBER_WORDS.has(word)) {
        return null;
      } else if (ORDINALS.has(word) && (ARTICLES.has(previousWord) || /\d\s?$/.test(text.slice(Math.max(0, i - 2), i)))) {
        return null;
      }
      previousWord = word;
      i = j;
      continue;
    }
    if (!isDigit(c)) {
      // Other digits ("３", "½", "²") are the model's to read.
      if (c > '\u007f' && OTHER_NUMERIC.test(c)) return null;
      i++;
      continue;
    }
    const before = text[i - 1];
    if (isLetter(before)) {
      // "CO2", "A4", "B2B", "Covid19": no number to the model (which sees "é" as a boundary).
      if (!/[A-Za-z]/.test(before!)) return null;
      while (/[A-Za-z0-9]/.test(text[i] ?? '')) i++;
      if (isLetter(text[i])) return null;
      continue;
    }
    if (before !== undefined && !BEFORE_OK.has(before)) return null;
    const figure = readFigure(text, i, locale);
    if (!figure) return null;
    let { end } = figure;
    let power = 0;
    const grouped = figure.digits.length > digitsAt(text, i);
    if (isLetter(text[end])) {
      // Letters right after the figures: a scale ("12M", "800k"), or a token the model does not
      // read as a number ("12m", "3e", "2nd"), or one it reads its own way ("5G", "1ère").
      let j = end;
      while (isLetter(text[j])) j++;
      const suffix = text.slice(end, j);
      if (isDigit(text[j]) || grouped) return null;
      if (suffix === 'm' || NOT_A_NUMBER.has(suffix)) {
        i = j;
        continue;
      }
      if (suffix === 'M') power = 6;
      else if (suffix === 'k' || suffix === 'K') power = 3;
      else return null;
      end = j;
    } else if (text[end] === ' ' && isLetter(text[end + 1])) {
      let j = end + 1;
      while (isLetter(text[j])) j++;
      const word = text.slice(end + 1, j);
      const scale = word.length === 1 ? SCALE_LETTERS[word] : SCALE_WORDS[locale][foldAccents(word).toLowerCase()];
      if (scale === null || (scale && grouped) || (locale === 'en' && word.toLowerCase() === 'millions')) return null;
      if (scale) {
        power = scale;
        end = j;
      }
    }
    const after = text[end];
    if (after !== undefined && !AFTER_OK.has(after) && !(after === '-' && isLetter(text[end + 1]))) return null;
    if (figure.digits.length > 15) return null;
    out.push({ start: i, end, text: text.slice(i, end), value: decimalValue(figure.digits, figure.fraction, power) });
    i = end;
  }
  return out;
}
