import { foldAccents, normalizeName } from '../../domain/normalize';
import type { OperatorId } from '../../domain/types';

export type Intent = 'greeting' | 'thanks' | 'territory-list' | 'contact' | 'status' | 'eligibility' | 'why-not' | 'place';

// Only a message that is nothing but a greeting or thanks: "Bonjour, notre usine est à X" is a place.
const GREETING = /^(bonjour|bonsoir|salut|coucou|hello|hi|hey|good (morning|afternoon|evening))( (a )?(vous|tous|toi|there|everyone))?$/;
// Asks for territories in the plural ("quels territoires en Bretagne ?"); "quel territoire pour
// Oyonnax ?" stays a place.
const TERRITORY_LIST =
  /\b(liste|lister|combien|quels sont|quels|tous les|list|how many|which are|which|all)\b.*\b(territoires|territories)\b|^(les )?(territoires d industrie|territories) (en|dans|de|du|des|d|in)\b/;
const THANKS = /^(merci|thanks|thank you|cheers)( (beaucoup|bien|a vous|pour tout|very much|a lot|so much))?( (bonne journee|au revoir|bye))?$/;

const CONTACT = /\b(contacter|contactez|joindre|ecrire a|mettre en relation|mise en relation|etre rappele|etre recontacte|contact|reach|get in touch)\b/;
const STATUS = /\b(ou en est|suivi de ma demande|statut de ma demande|etat de ma demande|status of my request|my request status|where is my request)\b|\bti \d{4} [a-z0-9]{5}\b/;
const ELIGIBILITY =
  /\b(aides?|dispositifs?|eligibles?|eligibilite|subventions?|financements?|vte|accelerateurs?|que puis je obtenir|a quoi ai je droit|schemes?|eligible|eligibility|funding|grants?|support available)\b/;

const OPERATORS: Array<[OperatorId, RegExp]> = [
  ['bpifrance', /\bbpi(france)?\b/],
  ['banque-des-territoires', /\b(banque des territoires|bdt|caisse des depots)\b/],
  ['business-france', /\b(business france|team france export|tfe)\b/],
  ['france-travail', /\b(france travail|pole emploi)\b/],
];

// Words that say the message describes the firm (size, money, needs): only then is it worth
// running the recognizers, which a plain place lookup must not pay for.
const PROFILE_HINTS =
  /\b(salaries?|employes?|personnes|collaborateurs|effectifs?|staff|employees|people|ca (de )?\d|chiffre d affaires|turnover|revenue|bilan|m€|k€|millions?|recruter|recrutement|embaucher|hire|hiring|recruit|exporter|export|international|innover|innovation|r d|investir|investissement|invest|former|formation|training|decarboner|decarbonation|transition|foncier|terrain|locaux|batiment|friche|jeune diplome|jeunes diplomes|alternants?|graduate|pme|eti|tpe|sme)\b/;

/** What a free-text message asks for; a place is the default. */
export function intentOf(text: string): Intent {
  const key = normalizeName(text);
  if (GREETING.test(key)) return 'greeting';
  if (THANKS.test(key)) return 'thanks';
  if (STATUS.test(key)) return 'status';
  if (TERRITORY_LIST.test(key)) return 'territory-list';
  if (/^(et )?(pourquoi pas|why not)\b/.test(key)) return 'why-not';
  if (CONTACT.test(key)) return 'contact';
  if (ELIGIBILITY.test(key) || PROFILE_HINTS.test(foldForHints(text))) return 'eligibility';
  return 'place';
}

/** Like the place key, but keeping "€" (amounts such as "12 M€" describe the firm). */
function foldForHints(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9€]+/g, ' ');
}

export function contactOperatorOf(text: string): OperatorId | undefined {
  const key = normalizeName(text);
  return OPERATORS.find(([, re]) => re.test(key))?.[0];
}
