import { createHash } from 'node:crypto';
import type { OperatorId } from '../../domain/types';
import confirmationTemplate from './contact-confirmation.json';
import contactTemplate from './contact.json';
import { cleanLine, escapeMarkdown, markdownLines, plainText } from '../escape';
import { strings } from '../messages';
import type { Lang } from '../lang';
import { expandCard, type AdaptiveCardJson } from './template';
import { consentText, contactConfirmationText, contactSummaryText, recipientLabel } from '../text';

export { consentText, recipientLabel };

/**
 * Who receives the request. Same shape as RequestTarget in src/domain/contact/types.ts, so a
 * stored or draft request's target can be passed as is.
 */
export type ContactRecipient =
  | { kind: 'named'; name: string; role: string; email?: string; phone?: string }
  | {
      kind: 'entry-point';
      operatorName: string;
      entryPoint?: { officeName: string; scope: 'national' | 'regional'; regionCode?: string; regionName?: string; phone?: string; url?: string };
    };

export interface ContactSummaryCardData {
  locale: Lang;
  operator: OperatorId;
  operatorName: string;
  territoryName: string;
  target: ContactRecipient;
  firm: { name: string; contactName: string; email?: string; phone?: string };
  need: string;
  /** How long the request is kept before deletion, as configured for the request store. */
  retentionDays: number;
  /** Echoed by both buttons so a double click or a replayed card maps to one draft (idempotency key). */
  draftId: string;
}

export interface ContactConfirmationCardData {
  locale: Lang;
  reference: string;
  operatorName: string;
  target: ContactRecipient;
}

/** What the summary card's buttons send back as `activity.value`. */
export type ContactCardAction =
  | { action: 'contact-consent'; operator: OperatorId; draftId: string; consentTextVersion: string }
  | { action: 'contact-cancel'; draftId: string };

/**
 * Version of the consent wording, stored with each request (Consent.textVersion) so what a firm
 * agreed to can be shown again. CONSENT_TEXT_FINGERPRINT guards it: change the wording and the
 * tests fail until both are updated together.
 */
export const CONSENT_TEXT_VERSION = 'contact-consent-1';
export const CONSENT_TEXT_FINGERPRINT = 'a3f6ebb285fd';

/** Fingerprint of the consent wording in both languages with placeholder values (see CONSENT_TEXT_VERSION). */
export function consentWordingFingerprint(): string {
  const target: ContactRecipient = { kind: 'named', name: '\u0001', role: '\u0002' };
  const wording = (['fr', 'en'] as const).map((locale) => strings(locale).consent(recipientLabel(target, '\u0003', locale), 1)).join('\n');
  return createHash('sha256').update(wording).digest('hex').slice(0, 12);
}

// Fixed strings from strings.ts are trusted Markdown-free text (test/cards checks it); only the
// values inserted into them are escaped.
const md = (value: string): string => escapeMarkdown(value, 200);

export function renderContactSummaryCard(data: ContactSummaryCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = strings(locale);
  const facts: Array<{ title: string; value: string }> = [
    { title: s.firm, value: escapeMarkdown(data.firm.name, 160) },
    { title: s.person, value: escapeMarkdown(data.firm.contactName, 120) },
  ];
  if (data.firm.email) facts.push({ title: s.email, value: escapeMarkdown(data.firm.email, 254) });
  if (data.firm.phone) facts.push({ title: s.phone, value: escapeMarkdown(data.firm.phone, 40) });
  facts.push(
    { title: s.need, value: escapeMarkdown(data.need, 1000) },
    { title: s.territory, value: escapeMarkdown(data.territoryName, 160) },
    { title: s.recipient, value: recipientLabel(data.target, data.operatorName, locale, md) },
  );
  const view = {
    lang: locale,
    fallbackText: markdownLines(contactSummaryText({ ...data, locale }), 1500),
    title: s.contactTitle,
    check: s.contactCheck,
    facts: facts.map((f) => ({ title: f.title, value: f.value || '—' })),
    privacyHeading: s.privacyHeading,
    consent: consentText({ ...data, locale }, md),
    accept: plainText(s.accept),
    cancel: plainText(s.cancel),
    operator: data.operator,
    draftId: cleanLine(data.draftId, 200),
    consentTextVersion: CONSENT_TEXT_VERSION,
  };
  return expandCard(contactTemplate, view);
}

export function renderContactConfirmationCard(data: ContactConfirmationCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = strings(locale);
  const view = {
    lang: locale,
    fallbackText: markdownLines(contactConfirmationText({ ...data, locale }), 1500),
    title: s.sentTitle,
    referenceLine: s.reference(escapeMarkdown(data.reference, 80)),
    sentTo: s.sentTo(recipientLabel(data.target, data.operatorName, locale, md)),
    keep: s.keepReference,
  };
  return expandCard(confirmationTemplate, view);
}
