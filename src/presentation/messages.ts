/**
 * Every sentence, label and button that a firm, an advisor or an operator reads, in one place.
 *
 * For translators: `fr` and `en` below have the same sections in the same order, one per surface
 * (the chat, lookup answers, territory lists, cards, eligibility, contact requests, request
 * status, Teams search). `en` is typed after `fr`, so a missing or extra English string fails the
 * type-check. Two surfaces are French only, for their audience: the notification sent to
 * operators' referents and teams (NOTIFICATION), and the advisors' command line (CLI).
 *
 * Functions take values that the caller has already prepared for the target (escaped for
 * Markdown in a card, plain in a text message): this module never escapes anything itself. The
 * `card` section is inserted into cards unescaped, so it holds no Markdown (a test checks it).
 */
import type { RequestStatus } from '../domain/contact/types';
import type { Figure, SizeField } from '../domain/company/size';
import type { Need, ProfileField } from '../domain/profile/types';
import type { Wave } from '../domain/types';
import type { Lang } from './lang';

// ---------------------------------------------------------------------------------------------
// Building blocks shared by every surface
// ---------------------------------------------------------------------------------------------

/** The period a wave covers, as the ANCT names its lists. */
export function periodLabel(wave: Wave): string {
  if (wave === 2023) return '2023-2027';
  if (wave === 2019) return '2019-2022';
  return String(wave);
}

/** "Liste 2023-2027" / "2023-2027 list". */
export function waveLabel(wave: Wave, lang: Lang): string {
  return lang === 'fr' ? `Liste ${periodLabel(wave)}` : `${periodLabel(wave)} list`;
}

/** Lower-case form for use inside a sentence ("(liste 2023-2027)"). */
export function waveLabelInline(wave: Wave, lang: Lang): string {
  return lang === 'fr' ? `liste ${periodLabel(wave)}` : waveLabel(wave, lang);
}

/**
 * Source dates are stored as published ("2024-10", "2020-03-10"); French readers get day/month/year.
 * Anything else is shown as stored rather than guessed.
 */
export function formatSourceDate(date: string, lang: Lang): string {
  const d = date.trim();
  if (lang === 'en') return d;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(d);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(d);
  if (m) return `${m[2]}/${m[1]}`;
  return d;
}

/**
 * The month an offer was last attested, as a sentence says it ("jusqu'en février 2020", "until
 * February 2020"): stored "2020-02"; a year alone or anything else stays as stored.
 */
export function formatMonth(date: string, lang: Lang): string {
  const key = `${lang}\u0000${date}`;
  let said = monthsSaid.get(key);
  if (said === undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(date.trim());
    said = m ? dateFormat('month', lang).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15))) : date.trim();
    if (monthsSaid.size >= MAX_MONTHS_SAID) monthsSaid.clear();
    monthsSaid.set(key, said);
  }
  return said;
}

// Every eligibility answer words the same few dates of the schemes base (attested until, figures
// as of) for each scheme, and a date's formatting costs a few microseconds: each is worded once.
const monthsSaid = new Map<string, string>();
const MAX_MONTHS_SAID = 512;

/** A request's date as a reader says it ("12 mars 2026" / "12 March 2026"), in French time. */
export function formatDay(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat('day', lang).format(d);
}

const DATE_FORMATS: Record<'month' | 'day', Intl.DateTimeFormatOptions> = {
  month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
  day: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' },
};
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per kind and language, made on first use: `toLocaleDateString` builds a new one at
 * each call (about 20 µs each), and an eligibility answer dates several offers.
 */
function dateFormat(kind: 'month' | 'day', lang: Lang): Intl.DateTimeFormat {
  const key = `${kind}-${lang}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', DATE_FORMATS[kind]);
    dateFormats.set(key, format);
  }
  return format;
}

/** The size figures a firm gave, as said back to it (a value, or a range such as "une cinquantaine"). */
export type SizeFigures = Partial<Record<SizeField, Figure>>;

/** An amount as a firm writes it: "25 M€", "2,5 M€", "800 000 €" / "€25M", "€800,000". */
function amount(eur: number, lang: Lang): string {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const millions = eur >= 1_000_000 ? (eur / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 1 }) : null;
  if (lang === 'en') return millions ? `€${millions}M` : `€${eur.toLocaleString(locale)}`;
  return millions ? `${millions} M€` : `${eur.toLocaleString(locale)} €`;
}

/** A value or a range: "45", "40 à 60", "au moins 250" / "40 to 60", "at least 250". */
function figure(value: Figure, lang: Lang, show: (n: number) => string): string {
  if (typeof value === 'number') return show(value);
  if (!Number.isFinite(value.max)) return `${lang === 'fr' ? 'au moins' : 'at least'} ${show(value.min)}`;
  return `${show(value.min)} ${lang === 'fr' ? 'à' : 'to'} ${show(value.max)}`;
}

/** "C'est noté : 300 salariés, chiffre d'affaires de 25 M€." / "Noted: 300 employees, turnover of €25M." */
function notedFigures(said: SizeFigures, lang: Lang): string {
  const fr = lang === 'fr';
  const count = (n: number) => n.toLocaleString(fr ? 'fr-FR' : 'en-GB');
  const money = (n: number) => amount(n, lang);
  const parts: string[] = [];
  if (said.headcount !== undefined) parts.push(`${figure(said.headcount, lang, count)} ${fr ? 'salariés' : 'employees'}`);
  if (said.turnoverEur !== undefined) parts.push(`${fr ? "chiffre d'affaires de" : 'turnover of'} ${figure(said.turnoverEur, lang, money)}`);
  if (said.balanceSheetEur !== undefined) parts.push(`${fr ? 'total de bilan de' : 'balance-sheet total of'} ${figure(said.balanceSheetEur, lang, money)}`);
  if (!parts.length) return fr ? "C'est noté." : 'Noted.';
  return fr ? `C'est noté : ${parts.join(', ')}.` : `Noted: ${parts.join(', ')}.`;
}

/** "Label : valeur" in French typography, "Label: value" in English. */
export function labelled(lang: Lang, label: string, value: string): string {
  return lang === 'fr' ? `${label} : ${value}` : `${label}: ${value}`;
}

/** A heading that introduces a list: "Titre :" / "Title:". */
export function listHeading(lang: Lang, text: string): string {
  return lang === 'fr' ? `${text} :` : `${text}:`;
}

/** The line under an ambiguity question's candidates: how to find a place that is not offered. */
export function choicesHint(lang: Lang, shown: number, total: number, byPostalCode: boolean): string {
  const s = messages(lang).card;
  if (total > shown) return byPostalCode ? s.choicesTruncatedPostal(shown, total) : s.choicesTruncated(shown, total);
  return byPostalCode ? s.choicesHintPostal : s.choicesHint;
}

/**
 * Version of the consent wording (card.consent), stored with each request (Consent.textVersion)
 * so what a firm agreed to can be shown again. The server sets it when it records the consent,
 * whatever a card sends back. CONSENT_TEXT_FINGERPRINT guards it: change the wording and the
 * tests fail until both are updated together.
 */
export const CONSENT_TEXT_VERSION = 'contact-consent-2';
export const CONSENT_TEXT_FINGERPRINT = '55c622cacc67';

// ---------------------------------------------------------------------------------------------
// French
// ---------------------------------------------------------------------------------------------

