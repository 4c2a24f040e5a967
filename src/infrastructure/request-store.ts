import { createHash, randomInt } from 'node:crypto';
import path from 'node:path';
import { normalizeContact, normalizeEmail, normalizeFrenchPhone } from '../domain/contact/details';
import { openPrivateDocument, writeOrRollBack, type JsonDocument } from './json-document';
import { SerialQueue } from '../domain/serial';
import type { ContactRequest, NewContactRequest, RequestFilter, RequestStatus } from '../domain/contact/types';
import { isRequestStatus } from '../domain/contact/types';
import type { RequestRepository } from '../domain/contact/ports';
import { findReference, REFERENCE_ALPHABET } from '../domain/contact/reference';
import { foldKey } from '../domain/normalize';

export const REQUESTS_FILE = 'requests.json';

interface RequestsDoc {
  version: 1;
  requests: ContactRequest[];
}

const emptyRequestsDoc = (): RequestsDoc => ({ version: 1, requests: [] });
const isRequestsDoc = (data: unknown): boolean => (data as Partial<RequestsDoc>).version === 1 && Array.isArray((data as Partial<RequestsDoc>).requests);

const hash = (value: string) => createHash('sha256').update(value).digest('hex');


export class RequestNotFoundError extends Error {
  constructor(readonly reference: string) {
    super(`No contact request ${reference}`);
    this.name = 'RequestNotFoundError';
  }
}

/**
 * Contact requests in `<stateDir>/requests.json` (0600). Every mutation runs through one queue
 * and is on disk before the promise resolves, so an acknowledged request survives a crash.
 */
