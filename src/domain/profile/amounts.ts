import type { Lang } from '../types';
import { decimalValue, type AmountSpan, type NumberSpan } from './figures';

/**
 * Amounts of money: a number with a currency written after it ("12 M€", "3,5 millions d'euros",
 * "12 million euros", "5 millions de dollars") or a currency sign before figures ("€12m",
 * "€3.5 million", "$2m"). Only euros count as a firm's figures; other currencies are kept so
 * that their numbers are not read as anything else.
 */

const CURRENCY_AFTER =
  /^ ?(€|euros?\b|EUR\b|d['’] ?euros?\b|de dollars\b|dollars?\b|US\$|\$|£|livres?(?: sterling)?\b|pounds?(?: sterling)?\b|USD\b|GBP\b|CHF\b|francs? suisses\b)/iu;
const EURO = /^(?:€|euros?|eur|d['’] ?euros?)$/iu;
// The sign, then figures and a scale, each read the way people write them after a sign.
const SIGN_BEFORE =
  /(€|US\$|\$|£) ?(\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d{1,3}(?: \d{3})+(?! ?\d)|\d+(?:[.,]\d+)?)(?: ?(k|K|m|M|mn|Mn|mio|million|millions|billion|billions|milliards?|Md|bn))?(?![\p{L}\d])/gu;
const SCALE: Record<string, number> = { k: 3, m: 6, mn: 6, mio: 6, million: 6, millions: 6, billion: 9, billions: 9, milliard: 9, milliards: 9, md: 9, bn: 9 };

/** "10,300,000" or "3.5" (English), "3,5" or "4 500 000" (French) as integer and decimal digits. */
function figures(written: string, locale: Lang): { digits: string; fraction: string } {
  if (/^\d{1,3}(?:,\d{3})+$/.test(written) && locale === 'en') return { digits: written.replace(/,/g, ''), fraction: '' };
  if (/ /.test(written)) return { digits: written.replace(/ /g, ''), fraction: '' };
  const [digits, fraction = ''] = written.split(/[.,]/);
  return { digits: digits!, fraction };
}

export function findAmounts(text: string, numbers: readonly NumberSpan[], locale: Lang): AmountSpan[] {
  const found: AmountSpan[] = [];
  for (const n of numbers) {
    const unit = CURRENCY_AFTER.exec(text.slice(n.end, n.end + 24));
    if (!unit) continue;
    const end = n.end + unit[0].length;
    found.push({ start: n.start, end, text: text.slice(n.start, end), value: n.value, currency: EURO.test(unit[1]!) ? 'EUR' : 'other' });
  }
  for (const m of text.matchAll(SIGN_BEFORE)) {
    const { digits, fraction } = figures(m[2]!, locale);
    if (digits.length > 15) continue;
    const start = m.index;
    const end = start + m[0].length;
    found.push({
      start,
      end,
      text: m[0],
      value: decimalValue(digits, fraction, m[3] ? SCALE[m[3].toLowerCase()]! : 0),
      currency: m[1] === '€' ? 'EUR' : 'other',
    });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AmountSpan[] = [];
  let reached = 0;
  for (const a of found) {
    if (a.start < reached) continue;
    out.push(a);
    reached = a.end;
  }
  return out;
}
