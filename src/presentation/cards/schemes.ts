import type { OperatorId, ReferentView } from '../../domain/types';
import { escapeMarkdown, markdownLines, markdownLink, plainText, safeHttpUrl } from '../escape';
import schemesTemplate from './schemes.json';
import { labelled, messages } from '../messages';
import type { Lang } from '../lang';
import { expandCard, type AdaptiveCardJson } from './template';
import { entryPointMarkdown } from './territory';
import { schemesText } from '../text';

/** The engine's answer for one scheme. */
export type SchemeVerdict = 'eligible' | 'unknown' | 'not-eligible';

/** Who to talk to about a scheme. */
export type SchemeContact =
  /** The territory's slot for the operator running the scheme: named referent or entry points. */
  | { kind: 'referent'; referent: ReferentView }
  /** Schemes applied for outside the four operators (e.g. démarches-simplifiées): how to apply. */
  | { kind: 'apply'; text: string; url?: string };

export interface SchemeCardEntry {
  id: string;
  name: string;
  verdict: SchemeVerdict;
  /** One line: why it is (or is not) open to the firm. */
  reason: string;
  /** Amount or advantage as published, with its date when it matters ("4 000 € par VTE (2022)"). */
  amount?: string;
  /** The amount or rule is uncertain (old, conflicting or secondary source): say "à confirmer auprès du référent". */
  toConfirm?: boolean;
  /** For 'unknown': what the firm still has to tell (already localised, short). */
  missing?: string[];
  contact?: SchemeContact;
}

export interface SchemesCardData {
  locale: Lang;
  /** Territory the answer is for, shown under the title; null/absent outside any territory. */
  territoryName?: string | null;
  /** In any order: the card groups them eligible, unknown, then not-eligible (behind "Pourquoi pas ?"). */
  schemes: SchemeCardEntry[];
  /** Offer a "Contacter ..." button on eligible schemes run by an operator. Default: true when territoryName is set. */
  allowContact?: boolean;
}

/** What the card's buttons send back as `activity.value`. */
export type SchemesCardAction = { action: 'contact'; operator: OperatorId } | { action: 'restart' };

interface Line {
  text: string;
  subtle: boolean;
}

function contactLines(contact: SchemeContact, locale: Lang): Line[] {
  const s = messages(locale).card;
  if (contact.kind === 'apply') {
    const url = safeHttpUrl(contact.url);
    const text = escapeMarkdown(contact.text, 300);
    return [{ text: labelled(locale, s.applyLabel, url ? `${text} · ${markdownLink(s.website, url)}` : text), subtle: false }];
  }
  const ref = contact.referent;
  if (ref.kind === 'named') {
    return [{ text: labelled(locale, s.contactLabel, s.referentOf(`**${escapeMarkdown(ref.name, 120)}**`, escapeMarkdown(ref.operatorName, 80))), subtle: false }];
  }
  const lines: Line[] = [{ text: labelled(locale, s.contactLabel, s.notDesignatedOf(escapeMarkdown(ref.operatorName, 80))), subtle: false }];
  const first = ref.entryPoints[0];
  if (first) lines.push({ text: entryPointMarkdown(first, locale), subtle: true });
  return lines;
}

function eligibleView(entry: SchemeCardEntry, locale: Lang, allowContact: boolean) {
  const s = messages(locale).card;
  const lines: Line[] = [];
  if (entry.amount) {
    const amount = escapeMarkdown(entry.amount, 200);
    lines.push({ text: entry.toConfirm ? `${amount} (${s.toConfirm})` : amount, subtle: false });
  } else if (entry.toConfirm) {
    lines.push({ text: s.toConfirm, subtle: false });
  }
  if (entry.contact) lines.push(...contactLines(entry.contact, locale));
  const referent = entry.contact?.kind === 'referent' ? entry.contact.referent : null;
  return {
    name: escapeMarkdown(entry.name, 120),
    reason: escapeMarkdown(entry.reason, 300),
    lines,
    hasContactAction: allowContact && referent !== null,
    operator: referent?.operator ?? '',
    contactTitle: referent
      ? plainText(referent.kind === 'named' ? s.contactNamed(referent.operatorName) : s.contactEntryPoint(referent.operatorName), 60)
      : '',
  };
}

function unknownView(entry: SchemeCardEntry, locale: Lang) {
  const s = messages(locale).card;
  const lines: Line[] = [];
  if (entry.reason) lines.push({ text: escapeMarkdown(entry.reason, 300), subtle: false });
  const missing = (entry.missing ?? []).map((m) => escapeMarkdown(m, 120)).filter(Boolean);
  if (missing.length) lines.push({ text: s.missing(missing.join(', ')), subtle: false });
  if (entry.amount) lines.push({ text: escapeMarkdown(entry.amount, 200), subtle: true });
  return { name: escapeMarkdown(entry.name, 120), lines };
}

export function renderSchemesCard(data: SchemesCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = messages(locale).card;
  const allowContact = data.allowContact ?? !!data.territoryName;
  const eligible = data.schemes.filter((x) => x.verdict === 'eligible');
  const unknown = data.schemes.filter((x) => x.verdict === 'unknown');
  const notEligible = data.schemes.filter((x) => x.verdict === 'not-eligible');
  const view = {
    lang: locale,
    fallbackText: markdownLines(schemesText({ ...data, locale }), 1500),
    title: s.schemesTitle,
    hasSubtitle: !!data.territoryName,
    subtitle: data.territoryName ? s.schemesFor(escapeMarkdown(data.territoryName, 160)) : '',
    eligibleHeading: s.eligibleHeading,
    hasEligible: eligible.length > 0,
    noEligible: s.noEligible,
    eligible: eligible.map((e) => eligibleView(e, locale, allowContact)),
    hasUnknown: unknown.length > 0,
    unknownHeading: s.unknownHeading,
    unknown: unknown.map((e) => unknownView(e, locale)),
    hasNotEligible: notEligible.length > 0,
    whyNot: plainText(s.whyNot),
    notEligibleHeading: s.notEligibleHeading,
    notEligible: notEligible.map((e) => ({ text: labelled(locale, `**${escapeMarkdown(e.name, 120)}**`, escapeMarkdown(e.reason, 300)) })),
    restart: plainText(s.restart),
  };
  return expandCard(schemesTemplate, view);
}
