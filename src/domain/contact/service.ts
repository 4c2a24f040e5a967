import type { KnowledgeBase } from '../knowledge-base';
import type { NotificationMessage } from './notification';
import type { Lang, OperatorId, Territory, Wave } from '../types';
import { OPERATOR_IDS } from '../types';
import { normalizeEmail, normalizeFrenchPhone } from './details';
import type { Delivery, NotificationOutbox, RequestRepository } from './ports';
import { findReference } from './reference';
import type { ContactRequest, RequestStatus, RequestTarget } from './types';
import { cleanLine } from '../text';

/** Where a request for this (territory, operator) goes, as the dialog shows it before asking consent. */
export interface ContactTarget {
  operator: OperatorId;
  operatorName: string;
  territory: { id: string; wave: Wave; name: string };
  /** Who receives it: the named referent, or the operator's first entry point (stored as is with the request). */
  recipient: RequestTarget;
}

/**
 * Words the notification about a new request. The wording is presentation's
 * (src/presentation/notification.ts); the composition root hands it in.
 */
export type NotificationWriter = (request: ContactRequest, target: ContactTarget, retentionDays: number) => Omit<NotificationMessage, 'to'>;

export interface ContactSubmission {
  territory: { id: string; wave: Wave };
  operator: OperatorId;
  /** Channel the request came from (activity.channelId, or 'api'). */
  channel: string;
  locale?: Lang;
  firm: { name: string; contactName: string; email?: string; phone?: string };
  need: string;
  /** `textVersion`: the version of the consent text the firm was shown (CONSENT_TEXT_VERSION), set by the server. */
  consent: { given: boolean; at?: string; textVersion: string };
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
}

export interface RequestStatusView {
  reference: string;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
  territoryName: string;
  operator: OperatorId;
  operatorName: string;
  target: 'named' | 'entry-point';
}

export interface ContactServiceOptions {
  kb: KnowledgeBase;
  store: RequestRepository;
  outbox: NotificationOutbox;
  writeNotification: NotificationWriter;
  retentionDays: number;
  /** Set when e-mails without a named referent have an operations inbox to go to. */
  opsInbox?: string;
  log?: (message: string) => void;
  /** How often expired requests are purged while running. */
  purgeEveryMs?: number;
}

export const MAX_NEED_LENGTH = 1000;
const MAX_FIELD_LENGTH = 200;

/** Every stored and notified field: one line, no control or bidi character. */
const clean = (s: unknown) => cleanLine(s);

/**
 * The facade the contact dialog (and any other interface) uses: who a request would go to,
 * submission (validated, stored, notification enqueued, idempotent) and status.
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
    const target = { operator, operatorName: view.operatorName, territory: { id: territory.id, wave: territory.wave, name: territory.name } };
    if (view.kind === 'named') {
      const recipient = { kind: 'named', name: view.name, role: view.role, ...(view.email ? { email: view.email } : {}), ...(view.phone ? { phone: view.phone } : {}) } as const;
      return { ...target, recipient };
    }
    const e = view.entryPoints[0];
    const entryPoint = e
      ? { officeName: e.officeName, scope: e.scope, regionCode: e.regionCode, regionName: e.regionName, ...(e.phone ? { phone: e.phone } : {}), ...(e.url ? { url: e.url } : {}) }
      : undefined;
    return { ...target, recipient: { kind: 'entry-point', operatorName: view.operatorName, ...(entryPoint ? { entryPoint } : {}) } };
  }

  /** True when the request will be e-mailed straight to the named referent. */
  private direct(target: ContactTarget): boolean {
    return target.recipient.kind === 'named' && !!target.recipient.email && this.o.outbox.channels().includes('email');
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
    else if (!clean(input.consent.textVersion)) problems.push({ field: 'consent', message: 'the version of the consent text shown is required' });
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
      target: target.recipient,
      channel: clean(input.channel).slice(0, 50) || 'unknown',
      firm: { name: clean(input.firm.name), contactName: clean(input.firm.contactName), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
      need: clean(input.need),
      consent: { given: true, at: input.consent.at ?? new Date().toISOString(), textVersion: clean(input.consent.textVersion).slice(0, 40) },
      locale,
      idempotencyKey,
      ...(input.requesterKey ? { requesterKey: input.requesterKey } : {}),
    });
    // Also for a replay: if the storage failed between the request and its notifications, the
    // retried submission queues them (the outbox stores each delivery once).
    const deliveries = this.deliveriesFor(request, target);
    if (created && deliveries.length === 0) this.log(`contact: request ${request.reference} stored; no notifier is configured, it waits for an administrator`);
    await this.o.outbox.enqueue(request.reference, deliveries);
    return { reference: request.reference, created, status: request.status, target };
  }

  /**
   * Status of a request, found by its reference in the text, or by e-mail/phone for the same
   * requester only (see RequestRepository.findByContact). Empty when nothing matches.
   */
  async status(query: string, options: { requesterKey?: string } = {}): Promise<RequestStatusView[]> {
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
    if (this.direct(target) && target.recipient.kind === 'named') {
      return [{ channel: 'email', primary: true, message: this.message(request, target, target.recipient.email) }];
    }
    const deliveries: Delivery[] = [];
    if (channels.includes('webhook')) deliveries.push({ channel: 'webhook', primary: true, message: this.message(request, target) });
    if (channels.includes('email') && this.o.opsInbox) deliveries.push({ channel: 'email', primary: true, message: this.message(request, target, this.o.opsInbox) });
    return deliveries;
  }

  private message(request: ContactRequest, target: ContactTarget, to?: string): NotificationMessage {
    return { ...this.o.writeNotification(request, target, this.o.retentionDays), ...(to ? { to } : {}) };
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
