import type { KnowledgeBase } from '../knowledge-base';
import type { NotificationMessage } from './notification';
import type { EntryPoint, Lang, OperatorId, Territory, Wave } from '../types';
import { OPERATOR_IDS } from '../types';
import { mentionsFirm, normalizeEmail, normalizeFrenchPhone } from './details';
import type { ConversationRecord, ConversationRecords, Delivery, NotificationOutbox, RequestRepository } from './ports';
import { findReference } from './reference';
import type { ContactRequest, RequestStatus, RequestTarget } from './types';
import { cleanLine } from '../text';

/**
 * Where the firm is: a territory, or (outside every territory) its region, whose operators'
 * entry points still take requests.
 */
export type ContactPlace = { id: string; wave: Wave } | { regionCode: string };

/** Where a request for this (place, operator) goes, as the dialog shows it before asking consent. */
export interface ContactTarget {
  operator: OperatorId;
  operatorName: string;
  /** Null for a firm outside every territory: the request goes to the operator's entry point. */
  territory: { id: string; wave: Wave; name: string } | null;
  /** The firm's region when it is outside every territory. */
  region?: { code: string; name: string };
  /** Who receives it: the named referent, or the operator's first entry point (stored as is with the request). */
  recipient: RequestTarget;
}

/**
 * Words the notification about a new request. The wording is presentation's
 * (src/presentation/notification.ts); the composition root hands it in.
 */
export type NotificationWriter = (request: ContactRequest, target: ContactTarget, retentionDays: number) => Omit<NotificationMessage, 'to'>;

export interface ContactSubmission {
  /** The firm's territory; absent for a firm outside every territory, which gives `regionCode`. */
  territory?: { id: string; wave: Wave };
  regionCode?: string;
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

/**
 * How a request reaches its recipient: 'automatic' when a notifier (e-mail, webhook) takes it,
 * 'manual' when none is configured for it and an administrator must pass it on.
 */
export type DeliveryMode = 'automatic' | 'manual';

/** Whether requests are being delivered, for /health and the administrators' report. */
export interface DeliveryReport {
  /** Notifiers configured (empty: every request waits for an administrator). */
  channels: string[];
  /** Requests without a named referent also have somewhere to go (webhook or operations inbox). */
  entryPointRequestsDelivered: boolean;
  /** Requests recorded but not passed on yet, and the oldest one's date. */
  waiting: number;
  oldestWaitingSince?: string;
}

export interface SubmitResult {
  reference: string;
  /** False when the idempotency key had already been used: the earlier request is returned. */
  created: boolean;
  status: RequestStatus;
  target: ContactTarget;
  delivery: DeliveryMode;
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
  /**
   * Working days within which an administrator passes on a request no notifier takes, when the
   * deployment commits to one (the firm is told so). Unset: no delay is promised.
   */
  manualReviewDays?: number;
  log?: (message: string) => void;
  /** How often expired requests are purged while running. */
  purgeEveryMs?: number;
  /** The chat's stored conversations, when their store can be searched (file or blob): exports and erasures cover them. */
  conversations?: ConversationRecords;
}

/** What is stored about a firm. `conversations` is null when the conversation store is not searched (STORAGE=memory). */
export interface FirmExport {
  requests: ContactRequest[];
  conversations: ConversationRecord[] | null;
}

export interface FirmErasure {
  references: string[];
  /** Conversations deleted; null when the conversation store cannot be searched. */
  conversations: number | null;
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

  /** Working days an administrator takes to pass on a request no notifier takes, when promised. */
  get manualReviewDays(): number | undefined {
    return this.o.manualReviewDays;
  }

  private territory(ref: { id: string; wave: Wave }): Territory | undefined {
    return this.o.kb.territory(Number(ref.wave), ref.id);
  }

  private region(code: string | undefined): { code: string; name: string } | undefined {
    const region = code ? this.o.kb.geo.regions.get(code) : undefined;
    return region ? { code: region.code, name: region.name } : undefined;
  }

  /**
   * Who a request would reach; null when the place or operator is unknown. Outside every
   * territory it is the operator's entry point for the region (national first), never a person.
   */
  prepare(place: ContactPlace, operator: OperatorId): ContactTarget | null {
    if (!OPERATOR_IDS.includes(operator)) return null;
    if ('regionCode' in place) {
      const region = this.region(place.regionCode);
      if (!region) return null;
      const operatorName = this.o.kb.operator(operator)?.name ?? operator;
      return { operator, operatorName, territory: null, region, recipient: entryPointRecipient(operatorName, this.o.kb.entryPoints(operator, region.code)[0]) };
    }
    const territory = this.territory(place);
    if (!territory) return null;
    const view = this.o.kb.referentFor(territory, operator);
    const target = { operator, operatorName: view.operatorName, territory: { id: territory.id, wave: territory.wave, name: territory.name } };
    if (view.kind === 'named') {
      const recipient = {
        kind: 'named',
        name: view.name,
        role: view.role,
        ...(view.email ? { email: view.email } : {}),
        ...(view.phone ? { phone: view.phone } : {}),
      } as const;
      return { ...target, recipient };
    }
    return { ...target, recipient: entryPointRecipient(view.operatorName, view.entryPoints[0]) };
  }

