import type { Lang } from '../../domain/types';
import {
  AgnosticNumberParserFactory,
  AgnosticNumberParserType,
  FrenchNumberExtractor,
  FrenchNumberParserConfiguration,
  FrenchNumeric,
  NumberMode,
  NumberModel,
  NumberRecognizer,
  RegExpUtility,
} from '@microsoft/recognizers-text-number';
import type { NumberSpan } from '../../domain/profile';

/**
 * The recognizers' number model (French and English), the only model the profile parser needs:
 * it reads numbers written in words ("cent vingt", "quatre-vingts", "a dozen"). Each model is
 * built on first use; the French one costs about a second of CPU to build and warm (six before
 * its fraction patterns were made lean, below) and a 4,000-character message tens of
 * milliseconds, which is why it runs in the parser worker (see worker.ts) and never on the
 * server's event loop.
 */

const CULTURE: Record<Lang, string> = { fr: 'fr-fr', en: 'en-us' };

/** The most characters handed to the model in one call: its cost per call has a fixed ceiling. */
export const MODEL_CHUNK_CHARS = 500;

interface ModelResult {
  start: number;
  end: number;
  text: string;
  resolution?: { value?: unknown };
}
interface Model {
  parse(query: string): ModelResult[];
}

const toNumber = (v: unknown): number | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const n = typeof v === 'number' ? v : Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

/**
 * "trois millions et demi", "two and a half million": the model multiplies the number by the
 * fraction of the scale (1.5 million; "3 millions et demi" 0.5 million; "two and a half million"
 * 2.0000005), a wrong turnover given silently. Such a number is read again: its first part alone
 * by the model, then (that part + the fraction) times the scale. A first part the model does not
 * read as one number leaves the span as the model read it.
 */
const FRACTIONS: Record<string, number> = {
  demi: 0.5,
  demie: 0.5,
  quart: 0.25,
  'un quart': 0.25,
  'trois quarts': 0.75,
  'un tiers': 1 / 3,
  'deux tiers': 2 / 3,
  'a half': 0.5,
  'one half': 0.5,
  'a quarter': 0.25,
  'one quarter': 0.25,
  'three quarters': 0.75,
  'a third': 1 / 3,
  'two thirds': 2 / 3,
};
const SCALES: Record<string, number> = { mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9, thousand: 1e3, billion: 1e9 };
const FRACTION = Object.keys(FRACTIONS).join('|');
const SCALE = Object.keys(SCALES).join('|');
const SCALE_THEN_FRACTION = new RegExp(`^(.+?)[\\s-]+(${SCALE})\\s+(?:et|and)\\s+(${FRACTION})$`, 'i');
const FRACTION_THEN_SCALE = new RegExp(`^(.+?)\\s+and\\s+(${FRACTION})\\s+(${SCALE})$`, 'i');

function withFraction(model: Model, span: string): number | null {
  const scaleFirst = SCALE_THEN_FRACTION.exec(span);
  const match = scaleFirst ? { head: scaleFirst[1]!, scale: scaleFirst[2]!, fraction: scaleFirst[3]! } : null;
  const fractionFirst = match ? null : FRACTION_THEN_SCALE.exec(span);
  const parts = match ?? (fractionFirst ? { head: fractionFirst[1]!, fraction: fractionFirst[2]!, scale: fractionFirst[3]! } : null);
  if (!parts) return null;
  const head = model.parse(parts.head);
  if (head.length !== 1 || head[0]!.start !== 0 || head[0]!.end !== parts.head.length - 1) return null;
  const value = toNumber(head[0]!.resolution?.value);
  if (value === null) return null;
  return Math.round((value + FRACTIONS[parts.fraction.toLowerCase()]!) * SCALES[parts.scale.toLowerCase()]!);
}

/**
 * Pieces of at most `max` characters covering the text, cut after a sentence where one ends
 * late enough in the piece, else at a space: a number is rarely cut in two. Linear in the text.
 */
export function chunks(text: string, max = MODEL_CHUNK_CHARS): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    let cut = -1;
    for (let i = window.length - 1; i > max / 2; i--) {
      if (/[.!?;\n]/.test(window[i - 1]!) && /\s/.test(window[i]!)) {
        cut = i;
        break;
      }
    }
    if (cut < 0) cut = window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') : max;
    out.push([start, start + cut]);
    start += cut;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/**
 * One text per form the model reads by a path of its own (a number, a currency sign, a currency
 * word, a percentage, an ordinal, a fraction), each read once. Measured: after one sentence mixing
 * them, the next short messages still cost seconds each ("douze", "12 euros": 5 to 9 s at load 12
 * on 2 cores), a user's first messages then waiting past PARSER_TIMEOUT_MS; after these, every
 * form tried took milliseconds.
 */
