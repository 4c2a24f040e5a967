import { Culture, recognizeCurrency, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';
import type { Lang } from '../types';

/**
 * Thin layer over @microsoft/recognizers-text-suite: French/English numbers, euro amounts and
 * dates, with the French model's known slips corrected before recognition. The suite caches its
 * compiled models per culture, but building them costs over a second on the first two calls per
 * culture, hence `warmUpRecognizers` at server start-up.
 */

export interface Span {
  /** Offsets in the text given to the recognizer; `end` is exclusive. */
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
export interface DateSpan extends Span {
  /** Year the expression points at ("depuis 2015" -> 2015; "il y a 30 ans" -> now - 30). */
  year: number | null;
}

const culture = (locale: Lang) => (locale === 'fr' ? Culture.French : Culture.English);

/**
 * Rewrites that keep the recognizers from slipping. All of them keep the text's meaning and
 * are applied before any offset is taken, so callers work on the returned text.
 * - "trois cents salariés": the French model reads "cents" as the currency sub-unit and returns
 *   3 (and "mille deux cents" as 1002); "trois cent" is read correctly as 300.
 * - "1,2 Md€" / "2 Mds€" are not recognised; "milliards d'euros" is.
 * - "EUR 12m" is read as 0.12 €; "€12m" is read as 12 € and the multiplier is applied by us.
 */
export function normalizeForRecognizers(text: string, locale: Lang): string {
  let out = text.replace(/[\u00a0\u202f]/g, ' ');
  out = out.replace(/\b(deux|trois|quatre|cinq|six|sept|huit|neuf)([\s-]+)cents\b/gi, '$1$2cent');
  out = out.replace(/(\d)\s*(?:Mds?|Mrd|G)\s*€/g, "$1 milliards d'euros");
  out = out.replace(/\bEUR\s?(?=\d)/g, '€');
  if (locale === 'en') out = out.replace(/(\d)\s*bn\b/gi, '$1 billion');
  return out;
}

const toNumber = (v: unknown): number | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const n = typeof v === 'number' ? v : Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

interface RawResult {
  start: number;
  end: number;
  text: string;
  resolution?: Record<string, unknown>;
}

export function recognizeNumbers(normalized: string, locale: Lang): NumberSpan[] {
  const out: NumberSpan[] = [];
  for (const r of recognizeNumber(normalized, culture(locale)) as RawResult[]) {
    const value = toNumber(r.resolution?.value);
    if (value !== null) out.push({ start: r.start, end: r.end + 1, text: normalized.slice(r.start, r.end + 1), value });
  }
  return out;
}

const MULTIPLIER_AFTER = /^\s*(k|K|m|M|mn|Mn|mio|million|millions|Md|bn)\b/;

export function recognizeAmounts(normalized: string, locale: Lang): AmountSpan[] {
  const out: AmountSpan[] = [];
  for (const r of recognizeCurrency(normalized, culture(locale)) as RawResult[]) {
    let value = toNumber(r.resolution?.value);
    if (value === null) continue;
    const unit = String(r.resolution?.unit ?? '');
    const iso = String(r.resolution?.isoCurrency ?? '');
    // "cent" alone is the sub-unit the French model sees in "deux cent"; not money.
    if (unit === 'Cent') continue;
    const currency = unit === 'Euro' || iso === 'EUR' ? 'EUR' : 'other';
    let end = r.end + 1;
    // "€12m", "€3.5 million" written after the symbol: the model stops at the digits.
    const after = MULTIPLIER_AFTER.exec(normalized.slice(end));
    if (after && value < 10_000) {
      const word = after[1]!.toLowerCase();
      value *= word === 'k' ? 1e3 : word === 'md' || word === 'bn' ? 1e9 : 1e6;
      end += after[0].length;
    }
    out.push({ start: r.start, end, text: normalized.slice(r.start, end), value, currency });
  }
  return out;
}

export function recognizeYears(normalized: string, locale: Lang, now = new Date()): DateSpan[] {
  const out: DateSpan[] = [];
  for (const r of recognizeDateTime(normalized, culture(locale)) as RawResult[]) {
    const values = r.resolution?.values;
    const first = Array.isArray(values) ? (values[0] as Record<string, unknown> | undefined) : undefined;
    let year: number | null = null;
    if (first) {
      const start = typeof first.start === 'string' ? first.start : typeof first.value === 'string' && first.type !== 'duration' ? first.value : null;
      const timex = typeof first.timex === 'string' ? first.timex : '';
      if (start && /^\d{4}/.test(start)) year = Number(start.slice(0, 4));
      else if (/^\d{4}$/.test(timex)) year = Number(timex);
      else if (first.type === 'duration') {
        const years = /^P(\d+)Y$/.exec(timex);
        if (years) year = now.getFullYear() - Number(years[1]);
      }
    }
    out.push({ start: r.start, end: r.end + 1, text: normalized.slice(r.start, r.end + 1), year });
  }
  return out;
}
