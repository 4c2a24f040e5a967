import type { Lang } from '../domain/types';

/** French or English: the one language type of every surface (the domain defines it, for its bilingual data). */
export type { Lang };

/** 'en' for any English locale ("en", "en-GB", "en_US"), French otherwise: French is the default audience. */
export function langOfLocale(locale: unknown): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

// Words of one language only, as users write them to the assistant.
const ENGLISH_HINTS = new Set(
  (
    'hello hi hey the which what where who whom is are was were our we my me i you your it its this that there ' +
    'company factory plant site based located in at on near for with from and or of to can could would do does not ' +
    'know how want need looking hire hiring export invest firm business employees staff people please thanks thank ' +
    'find territory territories referent referents schemes scheme eligible funding start over cancel get give tell'
  ).split(' '),
);
const FRENCH_HINTS = new Set(
  (
    'bonjour salut le la les notre nous mon ma mes est sommes suis usine entreprise aide aides merci quel quelle quels ' +
    'quelles trouver territoire territoires recommencer annuler à où je ne pas sais de des du un une et pour avec on ' +
    'veut voudrais voulons cherche cherchons sur dans qui quoi comment salariés société boîte vous votre vos'
  ).split(' '),
);
// A greeting or thanks alone says which language a new conversation is in; in a running one it changes nothing.
const ENGLISH_GREETING = /^\s*(hello|hi|hey|good (morning|afternoon|evening)|thanks|thank you)\s*[!.]*\s*$/i;
// A Teams @mention ("<at>Assistant</at>") names the bot, in no language.
const MENTION = /<at>[^<]*<\/at>/gi;

/**
 * The language of a message: French by default. A message switches the conversation's language
 * only when it is a sentence in the other one (two words of it at least, more than of the other
 * language): "help", "ok" or "merci" alone keep the language the conversation is in. A new
 * conversation follows the channel's locale, or an English greeting.
 */
export function detectLanguage(text: string | undefined, locale: string | undefined, previous?: Lang): Lang {
  const words = (text ?? '')
    .replace(MENTION, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const en = words.filter((w) => ENGLISH_HINTS.has(w)).length;
  const fr = words.filter((w) => FRENCH_HINTS.has(w)).length;
  if (en >= 2 && en > fr) return 'en';
  if (fr >= 2 && fr > en) return 'fr';
  if (previous) return previous;
  if (ENGLISH_GREETING.test(text ?? '')) return 'en';
  return langOfLocale(locale);
}
