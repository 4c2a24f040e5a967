/**
 * Plain-text versions of every card, for channels that show no cards (and for the cards'
 * `fallbackText`). Same facts, shorter. Send them with `textFormat: 'plain'` (FALLBACK_TEXT_FORMAT):
 * they are not escaped for Markdown, and Web Chat and Teams would otherwise read them as Markdown.
 */
import type { ContactTarget, DeliveryMode } from '../domain/contact/service';
import type { RequestTarget } from '../domain/contact/types';
import { hasProjectLead, type ReferentView } from '../domain/types';
import type {
  ChoicesCardData,
  ContactConfirmationCardData,
  ContactSummaryCardData,
  SchemeCardEntry,
  SchemeContact,
  SchemesCardData,
  TerritoryCardData,
} from './cards/data';
import { entryPointText } from './entry-points';
import { cleanLine } from './escape';
import { choicesHint, formatMonth, labelled, listHeading, messages, waveLabelInline } from './messages';
import type { Lang } from './lang';

export const FALLBACK_TEXT_FORMAT = 'plain';

const MAX_CHOICES_IN_TEXT = 10;

function loc(locale: Lang): Lang {
  return locale === 'en' ? 'en' : 'fr';
}

/** Who receives a request, by name: "Marie Exemple, chargée d'affaires (Bpifrance)", "Bpifrance — Direction régionale". */
export function recipientName(recipient: RequestTarget, operatorName: string): string {
  if (recipient.kind === 'named') return `${recipient.name}${recipient.role ? `, ${recipient.role}` : ''} (${operatorName})`;
  return recipient.entryPoint ? `${recipient.operatorName || operatorName} — ${recipient.entryPoint.officeName}` : recipient.operatorName || operatorName;
}

/** Where the request will go, said before the contact questions. */
export function recipientSentence(target: ContactTarget, lang: Lang): string {
  const s = messages(lang).contact;
  const recipient = target.recipient;
  const name = recipientName(recipient, target.operatorName);
  if (recipient.kind === 'named') return s.named(name, target.territory?.name ?? '');
  if (!recipient.entryPoint) return target.territory ? s.entryPointNone(target.operatorName) : s.outsideNone(target.operatorName);
  const scope = recipient.entryPoint.scope === 'regional' ? s.regional : s.national;
  return target.territory ? s.entryPoint(target.operatorName, name, scope) : s.outside(name, scope);
}

/** The "Territoire" line of a request: its territory, or "hors Territoire d'industrie" with the region. */
export function requestPlaceName(target: Pick<ContactTarget, 'territory' | 'region'>, lang: Lang): string {
  return target.territory?.name ?? messages(lang).contact.outsideTerritory(target.region?.name ?? '');
}

/** The first way to reach the recipient directly while the request waits: a phone, else a site or an e-mail. */
function directContact(recipient: RequestTarget): string | undefined {
  if (recipient.kind === 'named') return recipient.phone ?? recipient.email;
  return recipient.entryPoint?.phone ?? recipient.entryPoint?.url;
}

/**
 * The confirmation sent once a request is recorded (with the confirmation card where cards are
 * shown): to whom it is addressed, and how it travels. It never says "transmise" here: with a
 * notifier the request is being sent; without one an administrator passes it on (within the
 * delay the deployment commits to, if any), and the firm gets the operator's direct contact.
 */
export function contactRecordedText(reference: string, target: ContactTarget, lang: Lang, delivery: DeliveryMode, reviewDays?: number): string {
  const s = messages(lang).contact;
  const recipient = target.recipient;
  const name = recipientName(recipient, target.operatorName);
  const scope = recipient.kind === 'entry-point' && recipient.entryPoint?.scope === 'regional' ? s.regional : s.national;
  const addressed =
    recipient.kind === 'named'
      ? s.addressedNamed(name)
      : target.territory
        ? s.addressedEntryPoint(target.operatorName, target.territory.name, name, scope)
        : s.addressedOutside(name, scope);
  const direct = directContact(recipient);
  const how = delivery === 'automatic' ? [s.deliveryAutomatic] : [s.deliveryManual(reviewDays), ...(direct ? [s.meanwhile(direct)] : [])];
  return [s.recorded(reference), addressed, ...how, s.followUp].join(' ');
}

/**
 * Who the request goes to, in one sentence fragment. `format` prepares each data value: plain
 * text by default, escapeMarkdown for a card.
 */
