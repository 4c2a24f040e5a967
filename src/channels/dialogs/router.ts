/**
 * The one router: every message and every card click of the chat becomes one intent here, from
 * the activity and what the conversation remembers (which question is pending). Pure: no I/O, no
 * Bot Framework; the place reader it is handed is the in-memory resolver.
 */
import { readCardAction } from '../../presentation/cards/actions';
import type { SchemeMention } from '../../domain/eligibility/names';
import { foldAccents, normalizeName } from '../../domain/normalize';
import { FIGURE_FIELDS, type ProfileField } from '../../domain/profile/types';
import type { LookupResult, NoPlaceReason, OperatorId, Wave } from '../../domain/types';

/** A candidate offered by a question: its label, and the value that resolves it alone (an INSEE code, else a name). */
export interface Choice {
  label: string;
  value: string;
}

/** The flows that ask questions over several turns. */
export type FlowName = 'eligibility' | 'contact';

/** The contact flow's questions, in order. */
export type ContactStep = 'place' | 'operator' | 'firm' | 'person' | 'details' | 'need' | 'consent';

/** The question the bot is waiting an answer to (kept in the conversation memory). */
export type Question =
  /** Several places match: which one? `flow` is the flow that needs the place, if any. */
  | { ask: 'choice'; query: string; choices: Choice[]; flow?: FlowName; operator?: OperatorId }
  /** A department was given without a commune: which commune in it? */
  | { ask: 'commune-in'; departments: string[]; flow?: FlowName }
  /** The eligibility flow's place question, or one of its profile questions. */
  | { ask: 'place'; flow: FlowName }
  | { ask: 'field'; flow: 'eligibility'; field: ProfileField }
  /** `operator`: the one the request goes to, once known (its button clicked again goes on with the request). */
  | { ask: 'contact'; flow: 'contact'; step: Exclude<ContactStep, 'place'>; operator?: OperatorId };