export class RequestStore implements RequestRepository {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly db: JsonDocument<RequestsDoc>,
    private readonly now: () => Date,
  ) {}

  static async open(stateDir: string, options: { now?: () => Date } = {}): Promise<RequestStore> {
    const db = await openPrivateDocument(path.join(stateDir, REQUESTS_FILE), emptyRequestsDoc, isRequestsDoc);
    return new RequestStore(db, options.now ?? (() => new Date()));
  }

  private get requests(): ContactRequest[] {
    return this.db.data.requests;
  }

  private newReference(year: number): string {
    const taken = new Set(this.requests.map((r) => r.reference));
    for (;;) {
      let code = '';
      for (let i = 0; i < 5; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
      const reference = `TI-${year}-${code}`;
      if (!taken.has(reference)) return reference;
    }
  }

  /**
   * Stores a new request, or returns the one already stored under the same idempotency key
   * (a replayed dialog step after a restart must not create a second request).
   */
  create(input: NewContactRequest): Promise<{ request: ContactRequest; created: boolean }> {
    return this.queue.run(async () => {
      if (!input.idempotencyKey) throw new Error('An idempotency key is required');
      const key = hash(`idem:${input.idempotencyKey}`);
      const existing = this.requests.find((r) => r.idempotencyKey === key);
      if (existing) return { request: structuredClone(existing), created: false };
      const at = this.now().toISOString();
      const request: ContactRequest = {
        reference: this.newReference(this.now().getUTCFullYear()),
        status: 'nouvelle',
        createdAt: at,
        updatedAt: at,
        territory: { ...input.territory },
        operator: input.operator,
        target: structuredClone(input.target),
        channel: input.channel,
        firm: { ...input.firm },
        need: input.need,
        consent: { ...input.consent },
        locale: input.locale,
        history: [{ at, from: null, to: 'nouvelle', actor: `channel:${input.channel}` }],
        idempotencyKey: key,
        ...(input.requesterKey ? { requesterKey: hash(`requester:${input.requesterKey}`) } : {}),
      };
      this.requests.push(request);
      await writeOrRollBack(this.db, () => this.requests.pop());
      return { request: structuredClone(request), created: true };
    });
  }

  async get(reference: string): Promise<ContactRequest | null> {
    const ref = findReference(reference);
    const hit = ref ? this.requests.find((r) => r.reference === ref) : undefined;
    return hit ? structuredClone(hit) : null;
  }

  /**
   * Requests whose firm contact is this email or phone. With `requesterKey`, only requests made
   * by that requester: knowing someone's e-mail must not reveal whom they contacted.
   */
  async findByContact(contact: string, requesterKey?: string): Promise<ContactRequest[]> {
    const c = normalizeContact(contact);
    if (!c) return [];
    const requester = requesterKey ? hash(`requester:${requesterKey}`) : undefined;
    return this.requests
      .filter((r) => (c.kind === 'email' ? r.firm.email === c.value : r.firm.phone === c.value))
      .filter((r) => requester === undefined || r.requesterKey === requester)
      .map((r) => structuredClone(r));
  }

  async list(filter: RequestFilter = {}): Promise<ContactRequest[]> {
    const out = this.requests
      .filter((r) => !filter.status || r.status === filter.status)
      .filter((r) => !filter.territoryId || r.territory.id === filter.territoryId)
      .filter((r) => filter.wave === undefined || r.territory.wave === filter.wave)
      .filter((r) => !filter.operator || r.operator === filter.operator)
      .filter((r) => !filter.since || r.createdAt >= filter.since)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return (filter.limit ? out.slice(0, filter.limit) : out).map((r) => structuredClone(r));
  }

  /** Changes the status and records who did it; a no-op change is not recorded. */
  setStatus(reference: string, status: RequestStatus, actor: string, note?: string): Promise<ContactRequest> {
    return this.queue.run(async () => {
      if (!isRequestStatus(status)) throw new Error(`Unknown status ${String(status)}`);
      const ref = findReference(reference) ?? reference;
      const request = this.requests.find((r) => r.reference === ref);
      if (!request) throw new RequestNotFoundError(reference);
      await this.applyStatus(request, status, actor, note);
      return structuredClone(request);
    });
  }

  /** Sets 'transmise' only from 'nouvelle': a late delivery must not undo 'prise en charge'. */
  markDelivered(reference: string, actor: string): Promise<boolean> {
    return this.queue.run(async () => {
      const request = this.requests.find((r) => r.reference === reference);
      if (!request || request.status !== 'nouvelle') return false;
      await this.applyStatus(request, 'transmise', actor);
      return true;
    });
  }

  private async applyStatus(request: ContactRequest, status: RequestStatus, actor: string, note?: string): Promise<void> {
    if (request.status === status) return;
    const before = structuredClone(request);
    const at = this.now().toISOString();
    request.history.push({ at, from: request.status, to: status, actor, ...(note ? { note } : {}) });
    request.status = status;
    request.updatedAt = at;
    await writeOrRollBack(this.db, () => Object.assign(request, before));
  }

  /** Deletes requests created more than `days` days ago; returns the deleted references. */
  purgeOlderThan(days: number): Promise<string[]> {
    return this.queue.run(async () => {
      const limit = new Date(this.now().getTime() - days * 86_400_000).toISOString();
      return this.remove((r) => r.createdAt < limit);
    });
  }

  private matchesFirm(query: string): (r: ContactRequest) => boolean {
    const email = normalizeEmail(query);
    if (email) return (r) => r.firm.email === email;
    const phone = normalizeFrenchPhone(query);
    if (phone) return (r) => r.firm.phone === phone;
    const name = foldKey(query);
    if (!name) return () => false;
    return (r) => foldKey(r.firm.name) === name;
  }

  /** Everything stored about a firm, found by e-mail, phone or exact firm name (accents and case ignored). */
  async exportFirm(query: string): Promise<ContactRequest[]> {
    const match = this.matchesFirm(query);
    return this.requests.filter(match).map((r) => {
      const { idempotencyKey: _i, requesterKey: _r, ...rest } = structuredClone(r);
      return rest;
    });
  }

  /** Erases every request of a firm (RGPD right to erasure); returns the erased references. */
  eraseFirm(query: string): Promise<string[]> {
    return this.queue.run(async () => this.remove(this.matchesFirm(query)));
  }

  private async remove(predicate: (r: ContactRequest) => boolean): Promise<string[]> {
    const before = this.db.data.requests;
    const removed = before.filter(predicate).map((r) => r.reference);
    if (removed.length === 0) return [];
    this.db.data.requests = before.filter((r) => !predicate(r));
    await writeOrRollBack(this.db, () => {
      this.db.data.requests = before;
    });
    return removed;
  }
}
