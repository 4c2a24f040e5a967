import { formatFrenchPhone } from '../domain/contact/details';
import { cleanLine, escapeMarkdown } from './escape';
import type { NotificationWriter } from '../domain/contact/service';
import { NOTIFICATION as N } from './messages';
import { recipientName } from './text';

/**
 * The notification about a new contact request, as its referent (or the operations team, when
 * none is designated) reads it: a subject, a plain-text body complete on its own, and the same
 * facts as label/value pairs for a Teams card. French: its readers are French public agents.
 */
export const writeNotification: NotificationWriter = (request, target, retentionDays) => {
  const designated = target.recipient.kind === 'named';
  const recipient = recipientName(target.recipient, target.operatorName);
  const facts: Array<{ title: string; value: string }> = [
    { title: N.reference, value: request.reference },
    {
      title: N.territory,
      value: request.territory
        ? `${request.territory.name} (${request.territory.id}, ${request.territory.wave})`
        : N.territoryOutside(request.region?.name ?? '?'),
    },
    { title: N.operator, value: target.operatorName },
    { title: N.recipient, value: designated ? recipient : N.recipientEntryPoint(recipient) },
    { title: N.firm, value: request.firm.name },
    { title: N.contact, value: request.firm.contactName },
    ...(request.firm.email ? [{ title: N.email, value: request.firm.email }] : []),
    ...(request.firm.phone ? [{ title: N.phone, value: formatFrenchPhone(request.firm.phone) }] : []),
    { title: N.need, value: request.need },
    { title: N.channel, value: request.channel },
    { title: N.receivedAt, value: request.createdAt },
    { title: N.consent, value: N.consentGiven(request.consent.at, request.consent.textVersion) },
  ];
  // Stored fields are already one clean line; this is the last gate before other people's inboxes.
  for (const fact of facts) fact.value = cleanLine(fact.value);
  const subject = designated
    ? N.subjectNamed(request.reference, cleanLine(request.firm.name, 80))
    : N.subjectEntryPoint(request.reference, cleanLine(target.operatorName));
  const intro = designated ? N.introNamed(retentionDays) : request.territory ? N.introEntryPoint : N.introOutside;
  const text = `${intro}\n\n${facts.map((f) => N.fact(f.title, f.value)).join('\n')}\n\n${N.signature}`;
  const banner = designated ? undefined : N.toRoute;
  const card = {
    title: escapeMarkdown(subject),
    ...(banner ? { banner: escapeMarkdown(banner) } : {}),
    facts: facts.map((f) => ({ title: escapeMarkdown(f.title), value: escapeMarkdown(f.value) })),
  };
  return { reference: request.reference, subject, text, facts, designated, ...(banner ? { banner } : {}), card };
};
