import type { KnowledgeBase } from '../knowledge-base';
import type { Delivery, NotificationMessage, Outbox } from '../../infrastructure/notify';
import type { EntryPoint, Lang, OperatorId, Territory, Wave } from '../types';
import { OPERATOR_IDS } from '../types';
import { formatFrenchPhone, normalizeEmail, normalizeFrenchPhone } from './details';
import { findReference, type RequestStore } from '../../infrastructure/request-store';
import type { ContactRequest, RequestStatus, RequestTarget } from './types';

/** Bumped whenever the consent wording changes; stored with each request. */
export const CONSENT_VERSION = 'rgpd-2026-1';

/** Who a request for this (territory, operator) goes to, as the dialog shows it before asking consent. */
export type ContactTarget =
  | {
      target: 'named';
      operator: OperatorId;
      operatorName: string;
      territory: { id: string; wave: Wave; name: string };
      /** "Marie Exemple, chargée d'affaires (Bpifrance)". */
      label: string;
      referent: { name: string; role: string; email?: string; phone?: string };
    }
  | {
      target: 'entry-point';
      operator: OperatorId;
      operatorName: string;
      territory: { id: string; wave: Wave; name: string };
      /** "Bpifrance — Direction régionale de Lyon" or the operator's name alone. */
      label: string;
      /** Regional office first, else national; absent only if the operator publishes none. */
      entryPoint?: EntryPoint;
    };

export interface ContactSubmission {
  territory: { id: string; wave: Wave };
  operator: OperatorId;
  /** Channel the request came from (activity.channelId, or 'api'). */
  channel: string;
  locale?: Lang;
  firm: { name: string; contactName: string; email?: string; phone?: string };
  need: string;
  consent: { given: boolean; at?: string; textVersion?: string };
  /** Opaque identity of the requester (e.g. channel user id): lets them find requests by e-mail/phone later. */
  requesterKey?: string;
}

export type ContactField = 'territory' | 'operator' | 'firmName' | 'contactName' | 'contact' | 'email' | 'phone' | 'need' | 'consent';

export interface ContactProblem {
  field: ContactField;
  message: string;
}