export type Intent =
  | { kind: 'help' }
  | { kind: 'restart' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  /** A message with nothing to read: no text and no known card action. */
  | { kind: 'empty' }
  /** Names nothing the assistant handles (or a place it does not know): `reason` says which. */
  | { kind: 'nothing'; text: string; reason: NoPlaceReason; departments?: string[]; placeName?: string; namesakes?: LookupResult['namesakes'] }
  /**
   * A place to look up (commune, postal code, SIRET, territory, a sentence naming one). In
   * `departments` first when given ("le 04" then "Manosque"); only `within` them when the text is
   * the candidates' name and the departments narrow it ("Saint-Denis" then "93").
   */
  | { kind: 'place'; text: string; wave?: Wave; departments?: string[]; within?: string[] }
  /** The place shown before, in another list ("Oyonnax", then "liste 2019"). */
  | { kind: 'same-place'; wave: Wave }
  /** A candidate picked: a card button, a suggested action, its number or its label typed. */
  | { kind: 'choose'; value: string; label: string }
  /** One operator's slot for a place ("qui est le référent France Travail de la Vallée de l'Arve ?"). */
  | { kind: 'referent'; text: string; operator: OperatorId; wave?: Wave }
  | { kind: 'territory-list'; text: string; wave?: Wave }
  /** "Mes aides", or a firm's description to read (`text`). */
  | { kind: 'eligibility'; text?: string; scheme?: string }
  | { kind: 'why-not' }
  /** "C'est quoi le VTE ?", or a scheme's name alone: what the scheme is (`scheme`: its id). */
  | { kind: 'scheme-info'; scheme: string }
  /** `text`: the typed request, which may also say where the site is ("usine à Figeac, contacter Bpifrance"). */
  /**
   * `moved`: the request being written goes on, from another site ("en fait on est à Thiers") or
   * to another operator ("en fait plutôt France Travail"), with the answers already given.
   */
  | { kind: 'contact'; operator?: OperatorId; text?: string; moved?: true; place?: string }
  | { kind: 'status'; text: string }
  /** The contact summary's buttons, or a consent typed while the summary waits. */
  | { kind: 'consent'; answer: 'accept' | 'cancel'; draftId?: string }
  /** The answer to the pending question of a flow, read by that flow. */
  | { kind: 'answer'; text: string };

export interface RouteInput {
  type: string;
  text?: string;
  value?: unknown;
}

export interface RouteMemory {
  pending?: Question;
  /** The waves the knowledge base has, for "liste 2019". */
  waves: readonly Wave[];
  /** The last answer was a list of territories ("et en Bretagne ?" follows it up): its request's text, if known. */
  listed?: string;
  /** The scheme the last answer explained ("on y a droit ?" asks about it). */
  schemeAsked?: string;
  /** A place was shown before ("Oyonnax", then "et en 2019 ?" asks for it in that list). */
  placeShown?: boolean;
  /** The scheme a text names, if any (the schemes knowledge base, when there is one). */
  schemeNamed?: (text: string, asked: boolean) => SchemeMention | null;
}

/** Reads the place a text names, for the list it is asked about (the resolver, in memory). */
export type PlaceReader = (text: string, wave?: Wave) => LookupResult;

// ---------------------------------------------------------------------------------------------
// Patterns, on the folded text (lower case, no accents, words separated by single spaces)
// ---------------------------------------------------------------------------------------------

const HELP = /^(aide|help|\?|au secours|a l aide|que sais tu faire|que peux tu faire|tu sers a quoi|what can you do|how does it work|comment ca marche)$/;
const RESTART = /^(recommencer|recommence|annuler|annule|stop|reset|cancel|start over|restart|quit|on recommence|on reprend a zero)$/;
// Only a message that is nothing but a greeting or thanks: "Bonjour, notre usine est à X" is a place.
// Chat shorthand too ("slt", "bjr", "cc"): a manager typing on a phone writes like that.
const GREETING = /^(bonjour|bonsoir|salut|coucou|slt|bjr|bsr|cc|yo|hello|hi|hey|good (morning|afternoon|evening))( (a )?(vous|tous|toi|there|everyone))?$/;
const THANKS =
  /^((ok|okay|super|parfait|top|genial|tres bien|d accord|great|perfect|ok great) )?(merci|thanks|thank you|cheers)( (beaucoup|bien|a vous|pour tout|very much|a lot|so much))?( (bonne journee|au revoir|bye))?$/;
// Asks for territories in the plural ("quels territoires en Bretagne ?"); "quel territoire pour
// Oyonnax ?" stays a place.
const TERRITORY_LIST =
  /\b(liste|lister|combien|quels sont|quels|tous les|list|how many|which are|which|all)\b.*\b(territoires|territories)\b|^(les )?(territoires d industrie|territoires|territories) (en|dans|de|du|des|d|in)\b/;
const WHY_NOT = /^(et )?(pourquoi pas|why not)\b/;
// Right after a list of territories: the same list for another area ("et en Bretagne ?", "and in Brittany?").
const LIST_FOLLOW_UP = /^(et |and |what about |et pour |et dans )?(en|dans|pour|in|for) [a-z]/;
// "liste 2019", "et en 2019 ?", "la première vague" after a list: the same area, in that list.
const LIST_WAVE_FOLLOW_UP =
  /^(?:(?:et|and|what about|et pour|et sur|and for) )?(?:(?:la|the|l|sur la|dans la|in the) )?(?:(?:(?:liste|list|vague|wave|phase)(?: (?:de|d|du|of))?|en|in|pour|for) )?(?:\d{4}(?: (?:list|liste))?|premiere vague|1re vague|1ere vague|first wave|ancienne liste|old list)$/;
// Asks what something is, after a greeting at most: with a scheme's name, the scheme is described
// ("c koi le VTE", "hello, what is the VTE?", "le VTE c'est quoi ?").
const WHAT_IS =
  /^((et|ok|alors|hello|hi|hey|bonjour|salut|slt|bjr|coucou|dites moi|dis moi) )*(c est quoi|c quoi|c koi|ces quoi|qu est ce que|qu est ce qu|quest ce que|kesako|explique|expliquez|expliquez moi|explique moi|parle moi|parlez moi|infos? sur|what is|what s|what are|tell me about|explain|how does|comment fonctionne|comment marche)\b|\b(c est quoi|c quoi|c koi|kesako|ca consiste en quoi|what is it|ca marche comment|comment ca marche|ca fonctionne comment|comment ca fonctionne)$/;
// "et le VTE ?", "what about the VTE?": a scheme named word for word after these asks about it.
const ABOUT = /^(et|and|what about|how about|quid de|quid du|et pour|et pour le|et pour la)\b/;
/** Asking to be put in touch, whatever else the message says (unlike "qui contacter ?", a question). */
const TOUCH =
  /\b(parler (a|avec)|discuter avec|echanger avec|mettre en relation|mise en relation|etre rappele|etre recontacte|me rappeler|(lui|leur) (parler|ecrire)|(le|la|les) (joindre|contacter)|talk (to|with)|speak (to|with)|get in touch)\b/;
const CONTACT = new RegExp(`\\b(contacter|contactez|contacte|joindre|ecrire a|contact|prendre (un )?(rendez vous|rdv)|reach)\\b|${TOUCH.source}`);
const STATUS =
  /\b(ou en est|ou en sont|suivi de ma demande|statut de ma demande|etat de ma demande|status of my request|my request status|where is my request)\b|\bti \d{4} [a-z0-9]{5}\b/;
const ELIGIBILITY =
  /\b(aides?|dispositifs?|eligibles?|eligibilite|subventions?|financements?|vte|accelerateurs?|que puis je obtenir|a quoi ai je droit|schemes?|eligible|eligibility|funding|grants?|support available)\b/;
// "Are we entitled to it?": after a scheme is explained, about that scheme; otherwise about every one.
const ENTITLED =
  /\b((y|j y|on y|nous y) (a|ai|as|avons|avez|ont|aurait|aurions|aurais) droit|a t on droit|ai je droit|avons nous droit|(sommes nous|suis je|est on|on est|on serait|je suis|nous sommes) eligibles?|(are we|am i|would we be|is my company|is our company) eligible|(do|can|could) (we|i) (qualify|get it|apply)|ca nous concerne|c est pour nous)\b/;
// "On est 12", "nous sommes 45": a headcount with no word around it (a postal code has five digits).
const HEADCOUNT = /^((en fait|bon|alors|euh|ok) )*(on est|on sera|nous sommes|we are|we re) \d{1,4}( (en tout|au total|in total|now))?$/;
// "Mes aides" as a command, as opposed to a name or a need that holds the word ("Aides Industrie SARL").
const ELIGIBILITY_COMMAND =
  /^(et )?(voir |quelles sont |je veux |je voudrais )?(mes|nos|les|quelles|des) (aides|dispositifs|subventions|financements)( possibles| disponibles)?$|^(my|our|which|what|see my) (schemes|funding|grants)$/;
const WHO_IS = /^((hello|hi|bonjour|salut|slt|bjr) )*(qui est|c est qui|quel est|who is|who s|whos|what is)\b/;
const REFERENT = /\b(referents?|referent|refs?|interlocuteurs?|correspondants?|contact chez|qui contacter chez|who is the|who to contact)\b/;

const OPERATORS: ReadonlyArray<[OperatorId, RegExp]> = [
  ['bpifrance', /\bbpi(france)?\b/],
  ['banque-des-territoires', /\b(banque des territoires|bdt|caisse des depots)\b/],
  ['business-france', /\b(business france|team france export|tfe)\b/],
  ['france-travail', /\b(france travail|pole emploi)\b/],
];

// Words that say the message describes the firm (size, money, needs): the eligibility flow reads it.
const PROFILE_HINTS =
  /\b(salaries?|employes?|personnes|collaborateurs|effectifs?|staff|employees|people|person|ca (de )?\d|\d ?(m|k)|chiffre d affaires|turnover|revenue|bilan|m€|k€|millions?|recruter|recrutement|embaucher|hire|hiring|recruit|exporter|export|international|innover|innovation|r d|investir|investissement|invest|former|formation|training|decarboner|decarbonation|transition|foncier|terrain|locaux|batiment|friche|jeune diplome|jeunes diplomes|alternants?|graduate|pme|eti|tpe|sme)\b/;

// "liste 2019", "vague 2019", "2019 list", "première vague".
const WAVE_NAMED = /\b(?:liste|list|vague|wave|phase)(?: de| d| of| du)? (\d{4})\b|\b(\d{4}) (?:list|liste)\b/;
const FIRST_WAVE = /\b(premiere vague|1re vague|1ere vague|first wave|ancienne liste|old list)\b/;

// A refusal typed where the contact flow waits for a name or a need: "non merci" is not a name.
const DECLINE =
  /^(non|no|nope|non merci|no thanks|no thank you|finalement non|laisse tomber|laissez tomber|tant pis|pas maintenant|not now|never mind|nevermind|forget it|oublie|oubliez|je ne veux pas|je veux pas|i don t want to)( (merci|thanks))?$/;

// An operator's name alone, with at most the words around it that say "rather this one" or "and
// this one": in a contact request, the operator to write to instead ("en fait plutôt France
// Travail"); anywhere else, a referent question ("et bpi ?" after a referent was given).
const OPERATOR_NAMES = OPERATORS.map(([, re]) => re.source.replace(/\\b/g, '')).join('|');
const OPERATOR_ALONE = new RegExp(
  `^((en fait|finalement|plutot|non|pardon|euh|ah|oups|et|pour|chez|avec|du cote de|cote|a|au|la|le|l|du|de|alors|rather|actually|instead|sorry|no|i mean|oops|and|what|how|about|the|for|at|with|so) )*(${OPERATOR_NAMES})( (plutot|finalement|en fait|alors|aussi|maintenant|svp|merci|rather|instead|please|too|also|then|now))*$`,
);

// A number written in words, as a question's answer ("quarante-cinq", "deux cents salariés",
// "forty five"): not the communes Quarante (34) or Cent-Acres.
const NUMBER_WORD =
  '(zero|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|nonante|cents?|mille|millions?|milliards?|et|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and)';
const NUMBER_IN_WORDS = new RegExp(
  `^((environ|a peu pres|pres de|plus de|moins de|about|around|nearly|over|under|on est|nous sommes|we are|we re) )?${NUMBER_WORD}( ${NUMBER_WORD})*( (salaries|personnes|employes|collaborateurs|people|employees|staff|euros|k€|m€|€))?$`,
);

// Says where the site is rather than naming someone: "en fait on est à Thiers", "we're in Figeac".
const MOVED =
  /^((en fait|finalement|pardon|euh|oups|non|ah|actually|sorry|oops|no|i mean|wait) )*(on est|nous sommes|je suis|jsuis|chui|notre (site|usine|entreprise|siege) est|l usine est|le site est|we are|we re|i am|i m|our (site|plant|factory) is)( (a|au|aux|en|dans|sur|pres de|in|at|near))? [a-z0-9]/;

const CONSENT_ACCEPT =
  /^(oui|ok|d accord|j accepte|accepte|j accepte et j envoie|envoyer|envoie|je confirme|confirmer|yes|yep|i agree|agree|i agree and send|send|confirm)( (et j envoie|and send|merci|thanks|please|svp))?$/;
const CONSENT_REFUSE =
  /^(non|no|annuler|annule|non annuler|no cancel|cancel|ne pas envoyer|n envoie pas|don t send|do not send|pas maintenant|not now)( (merci|thanks))?$/;

const fold = (text: string) =>
  foldAccents(text)
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9€]+/g, ' ')
    .trim();

