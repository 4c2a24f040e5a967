/**
 * Every fixed piece of text shown in cards and in their plain-text fallbacks, French and English.
 * Functions take values that the caller has already prepared for the target (escaped for
 * Markdown in a card, plain in a fallback): this table never escapes anything itself.
 */
import type { Wave } from '../domain/types';
import type { Lang } from './lang';

export function waveLabel(wave: Wave, locale: Lang): string {
  if (wave === 2023) return locale === 'fr' ? 'Liste 2023-2027' : '2023-2027 list';
  if (wave === 2019) return locale === 'fr' ? 'Liste 2019-2022' : '2019-2022 list';
  return locale === 'fr' ? `Liste ${wave}` : `${wave} list`;
}

/** Lower-case form for use inside a sentence ("(liste 2023-2027)"). */
export function waveLabelInline(wave: Wave, locale: Lang): string {
  const label = waveLabel(wave, locale);
  return locale === 'fr' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The line under an ambiguity question's candidates: how to find a place that is not offered. */
export function choicesHint(locale: Lang, shown: number, total: number, byPostalCode: boolean): string {
  const s = strings(locale);
  if (total > shown) return byPostalCode ? s.choicesTruncatedPostal(shown, total) : s.choicesTruncated(shown, total);
  return byPostalCode ? s.choicesHintPostal : s.choicesHint;
}

/**
 * Source dates are stored as published ("2024-10", "2020-03-10"); French readers get day/month/year.
 * Anything else is shown as stored rather than guessed.
 */
export function formatSourceDate(date: string, locale: Lang): string {
  const d = date.trim();
  if (locale === 'en') return d;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(d);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(d);
  if (m) return `${m[2]}/${m[1]}`;
  return d;
}

/** "Label : valeur" in French typography, "Label: value" in English. */
export function labelled(locale: Lang, label: string, value: string): string {
  return locale === 'fr' ? `${label} : ${value}` : `${label}: ${value}`;
}

/** A heading that introduces a list: "Titre :" / "Title:". */
export function listHeading(locale: Lang, text: string): string {
  return locale === 'fr' ? `${text} :` : `${text}:`;
}

const fr = {
  territoryKicker: "Territoire d'industrie",
  territorySentence: (name: string, wave: string, region: string) =>
    `Territoire d'industrie « ${name} » (${wave}${region ? `, ${region}` : ''})`,
  outsideTitle: "Hors Territoire d'industrie",
  outside: (place: string, wave: string) => `${place} n'est dans aucun Territoire d'industrie (${wave}).`,
  outsidePlaceUnknown: 'Ce lieu',
  outsideHelp: "Les opérateurs publics restent joignables : voici leurs points d'entrée pour votre région.",
  region: (r: string) => `Région ${r}`,
  commune: (name: string, dept: string) => `Commune : ${name} (${dept})`,
  establishment: (name: string) => `Établissement : ${name}`,
  referentsIntro: (named: number) =>
    named === 4 ? 'Vos 4 référents :' : `Vos référents (${4 - named} sur 4 pas encore désignés : je vous donne alors le point d'entrée de l'opérateur) :`,
  notDesignated: 'Référent non encore désigné',
  meanwhile: 'En attendant, contactez :',
  regionalOffice: (city: string, date: string) => `Bureau signalé à ${city} (source ${date})`,
  regionalOfficeNoCity: (date: string) => `Bureau régional (source ${date})`,
  nationalEntry: (date: string) => `Point d'entrée national (source ${date})`,
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
  choicesTruncated: (shown: number, total: number) =>
    `Seuls ${shown} lieux sur ${total} sont proposés : précisez le département ou le code postal.`,
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
  recipientEntryPoint: (office: string, operator: string) =>
    `${office} (${operator}) : point d'entrée, aucun référent n'est encore désigné pour ce territoire`,
  recipientOperatorOnly: (operator: string) => `${operator} : aucun référent n'est encore désigné pour ce territoire`,
  privacyHeading: 'Vos données',
  consent: (recipient: string, days: number) =>
    `En cliquant sur « J'accepte et j'envoie », vous acceptez que ces informations (entreprise, interlocuteur, coordonnées, besoin et territoire) soient transmises à ${recipient}, uniquement pour qu'il vous recontacte. Elles sont conservées ${days} jours puis supprimées. Vous pouvez demander à les consulter, les corriger ou les supprimer.`,
  accept: "J'accepte et j'envoie",
  cancel: 'Annuler',
  sentTitle: 'Demande envoyée',
  reference: (ref: string) => `Référence : ${ref}`,
  sentTo: (recipient: string) => `Votre demande a été transmise à ${recipient}.`,
  keepReference: 'Gardez cette référence : elle permet de suivre votre demande.',
  // advice
  noSchemeFor: (need: string, operator: string) =>
    `Pour votre projet (${need}), ma base ne contient aucun dispositif ouvert à votre entreprise : l'opérateur à qui le demander est ${operator}.`,
};

type Strings = typeof fr;

const en: Strings = {
  territoryKicker: "Territoire d'industrie",
  territorySentence: (name, wave, region) => `Territoire d'industrie "${name}" (${wave}${region ? `, ${region}` : ''})`,
  outsideTitle: "Not in a Territoire d'industrie",
  outside: (place, wave) => `${place} is not in any Territoire d'industrie (${wave}).`,
  outsidePlaceUnknown: 'This place',
  outsideHelp: 'The public operators can still be reached: here are their entry points for your region.',
  region: (r) => `Region ${r}`,
  commune: (name, dept) => `Town: ${name} (${dept})`,
  establishment: (name) => `Establishment: ${name}`,
  referentsIntro: (named) =>
    named === 4 ? 'Your 4 referents:' : `Your referents (${4 - named} of 4 not designated yet: I give the operator's entry point instead):`,
  notDesignated: 'No referent designated yet',
  meanwhile: 'In the meantime, contact:',
  regionalOffice: (city, date) => `Office reported in ${city} (source ${date})`,
  regionalOfficeNoCity: (date) => `Regional office (source ${date})`,
  nationalEntry: (date) => `National entry point (source ${date})`,
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
  consent: (recipient, days) =>
    `By clicking "I agree and send", you agree that these details (company, contact person, contact details, need and territory) are passed on to ${recipient}, only so that they can get back to you. They are kept for ${days} days and then deleted. You can ask to see, correct or delete them.`,
  accept: 'I agree and send',
  cancel: 'Cancel',
  sentTitle: 'Request sent',
  reference: (ref) => `Reference: ${ref}`,
  sentTo: (recipient) => `Your request was passed on to ${recipient}.`,
  keepReference: 'Keep this reference: it lets you follow up on your request.',
  noSchemeFor: (need, operator) => `For your project (${need}), my knowledge base has no scheme open to your company: the operator to ask is ${operator}.`,
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { fr, en };

export function strings(locale: Lang): Strings {
  return STRINGS[locale] ?? fr;
}