  /** How a request to this target is delivered with the notifiers configured now. */
  deliveryFor(target: ContactTarget): DeliveryMode {
    if (this.direct(target)) return 'automatic';
    return this.entryPointRequestsDelivered() ? 'automatic' : 'manual';
  }

  private entryPointRequestsDelivered(): boolean {
    const channels = this.o.outbox.channels();
    return channels.includes('webhook') || (channels.includes('email') && !!this.o.opsInbox);
  }

  /** Whether requests are being delivered: notifiers configured, requests waiting for an administrator. */
  async deliveryReport(): Promise<DeliveryReport> {
    const waiting = await this.o.store.list({ status: 'nouvelle' });
    const oldest = waiting.at(-1)?.createdAt;
    return {
      channels: [...this.o.outbox.channels()],
      entryPointRequestsDelivered: this.entryPointRequestsDelivered(),
      waiting: waiting.length,
      ...(oldest ? { oldestWaitingSince: oldest } : {}),
    };
  }

  /** True when the request will be e-mailed straight to the named referent. */
  private direct(target: ContactTarget): boolean {
    return target.recipient.kind === 'named' && !!target.recipient.email && this.o.outbox.channels().includes('email');
  }

  /** Every problem of a submission at once (empty when acceptable), so a dialog can re-ask precisely. */
  validate(input: ContactSubmission): ContactProblem[] {
    const problems: ContactProblem[] = [];
    if (input?.territory ? !this.territory(input.territory) : !this.region(input?.regionCode)) {
      problems.push({ field: 'territory', message: input?.territory ? 'unknown territory' : 'a known territory or region is required' });
    }
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
    const target = this.prepare(input.territory ?? { regionCode: input.regionCode! }, input.operator)!;
    const email = input.firm.email ? normalizeEmail(clean(input.firm.email))! : undefined;
    const phone = input.firm.phone ? normalizeFrenchPhone(clean(input.firm.phone))! : undefined;
    const { request, created } = await this.o.store.create({
      territory: target.territory,
      ...(target.region ? { region: target.region } : {}),
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
    if (created && deliveries.length === 0) this.log(`contact: request ${request.reference} stored; no notifier takes it, it waits for an administrator`);
    await this.o.outbox.enqueue(request.reference, deliveries);
    return { reference: request.reference, created, status: request.status, target, delivery: deliveries.length > 0 ? 'automatic' : 'manual' };
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
      territoryName: r.territory?.name ?? r.region?.name ?? '',
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

  /** Everything stored about a firm: its requests, and the conversations that hold its details, drafts or references. */
  async exportFirm(query: string): Promise<FirmExport> {
    const requests = await this.o.store.exportFirm(query);
    const conversations = this.o.conversations
      ? await this.o.conversations.matching(
          mentionsFirm(
            query,
            requests.map((r) => r.reference),
          ),
        )
      : null;
    return { requests, conversations };
  }

  /** Erases a firm's requests, their notifications still queued, and the conversations that hold its details. */
  async eraseFirm(query: string): Promise<FirmErasure> {
    const references = await this.o.store.eraseFirm(query);
    if (references.length > 0) await this.o.outbox.removeFor(references);
    let conversations: number | null = null;
    if (this.o.conversations) {
      const found = await this.o.conversations.matching(mentionsFirm(query, references));
      await this.o.conversations.delete(found.map((c) => c.key));
      conversations = found.length;
    }
    return { references, conversations };
  }

  private deliveriesFor(request: ContactRequest, target: ContactTarget): Delivery[] {
    const channels = this.o.outbox.channels();
    if (this.direct(target) && target.recipient.kind === 'named') {
      return [{ channel: 'email', primary: true, message: this.message(request, target, target.recipient.email) }];
    }
    const deliveries: Delivery[] = [];
    if (channels.includes('webhook')) deliveries.push({ channel: 'webhook', primary: true, message: this.message(request, target) });
    if (channels.includes('email') && this.o.opsInbox)
      deliveries.push({ channel: 'email', primary: true, message: this.message(request, target, this.o.opsInbox) });
    return deliveries;
  }

  private message(request: ContactRequest, target: ContactTarget, to?: string): NotificationMessage {
    return { ...this.o.writeNotification(request, target, this.o.retentionDays), ...(to ? { to } : {}) };
  }

  /** Starts the outbox worker and the daily purge. */
  start(): void {
    this.o.outbox.start();
    void this.purgeExpired().catch((err) => this.log(`contact: purge failed: ${(err as Error).message}`));
    this.purgeTimer = setInterval(
      () => {
        void this.purgeExpired().catch((err) => this.log(`contact: purge failed: ${(err as Error).message}`));
      },
      this.o.purgeEveryMs ?? 6 * 3_600_000,
    );
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.purgeTimer = null;
    await this.o.outbox.stop();
  }
}

/** The operator's entry point a request goes to when no referent is named (absent only if the operator publishes none). */
function entryPointRecipient(operatorName: string, e: EntryPoint | undefined): RequestTarget {
  const entryPoint = e
    ? {
        officeName: e.officeName,
        scope: e.scope,
        regionCode: e.regionCode,
        regionName: e.regionName,
        ...(e.phone ? { phone: e.phone } : {}),
        ...(e.url ? { url: e.url } : {}),
      }
    : undefined;
  return { kind: 'entry-point', operatorName, ...(entryPoint ? { entryPoint } : {}) };
}