/** "oui", "J'accepte et j'envoie", "yes, I agree" → accept; "non", "Non, annuler", "no" → cancel. */
export function consentAnswerOf(text: string | undefined): 'accept' | 'cancel' | null {
  const key = fold(text ?? '');
  if (CONSENT_ACCEPT.test(key)) return 'accept';
  if (CONSENT_REFUSE.test(key)) return 'cancel';
  return null;
}

/** The operator a message names, if any ("plutôt pôle emploi" → France Travail). */
export function contactOperatorOf(text: string): OperatorId | undefined {
  const key = normalizeName(text);
  return OPERATORS.find(([, re]) => re.test(key))?.[0];
}

/**
 * The list a message asks about ("Oyonnax liste 2019", "première vague"), if it names one the
 * base has. `loose` also reads "en 2019", which only a question about lists means that way.
 */
export function waveOf(key: string, waves: readonly Wave[], loose = false): Wave | undefined {
  const named = WAVE_NAMED.exec(key) ?? (loose ? /\b(?:en|in|de|of) (\d{4})\b/.exec(key) : null);
  const year = named ? Number(named[1] ?? named[2]) : undefined;
  if (year !== undefined && waves.includes(year)) return year;
  if (FIRST_WAVE.test(key) && waves.length > 0) return Math.min(...waves);
  // "Thiers 2019": a short lookup with a list's year and nothing else that is a number.
  const words = key.split(' ');
  const years = words.filter((w) => /^\d{4}$/.test(w));
  if (words.length <= 4 && years.length === 1 && waves.includes(Number(years[0]))) return Number(years[0]);
  return undefined;
}

