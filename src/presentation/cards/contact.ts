import { createHash } from 'node:crypto';
import type { RequestTarget } from '../../domain/contact/types';
import confirmationTemplate from './contact-confirmation.json';
import contactTemplate from './contact.json';
import { cleanLine, escapeMarkdown, markdownLines, plainText } from '../escape';
import { messages } from '../messages';
import { expandCard, type AdaptiveCardJson } from './template';
import { consentText, contactConfirmationText, contactSummaryText, recipientLabel } from '../text';
import type { ContactConfirmationCardData, ContactSummaryCardData } from './data';

/** Fingerprint of the consent wording in both languages with placeholder values (see CONSENT_TEXT_VERSION in messages). */
export function consentWordingFingerprint(): string {
  const target: RequestTarget = { kind: 'named', name: '\u0001', role: '\u0002' };
  const wording = (['fr', 'en'] as const)
    .flatMap((locale) => ['\u0004', null].map((contact) => messages(locale).card.consent(recipientLabel(target, '\u0003', locale), 1, contact)))
    .join('\n');
  return createHash('sha256').update(wording).digest('hex').slice(0, 12);
}

// Fixed strings from messages.ts are trusted Markdown-free text (test/cards checks it); only the
// values inserted into them are escaped.
const md = (value: string): string => escapeMarkdown(value, 200);

export function renderContactSummaryCard(data: ContactSummaryCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = messages(locale).card;
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
  };
  return expandCard(contactTemplate, view);
}

export function renderContactConfirmationCard(data: ContactConfirmationCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = messages(locale).card;
  const view = {
    lang: locale,
    fallbackText: markdownLines(contactConfirmationText({ ...data, locale }), 1500),
    title: s.sentTitle,
    referenceLine: s.reference(escapeMarkdown(data.reference, 80)),
    sentTo:
      data.delivery === 'automatic'
        ? s.sentAutomatic(recipientLabel(data.target, data.operatorName, locale, md))
        : s.sentManual(recipientLabel(data.target, data.operatorName, locale, md), data.reviewDays),
    keep: s.keepReference,
  };
  return expandCard(confirmationTemplate, view);
}