const fr = {
  /** The chat (Teams, web chat): greetings, help, restart, errors. */
  chat: {
    welcome:
      "Bonjour ! Je suis l'assistant Territoires d'industrie. Indiquez-moi où se trouve votre site (commune, code postal, SIRET ou une phrase comme « notre usine est à Oyonnax ») : je vous dis dans quel Territoire d'industrie il se trouve, qui sont vos référents chez Banque des Territoires, Bpifrance, Business France et France Travail, et quelles aides peuvent vous concerner. Tapez « aide » à tout moment.",
    help: "Je peux :\n- trouver votre Territoire d'industrie et vos 4 référents : donnez une commune, un code postal, un code INSEE ou un SIRET ;\n- vous dire quelles aides vous concernent et pourquoi : « mes aides » ;\n- transmettre une demande à un référent : « contacter mon référent Bpifrance » ;\n- lister les Territoires d'industrie d'une région ou d'un département : « territoires d'industrie en Bretagne ».\nTapez « recommencer » pour repartir de zéro.",
    thanks: 'Avec plaisir ! Vous pouvez me donner une autre commune, demander « mes aides » ou « contacter mon référent ».',
    restart: "C'est noté, on recommence. Où se trouve votre site ?",
    error: "Désolé, quelque chose s'est mal passé de mon côté. Votre message n'est pas perdu : vous pouvez le renvoyer, ou taper « recommencer ».",
    /** The storage (disk, Azure) is out of reach for now: nothing recorded is lost. */
    unavailable:
      "Désolé, je ne peux pas enregistrer notre échange pour le moment (stockage momentanément indisponible). Ce qui était déjà enregistré n'est pas perdu : réessayez dans une minute.",
    /** A message with no text (an empty card click, an attachment alone). */
    empty: "Indiquez-moi une commune, un code postal ou un SIRET, et je vous dis dans quel Territoire d'industrie se trouve votre site.",
    /** A message longer than the assistant reads (MAX_PARSED_CHARS). */
    longMessage: (chars: number) => `Votre message est très long : j'en lis les ${chars.toLocaleString('fr-FR')} premiers caractères.`,
    /** A message that names nothing the assistant handles: what it can do, with examples, in one sentence. */
    capabilities:
      "Je peux vous dire dans quel Territoire d'industrie se trouve votre site et qui sont vos référents (donnez une commune, un code postal ou un SIRET, par exemple « Oyonnax » ou « 01100 »), quelles aides vous concernent (« mes aides ») ou transmettre votre demande à un référent (« contacter Bpifrance »).",
    /** A flow left unanswered past the drafts' lifetime was dropped, with what it held. */
    flowExpired:
      "La question que je vous avais posée est restée sans réponse trop longtemps : j'ai effacé ce que vous m'aviez indiqué, rien n'a été envoyé. Reprenons avec votre nouveau message.",
  },

  /** The text sent with a lookup answer (all that a channel without cards shows). */
  lookup: {
    siretInvalid: "Ce numéro n'est pas un SIRET valide (la clé de contrôle ne correspond pas). Vérifiez-le, ou indiquez-moi la commune de votre site.",
    siretNotFound: "Je ne trouve pas d'établissement avec ce numéro dans le répertoire des entreprises. Indiquez-moi plutôt la commune de votre site.",
    registerUnavailable: "Le répertoire des entreprises ne répond pas pour l'instant. Indiquez-moi plutôt la commune de votre site.",
    notFound: (query: string) =>
      `Je n'ai pas trouvé de lieu correspondant à « ${query} ». Essayez un nom de commune, un code postal (5 chiffres) ou un SIRET (14 chiffres).`,
    ambiguous: (query: string, hint: string) =>
      `Plusieurs lieux correspondent à « ${query} » et ne sont pas dans le même territoire. Lequel est le vôtre ? (${hint})`,
    postalCode: (code: string) => `Le code postal ${code}`,
    intercommunality: (name: string) => `L'intercommunalité « ${name} »`,
    thisPlace: 'Ce lieu',
    /** Put before the place when the lookup came from a SIRET. */
    establishment: (name: string) => `L'établissement ${name} : `,
    outside: (place: string, wave: string) =>
      `${place} n'est dans aucun Territoire d'industrie (${wave}). Les opérateurs restent joignables : voici leurs points d'entrée.`,
    territoryNamed: (name: string, wave: string, region: string) =>
      `« ${name} » est un Territoire d'industrie (${wave}, ${region}). Ses référents sont ci-dessous.`,
    inTerritory: (place: string, name: string, wave: string, region: string, referents: string) =>
      `${place} est dans le Territoire d'industrie « ${name} » (${wave}, ${region}). ${referents}`,
    partlyIn: (place: string, name: string, wave: string, region: string, count: number, total: number, referents: string) =>
      `${place} est en partie dans le Territoire d'industrie « ${name} » (${wave}, ${region}) : ${count} de ses ${total} communes en ${count > 1 ? 'font' : 'fait'} partie. ${referents}`,
    referentsBelow: (named: number) =>
      named === 4
        ? 'Vos 4 référents sont ci-dessous.'
        : `Vos référents sont ci-dessous (${4 - named} sur 4 pas encore désignés : je vous donne alors le point d'entrée de l'opérateur).`,
    /** Advisors type INSEE codes; the few that are also postal codes must not be misread silently. */
    alsoInseeCode: (code: string, name: string, department: string) =>
      `(« ${code} » est aussi le code INSEE de ${name} (${department}) : écrivez « INSEE ${code} » pour cette commune.)`,
    /** Smaller places that share the name of the one answered ("Cluses" → also Les Cluses (66)). */
    namesakes: (labels: string) => `(Il existe aussi ${labels} : si c'est là, choisissez-la ci-dessous.)`,
    /** A Territoire d'industrie named like the department asked about ("Vaucluse"), among the namesakes. */
    territoryNamesake: (name: string) => `le Territoire d'industrie « ${name} »`,
    /** A word where a place would be, but no commune of that name. */
    unknownPlace: (query: string) =>
      `Je ne connais pas de commune « ${query} ». Vérifiez l'orthographe, ou donnez le code postal (5 chiffres) ou le SIRET (14 chiffres) de votre site.`,
    unknownCode: (code: string) => `Aucune commune n'a le code « ${code} ». Vérifiez-le, ou donnez le nom de la commune de votre site.`,
    /** A department and no commune ("le 74"): which commune in it. */
    communeIn: (departments: string, example: { name: string; postalCode: string } = { name: 'Cluses', postalCode: '74300' }) =>
      `Dans quelle commune du département ${departments} se trouve votre site ? Donnez son nom ou son code postal, par exemple « ${example.name} » ou « ${example.postalCode} ».`,
    department: (name: string, code: string) => `${name} (${code})`,
    /** The candidates offered, narrowed by a department none of them is in. */
    noneIn: (query: string, departments: string) =>
      `Aucun des lieux « ${query} » proposés n'est dans le département ${departments}. Choisissez parmi ceux proposés, ou donnez le code postal de votre commune.`,
    /** The place already known, given again as the answer to another question. */
    samePlace: (place: string) => `C'est noté, votre site est bien à ${place}.`,
    /** An answer to "which one?" that picks none of the places offered. */
    pickAgain: (query: string, count: number) =>
      `Je n'ai pas compris lequel des lieux « ${query} » est le vôtre : choisissez-en un ci-dessous (ou tapez son numéro, de 1 à ${count}), ou tapez le nom de votre commune.`,
    /** "Qui est le référent France Travail de la Vallée de l'Arve ?": one operator's slot. */
    referentNamed: (operator: string, territory: string, wave: string, person: string) =>
      `Référent ${operator} du Territoire d'industrie « ${territory} » (${wave}) : ${person}.`,
    referentNone: (operator: string, territory: string, wave: string) =>
      `Aucun référent ${operator} n'est encore désigné pour le Territoire d'industrie « ${territory} » (${wave}).`,
    referentOutside: (place: string, wave: string, operator: string) =>
      `${place} n'est dans aucun Territoire d'industrie (${wave}) : il n'y a donc pas de référent ${operator} attitré.`,
    referentEntryPoints: (entryPoints: string) => `En attendant, le point d'entrée : ${entryPoints}.`,
    referentNoEntryPoint: "Aucun point d'entrée n'est publié pour cet opérateur.",
    /** "Le référent Bpifrance ?" with no place named nor known yet. */
    referentWhere: (operator: string) =>
      `Le référent ${operator} dépend du Territoire d'industrie de votre site : indiquez sa commune, son code postal ou son SIRET (par exemple « référent ${operator} Oyonnax »).`,
  },

  /** "Quels territoires en Bretagne ?", "combien de territoires ?". */
  territoryList: {
    yours: 'Pour le vôtre et vos référents, donnez-moi une commune, un code postal ou un SIRET.',
    counts: (list: string, count: number, before: string, yours: string) =>
      `La ${list} compte ${count} Territoires d'industrie${before ? ` (${before})` : ''}. Pour ceux d'une région ou d'un département, demandez par exemple « territoires d'industrie en Bretagne ». ${yours}`,
    earlierCount: (list: string, count: number) => `la ${list} en comptait ${count}`,
    countsSeparator: ', ',
    none: (area: string, list: string, yours: string) => `${area} : aucun Territoire d'industrie (${list}). ${yours}`,
    some: (area: string, count: number, list: string, names: string[], yours: string) =>
      `${area} : ${count} ${count === 1 ? "Territoire d'industrie" : "Territoires d'industrie"} (${list}) : ${names.join(' ; ')}. ${yours}`,
  },

  /** Cards (territory, choices, schemes, contact) and their plain-text versions. No Markdown here. */
  card: {
    territoryKicker: "Territoire d'industrie",
    territorySentence: (name: string, wave: string, region: string) => `Territoire d'industrie « ${name} » (${wave}${region ? `, ${region}` : ''})`,
    outsideTitle: "Hors Territoire d'industrie",
    outside: (place: string, wave: string) => `${place} n'est dans aucun Territoire d'industrie (${wave}).`,
    outsidePlaceUnknown: 'Ce lieu',
    outsideHelp: "Les opérateurs publics restent joignables : voici leurs points d'entrée pour votre région.",
    region: (r: string) => `Région ${r}`,
    commune: (name: string, dept: string) => `Commune : ${name} (${dept})`,
    intercommunality: (name: string) => `Intercommunalité : ${name}`,
    /** The 2023-2027 phase's project lead: no directory is published, so no person is ever named here. */
    projectTeam:
      "Depuis 2023, chaque Territoire d'industrie a un chef de projet cofinancé par l'État ; aucun annuaire n'en est publié : votre intercommunalité est la porte d'entrée locale pour le joindre.",
    /** An intercommunality only partly in the territory (its communes on their own are members). */
    partly: (name: string, count: number, total: number, communes: string) =>
      `${name} n'en fait partie qu'en partie : ${count} de ses ${total} communes (${communes}).`,
    establishment: (name: string) => `Établissement : ${name}`,
    referentsIntro: (named: number) =>
      named === 4 ? 'Vos 4 référents :' : `Vos référents (${4 - named} sur 4 pas encore désignés : je vous donne alors le point d'entrée de l'opérateur) :`,
    notDesignated: 'Référent non encore désigné',
    meanwhile: 'En attendant, contactez :',
    /** `source` is sourceDated or sourceUndated, put after what the entry point is. */
    regionalOffice: (city: string, source: string) => `Bureau régional signalé en dernier à ${city} (${source})`,
    regionalOfficeNoCity: (source: string) => `Direction régionale (${source})`,
    nationalEntry: (source: string) => `Point d'entrée national (${source})`,
    sourceDated: (date: string) => `source ${date}`,
    sourceApprox: (year: string) => `source vers ${year}`,
    sourceUndated: 'source non datée',
    /** Added to the source of an entry point the research gives as medium or low certainty. */
    toCheck: (source: string) => `${source}, à vérifier`,
    noEntryPoint: "Aucun point d'entrée publié pour cet opérateur.",
    phone: 'Tél.',
    email: 'Courriel',
    website: 'Site web',
    verified: (date: string) => `Information vérifiée le ${date}`,
    writeTo: (name: string) => `Écrire à ${name}`,
    call: (phone: string) => `Appeler le ${phone}`,
    contactNamed: (operator: string) => `Contacter mon référent ${operator}`,
    contactEntryPoint: (operator: string) => `Contacter ${operator}`,
    seeSchemes: 'Voir mes aides',
    restart: 'Recommencer',
    // choices
    choicesQuestion: (query: string) => `Plusieurs lieux correspondent à « ${query} ». Lequel est le vôtre ?`,
    choicesHint: 'Vous pouvez aussi préciser le département ou le code postal.',
    choicesTruncated: (shown: number, total: number) => `Seuls ${shown} lieux sur ${total} sont proposés : précisez le département ou le code postal.`,
    choicesHintPostal: 'Vous pouvez aussi taper le nom de votre commune.',
    choicesTruncatedPostal: (shown: number, total: number) =>
      `Seules les ${shown} communes les plus peuplées sur ${total} sont proposées : si la vôtre n'y est pas, tapez son nom.`,
    // schemes
    schemesTitle: 'Vos aides possibles',
    schemesFor: (territory: string) => `Territoire d'industrie « ${territory} »`,
    eligibleHeading: 'Accessibles a priori',
    noEligible: "Aucune aide n'apparaît accessible avec les informations données.",
    unknownHeading: 'À vérifier',
    missing: (items: string) => `Il me manque : ${items}`,
    toConfirm: 'à confirmer auprès du référent',
    conditions: (list: string) => `Conditions à vérifier : ${list}`,
    staleOffer: (date: string) => `Offre attestée jusqu'en ${date} : à confirmer`,
    /** A disagreement between sources, kept visible rather than resolved. */
    conflict: (text: string) => `Sources divergentes : ${text}`,
    contactLabel: 'Contact',
    applyLabel: 'Comment faire',
    referentOf: (name: string, operator: string) => `${name} (${operator})`,
    notDesignatedOf: (operator: string) => `${operator} : référent non encore désigné`,
    entryPointOf: (office: string) => `point d'entrée : ${office}`,
    whyNot: 'Pourquoi pas ?',
    notEligibleHeading: 'Aides non accessibles et pourquoi',
    // contact
    contactTitle: 'Votre demande de contact',
    contactCheck: 'Vérifiez les informations avant envoi.',
    firm: 'Entreprise',
    person: 'Interlocuteur',
    need: 'Besoin',
    territory: 'Territoire',
    recipient: 'Destinataire',
    recipientNamed: (name: string, role: string, operator: string) => `${name}, ${role} (${operator}), référent du territoire`,
    recipientEntryPoint: (office: string, operator: string) => `${office} (${operator}) : point d'entrée de l'opérateur, aucun référent n'étant désigné`,
    recipientOperatorOnly: (operator: string) => `${operator} : aucun référent n'est désigné`,
    privacyHeading: 'Vos données',
    /** `privacy`: where to ask to see, correct or delete the data (config PRIVACY_CONTACT), or null. */
    consent: (recipient: string, days: number, privacy: string | null) =>
      `En cliquant sur « J'accepte et j'envoie », vous acceptez que ces informations (entreprise, interlocuteur, coordonnées, besoin et territoire) soient transmises à ${recipient}, uniquement pour qu'il vous recontacte. Elles sont conservées ${days} jours puis supprimées. Pour les consulter, les corriger ou les supprimer, ${privacy ? `écrivez à ${privacy}` : "adressez-vous à l'organisme qui vous propose cet assistant"}, en citant la référence de votre demande.`,
    accept: "J'accepte et j'envoie",
    cancel: 'Annuler',
    sentTitle: 'Demande enregistrée',
    reference: (ref: string) => `Référence : ${ref}`,
    /** Said only of a request a notifier takes: "transmise" waits until it has. */
    sentAutomatic: (recipient: string) => `Votre demande part par envoi automatique à ${recipient}.`,
    sentManual: (recipient: string, days: number | undefined) =>
      `Votre demande est enregistrée pour ${recipient}. Aucun envoi automatique n'est configuré : un administrateur la transmettra à la main${days ? ` sous ${days} jours ouvrés` : ', sans délai garanti'}.`,
    keepReference: 'Gardez cette référence : elle permet de suivre votre demande.',
  },

  /** "Mes aides": the text with the schemes card, the follow-up questions, "pourquoi pas ?". */
  eligibility: {
    adviceFor: (territory: string | undefined) =>
      territory ? `Pour votre établissement (Territoire d'industrie « ${territory} »)` : "Pour votre établissement (hors Territoire d'industrie)",
    open: (count: number, names: string) => (count === 1 ? `Un dispositif vous est ouvert : ${names}.` : `${count} dispositifs vous sont ouverts : ${names}.`),
    noneOpen: "Aucun dispositif n'est ouvert à coup sûr avec ce que je sais.",
    toClarify: (names: string) => ` À préciser : ${names}.`,
    /** After the first names of a long list ("A, B, C, D et 3 autres"). */
    andMore: (count: number) => (count === 1 ? ' et un autre' : ` et ${count} autres`),
    advice: (head: string, open: string, toClarify: string) =>
      `${head} : ${open}${toClarify} Le détail, les raisons et qui contacter sont ci-dessous ; « pourquoi pas ? » dans la carte explique les autres.`,
    askPlace:
      "Pour vous dire quelles aides vous concernent, il me faut d'abord votre établissement : dans quelle commune se trouve-t-il (nom, code postal ou SIRET) ?",
    /** After each follow-up question. */
    questionHint: ' (ou « recommencer » pour changer de sujet)',
    notUnderstood: "Je n'ai pas compris cette réponse ; je garde ce que je sais déjà.",
    /** The place already known given again instead of an answer, twice: the questions stop there. */
    questionsStopped:
      "Je m'arrête là pour les questions. Vous pouvez compléter quand vous voulez (par exemple « 45 salariés, on veut exporter »), ou demander « contacter mon référent ».",
    /** Numbers written in words could not be read within the turn (the parser still warming, or busy). */
    figuresUnread:
      "Je n'ai pas pu lire à temps les nombres écrits en lettres dans votre message (effectif, chiffre d'affaires…) : je continue sans eux. Redonnez-les-moi en chiffres quand vous voulez, par exemple « 120 salariés, 12 M€ de CA ».",
    /** The user cannot answer a question: it is left aside (and not asked again). */
    unanswered: 'Pas de souci, je laisse cette question de côté : les dispositifs concernés restent « à préciser » avec le référent.',
    /** The user has no project in mind: without one no scheme can be sorted, so the questions stop. */
    projectUnknown:
      'Pas de souci. Sans projet, je ne peux pas trier les dispositifs : revenez vers moi quand vous en aurez un (par exemple « on veut recruter » ou « investir dans une machine »), ou demandez « contacter mon référent » pour en parler avec un référent.',
    /** The same as figuresUnread, for the answer to a question: the question is asked again. */
    answerUnread: "Un instant : je n'ai pas pu lire à temps ce nombre écrit en lettres. Pouvez-vous l'écrire en chiffres (par exemple 120, ou 12 M€) ?",
    /** The place question again, when the answer named no commune. */
    placeAgain:
      "Je n'ai pas trouvé de commune dans votre réponse. Dans quelle commune se trouve votre établissement ? Par exemple « Oyonnax », « 01100 » ou un SIRET.",
    /** Said before a question asked again, when its answer could not be read. */
    answerAgain: "Je n'ai pas compris cette réponse.",
    /** A figure the user does not know exactly: asked again once. */
    estimateWillDo: 'Pas de souci : un ordre de grandeur suffit.',
    /** Figures given when the project was asked: said back, so the user sees they are kept. */
    noted: (said: SizeFigures) => notedFigures(said, 'fr'),
    /** How to answer each question, when it is asked again. */
    examples: {
      communeCode: 'par exemple « Oyonnax » ou « 01100 »',
      headcount: 'répondez par un nombre, par exemple « 45 » ou « 45 salariés »',
      turnoverEur: 'par exemple « 12 M€ » ou « 800 000 € »',
      balanceSheetEur: 'par exemple « 8 M€ »',
      naf: 'par exemple « 25.62A » ou « décolletage »',
      needs: 'par exemple « recruter », « investir dans une machine » ou « exporter »',
      wantsYoungGraduate: 'répondez « oui » ou « non »',
      independent: 'répondez « oui » ou « non »',
      groupFigures: 'répondez par un nombre, par exemple « 250 »',
      ecologicalProject: 'répondez « oui » ou « non »',
      trainsJobseekers: 'répondez « oui » ou « non »',
      wantsVie: 'répondez « oui » ou « non »',
    } satisfies Record<ProfileField, string>,
    /** The firm's project, as a need of the knowledge base. */
    needs: {
      recruter: 'recruter',
      innover: 'innover (R&D, nouveau produit)',
      investir: 'investir (machine, ligne de production)',
      exporter: "exporter / se développer à l'international",
      'foncier-immobilier': 'foncier / immobilier industriel',
      former: 'former / développer les compétences',
      'transition-ecologique': 'transition écologique / décarbonation',
    } satisfies Record<Need, string>,
    /** What the eligibility engine says by itself (the knowledge base's sentences come worded). */
    notes: {
      attestedUntil: (date: string) => `Dispositif attesté jusqu'en ${date} ; sa disponibilité actuelle est à confirmer auprès du référent.`,
      uncertain: 'Informations incertaines (sources anciennes, variables ou contradictoires) : à confirmer auprès du référent.',
      conflict: (text: string) => `${text} Valeur à confirmer auprès du référent.`,
      euSmeDefinition:
        'La définition européenne de la PME (entreprises liées, participations de plus de 25 %) peut exclure une filiale de groupe : à confirmer auprès du référent.',
      closed: (date: string | undefined) => `Dispositif clos${date ? ` (${date})` : ''}.`,
      abolished: (date: string | undefined) => `Dispositif supprimé${date ? ` (${date})` : ''}.`,
      territoryBeneficiary: 'Le bénéficiaire est le territoire, pas l’entreprise.',
      groupSize: "Filiale d'un groupe : la catégorie d'entreprise se calcule avec le groupe (entreprises liées) ; taille du groupe à préciser",
      sizeFigures: (fields: readonly SizeField[]) =>
        `Catégorie d'entreprise à préciser (${fields.map((f) => ({ headcount: 'effectif', turnoverEur: "chiffre d'affaires", balanceSheetEur: 'total de bilan' })[f]).join(' ou ')})`,
      /** Joins the reasons of every condition met. */
      allMet: (reasons: string[]) => reasons.join(' ; '),
    },
    whyNotFirst: "Dites-moi d'abord où se trouve votre établissement et ce que vous cherchez (par exemple « mes aides »).",
    whyNotHead: 'Ces dispositifs ne vous concernent pas :',
    whyNotNone:
      "Aucun dispositif de ma base n'est écarté pour vous avec ce que je sais : ceux qui peuvent vous concerner sont dans la carte, ouverts ou à préciser.",
    /** "C'est quoi le VTE ?": the scheme as the knowledge base describes it. */
    about: {
      runBy: 'Porté par',
      openTo: 'Pour qui',
      apply: 'Pour en bénéficier',
      checkFit:
        "Pour savoir s'il vous concerne, décrivez votre entreprise, par exemple « PME de 40 salariés à Oyonnax, on veut recruter un jeune diplômé », ou tapez « mes aides ».",
    },
    noSchemeFor: (need: string, operator: string) =>
      `Pour votre projet (${need}), ma base ne contient aucun dispositif ouvert à votre entreprise : l'opérateur à qui le demander est ${operator}.`,
    /** The question asked for each missing fact, the one that decides the most schemes first. */
    questions: {
      communeCode: 'Dans quelle commune se trouve votre établissement (nom ou code postal) ?',
      headcount: 'Combien de salariés compte votre entreprise (groupe compris) ?',
      turnoverEur: "Quel est votre chiffre d'affaires annuel (dernier exercice clos, groupe compris) ?",
      balanceSheetEur: 'Quel est le total de votre bilan (dernier exercice clos) ?',
      naf: 'Quel est votre code NAF (APE) ou votre activité principale ?',
      needs:
        'Quel est votre projet : recruter, innover (R&D, nouveau produit), investir dans une machine ou une ligne de production, décarboner, former, exporter, ou trouver un terrain ou des locaux ?',
      wantsYoungGraduate: 'Souhaitez-vous recruter un jeune diplômé (bac+2 ou plus, diplômé depuis moins de 2 ans) ou un alternant ?',
      independent: 'Votre entreprise est-elle indépendante, c’est-à-dire non détenue par un groupe ?',
      groupFigures: 'Votre entreprise fait partie d’un groupe : combien de salariés compte le groupe en tout (toutes sociétés liées comprises) ?',
      ecologicalProject: 'Votre projet sert-il la transition écologique ou énergétique (décarbonation, économies d’énergie, économie circulaire) ?',
      trainsJobseekers: 'Voulez-vous former des demandeurs d’emploi avant de les embaucher (plutôt que vos salariés actuels) ?',
      wantsVie: 'Envisagez-vous d’envoyer un jeune (18 à 28 ans) en mission à l’étranger pour votre développement international (VIE) ?',
    } satisfies Record<ProfileField, string>,
  },

  /** The contact dialog: from a territory to a request to one referent. */
  contact: {
    askPlace:
      "Pour transmettre votre demande au bon référent, j'ai besoin de savoir où se trouve votre site : indiquez la commune, le code postal ou le SIRET.",
    placeAgain:
      "Je n'ai pas trouvé de commune dans votre réponse. Où se trouve votre site ? Donnez la commune, le code postal ou le SIRET, par exemple « Oyonnax » ou « 01100 ».",
    noTerritory:
      "Je n'ai pas pu situer votre site : indiquez-moi sa commune, son code postal ou son SIRET, puis redemandez « contacter mon référent ». Les points d'entrée des opérateurs restent joignables directement.",
    whichOperator: 'Quel opérateur souhaitez-vous contacter ?',
    whichOperatorRetry: 'Choisissez un opérateur parmi Banque des Territoires, Bpifrance, Business France et France Travail.',
    unavailable:
      "Désolé, la transmission de demandes n'est pas disponible pour le moment. Vos référents et leurs points d'entrée restent indiqués sur la fiche du territoire.",
    noTarget: 'Désolé, je ne retrouve pas ce territoire ou cet opérateur dans ma base : je ne peux pas préparer la demande. Indiquez à nouveau votre commune.',
    named: (label: string, territory: string) => `Votre demande sera adressée à ${label}, référent du Territoire d'industrie « ${territory} ».`,
    entryPoint: (operator: string, label: string, scope: string) =>
      `Référent ${operator} non encore désigné pour votre territoire : votre demande sera transmise au point d'entrée ${scope} ${label}.`,
    entryPointNone: (operator: string) =>
      `Référent ${operator} non encore désigné pour votre territoire : votre demande sera transmise à l'équipe de l'assistant, qui la fera suivre à ${operator}.`,
    outside: (label: string, scope: string) =>
      `Votre site n'est dans aucun Territoire d'industrie : votre demande sera transmise au point d'entrée ${scope} ${label}.`,
    outsideNone: (operator: string) =>
      `Votre site n'est dans aucun Territoire d'industrie : votre demande sera transmise à l'équipe de l'assistant, qui la fera suivre à ${operator}.`,
    /** The "Territoire" line of the summary for a firm outside every territory. */
    outsideTerritory: (region: string) => `Hors Territoire d'industrie (${region})`,
    regional: 'régional',
    national: 'national',
    askFirm: 'Quel est le nom de votre entreprise ?',
    askPerson: 'Qui le référent doit-il contacter ? (prénom et nom)',
    /** A sentence (or "oui") typed where the firm's name is asked: the need comes later. */
    firmNotSentence: 'J’attends ici le nom de votre entreprise ; votre besoin vous sera demandé un peu plus loin.',
    /** A sentence typed where the person's name is asked: the need comes later. */
    personNotSentence: 'J’attends ici le nom de la personne que le référent contactera (prénom et nom) ; votre besoin vous sera demandé juste après.',
    personNotDetails:
      'Cela ressemble à un e-mail ou à un numéro de téléphone : je vous le demande juste après. Qui le référent doit-il contacter ? (prénom et nom)',
    nameLength: (what: string, min: number, max: number) => `${what} doit faire entre ${min} et ${max} caractères. Pouvez-vous le réécrire ?`,
    firmWhat: 'Le nom de l’entreprise',
    personWhat: 'Le nom de la personne à contacter',
    askDetails: 'Comment vous joindre ? Indiquez un e-mail et/ou un numéro de téléphone (les deux dans le même message si vous voulez).',
    detailsMissing:
      "Je n'ai trouvé ni e-mail ni numéro de téléphone dans votre message. Indiquez par exemple « prenom.nom@entreprise.fr » ou « 06 12 34 56 78 ».",
    emailInvalid: (raw: string) => `L'adresse « ${raw} » ne semble pas valide. Pouvez-vous la vérifier (forme prenom.nom@entreprise.fr) ?`,
    phoneInvalid: (raw: string) =>
      `Le numéro « ${raw} » ne semble pas être un numéro français valide (10 chiffres, par exemple 06 12 34 56 78). Pouvez-vous le vérifier ?`,
    askNeed: (max: number) => `En une phrase, quel est votre besoin ? (${max} caractères au plus)`,
    needTooShort: 'Décrivez votre besoin en une phrase, par exemple « financer une nouvelle ligne de production ».',
    needTooLong: (length: number, max: number) => `C'est un peu long (${length} caractères) : résumez votre besoin en une phrase de ${max} caractères au plus.`,
    summaryIntro: 'Voici le récapitulatif de votre demande. Rien n’est envoyé sans votre accord.',
    consentRetry: 'Répondez « J’accepte et j’envoie » pour envoyer votre demande, ou « Annuler » pour ne rien envoyer.',
    staleCard:
      'Ce récapitulatif ne correspond plus à la demande en cours. Utilisez le dernier récapitulatif, ou répondez « J’accepte et j’envoie » ou « Annuler ».',
    accept: 'J’accepte et j’envoie',
    cancel: 'Annuler',
    /** Not the bare word "Annuler": that one restarts the whole conversation. */
    cancelValue: 'Non, annuler',
    alreadySent: (reference: string) => `Cette demande est déjà envoyée, sous la référence ${reference} : rien n'a été envoyé une deuxième fois.`,
    draftClosed: "Ce récapitulatif n'est plus en cours : rien n'a été envoyé. Pour une nouvelle demande, écrivez « contacter mon référent ».",
    cancelled: "C'est annulé : votre demande n'a été ni enregistrée ni envoyée.",
    abandoned: "Demande de contact abandonnée : rien n'a été enregistré ni envoyé.",
    invalid:
      "Désolé, je n'ai pas pu enregistrer la demande : certaines informations ne sont pas acceptées. Rien n'a été envoyé. Recommencez avec « contacter mon référent ».",
    failed:
      "Désolé, je n'ai pas pu enregistrer votre demande pour le moment. Rien n'a été envoyé : réessayez dans quelques minutes en renvoyant « J’accepte et j’envoie ».",
    recorded: (reference: string) => `Votre demande est enregistrée sous la référence ${reference}.`,
    addressedNamed: (label: string) => `Elle est adressée à ${label}.`,
    addressedEntryPoint: (operator: string, territory: string, label: string, scope: string) =>
      `Aucun référent n'est encore désigné chez ${operator} pour ${territory} : elle est adressée à ${label}, point d'entrée ${scope}.`,
    addressedOutside: (label: string, scope: string) =>
      `Votre site n'est dans aucun Territoire d'industrie : elle est adressée à ${label}, point d'entrée ${scope}.`,
    /** "Transmise" is said only once a notifier has taken the request (see requestStatus). */
    deliveryAutomatic: 'Elle part par envoi automatique ; « où en est ma demande ? » vous dira quand elle aura été transmise.',
    deliveryManual: (days: number | undefined) =>
      `Aucun envoi automatique n'est configuré sur cet assistant : un administrateur la transmettra à la main${days ? ` sous ${days} jours ouvrés` : ', sans délai garanti'}.`,
    meanwhile: (contact: string) => `En attendant, vous pouvez joindre l'opérateur directement (${contact}).`,
    followUp: 'Demandez « où en est ma demande ? » avec cette référence à tout moment.',
  },

  /** "Où en est ma demande ?" */
  requestStatus: {
    labels: {
      nouvelle: 'enregistrée, pas encore transmise',
      transmise: 'transmise',
      'prise en charge': 'prise en charge',
      close: 'close',
    } satisfies Record<RequestStatus, string>,
    /** French readers see the stored status word, with its explanation when they differ. */
    status: (status: RequestStatus, label: string) => (label === status ? status : `${status} (${label})`),
    line: (reference: string, status: string, operator: string, territory: string, date: string) =>
      `- ${reference} : ${status}. ${operator}, ${territory}, demande faite le ${date}.`,
    headOne: 'Voici où en est votre demande :',
    headMany: 'Voici où en sont vos demandes :',
    how: "Votre référence (de la forme TI-2026-XXXXX) figure dans la confirmation reçue à l'envoi : écrivez par exemple « où en est TI-2026-7KQ4M ? ». Vous pouvez aussi donner l'e-mail ou le téléphone indiqués dans la demande, depuis le même compte que lors de l'envoi.",
    noReference: (reference: string, days: number) =>
      `Je ne trouve pas de demande ${reference}. Vérifiez la référence ; une demande est supprimée ${days} jours après son envoi.`,
    noContact: 'Je ne trouve pas de demande envoyée depuis ce compte avec ces coordonnées.',
    noConversation: 'Je ne trouve pas de demande envoyée depuis cette conversation.',
    /** Too many unknown references tried (here, by this user, or by everyone): none is looked up for a while. */
    tooManyGuesses: (minutes: number) =>
      `Trop de références inconnues ont été essayées : je ne peux pas en vérifier d'autre pour le moment. Réessayez dans ${minutes} min. Dans la conversation d'où vous avez envoyé votre demande, « où en est ma demande ? » suffit, sans la référence.`,
  },

  /** The Teams compose-box search ("Trouver un territoire"). */
  teamsSearch: {
    outside: 'Hors territoire',
    outsideDetail: "Hors Territoire d'industrie",
    notFound: (q: string) => (q ? `Aucun territoire trouvé pour « ${q} »` : 'Aucun territoire trouvé'),
    notFoundHint: "Essayez une commune, un code postal, un SIRET ou le nom d'un Territoire d'industrie.",
    hint: "Tapez une commune, un code postal, un SIRET ou le nom d'un Territoire d'industrie.",
    pick: 'Choisissez pour insérer la fiche',
    partly: (count: number, total: number) => `en partie (${count} commune${count > 1 ? 's' : ''} sur ${total})`,
  },
};