const WARM_UP: Record<Lang, string[]> = {
  fr: ['douze', '€', '12 euros', 'cent vingt salariés, 85 personnes, 12 M€, trois millions et demi', '3,5 %', 'le 3ème site', 'deux tiers'],
  en: ['twelve', '€', '12 euros', 'one hundred and twenty staff, 85 people, €12m, a dozen', '3.5 %', 'the 3rd site', 'two thirds'],
};

/**
 * The French model's two patterns for fractions in words ("deux tiers", "trois cinquièmes", "un
 * demi", "trois millions et demi") spell the denominator with the package's pattern for every
 * French ordinal, 109 KB of source up to "deux cent trente-quatre millième", which each of them
 * holds: 130 and 123 KB, compiled by V8 once for Latin-1 texts and once for two-byte ones, 27 MB of
 * the parser worker's 56 MB heap and 4 of the model's 6 s of warm-up. Here that ordinal is the
 * package's own ordinals below a thousand (its pattern for "vingt-cinquième", "soixante et
 * unième", and for "centième", "millième" after a number: "deux-centième"); a longer ordinal is
 * still read, its number part by the pattern's own leading number. The patterns shrink to 34 and
 * 27 KB, the built and warmed French model from 135 to 96 MB resident (node alone, --no-regexp-tier-up),
 * its warm-up from 4.8-6.1 s to 0.8-1.2 s. Read alike by both on 4,695 texts (every form of the
 * patterns, numerators and denominators from 1 to 1,000, alone and in sentences):
 * test/fixtures/fraction-words holds them with what the package's patterns read.
 */
const LEAN_ORDINAL = `(${FrenchNumeric.UnderHundredOrdinalRegex}|((${FrenchNumeric.AllIntRegex}(\\W)?)?${FrenchNumeric.SimpleRoundOrdinalRegex}))`;

function leanFraction(source: string): RegExp {
  const parts = source.split(FrenchNumeric.AllOrdinalNumberRegex);
  // The package's own pattern, built from its definitions: a version that builds it otherwise
  // must be looked at again, not half-applied.
  if (parts.length !== 2) throw new Error('the French fraction pattern no longer holds the ordinal pattern once');
  return RegExpUtility.getSafeRegExp(parts.join(LEAN_ORDINAL));
}

/** The French number model as the package builds it, but for the two fraction patterns above. */
function frenchNumberModel(): Model {
  const extractor = new FrenchNumberExtractor(NumberMode.PureNumber);
  const lean = new Map(
    [FrenchNumeric.FractionNounRegex, FrenchNumeric.FractionNounWithArticleRegex].map((source) => [RegExpUtility.getSafeRegExp(source).source, source]),
  );
  let replaced = 0;
  extractor.regexes = extractor.regexes.map((r) => {
    const source = lean.get(r.regExp.source);
    if (source === undefined) return r;
    replaced++;
    return { ...r, regExp: leanFraction(source) };
  });
  if (replaced !== lean.size) throw new Error('the French number extractor no longer holds both fraction patterns');
  return new NumberModel(AgnosticNumberParserFactory.getParser(AgnosticNumberParserType.Number, new FrenchNumberParserConfiguration()), extractor);
}

/** The package's number model for a language, as it builds it (the French one with every ordinal). */
export const packageNumberModel = (locale: Lang): Model => new NumberRecognizer(CULTURE[locale]).getNumberModel() as Model;

const leanNumberModel = (locale: Lang): Model => (locale === 'fr' ? frenchNumberModel() : packageNumberModel(locale));

export class NumberModels {
  private readonly models = new Map<Lang, Model>();

  /** `build` makes a language's model: by default the French one with lean fraction patterns (see frenchNumberModel). */
  constructor(private readonly build: (locale: Lang) => Model = leanNumberModel) {}
  /** Characters handed to the model so far: the work done, counted. */
  charsRead = 0;

  private model(locale: Lang): Model {
    let model = this.models.get(locale);
    if (!model) {
      model = this.build(locale);
      this.models.set(locale, model);
    }
    return model;
  }

  /**
   * Every number of the text, in text order, with offsets in the text. `stop` is asked before each
   * piece: once it says so, the rest of the text is left unread (the caller stopped waiting).
   */
  read(text: string, locale: Lang, stop: () => boolean = () => false): NumberSpan[] {
    const model = this.model(locale);
    const out: NumberSpan[] = [];
    for (const [from, to] of chunks(text)) {
      if (stop()) break;
      this.charsRead += to - from;
      for (const r of model.parse(text.slice(from, to))) {
        const read = toNumber(r.resolution?.value);
        if (read === null) continue;
        const start = from + r.start;
        const end = from + r.end + 1;
        const spanText = text.slice(start, end);
        out.push({ start, end, text: spanText, value: withFraction(model, spanText) ?? read });
      }
    }
    return out;
  }

  /** Builds both models and pays their first-call costs now, form by form (see WARM_UP). */
  warm(): void {
    for (const locale of ['fr', 'en'] as const) for (const text of WARM_UP[locale]) this.read(text, locale);
  }
}
