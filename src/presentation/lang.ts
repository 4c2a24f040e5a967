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

const STRINGS = {
  welcome: {
    fr: "Bonjour ! Je suis l'assistant Territoires d'industrie. Indiquez-moi où se trouve votre site (commune, code postal, SIRET ou une phrase comme « notre usine est à Oyonnax ») : je vous dis dans quel Territoire d'industrie il se trouve, qui sont vos référents chez Banque des Territoires, Bpifrance, Business France et France Travail, et quelles aides peuvent vous concerner. Tapez « aide » à tout moment.",
    en: "Hello! I'm the Territoires d'industrie assistant. Tell me where your site is (town, postal code, SIRET or a sentence such as \"our plant is in Oyonnax\"): I'll tell you which Territoire d'industrie it is in, who your referents are at Banque des Territoires, Bpifrance, Business France and France Travail, and which schemes may apply. Type \"help\" at any time.",
  },
  help: {
    fr: "Je peux :\n- trouver votre Territoire d'industrie et vos 4 référents : donnez une commune, un code postal, un code INSEE ou un SIRET ;\n- vous dire quelles aides vous concernent et pourquoi : « mes aides » ;\n- transmettre une demande à un référent : « contacter mon référent Bpifrance » ;\n- lister les Territoires d'industrie d'une région ou d'un département : « territoires d'industrie en Bretagne ».\nTapez « recommencer » pour repartir de zéro.",
    en: "I can:\n- find your Territoire d'industrie and your 4 referents: give a town, postal code, INSEE code or SIRET;\n- tell you which schemes apply and why: \"my schemes\";\n- pass a request to a referent: \"contact my Bpifrance referent\";\n- list the Territoires d'industrie of a region or a department: \"territories in Bretagne\".\nType \"start over\" to begin again.",
  },
  thanks: {
    fr: "Avec plaisir ! Vous pouvez me donner une autre commune, demander « mes aides » ou « contacter mon référent ».",
    en: 'You are welcome! You can give me another town, ask for "my schemes" or "contact my referent".',
  },
  restart: {
    fr: "C'est noté, on recommence. Où se trouve votre site ?",
    en: "OK, let's start over. Where is your site?",
  },
  error: {
    fr: "Désolé, quelque chose s'est mal passé de mon côté. Votre message n'est pas perdu : vous pouvez le renvoyer, ou taper « recommencer ».",
    en: 'Sorry, something went wrong on my side. Your message is not lost: you can send it again, or type "start over".',
  },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}