export type Messages = typeof fr;

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

const en: Messages = {
  chat: {
    welcome:
      'Hello! I\'m the Territoires d\'industrie assistant. Tell me where your site is (town, postal code, SIRET or a sentence such as "our plant is in Oyonnax"): I\'ll tell you which Territoire d\'industrie it is in, who your referents are at Banque des Territoires, Bpifrance, Business France and France Travail, and which schemes may apply. Type "help" at any time.',
    help: 'I can:\n- find your Territoire d\'industrie and your 4 referents: give a town, postal code, INSEE code or SIRET;\n- tell you which schemes apply and why: "my schemes";\n- pass a request to a referent: "contact my Bpifrance referent";\n- list the Territoires d\'industrie of a region or a department: "territories in Bretagne".\nType "start over" to begin again.',
    thanks: 'You are welcome! You can give me another town, ask for "my schemes" or "contact my referent".',
    restart: "OK, let's start over. Where is your site?",
    error: 'Sorry, something went wrong on my side. Your message is not lost: you can send it again, or type "start over".',
    unavailable:
      'Sorry, I cannot save our conversation right now (storage temporarily unavailable). Nothing already recorded is lost: please try again in a minute.',
    empty: "Give me a town, a postal code or a SIRET and I will tell you which Territoire d'industrie your site is in.",
    longMessage: (chars) => `Your message is very long: I read its first ${chars.toLocaleString('en-GB')} characters.`,
    capabilities:
      'I can tell you which Territoire d\'industrie your site is in and who your referents are (give a town, a postal code or a SIRET, for example "Oyonnax" or "01100"), which schemes apply to you ("my schemes") or pass your request to a referent ("contact Bpifrance").',
    flowExpired: 'My last question went unanswered for too long: I deleted what you had told me, nothing was sent. Let us go on from your new message.',
  },

  lookup: {
    siretInvalid: 'That number is not a valid SIRET (its check digit does not match). Please check it, or tell me the town of your site.',
    siretNotFound: 'I cannot find an establishment with that number in the company register. Please tell me the town of your site instead.',
    registerUnavailable: 'The company register is not answering right now. Please tell me the town of your site instead.',
    notFound: (query) => `I could not find a place matching "${query}". Try a town name, a postal code (5 digits) or a SIRET (14 digits).`,
    ambiguous: (query, hint) => `Several places match "${query}" and they are not in the same territory. Which one is yours? (${hint})`,
    postalCode: (code) => `Postal code ${code}`,
    intercommunality: (name) => `The intercommunality "${name}"`,
    thisPlace: 'This place',
    establishment: (name) => `Establishment ${name}: `,
    outside: (place, wave) => `${place} is not in any Territoire d'industrie (${wave}). The operators can still be reached: here are their entry points.`,
    territoryNamed: (name, wave, region) => `"${name}" is a Territoire d'industrie (${wave}, ${region}). Its referents are below.`,
    inTerritory: (place, name, wave, region, referents) => `${place} is in the Territoire d'industrie "${name}" (${wave}, ${region}). ${referents}`,
    partlyIn: (place, name, wave, region, count, total, referents) =>
      `${place} is partly in the Territoire d'industrie "${name}" (${wave}, ${region}): ${count} of its ${total} communes belong to it. ${referents}`,
    referentsBelow: (named) =>
      named === 4
        ? 'Your 4 referents are below.'
        : `Your referents are below (${4 - named} of 4 not designated yet: I give you the operator's entry point instead).`,
    alsoInseeCode: (code, name, department) => `("${code}" is also the INSEE code of ${name} (${department}): type "INSEE ${code}" for that commune.)`,
    namesakes: (labels) => `(There is also ${labels}: if that is yours, pick it below.)`,
    territoryNamesake: (name) => `the Territoire d'industrie "${name}"`,
    unknownPlace: (query) =>
      `I do not know a town called "${query}". Please check the spelling, or give the postal code (5 digits) or the SIRET (14 digits) of your site.`,
    unknownCode: (code) => `No town has the code "${code}". Please check it, or give the name of your site's town.`,
    communeIn: (departments, example = { name: 'Cluses', postalCode: '74300' }) =>
      `Which town in ${departments} is your site in? Give its name or postal code, for example "${example.name}" or "${example.postalCode}".`,
    department: (name, code) => `${name} (${code})`,
    noneIn: (query, departments) => `None of the places "${query}" offered is in ${departments}. Pick one of those offered, or give your town's postal code.`,
    samePlace: (place) => `Noted, your site is indeed in ${place}.`,
    pickAgain: (query, count) =>
      `I did not understand which of the places "${query}" is yours: pick one below (or type its number, 1 to ${count}), or type the name of your town.`,
    referentNamed: (operator, territory, wave, person) => `${operator} referent of the Territoire d'industrie "${territory}" (${wave}): ${person}.`,
    referentNone: (operator, territory, wave) => `No ${operator} referent has been designated yet for the Territoire d'industrie "${territory}" (${wave}).`,
    referentOutside: (place, wave, operator) => `${place} is not in any Territoire d'industrie (${wave}), so there is no dedicated ${operator} referent.`,
    referentEntryPoints: (entryPoints) => `In the meantime, the entry point: ${entryPoints}.`,
    referentNoEntryPoint: 'No entry point is published for this operator.',
    referentWhere: (operator) =>
      `The ${operator} referent depends on your site's Territoire d'industrie: give its town, postal code or SIRET (for example "${operator} referent Oyonnax").`,
  },

  territoryList: {
    yours: 'For yours and your referents, give me a town, a postal code or a SIRET.',
    counts: (list, count, before, yours) =>
      `The ${list} has ${count} Territoires d'industrie${before ? ` (${before})` : ''}. For those of a region or a department, ask for instance "territories in Bretagne". ${yours}`,
    earlierCount: (list, count) => `the ${list} had ${count}`,
    countsSeparator: ', ',
    none: (area, list, yours) => `${area}: no Territoire d'industrie (${list}). ${yours}`,
    some: (area, count, list, names, yours) =>
      `${area}: ${count} ${count === 1 ? "Territoire d'industrie" : "Territoires d'industrie"} (${list}): ${names.join('; ')}. ${yours}`,
  },

  card: {
    territoryKicker: "Territoire d'industrie",
    territorySentence: (name, wave, region) => `Territoire d'industrie "${name}" (${wave}${region ? `, ${region}` : ''})`,
    outsideTitle: "Not in a Territoire d'industrie",
    outside: (place, wave) => `${place} is not in any Territoire d'industrie (${wave}).`,
    outsidePlaceUnknown: 'This place',
    outsideHelp: 'The public operators can still be reached: here are their entry points for your region.',
    region: (r) => `Region ${r}`,
    commune: (name, dept) => `Town: ${name} (${dept})`,
    intercommunality: (name) => `Intercommunality: ${name}`,
    projectTeam:
      "Since 2023 each Territoire d'industrie has a project lead co-funded by the State; no directory of them is published: your intercommunality is the local door to reach yours.",
    partly: (name, count, total, communes) => `${name} is only partly in it: ${count} of its ${total} communes (${communes}).`,
    establishment: (name) => `Establishment: ${name}`,
    referentsIntro: (named) =>
      named === 4 ? 'Your 4 referents:' : `Your referents (${4 - named} of 4 not designated yet: I give the operator's entry point instead):`,
    notDesignated: 'No referent designated yet',
    meanwhile: 'In the meantime, contact:',
    regionalOffice: (city, source) => `Regional office last reported in ${city} (${source})`,
    regionalOfficeNoCity: (source) => `Regional office (${source})`,
    nationalEntry: (source) => `National entry point (${source})`,
    sourceDated: (date) => `source ${date}`,
    sourceApprox: (year) => `source around ${year}`,
    sourceUndated: 'undated source',
    toCheck: (source) => `${source}, to be checked`,
    noEntryPoint: 'No published entry point for this operator.',
    phone: 'Phone',
    email: 'Email',
    website: 'Website',
    verified: (date) => `Checked on ${date}`,
    writeTo: (name) => `Email ${name}`,
    call: (phone) => `Call ${phone}`,
    contactNamed: (operator) => `Contact my ${operator} referent`,
    contactEntryPoint: (operator) => `Contact ${operator}`,
    seeSchemes: 'See my schemes',
    restart: 'Start over',
    choicesQuestion: (query) => `Several places match "${query}". Which one is yours?`,
    choicesHint: 'You can also add the department or the postal code.',
    choicesTruncated: (shown, total) => `Only ${shown} of ${total} places are listed: please add the department or the postal code.`,
    choicesHintPostal: 'You can also type the name of your town.',
    choicesTruncatedPostal: (shown, total) => `Only the ${shown} most populous of ${total} towns are listed: if yours is not there, type its name.`,
    schemesTitle: 'Schemes you may use',
    schemesFor: (territory) => `Territoire d'industrie "${territory}"`,
    eligibleHeading: 'Eligible as far as I can tell',
    noEligible: 'No scheme appears to be open to you with the information given.',
    unknownHeading: 'To be checked',
    missing: (items) => `I still need: ${items}`,
    toConfirm: 'to be confirmed with the referent',
    conditions: (list) => `Conditions to check: ${list}`,
    staleOffer: (date) => `Offer attested until ${date}: to be confirmed`,
    conflict: (text) => `Sources disagree: ${text}`,
    contactLabel: 'Contact',
    applyLabel: 'How to apply',
    referentOf: (name, operator) => `${name} (${operator})`,
    notDesignatedOf: (operator) => `${operator}: no referent designated yet`,
    entryPointOf: (office) => `entry point: ${office}`,
    whyNot: 'Why not?',
    notEligibleHeading: 'Schemes not open to you, and why',
    contactTitle: 'Your contact request',
    contactCheck: 'Please check the details before sending.',
    firm: 'Company',
    person: 'Contact person',
    need: 'Need',
    territory: 'Territory',
    recipient: 'Recipient',
    recipientNamed: (name, role, operator) => `${name}, ${role} (${operator}), the territory's referent`,
    recipientEntryPoint: (office, operator) => `${office} (${operator}): entry point, no referent is designated for this territory yet`,
    recipientOperatorOnly: (operator) => `${operator}: no referent is designated for this territory yet`,
    privacyHeading: 'Your data',
    consent: (recipient, days, privacy) =>
      `By clicking "I agree and send", you agree that these details (company, contact person, contact details, need and territory) are passed on to ${recipient}, only so that they can get back to you. They are kept for ${days} days and then deleted. To see, correct or delete them, ${privacy ? `write to ${privacy}` : 'contact the organisation that offers you this assistant'}, quoting your request's reference.`,
    accept: 'I agree and send',
    cancel: 'Cancel',
    sentTitle: 'Request recorded',
    reference: (ref) => `Reference: ${ref}`,
    sentAutomatic: (recipient) => `Your request is being sent automatically to ${recipient}.`,
    sentManual: (recipient, days) =>
      `Your request is recorded for ${recipient}. No automatic sending is set up: an administrator will pass it on by hand${days ? ` within ${days} working days` : ', with no guaranteed delay'}.`,
    keepReference: 'Keep this reference: it lets you follow up on your request.',
  },

  eligibility: {
    adviceFor: (territory) =>
      territory ? `For your establishment (Territoire d'industrie "${territory}")` : "For your establishment (outside any Territoire d'industrie)",
    open: (count, names) => (count === 1 ? `One scheme is open to you: ${names}.` : `${count} schemes are open to you: ${names}.`),
    noneOpen: 'No scheme is certainly open with what I know.',
    toClarify: (names) => ` Needing details: ${names}.`,
    andMore: (count) => ` and ${count} more`,
    advice: (head, open, toClarify) =>
      `${head}: ${open}${toClarify} Details, reasons and whom to contact are below; "why not?" in the card explains the others.`,
    askPlace: 'To tell you which schemes apply, I first need your establishment: in which town is it (name, postcode or SIRET)?',
    questionHint: ' (or "start over" to change the subject)',
    notUnderstood: "I did not understand that answer; I'll keep what I already know.",
    questionsStopped:
      'I will stop the questions here. You can add details whenever you like (for example "45 employees, we want to export"), or ask to "contact my referent".',
    figuresUnread:
      'I could not read in time the numbers written in words in your message (headcount, turnover…), so I carry on without them. Give them to me in figures whenever you like, for example "120 employees, €12m turnover".',
    unanswered: 'No problem, I leave that question aside: the schemes it concerns stay "to be checked" with the referent.',
    projectUnknown:
      'No problem. Without a project I cannot sort the schemes: come back to me when you have one (for example "we want to hire" or "invest in a machine"), or ask "contact my referent" to talk it over with a referent.',
    answerUnread: 'One moment: I could not read in time that number written in words. Could you write it in figures (for example 120, or €12m)?',
    placeAgain: 'I found no town in your answer. Which town is your establishment in? For example "Oyonnax", "01100" or a SIRET.',
    answerAgain: 'I did not understand that answer.',
    estimateWillDo: 'No problem: a rough figure will do.',
    noted: (said) => notedFigures(said, 'en'),
    examples: {
      communeCode: 'for example "Oyonnax" or "01100"',
      headcount: 'answer with a number, for example "45" or "45 employees"',
      turnoverEur: 'for example "€12m" or "€800,000"',
      balanceSheetEur: 'for example "€8m"',
      naf: 'for example "25.62A" or "bar turning"',
      needs: 'for example "hire", "invest in a machine" or "export"',
      wantsYoungGraduate: 'answer "yes" or "no"',
      independent: 'answer "yes" or "no"',
      groupFigures: 'answer with a number, for example "250"',
      ecologicalProject: 'answer "yes" or "no"',
      trainsJobseekers: 'answer "yes" or "no"',
      wantsVie: 'answer "yes" or "no"',
    },
    needs: {
      recruter: 'recruit',
      innover: 'innovate (R&D, new product)',
      investir: 'invest (machine, production line)',
      exporter: 'export / grow abroad',
      'foncier-immobilier': 'industrial land / buildings',
      former: 'train / build skills',
      'transition-ecologique': 'ecological transition / decarbonisation',
    },
    notes: {
      attestedUntil: (date) => `Scheme attested until ${date}; whether it is still available is to be confirmed with the referent.`,
      uncertain: 'Uncertain information (old, varying or conflicting sources): to be confirmed with the referent.',
      conflict: (text) => `${text} Value to be confirmed with the referent.`,
      euSmeDefinition: 'The EU SME definition (linked enterprises, holdings over 25 %) can exclude a group subsidiary: to be confirmed with the referent.',
      closed: (date) => `Scheme closed${date ? ` (${date})` : ''}.`,
      abolished: (date) => `Scheme abolished${date ? ` (${date})` : ''}.`,
      territoryBeneficiary: 'The beneficiary is the territory, not the firm.',
      groupSize: "Subsidiary of a group: the company category counts the whole group (linked enterprises); the group's size is to be specified",
      sizeFigures: (fields) =>
        `Company size to be specified (${fields.map((f) => ({ headcount: 'headcount', turnoverEur: 'turnover', balanceSheetEur: 'balance-sheet total' })[f]).join(' or ')})`,
      allMet: (reasons) => reasons.join('; '),
    },
    whyNotFirst: 'First tell me where your establishment is and what you are looking for (for example "my schemes").',
    whyNotHead: 'These schemes do not fit:',
    whyNotNone: 'No scheme of my knowledge base is ruled out for you with what I know: those that may apply are in the card, open or needing details.',
    about: {
      runBy: 'Run by',
      openTo: 'For whom',
      apply: 'How to apply',
      checkFit:
        'To find out whether it applies to you, describe your company, for example "SME of 40 employees in Oyonnax, we want to hire a young graduate", or type "my schemes".',
    },
    noSchemeFor: (need, operator) => `For your project (${need}), my knowledge base has no scheme open to your company: the operator to ask is ${operator}.`,
    questions: {
      communeCode: 'In which commune is your establishment (name or postcode)?',
      headcount: 'How many employees does your company have (whole group)?',
      turnoverEur: 'What is your annual turnover (last closed year, whole group)?',
      balanceSheetEur: 'What is your balance-sheet total (last closed year)?',
      naf: 'What is your NAF (APE) code or main activity?',
      needs:
        'What is your project: recruit, innovate (R&D, new product), invest in a machine or a production line, decarbonise, train, export, or find land or premises?',
      wantsYoungGraduate: 'Do you want to hire a young graduate (bac+2 or higher, graduated less than 2 years ago) or a work-study student?',
      independent: 'Is your company independent, i.e. not owned by a group?',
      groupFigures: 'Your company belongs to a group: how many employees does the whole group have (all linked companies included)?',
      ecologicalProject: 'Does your project serve the ecological or energy transition (decarbonisation, energy savings, circular economy)?',
      trainsJobseekers: 'Do you want to train jobseekers before hiring them (rather than your current staff)?',
      wantsVie: 'Do you plan to send a young person (18 to 28) on a mission abroad for your international growth (VIE)?',
    },
  },

  contact: {
    askPlace: 'To pass your request to the right referent, I need to know where your site is: give the town, the postal code or the SIRET.',
    placeAgain: 'I found no town in your answer. Where is your site? Give the town, the postal code or the SIRET, for example "Oyonnax" or "01100".',
    noTerritory:
      'I could not place your site: tell me its town, postal code or SIRET, then ask "contact my referent" again. The operators\' entry points can still be reached directly.',
    whichOperator: 'Which operator would you like to contact?',
    whichOperatorRetry: 'Choose one of Banque des Territoires, Bpifrance, Business France and France Travail.',
    unavailable: 'Sorry, passing requests on is not available right now. Your referents and their entry points are shown on the territory card.',
    noTarget: 'Sorry, I cannot find this territory or operator in my knowledge base, so I cannot prepare the request. Please give your town again.',
    named: (label, territory) => `Your request will go to ${label}, referent of the Territoire d'industrie "${territory}".`,
    entryPoint: (operator, label, scope) =>
      `No ${operator} referent has been designated for your territory yet: your request will go to the ${scope} entry point ${label}.`,
    entryPointNone: (operator) =>
      `No ${operator} referent has been designated for your territory yet: your request will go to the team running this assistant, who will pass it on to ${operator}.`,
    outside: (label, scope) => `Your site is in no Territoire d'industrie: your request will go to the ${scope} entry point ${label}.`,
    outsideNone: (operator) =>
      `Your site is in no Territoire d'industrie: your request will go to the team running this assistant, who will pass it on to ${operator}.`,
    outsideTerritory: (region) => `Outside any Territoire d'industrie (${region})`,
    regional: 'regional',
    national: 'national',
    askFirm: "What is your company's name?",
    askPerson: 'Who should the referent contact? (first and last name)',
    firmNotSentence: 'Here I need your company’s name; your need comes a little later.',
    personNotSentence: 'Here I need the name of the person the referent will contact (first and last name); your need comes right after.',
    personNotDetails: 'That looks like an e-mail address or a phone number: I will ask for it next. Who should the referent contact? (first and last name)',
    nameLength: (what, min, max) => `${what} must be between ${min} and ${max} characters long. Could you type it again?`,
    firmWhat: "The company's name",
    personWhat: "The contact person's name",
    askDetails: 'How can you be reached? Give an e-mail and/or a phone number (both in one message if you like).',
    detailsMissing: 'I found neither an e-mail nor a phone number in your message. Type for instance "first.last@company.fr" or "06 12 34 56 78".',
    emailInvalid: (raw) => `The address "${raw}" does not look valid. Could you check it (like first.last@company.fr)?`,
    phoneInvalid: (raw) => `The number "${raw}" does not look like a valid French number (10 digits, e.g. 06 12 34 56 78). Could you check it?`,
    askNeed: (max) => `In one sentence, what do you need? (${max} characters at most)`,
    needTooShort: 'Describe your need in one sentence, for instance "finance a new production line".',
    needTooLong: (length, max) => `That is a bit long (${length} characters): please sum up your need in one sentence of at most ${max} characters.`,
    summaryIntro: 'Here is the summary of your request. Nothing is sent without your agreement.',
    consentRetry: 'Answer "I agree and send" to send your request, or "Cancel" to send nothing.',
    staleCard: 'That summary is no longer the current request. Use the latest summary, or answer "I agree and send" or "Cancel".',
    accept: 'I agree and send',
    cancel: 'Cancel',
    cancelValue: 'No, cancel',
    alreadySent: (reference) => `This request was already sent, under reference ${reference}: nothing was sent a second time.`,
    draftClosed: 'That summary is no longer in progress: nothing was sent. For a new request, type "contact my referent".',
    cancelled: 'Cancelled: your request was neither stored nor sent.',
    abandoned: 'Contact request abandoned: nothing was stored or sent.',
    invalid: 'Sorry, I could not record the request: some details were not accepted. Nothing was sent. Start again with "contact my referent".',
    failed: 'Sorry, I could not record your request right now. Nothing was sent: try again in a few minutes by sending "I agree and send" again.',
    recorded: (reference) => `Your request has been recorded under reference ${reference}.`,
    addressedNamed: (label) => `It is addressed to ${label}.`,
    addressedEntryPoint: (operator, territory, label, scope) =>
      `No referent has been designated yet for ${operator} in ${territory}: it is addressed to ${label}, the ${scope} entry point.`,
    addressedOutside: (label, scope) => `Your site is in no Territoire d'industrie: it is addressed to ${label}, the ${scope} entry point.`,
    deliveryAutomatic: 'It is being sent automatically; "where is my request?" tells you once it has been passed on.',
    deliveryManual: (days) =>
      `No automatic sending is set up on this assistant: an administrator will pass it on by hand${days ? ` within ${days} working days` : ', with no guaranteed delay'}.`,
    meanwhile: (contact) => `Meanwhile you can reach the operator directly (${contact}).`,
    followUp: 'Ask "where is my request?" with this reference at any time.',
  },

  requestStatus: {
    labels: {
      nouvelle: 'recorded, not passed on yet',
      transmise: 'forwarded',
      'prise en charge': 'being handled',
      close: 'closed',
    },
    status: (_status, label) => label,
    line: (reference, status, operator, territory, date) => `- ${reference}: ${status}. ${operator}, ${territory}, requested on ${date}.`,
    headOne: 'Here is where your request stands:',
    headMany: 'Here is where your requests stand:',
    how: 'Your reference (like TI-2026-XXXXX) is in the confirmation you got when sending: type for instance "where is my request TI-2026-7KQ4M?". You can also give the e-mail or phone number of the request, from the same account you sent it from.',
    noReference: (reference, days) =>
      `I cannot find a request ${reference}. Please check the reference; requests are deleted ${days} days after they were sent.`,
    noContact: 'I cannot find a request sent from this account with those contact details.',
    noConversation: 'I cannot find a request sent from this conversation.',
    tooManyGuesses: (minutes) =>
      `Too many unknown references have been tried: I cannot check another one for now. Please try again in ${minutes} min. In the conversation you sent your request from, "where is my request?" is enough, without the reference.`,
  },

  teamsSearch: {
    outside: 'Outside any territory',
    outsideDetail: "Not in a Territoire d'industrie",
    notFound: (q) => (q ? `No territory found for “${q}”` : 'No territory found'),
    notFoundHint: "Try a town, a postcode, a SIRET number or the name of a Territoire d'industrie.",
    hint: "Type a town, a postcode, a SIRET number or the name of a Territoire d'industrie.",
    pick: 'Select to insert the card',
    partly: (count, total) => `partly (${count} of ${total} communes)`,
  },
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { fr, en };

/** Every message of one language (French for anything but 'en'). */
export function messages(lang: Lang): Messages {
  return MESSAGES[lang] ?? fr;
}

// ---------------------------------------------------------------------------------------------
// French only: the notification to referents and operations teams
// ---------------------------------------------------------------------------------------------

/** What the referent (or the operations team, when none is designated) receives by e-mail or webhook. */
export const NOTIFICATION = {
  subjectNamed: (reference: string, firm: string) => `[Territoires d'industrie] Demande de contact ${reference} — ${firm}`,
  subjectEntryPoint: (reference: string, operator: string) => `[Territoires d'industrie] Référent non encore désigné — demande ${reference} pour ${operator}`,
  introNamed: (days: number) =>
    `Bonjour,\n\nUne entreprise de votre Territoire d'industrie souhaite être recontactée. Elle a consenti à ce que ces informations vous soient transmises; elles sont conservées ${days} jours.`,
  introEntryPoint:
    "Bonjour,\n\nAucun référent n'est encore désigné pour cet opérateur sur ce territoire : merci d'orienter cette demande vers le point d'entrée indiqué.",
  introOutside:
    "Bonjour,\n\nCette entreprise n'est dans aucun Territoire d'industrie : merci d'orienter sa demande vers le point d'entrée de l'opérateur indiqué.",
  territoryOutside: (region: string) => `Hors Territoire d'industrie (région ${region})`,
  signature: "— Assistant Territoires d'industrie",
  fact: (title: string, value: string) => `${title} : ${value}`,
  reference: 'Référence',
  territory: 'Territoire',
  operator: 'Opérateur',
  recipient: 'Destinataire',
  recipientEntryPoint: (label: string) => `Référent non encore désigné — point d'entrée : ${label}`,
  firm: 'Entreprise',
  contact: 'Contact',
  email: 'E-mail',
  phone: 'Téléphone',
  need: 'Besoin',
  channel: 'Canal',
  receivedAt: 'Reçue le',
  consent: 'Consentement',
  consentGiven: (at: string, version: string) => `donné le ${at} (${version})`,
  /** Banner of the Teams card when nobody is designated. */
  toRoute: 'Référent non encore désigné : à orienter vers le point d’entrée régional.',
};

// ---------------------------------------------------------------------------------------------
// French then English in one text: the administrators' API (whoever calls it gets both)
// ---------------------------------------------------------------------------------------------

/**
 * The HTTP answers' error messages (REST API, admin API, web chat token, the local Direct Line
 * stand-in). API clients show the message whole, so each holds French then English.
 */
export const HTTP_ERRORS = {
  byStatus: {
    400: 'Requête invalide. / Bad request.',
    401: 'Authentification requise. / Authentication required.',
    403: 'Accès refusé. / Forbidden.',
    404: 'Introuvable. / Not found.',
    405: 'Méthode non autorisée. / Method not allowed.',
    406: 'Format de réponse non disponible. / Not acceptable.',
    413: 'Requête trop volumineuse. / Request too large.',
    415: 'Type de contenu non pris en charge. / Unsupported content type.',
    429: 'Trop de requêtes, réessayez dans un instant. / Too many requests, try again shortly.',
    503: 'Service en cours de démarrage. / Service starting.',
  } as Readonly<Record<number, string>>,
  internal: 'Erreur interne. / Internal error.',
  refused: 'Requête refusée. / Request refused.',
  /** 503 with Retry-After when a store (disk, Azure Storage) is out of reach. */
  storageUnavailable:
    'Stockage momentanément indisponible : rien n’a été enregistré, réessayez dans une minute. / Storage temporarily unavailable: nothing was recorded, try again in a minute.',
  noTerritory: (id: string, wave: Wave) =>
    `Aucun Territoire d'industrie « ${id} » dans la liste ${wave}. / No Territoire d'industrie "${id}" in the ${wave} list.`,
  /** The web chat's token endpoint. */
  siteNotAllowed: "Ce site n'est pas autorisé à ouvrir une conversation. / This site is not allowed to open a conversation.",
  assistantUnavailable: "L'assistant est momentanément indisponible. / The assistant is unavailable at the moment.",
  chatNotConfigured: "Le canal de discussion n'est pas configuré. / The chat channel is not configured.",
  /** The local Direct Line stand-in. */
  invalidActivity:
    'Activité invalide : un objet JSON de type message, event ou typing est attendu. / Invalid activity: a JSON object of type message, event or typing is expected.',
  messageNotProcessed:
    "L'assistant n'a pas pu traiter ce message. Réessayez dans un instant. / The assistant could not process this message. Please try again shortly.",
  noUpload: "L'envoi de fichiers n'est pas pris en charge. / File upload is not supported.",
};

/** The public API's parameter errors, in each language apart (the answer also names the parameter). */
export const API_PARAMS = {
  single: (name: string): Record<Lang, string> => ({
    fr: `Le paramètre « ${name} » doit apparaître une seule fois, avec une valeur simple`,
    en: `The "${name}" parameter must be given once, as a plain value`,
  }),
  queryRequired: {
    fr: 'Le paramètre « q » est obligatoire : une commune, un code postal, un code INSEE ou un SIRET',
    en: 'The "q" parameter is required: a town, a postal code, an INSEE code or a SIRET',
  } as Record<Lang, string>,
  queryTooLong: (max: number): Record<Lang, string> => ({
    fr: `Le paramètre « q » dépasse ${max} caractères`,
    en: `The "q" parameter is longer than ${max} characters`,
  }),
  waveOneOf: (name: string, list: string): Record<Lang, string> => ({
    fr: `Le paramètre « ${name} » doit être l'une des listes ${list}`,
    en: `The "${name}" parameter must be one of the lists ${list}`,
  }),
};

export const ADMIN_API = {
  /** 409: the base changed between the moment it was read and the write (another instance, `npm run kb:import`). */
  kbConflict:
    'La base a été modifiée entre-temps (par une autre instance ou un import) ; rien n’a été changé : réessayez. / The knowledge base was changed meanwhile (by another instance or an import); nothing was changed: try again.',
  once: (name: string) => `Le paramètre « ${name} » doit apparaître une seule fois. / The "${name}" parameter must be given once.`,
  integerBetween: (name: string, min: number, max: number) =>
    `Le paramètre « ${name} » doit être un entier entre ${min} et ${max}. / "${name}" must be an integer between ${min} and ${max}.`,
  unknownOperator: (name: string, known: string) => `Opérateur inconnu « ${name} » ; valeurs : ${known}. / Unknown operator.`,
  noRequest: (reference: string) => `Aucune demande ${reference}. / No request ${reference}.`,
  csvExpected: 'Corps attendu : CSV (Content-Type: text/csv). / Expected a text/csv body.',
  year: (name: string) => `Le paramètre « ${name} » doit être une année. / "${name}" must be a year.`,
  referentJsonExpected: 'Corps attendu : JSON (un référent ou null). / Expected a JSON body (a referent or null).',
  referentJsonRequired: 'Corps JSON requis : un référent ou null. / A JSON body is required: a referent or null.',
  waveRequired: 'Le paramètre « wave » (année de la liste) est obligatoire. / The "wave" parameter is required.',
  unknownRequestStatus: 'Statut inconnu : nouvelle, transmise, prise en charge, close. / Unknown status.',
  firmRequired: 'Paramètre « firm » requis (e-mail, téléphone ou nom exact). / "firm" is required (e-mail, phone or exact name).',
  statusBodyExpected: 'Corps attendu : {"status": "nouvelle" | "transmise" | "prise en charge" | "close"}. / Expected {"status": ...}.',
  personRequired: 'Paramètre « email » (ou « phone », « firm ») requis. / "email" (or "phone", "firm") is required.',
  outboxStatus: 'Statut : pending, sent, failed. / status: pending, sent, failed.',
  noFailedNotification: 'Aucune notification en échec avec cet identifiant. / No failed notification with this id.',
};

// ---------------------------------------------------------------------------------------------
// French only: the advisors' command line (npm run lookup)
// ---------------------------------------------------------------------------------------------

export const CLI = {
  matchedBy: {
    insee: 'code INSEE',
    'postal-code': 'code postal',
    commune: 'nom de commune',
    'former-commune': 'ancien nom de commune (commune fusionnée)',
    epci: 'nom d’intercommunalité',
    territory: 'nom du territoire',
    siret: 'SIRET de l’établissement',
  } as Record<string, string>,
  establishment: (name: string, details: string) => `Établissement : ${name}${details ? ` (${details})` : ''}`,
  siretInvalid: 'Ce numéro n’est pas un SIRET/SIREN valide (la clé de contrôle ne correspond pas).',
  siretNotFound: 'Aucun établissement trouvé avec ce numéro dans le répertoire des entreprises.',
  registerUnavailable: 'Le répertoire des entreprises ne répond pas pour l’instant ; indiquez plutôt la commune du site.',
  alsoInseeCode: (code: string, name: string, department: string) =>
    `(${code} est lu comme un code postal ; c'est aussi le code INSEE de ${name} (${department}) : npm run lookup -- "INSEE ${code}")`,
  notFound: (query: string, list: string) => `Aucun lieu trouvé pour « ${query} » (${list}).`,
  notFoundHint: 'Essayez un nom de commune, un code postal (5 chiffres), un code INSEE ou un SIRET (14 chiffres).',
  /** A department and no commune ("Allier", "le 04"): the commune is needed. */
  departmentOnly: (query: string, codes: string) => `« ${query} » désigne le département ${codes} : donnez une commune de ce département (nom ou code postal).`,
  /** Places named like that department, listed as candidates are. */
  namesakes: 'Du même nom :',
  ambiguous: (query: string, list: string) => `Plusieurs lieux correspondent à « ${query} » et ne sont pas dans le même territoire (${list}) :`,
  candidateIn: (name: string, id: string) => `Territoire d’industrie « ${name} » (${id})`,
  candidateOutside: 'hors Territoire d’industrie',
  omitted: (count: number) => `  … et ${count} autre(s), moins peuplé(s), non listé(s).`,
  ambiguousHint: (example: string | undefined) =>
    `Précisez le département ou le code postal${example ? `, ou relancez avec le code INSEE voulu (par exemple : npm run lookup -- ${example})` : ''}.`,
  territory: (name: string, id: string) => `Territoire d’industrie : ${name} (${id})`,
  list: (period: string) => `Liste : ${period}`,
  region: (region: string) => `Région : ${region}`,
  noTerritory: (list: string) => `Territoire d’industrie : aucun dans la ${list}`,
  commune: (name: string, code: string, department: string) => `Commune : ${name} (INSEE ${code}, département ${department})`,
  communeSharedPostalCode: 'Commune : plusieurs communes partagent ce code postal, toutes dans la même situation',
  communeNone: 'Commune : — (recherche par intercommunalité ou territoire)',
  foundBy: (how: string) => `Trouvé par : ${how}`,
  referents: 'Référents des 4 opérateurs :',
  entryPointsOutside: 'Les opérateurs restent joignables ; leurs points d’entrée (régional puis national) :',
  phone: (phone: string) => `tél. ${phone}`,
  scopeNational: 'national',
  scopeRegional: (region: string) => `régional (${region})`,
  source: (scope: string, date: string, link: string | null) => `${scope} · ${date ? `source datée ${date}` : 'source non datée'}${link ? ` : ${link}` : ''}`,
  named: (operator: string, name: string, role: string, contact: string) =>
    `• ${operator} : ${name}${role ? `, ${role}` : ''}${contact ? ` — ${contact}` : ''}`,
  namedSource: (source: string, verifiedAt: string) => `    (source : ${source}, vérifié le ${verifiedAt})`,
  intercommunality: (name: string, kind: 'epci' | 'ept') => `Intercommunalité : ${name}${kind === 'ept' ? ' (établissement public territorial)' : ''}`,
  projectLead: '  (porte d’entrée locale vers le chef de projet du territoire, cofinancé par l’État depuis 2023 ; aucun annuaire publié)',
  partial: (count: number, total: number, communes: string) =>
    `En partie seulement : ${count} de ses ${total} communes ${count > 1 ? 'sont' : 'est'} dans ce territoire (${communes})`,
  notDesignated: (operator: string, entryPoints: number) => `• ${operator} : Référent non encore désigné. Point${entryPoints > 1 ? 's' : ''} d’entrée :`,
  badWave: (value: string | undefined) =>
    `--wave attend l'année d'une liste, par exemple 2019 ou 2023 (reçu : ${value === undefined ? 'rien' : `« ${value} »`}).`,
  unknownOption: (arg: string) => `Option inconnue : ${arg}`,
  emptyQuery: 'La requête est vide. Donnez une commune, un code postal, un code INSEE ou un SIRET.',
  seeHelp: 'Aide : npm run lookup -- --help',
  kbUnreadable: (detail: string) => `Impossible de charger la base de connaissances. ${detail}`,
  kbFailed: (detail: string) => `Impossible de charger la base de connaissances : ${detail}`,
  unknownWave: (wave: number, waves: string) => `La liste ${wave} n'existe pas. Listes disponibles : ${waves}.`,
  batchPrompt: 'Une requête par ligne (Ctrl+D pour terminer) ; une ligne JSON par requête.',
  batchFailures: (count: number) => `${count} requête(s) en échec (ligne JSON avec "error").`,
  help: `Usage : npm run lookup -- [options] [requête]

Indique le Territoire d'industrie d'un lieu et les référents des 4 opérateurs
(Banque des Territoires, Bpifrance, Business France, France Travail).

  requête            une commune (même avec une faute), un code postal, un code INSEE,
                     un nom d'intercommunalité ou de territoire, ou une phrase
  --wave, -w ANNÉE   liste à utiliser : 2019 (2019-2022) ou 2023 (2023-2027) ;
                     par défaut DEFAULT_WAVE (2023)
  --json, -j         affiche le résultat au format JSON (le contrat de l'API)
  --help, -h         affiche cette aide

Sans requête, lit une requête par ligne sur l'entrée standard et écrit une ligne JSON
par requête, dans le même ordre. Une ligne vide donne une ligne JSON de statut
"unknown", pour que la ligne N de la sortie corresponde toujours à la ligne N de l'entrée.

Exemples :
  npm run lookup -- oyonax
  npm run lookup -- --wave 2019 --json "Saint-Étienne"
  npm run lookup < communes.txt > resultats.jsonl

Codes de sortie : 0 réponse donnée (y compris « aucun lieu trouvé »),
2 mauvaise utilisation, 1 échec (base de connaissances illisible, configuration invalide).

Usage (English): npm run lookup -- [--wave 2019|2023] [--json] [query]; no query reads
one query per line from stdin and prints one JSON line per query, in order.`,
};
