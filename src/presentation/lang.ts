import type { Lang } from '../domain/types';

/** French or English: the one language type of every surface (the domain defines it, for its bilingual data). */
export type { Lang };

/** 'en' for any English locale ("en", "en-GB", "en_US"), French otherwise: French is the default audience. */
export function langOfLocale(locale: unknown): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const ENGLISH_HINTS = new Set(
  'hello hi hey the which what where who is are our we my company factory plant based located in help please thanks thank you find territory referent start over cancel near schemes eligible'.split(' '),
);
const FRENCH_HINTS = new Set('bonjour salut le la les notre nous mon ma est sommes usine entreprise aide merci quel quelle trouver territoire recommencer annuler à où'.split(' '));

/** French unless the channel says English or the message clearly is. */
export function detectLanguage(text: string | undefined, locale: string | undefined, previous?: Lang): Lang {
  const words = (text ?? '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const en = words.filter((w) => ENGLISH_HINTS.has(w)).length;
  const fr = words.filter((w) => FRENCH_HINTS.has(w)).length;
  if (en > fr && en > 0) return 'en';
  if (fr > en) return 'fr';
  if (previous) return previous;
  return langOfLocale(locale);
}