/** The text without what named the list, for the resolver. */
function withoutWave(text: string, wave: Wave | undefined): string {
  if (wave === undefined) return text;
  return text
    .replace(new RegExp(`\\b(?:(?:liste|list|vague|wave|phase)(?: de| d'| of| du)?\\s+)?${wave}(?:\\s+(?:list|liste))?\\b`, 'i'), ' ')
    .replace(/\b(?:premi[eè]re vague|1re vague|1[eè]re vague|first wave|ancienne liste|old list)\b/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const COMPANY_NUMBER = /(?<!\d)\d{3}[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{5})?(?!\d)/;

/** The message, as the resolver reads it: a place, or why there is none. */
function placeIntent(text: string, key: string, memory: RouteMemory, places: PlaceReader): Intent {
  const wave = waveOf(key, memory.waves);
  const query = withoutWave(text, wave);
  // A SIRET or SIREN goes to the company register: only the lookup knows where it leads.
  if (COMPANY_NUMBER.test(query)) return { kind: 'place', text: query, ...(wave !== undefined ? { wave } : {}) };
  const found = places(query, wave);
  if (found.status !== 'unknown') return { kind: 'place', text: query, ...(wave !== undefined ? { wave } : {}) };
  return {
    kind: 'nothing',
    text: query,
    reason: found.reason ?? 'no-place',
    ...(found.departments ? { departments: found.departments } : {}),
    ...(found.placeName ? { placeName: found.placeName } : {}),
    ...(found.namesakes ? { namesakes: found.namesakes } : {}),
  };
}

/** What the message asks for, whatever is pending: null when it is nothing but a reply. */
function requestOf(text: string, key: string, memory: RouteMemory): Intent | null {
  if (GREETING.test(key)) return { kind: 'greeting' };
  if (THANKS.test(key)) return { kind: 'thanks' };
  if (STATUS.test(key)) return { kind: 'status', text };
  if (memory.listed && LIST_WAVE_FOLLOW_UP.test(key)) {
    const wave = waveOf(key, memory.waves, true);
    if (wave !== undefined) return { kind: 'territory-list', text: memory.listed, wave };
  }
  // Not a number alone: at a question, "2019" may be its answer.
  if (memory.placeShown && !memory.listed && !memory.pending && !/^\d+$/.test(key) && LIST_WAVE_FOLLOW_UP.test(key)) {
    const wave = waveOf(key, memory.waves, true);
    if (wave !== undefined) return { kind: 'same-place', wave };
  }
  if (TERRITORY_LIST.test(key) || (memory.listed !== undefined && LIST_FOLLOW_UP.test(key))) {
    const wave = waveOf(key, memory.waves, true);
    return { kind: 'territory-list', text, ...(wave !== undefined ? { wave } : {}) };
  }
  if (WHY_NOT.test(key)) return { kind: 'why-not' };
  const asks = WHAT_IS.test(key);
  const scheme = memory.schemeNamed?.(text, asks);
  // Unasked, a scheme is only ever found word for word: "what about VTE?" names it.
  if (scheme && (scheme.whole || asks || (ABOUT.test(key) && key.split(' ').length <= 6))) return { kind: 'scheme-info', scheme: scheme.scheme.id };
  const operator = contactOperatorOf(text);
  const words = key.split(' ').length;
  const describesFirm = PROFILE_HINTS.test(key);
  // "who is the Bpifrance contact for Figeac?" asks who, as "qui est le référent" does.
  const whoIs = WHO_IS.test(key) && !TOUCH.test(key);
  // The operator's name alone names no place: "Bpifrance" is not an unknown town.
  if (operator && OPERATOR_ALONE.test(key)) return { kind: 'referent', text: '', operator };
  if (operator && (REFERENT.test(key) || whoIs) && (!CONTACT.test(key) || whoIs)) {
    const wave = waveOf(key, memory.waves);
    return { kind: 'referent', text: withoutWave(text, wave), operator, ...(wave !== undefined ? { wave } : {}) };
  }
  // A long description of the firm may say whom it wants to contact: it is read as a description,
  // unless it asks to be put in touch with a named operator.
  if (CONTACT.test(key) && (words <= 12 || !describesFirm || (operator && TOUCH.test(key))))
    return { kind: 'contact', text, ...(operator ? { operator } : {}) };
  if (HEADCOUNT.test(key)) return { kind: 'eligibility', text };
  if (ENTITLED.test(key)) return { kind: 'eligibility', text, ...(memory.schemeAsked ? { scheme: memory.schemeAsked } : {}) };
  // "Mes aides" alone, as its button: about the firm already described, which it does not replace.
  if (ELIGIBILITY_COMMAND.test(key)) return { kind: 'eligibility' };
  if (ELIGIBILITY.test(key) || describesFirm) return { kind: 'eligibility', text };
  return null;
}

const ORDINAL_WORDS = [
  ['premier', 'premiere', '1er', '1ere', 'first', '1st'],
  ['deuxieme', 'second', 'seconde', '2e', '2eme', '2nd'],
  ['troisieme', '3e', '3eme', 'third', '3rd'],
  ['quatrieme', '4e', '4eme', 'fourth', '4th'],
  ['cinquieme', '5e', '5eme', 'fifth', '5th'],
  ['sixieme', '6e', '6eme', 'sixth', '6th'],
];
const ORDINAL = new RegExp(
  `^((c est|it s|its) )?((la|le|the) )?(?:(${ORDINAL_WORDS.flat().join('|')})|dernier|derniere|last)( (commune|ligne|choix|proposition|one|option))?$`,
);
const ONE_OF =
  /^((c est|it s|its) )?(celle|celui|la commune|le site|the one|the town)( (du|de la|de l|de|des|d|dans le|dans la|dans l|dans|en|in|at|of|from))? /;

/** The pending choice a reply picks: its number, its label, or the department it is in. */
function chosen(text: string, key: string, question: Extract<Question, { ask: 'choice' }>, places: PlaceReader): Intent | null {
  const { choices } = question;
  if (/^\d{1,2}$/.test(key) && Number(key) >= 1 && Number(key) <= choices.length) {
    const c = choices[Number(key) - 1]!;
    return { kind: 'choose', value: c.value, label: c.label };
  }
  const name = normalizeName(text);
  const byLabel = choices.find((c) => normalizeName(c.label) === name);
  if (byLabel) return { kind: 'choose', value: byLabel.value, label: byLabel.label };
  // "la deuxième", "the first one", "la dernière": its rank in the list.
  const rank = ORDINAL.exec(key);
  if (rank) {
    const index = rank[5] === undefined ? choices.length - 1 : ORDINAL_WORDS.findIndex((words) => words.includes(rank[5]!));
    const c = choices[index];
    if (c) return { kind: 'choose', value: c.value, label: c.label };
  }
  // "celle du 93", "c'est celle de Seine-Saint-Denis", "the one in La Réunion": a candidate's department.
  const rest = key.replace(ONE_OF, '').replace(/^(la|le|les|l) /, '');
  const byDepartment = choices.filter((c) => {
    const department = /\(([^,()]+), ([0-9AB]{2,3})\)$/.exec(c.label);
    return department !== null && (department[2]!.toLowerCase() === rest || fold(department[1]!).replace(/^(la|le|les|l) /, '') === rest);
  });
  if (byDepartment.length === 1) return { kind: 'choose', value: byDepartment[0]!.value, label: byDepartment[0]!.label };
  // "93", "(93)", "le 974", "Gers", "dans la Drôme": the department of one of the candidates.
  const read = places(text);
  if (read.status === 'unknown' && read.reason === 'department-only' && read.departments) {
    const inDepartments = choices.filter((c) => read.departments!.some((d) => c.label.endsWith(`, ${d})`)));
    if (inDepartments.length === 1) return { kind: 'choose', value: inDepartments[0]!.value, label: inDepartments[0]!.label };
    return { kind: 'place', text: question.query, within: read.departments };
  }
  return null;
}

/**
 * True when a reply is a place the resolver is sure of, not a number that answers a question.
 * `postalCodes`: the question asks for no figure, so a postal code ("01100", "01 100") is a place.
 */
function namesAPlace(key: string, text: string, places: PlaceReader, postalCodes = false): boolean {
  if (postalCodes && POSTAL_CODE.test(key)) return places(text).status !== 'unknown';
  if (/^[\d\s.,]+$/.test(key) || NUMBER_IN_WORDS.test(key)) return false;
  return places(text).status !== 'unknown';
}

// Where the question asks for a figure, "12 000" is an amount, not Rodez's postal code.
const POSTAL_CODE = /^\d{2} ?\d{3}$/;

/**
 * The intent of one activity. Order: card clicks, then what is asked whatever is pending (help,
 * restart), then the answer to the pending question if the message is one, then a new request.
 */
export function route(input: RouteInput, memory: RouteMemory, places: PlaceReader): Intent {
  const pending = memory.pending;
  const action = readCardAction(input.value);
  if (action) {
    switch (action.action) {
      case 'choose':
        return { kind: 'choose', value: action.value, label: action.value };
      case 'eligibility':
        return { kind: 'eligibility' };
      case 'restart':
        return { kind: 'restart' };
      case 'contact':
        return { kind: 'contact', ...(action.operator ? { operator: action.operator } : {}), ...(action.place ? { place: action.place } : {}) };
      case 'contact-consent':
        return { kind: 'consent', answer: 'accept', draftId: action.draftId };
      case 'contact-cancel':
        return { kind: 'consent', answer: 'cancel', draftId: action.draftId };
    }
  }
  const text = (input.text ?? '').trim();
  const key = fold(text);
  if (!key) return { kind: 'empty' };
  if (HELP.test(key)) return { kind: 'help' };
  if (RESTART.test(key)) return { kind: 'restart' };

  if (pending) {
    const reply = replyTo(pending, text, key, memory, places);
    if (reply) return reply;
  }
  return requestOf(text, key, memory) ?? placeIntent(text, key, memory, places);
}

/** The reply to a pending question, or null when the message is a new request instead. */
function replyTo(pending: Question, text: string, key: string, memory: RouteMemory, places: PlaceReader): Intent | null {
  switch (pending.ask) {
    case 'choice':
      return chosen(text, key, pending, places);
    case 'commune-in': {
      const request = requestOf(text, key, memory);
      if (request) return request;
      // Another department instead ("ah non pardon, dans l'Allier"): its commune is asked.
      const place = placeIntent(text, key, memory, places);
      if (place.kind === 'nothing' && place.reason === 'department-only') return place;
      return { kind: 'place', text, departments: pending.departments };
    }
    case 'place': {
      // "Bpifrance" where the contact request asks for the site: the operator to write to, chosen now.
      const operator = pending.flow === 'contact' && OPERATOR_ALONE.test(key) ? contactOperatorOf(text) : undefined;
      if (operator) return { kind: 'contact', operator, moved: true };
      // The place question: a place, or anything else the flow asks again with an example.
      const request = requestOf(text, key, memory);
      if (request && request.kind !== 'eligibility') return request;
      const place = placeIntent(text, key, memory, places);
      if (place.kind === 'place') return place;
      if (place.kind === 'nothing' && place.reason === 'department-only') return place;
      // More about the firm while its place is asked: the eligibility flow keeps it and asks again.
      if (request?.kind === 'eligibility' && pending.flow === 'eligibility') return { kind: 'answer', text };
      if (request) return request;
      return { kind: 'answer', text };
    }
    case 'field': {
      const request = requestOf(text, key, memory);
      // A scheme's bare name when the project is asked ("l'accélérateur") is the project it serves.
      if (request?.kind === 'scheme-info' && pending.field === 'needs' && !WHAT_IS.test(key)) return { kind: 'answer', text };
      // A new description that names its place is a new request; one without is more about the firm.
      if (request?.kind === 'eligibility') return namesAPlace(key, text, places) ? request : { kind: 'answer', text };
      // Anything else is answered on the side (a greeting, thanks, help) or is a new request.
      if (request) return request;
      if (namesAPlace(key, text, places, !FIGURE_FIELDS.has(pending.field))) return placeIntent(text, key, memory, places);
      return { kind: 'answer', text };
    }
    case 'contact':
      return contactReply(pending.step, pending.operator, text, key, memory, places);
  }
}

/** Short commands that end a contact draft, even in a free-text answer ("mes aides", "où en est ma demande ?"). */
function command(text: string, key: string, memory: RouteMemory): Intent | null {
  if (key.split(' ').length > 6) return null;
  const request = requestOf(text, key, memory);
  if (!request || request.kind === 'greeting' || request.kind === 'thanks' || request.kind === 'referent') return null;
  // A firm's name may hold any word; only a command that is the whole message counts.
  if (request.kind === 'eligibility' && !ELIGIBILITY_COMMAND.test(key)) return null;
  // "Formadiag" may be the firm's name; "c'est quoi Forma'Diag ?" is a question.
  if (request.kind === 'scheme-info' && !WHAT_IS.test(key)) return null;
  return request;
}

function contactReply(
  step: Exclude<ContactStep, 'place'>,
  operator: OperatorId | undefined,
  text: string,
  key: string,
  memory: RouteMemory,
  places: PlaceReader,
): Intent | null {
  if (step !== 'consent' && DECLINE.test(key)) return { kind: 'restart' };
  // "en fait plutôt France Travail" where a name is asked: the user changes the operator.
  if (step !== 'operator' && OPERATOR_ALONE.test(key)) {
    const operator = contactOperatorOf(text);
    if (operator) return { kind: 'contact', operator, moved: true };
  }
  switch (step) {
    case 'operator': {
      if (/^[1-4]$/.test(key) || contactOperatorOf(text)) return { kind: 'answer', text };
      const request = requestOf(text, key, memory);
      if (request) return request;
      if (namesAPlace(key, text, places)) return placeIntent(text, key, memory, places);
      return { kind: 'answer', text };
    }
    case 'consent': {
      const answer = consentAnswerOf(text);
      if (answer) return { kind: 'consent', answer };
      return command(text, key, memory) ?? { kind: 'answer', text };
    }
    case 'need':
      // The need is free text: "obtenir des aides pour recruter" is the need, not a new request.
      return { kind: 'answer', text };
    default:
      // "en fait on est à Thiers" where a name is asked: the same request, from the other site.
      if (MOVED.test(key) && namesAPlace(key, text, places)) return { kind: 'contact', text, moved: true, ...(operator ? { operator } : {}) };
      return command(text, key, memory) ?? { kind: 'answer', text };
  }
}