export function recipientLabel(target: RequestTarget, operatorName: string, locale: Lang, format: (value: string) => string = (v) => cleanLine(v)): string {
  const s = messages(loc(locale)).card;
  if (target.kind === 'named') return s.recipientNamed(format(target.name), format(target.role), format(operatorName));
  if (target.entryPoint) return s.recipientEntryPoint(format(target.entryPoint.officeName), format(target.operatorName || operatorName));
  return s.recipientOperatorOnly(format(target.operatorName || operatorName));
}

function retention(days: number): number {
  // A retention that is not a positive whole number would make the consent text false.
  if (!Number.isInteger(days) || days <= 0) throw new RangeError(`retentionDays must be a positive integer, got ${days}`);
  return days;
}

/** The consent text as shown (plain text by default; the card passes escapeMarkdown as `format`). */
export function consentText(
  data: Pick<ContactSummaryCardData, 'locale' | 'target' | 'operatorName' | 'retentionDays' | 'privacyContact'>,
  format?: (value: string) => string,
): string {
  const locale = loc(data.locale);
  const contact = data.privacyContact ? (format ?? cleanLine)(data.privacyContact) : null;
  return messages(locale).card.consent(recipientLabel(data.target, data.operatorName, locale, format), retention(data.retentionDays), contact);
}

function referentText(ref: ReferentView, locale: Lang): string[] {
  const s = messages(locale).card;
  const operator = cleanLine(ref.operatorName);
  if (ref.kind === 'named') {
    const details = [cleanLine(ref.name), cleanLine(ref.role), cleanLine(ref.email), cleanLine(ref.phone)].filter(Boolean).join(' · ');
    return [`- ${labelled(locale, operator, details)}`];
  }
  const lines = [`- ${labelled(locale, operator, s.notDesignated)}.`];
  if (ref.entryPoints.length === 0) lines.push(`  ${s.noEntryPoint}`);
  for (const entry of ref.entryPoints) lines.push(`  ${entryPointText(entry, locale)}`);
  return lines;
}

export function territoryText(data: TerritoryCardData): string {
  const referents = referentsText(data.referents, data.locale);
  return referents ? `${territoryHeadText(data)}\n${referents}` : territoryHeadText(data);
}

/** The referents' part of territoryText: the same for every place of a territory. */
export function referentsText(referents: readonly ReferentView[], locale: Lang): string {
  return referents.flatMap((ref) => referentText(ref, loc(locale))).join('\n');
}

/** territoryText up to the referents: the place, its territory and the referents' introduction. */
export function territoryHeadText(data: TerritoryCardData): string {
  const locale = loc(data.locale);
  const s = messages(locale).card;
  const lines: string[] = [];
  if (data.establishmentName) lines.push(s.establishment(cleanLine(data.establishmentName)));
  const place = data.commune ? `${cleanLine(data.commune.name)} (${cleanLine(data.commune.department)})` : s.outsidePlaceUnknown;
  if (!data.territory) {
    lines.push(s.outside(place, waveLabelInline(data.wave, locale)));
    if (data.region) lines.push(s.region(cleanLine(data.region)));
    lines.push(s.outsideHelp);
  } else {
    const t = data.territory;
    lines.push(s.territorySentence(cleanLine(t.name), waveLabelInline(t.wave, locale), cleanLine(t.region)));
    if (data.commune) lines.push(s.commune(cleanLine(data.commune.name), cleanLine(data.commune.department)));
    const partial = data.partial;
    if (partial) lines.push(s.partly(cleanLine(partial.name), partial.communes.length, partial.total, cleanLine(partial.communes.join(', '), 600)));
    const door = data.intercommunality;
    if (door && !partial) lines.push(s.intercommunality(cleanLine(door.name)));
    if (door?.member && hasProjectLead(data.territory)) lines.push(s.projectTeam);
    lines.push(s.referentsIntro(data.referents.filter((r) => r.kind === 'named').length));
  }
  return lines.join('\n');
}

export function choicesText(data: ChoicesCardData): string {
  const locale = loc(data.locale);
  const s = messages(locale).card;
  const shown = data.choices.slice(0, MAX_CHOICES_IN_TEXT);
  const lines = [s.choicesQuestion(cleanLine(data.query, 80))];
  shown.forEach((c, i) => lines.push(`${i + 1}. ${cleanLine(c.label, 80)}`));
  lines.push(choicesHint(locale, shown.length, data.choices.length + (data.omitted ?? 0), data.byPostalCode ?? false));
  return lines.join('\n');
}