export class ContactInputError extends Error {
  constructor(readonly problems: ContactProblem[]) {
    super(`Invalid contact request: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'ContactInputError';
  }
}

export interface SubmitResult {
  reference: string;
  /** False when the idempotency key had already been used: the earlier request is returned. */
  created: boolean;
  status: RequestStatus;
  target: ContactTarget;
  /** Confirmation to show the firm, in its language. */
  confirmation: string;
}

export interface RequestStatusView {
  reference: string;
  status: RequestStatus;
  statusLabel: string;
  createdAt: string;
  updatedAt: string;
  territoryName: string;
  operator: OperatorId;
  operatorName: string;
  target: 'named' | 'entry-point';
}

export interface ContactServiceOptions {
  kb: KnowledgeBase;
  store: RequestStore;
  outbox: Outbox;
  retentionDays: number;
  /** Set when e-mails without a named referent have an operations inbox to go to. */
  opsInbox?: string;
  log?: (message: string) => void;
  /** How often expired requests are purged while running. */
  purgeEveryMs?: number;
}

export const MAX_NEED_LENGTH = 1000;
const MAX_FIELD_LENGTH = 200;

const STATUS_LABELS: Record<Lang, Record<RequestStatus, string>> = {
  fr: {
    nouvelle: 'enregistrée, en cours de transmission',
    transmise: 'transmise',
    'prise en charge': 'prise en charge',
    close: 'close',
  },
  en: {
    nouvelle: 'received, being forwarded',
    transmise: 'forwarded',
    'prise en charge': 'being handled',
    close: 'closed',
  },
};

export function statusLabel(status: RequestStatus, locale: Lang = 'fr'): string {
  return STATUS_LABELS[locale][status];
}

const clean = (s: unknown) =>
  String(s ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The facade the contact dialog (and any other interface) uses: who a request would go to, the
 * consent text, submission (validated, stored, notification enqueued, idempotent) and status.
 * Nothing here sends on the caller's path: delivery is the outbox worker's job.
 */
export class ContactService {
  private purgeTimer: NodeJS.Timeout | null = null;
  private readonly log: (message: string) => void;

  constructor(private readonly o: ContactServiceOptions) {
    this.log = o.log ?? (() => undefined);
    o.outbox.setOnDelivered(async (entry) => {
      if (entry.primary) await o.store.markDelivered(entry.reference, `notifier:${entry.channel}`);
    });
  }

  get retentionDays(): number {
    return this.o.retentionDays;
  }

  private territory(ref: { id: string; wave: Wave }): Territory | undefined {
    return this.o.kb.territory(Number(ref.wave), ref.id);
  }

  /** Who a request would reach; null when the territory or operator is unknown. */
  prepare(territoryRef: { id: string; wave: Wave }, operator: OperatorId): ContactTarget | null {
    const territory = this.territory(territoryRef);
    if (!territory || !OPERATOR_IDS.includes(operator)) return null;
    const view = this.o.kb.referentFor(territory, operator);
    const t = { id: territory.id, wave: territory.wave, name: territory.name };
    if (view.kind === 'named') {
      return {
        target: 'named',
        operator,
        operatorName: view.operatorName,
        territory: t,
        label: `${view.name}${view.role ? `, ${view.role}` : ''} (${view.operatorName})`,
        referent: { name: view.name, role: view.role, ...(view.email ? { email: view.email } : {}), ...(view.phone ? { phone: view.phone } : {}) },
      };
    }
    const entryPoint = view.entryPoints[0];
    return {
      target: 'entry-point',
      operator,
      operatorName: view.operatorName,
      territory: t,
      label: entryPoint ? `${view.operatorName} — ${entryPoint.officeName}` : view.operatorName,
      ...(entryPoint ? { entryPoint } : {}),
    };
  }

  /** True when the request will be e-mailed straight to the named referent. */
  private direct(target: ContactTarget): boolean {
    return target.target === 'named' && !!target.referent.email && this.o.outbox.channels().includes('email');
  }

  /** The consent question: what is sent, to whom, how long it is kept. Show it verbatim. */
  consent(target: ContactTarget, locale: Lang = 'fr'): { version: string; text: string } {
    const days = this.o.retentionDays;
    if (locale === 'en') {
      const to = this.direct(target)
        ? `by e-mail to ${target.label}`
        : `to the team running this assistant, who will pass them on to ${target.label}${target.target === 'entry-point' ? ' (no referent has been designated for your territory yet)' : ''}`;
      return {
        version: CONSENT_VERSION,
        text:
          `Your firm's name, your name, your e-mail and/or phone number and your need will be sent ${to} so that they can get back to you. ` +
          `They are kept for ${days} days, then deleted. You can ask to see or delete them at any time, quoting your reference. Do you agree?`,
      };
    }
    const to = this.direct(target)
      ? `par e-mail à ${target.label}`
      : `à l'équipe qui anime cet assistant, qui les fera suivre à ${target.label}${target.target === 'entry-point' ? " (aucun référent n'est encore désigné pour votre territoire)" : ''}`;
    return {
      version: CONSENT_VERSION,
      text:
        `Le nom de votre entreprise, votre nom, votre e-mail et/ou téléphone et votre besoin seront transmis ${to} pour qu'on vous recontacte. ` +
        `Ils sont conservés ${days} jours, puis supprimés. Vous pouvez demander à les consulter ou à les supprimer à tout moment en indiquant votre référence. Êtes-vous d'accord ?`,
    };
  }

  /** Every problem of a submission at once (empty when acceptable), so a dialog can re-ask precisely. */
  validate(input: ContactSubmission): ContactProblem[] {
    const problems: ContactProblem[] = [];
    if (!input?.territory || !this.territory(input.territory)) problems.push({ field: 'territory', message: 'unknown territory' });
    if (!OPERATOR_IDS.includes(input?.operator)) problems.push({ field: 'operator', message: 'unknown operator' });
    const firm = input?.firm ?? ({} as ContactSubmission['firm']);
    const name = clean(firm.name);
    if (!name) problems.push({ field: 'firmName', message: 'required' });
    else if (name.length > MAX_FIELD_LENGTH) problems.push({ field: 'firmName', message: 'too long' });
    const contactName = clean(firm.contactName);
    if (!contactName) problems.push({ field: 'contactName', message: 'required' });
    else if (contactName.length > MAX_FIELD_LENGTH) problems.push({ field: 'contactName', message: 'too long' });
    const email = clean(firm.email);
    const phone = clean(firm.phone);
    if (!email && !phone) problems.push({ field: 'contact', message: 'an e-mail or a phone number is required' });
    if (email && !normalizeEmail(email)) problems.push({ field: 'email', message: 'not a valid e-mail address' });
    if (phone && !normalizeFrenchPhone(phone)) problems.push({ field: 'phone', message: 'not a valid French phone number' });
    const need = clean(input?.need);
    if (!need) problems.push({ field: 'need', message: 'required' });
    else if (need.length > MAX_NEED_LENGTH) problems.push({ field: 'need', message: `longer than ${MAX_NEED_LENGTH} characters` });
    if (input?.consent?.given !== true) problems.push({ field: 'consent', message: 'explicit consent is required' });
    return problems;
  }

  /**
   * Validates, stores and enqueues the notification. Idempotent on `idempotencyKey`: the same
   * key returns the request already stored and enqueues nothing more. Throws ContactInputError.
   */
  async submit(input: ContactSubmission, idempotencyKey: string): Promise<SubmitResult> {
    const problems = this.validate(input);
    if (problems.length > 0) throw new ContactInputError(problems);
    if (!idempotencyKey) throw new Error('submit() needs an idempotency key');
    const locale: Lang = input.locale === 'en' ? 'en' : 'fr';
    const target = this.prepare(input.territory, input.operator)!;
    const email = input.firm.email ? normalizeEmail(clean(input.firm.email))! : undefined;
    const phone = input.firm.phone ? normalizeFrenchPhone(clean(input.firm.phone))! : undefined;
    const { request, created } = await this.o.store.create({
      territory: target.territory,
      operator: input.operator,
      target: toRequestTarget(target),
      channel: clean(input.channel).slice(0, 50) || 'unknown',
      firm: { name: clean(input.firm.name), contactName: clean(input.firm.contactName), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
      need: clean(input.need),
      consent: { given: true, at: input.consent.at ?? new Date().toISOString(), textVersion: input.consent.textVersion || CONSENT_VERSION },
      locale,
      idempotencyKey,
      ...(input.requesterKey ? { requesterKey: input.requesterKey } : {}),
    });
    if (created) {
      const deliveries = this.deliveriesFor(request, target);
      if (deliveries.length === 0) this.log(`contact: request ${request.reference} stored; no notifier is configured, it waits for an administrator`);
      await this.o.outbox.enqueue(request.reference, deliveries);
    }
    return { reference: request.reference, created, status: request.status, target, confirmation: this.confirmation(request.reference, target, locale) };
  }

  confirmation(reference: string, target: ContactTarget, locale: Lang = 'fr'): string {
    if (locale === 'en') {
      return target.target === 'named'
        ? `Your request has been recorded under reference ${reference}. It is being forwarded to ${target.label}. Ask "where is my request?" with this reference at any time.`
        : `Your request has been recorded under reference ${reference}. No referent has been designated yet for ${target.operatorName} in ${target.territory.name}: your request goes to ${target.label}, the ${target.entryPoint?.scope === 'regional' ? 'regional' : 'national'} entry point. Ask "where is my request?" with this reference at any time.`;
    }
    return target.target === 'named'
      ? `Votre demande est enregistrée sous la référence ${reference}. Elle est transmise à ${target.label}. Demandez « où en est ma demande ? » avec cette référence à tout moment.`
      : `Votre demande est enregistrée sous la référence ${reference}. Aucun référent n'est encore désigné chez ${target.operatorName} pour ${target.territory.name} : votre demande est adressée à ${target.label}, point d'entrée ${target.entryPoint?.scope === 'regional' ? 'régional' : 'national'}. Demandez « où en est ma demande ? » avec cette référence à tout moment.`;
  }

  /**
   * Status of a request, found by its reference in the text, or by e-mail/phone for the same
   * requester only (see RequestStore.findByContact). Empty when nothing matches.
   */
  async status(query: string, options: { requesterKey?: string; locale?: Lang } = {}): Promise<RequestStatusView[]> {
    const locale = options.locale ?? 'fr';
    const reference = findReference(query);
    let requests: ContactRequest[];
    if (reference) {
      const r = await this.o.store.get(reference);
      requests = r ? [r] : [];
    } else if (options.requesterKey) {
      requests = await this.o.store.findByContact(clean(query), options.requesterKey);
    } else {
      requests = [];
    }
    return requests.map((r) => ({
      reference: r.reference,
      status: r.status,
      statusLabel: statusLabel(r.status, locale),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      territoryName: r.territory.name,
      operator: r.operator,
      operatorName: this.o.kb.operator(r.operator)?.name ?? r.operator,
      target: r.target.kind,
    }));
  }

  /** Deletes requests past the retention period and their pending notifications. */
  async purgeExpired(): Promise<string[]> {
    const purged = await this.o.store.purgeOlderThan(this.o.retentionDays);
    if (purged.length > 0) {
      await this.o.outbox.removeFor(purged);
      this.log(`contact: purged ${purged.length} request(s) older than ${this.o.retentionDays} days`);
    }
    return purged;
  }

  exportFirm(query: string): Promise<ContactRequest[]> {
    return this.o.store.exportFirm(query);
  }

  /** Erases a firm's requests and their notifications still queued. */
  async eraseFirm(query: string): Promise<string[]> {
    const erased = await this.o.store.eraseFirm(query);
    if (erased.length > 0) await this.o.outbox.removeFor(erased);
    return erased;
  }

  private deliveriesFor(request: ContactRequest, target: ContactTarget): Delivery[] {
    const channels = this.o.outbox.channels();
    if (this.direct(target) && target.target === 'named') {
      return [{ channel: 'email', primary: true, message: this.message(request, target, target.referent.email) }];
    }
    const deliveries: Delivery[] = [];
    if (channels.includes('webhook')) deliveries.push({ channel: 'webhook', primary: true, message: this.message(request, target) });
    if (channels.includes('email') && this.o.opsInbox) deliveries.push({ channel: 'email', primary: true, message: this.message(request, target, this.o.opsInbox) });
    return deliveries;
  }

  private message(request: ContactRequest, target: ContactTarget, to?: string): NotificationMessage {
    const designated = target.target === 'named';
    const facts: Array<{ title: string; value: string }> = [
      { title: 'Référence', value: request.reference },
      { title: 'Territoire', value: `${request.territory.name} (${request.territory.id}, ${request.territory.wave})` },
      { title: 'Opérateur', value: target.operatorName },
      {
        title: 'Destinataire',
        value: designated ? target.label : `Référent non encore désigné — point d'entrée : ${target.label}`,
      },
      { title: 'Entreprise', value: request.firm.name },
      { title: 'Contact', value: request.firm.contactName },
      ...(request.firm.email ? [{ title: 'E-mail', value: request.firm.email }] : []),
      ...(request.firm.phone ? [{ title: 'Téléphone', value: formatFrenchPhone(request.firm.phone) }] : []),
      { title: 'Besoin', value: request.need },
      { title: 'Canal', value: request.channel },
      { title: 'Reçue le', value: request.createdAt },
      { title: 'Consentement', value: `donné le ${request.consent.at} (${request.consent.textVersion})` },
    ];
    const subject = designated
      ? `[Territoires d'industrie] Demande de contact ${request.reference} — ${request.firm.name}`
      : `[Territoires d'industrie] Référent non encore désigné — demande ${request.reference} pour ${target.operatorName}`;
    const intro = designated
      ? `Bonjour,\n\nUne entreprise de votre Territoire d'industrie souhaite être recontactée. Elle a consenti à ce que ces informations vous soient transmises; elles sont conservées ${this.o.retentionDays} jours.`
      : `Bonjour,\n\nAucun référent n'est encore désigné pour cet opérateur sur ce territoire : merci d'orienter cette demande vers le point d'entrée indiqué.`;
    const text = `${intro}\n\n${facts.map((f) => `${f.title} : ${f.value}`).join('\n')}\n\n— Assistant Territoires d'industrie`;
    return { reference: request.reference, subject, text, facts, designated, ...(to ? { to } : {}) };
  }

  /** Starts the outbox worker and the daily purge. */
  start(): void {
    this.o.outbox.start();
    void this.purgeExpired().catch((err) => this.log(`contact: purge failed: ${(err as Error).message}`));
    this.purgeTimer = setInterval(() => {
      void this.purgeExpired().catch((err) => this.log(`contact: purge failed: ${(err as Error).message}`));
    }, this.o.purgeEveryMs ?? 6 * 3_600_000);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.purgeTimer = null;
    await this.o.outbox.stop();
  }
}

/** The stored (and shown) form of a target: the named referent, or the entry point it goes to. */
export function toRequestTarget(target: ContactTarget): RequestTarget {
  if (target.target === 'named') return { kind: 'named', ...target.referent };
  const e = target.entryPoint;
  return {
    kind: 'entry-point',
    operatorName: target.operatorName,
    ...(e
      ? {
          entryPoint: {
            officeName: e.officeName,
            scope: e.scope,
            regionCode: e.regionCode,
            regionName: e.regionName,
            ...(e.phone ? { phone: e.phone } : {}),
            ...(e.url ? { url: e.url } : {}),
          },
        }
      : {}),
  };
}