function schemeContactText(contact: SchemeContact, locale: Lang): string {
  const s = messages(locale).card;
  if (contact.kind === 'apply') return labelled(locale, s.applyLabel, [cleanLine(contact.text), cleanLine(contact.url)].filter(Boolean).join(' · '));
  const ref = contact.referent;
  if (ref.kind === 'named') {
    return labelled(
      locale,
      s.contactLabel,
      [s.referentOf(cleanLine(ref.name), cleanLine(ref.operatorName)), cleanLine(ref.email), cleanLine(ref.phone)].filter(Boolean).join(' · '),
    );
  }
  const first = ref.entryPoints[0];
  return labelled(locale, s.contactLabel, s.notDesignatedOf(cleanLine(ref.operatorName))) + (first ? ` ; ${entryPointText(first, locale)}` : '');
}

function checkText(entry: SchemeCardEntry, locale: Lang): string[] {
  const s = messages(locale).card;
  const lines: string[] = [];
  if (entry.staleSince) lines.push(`  ${s.staleOffer(cleanLine(formatMonth(entry.staleSince, locale)))}`);
  for (const c of entry.conflicts ?? []) lines.push(`  ${s.conflict(cleanLine(c, 300))}`);
  const conditions = (entry.conditions ?? []).map((c) => cleanLine(c, 200)).filter(Boolean);
  if (conditions.length) lines.push(`  ${s.conditions(conditions.join(' ; '))}`);
  return lines;
}

function eligibleText(entry: SchemeCardEntry, locale: Lang): string[] {
  const s = messages(locale).card;
  const lines = [`- ${labelled(locale, cleanLine(entry.name), cleanLine(entry.reason))}`];
  if (entry.amount) lines.push(`  ${cleanLine(entry.amount)}${entry.toConfirm ? ` (${s.toConfirm})` : ''}`);
  else if (entry.toConfirm) lines.push(`  ${s.toConfirm}`);
  lines.push(...checkText(entry, locale));
  if (entry.contact) lines.push(`  ${schemeContactText(entry.contact, locale)}`);
  return lines;
}

export function schemesText(data: SchemesCardData): string {
  const locale = loc(data.locale);
  const s = messages(locale).card;
  const lines = [data.territoryName ? `${s.schemesTitle} (${s.schemesFor(cleanLine(data.territoryName))})` : s.schemesTitle];
  const eligible = data.schemes.filter((x) => x.verdict === 'eligible');
  const unknown = data.schemes.filter((x) => x.verdict === 'unknown');
  const notEligible = data.schemes.filter((x) => x.verdict === 'not-eligible');
  lines.push(listHeading(locale, s.eligibleHeading));
  if (eligible.length === 0) lines.push(s.noEligible);
  for (const e of eligible) lines.push(...eligibleText(e, locale));
  if (unknown.length) {
    lines.push(listHeading(locale, s.unknownHeading));
    for (const u of unknown) {
      const missing = (u.missing ?? []).map((m) => cleanLine(m)).filter(Boolean);
      const why = missing.length ? s.missing(missing.join(', ')) : cleanLine(u.reason);
      lines.push(`- ${why ? labelled(locale, cleanLine(u.name), why) : cleanLine(u.name)}`, ...checkText(u, locale));
    }
  }
  if (notEligible.length) {
    lines.push(listHeading(locale, s.notEligibleHeading));
    for (const n of notEligible) lines.push(`- ${labelled(locale, cleanLine(n.name), cleanLine(n.reason))}`);
  }
  return lines.join('\n');
}

export function contactSummaryText(data: ContactSummaryCardData): string {
  const locale = loc(data.locale);
  const s = messages(locale).card;
  const lines = [s.contactTitle, s.contactCheck];
  lines.push(`- ${labelled(locale, s.firm, cleanLine(data.firm.name))}`);
  lines.push(`- ${labelled(locale, s.person, cleanLine(data.firm.contactName))}`);
  if (data.firm.email) lines.push(`- ${labelled(locale, s.email, cleanLine(data.firm.email))}`);
  if (data.firm.phone) lines.push(`- ${labelled(locale, s.phone, cleanLine(data.firm.phone))}`);
  lines.push(`- ${labelled(locale, s.need, cleanLine(data.need, 1000))}`);
  lines.push(`- ${labelled(locale, s.territory, cleanLine(data.territoryName))}`);
  lines.push(`- ${labelled(locale, s.recipient, recipientLabel(data.target, data.operatorName, locale))}`);
  lines.push(consentText({ ...data, locale }));
  return lines.join('\n');
}

export function contactConfirmationText(data: ContactConfirmationCardData): string {
  const locale = loc(data.locale);
  const s = messages(locale).card;
  const recipient = recipientLabel(data.target, data.operatorName, locale);
  const sent = data.delivery === 'automatic' ? s.sentAutomatic(recipient) : s.sentManual(recipient, data.reviewDays);
  return [s.sentTitle, s.reference(cleanLine(data.reference)), sent, s.keepReference].join('\n');
}
