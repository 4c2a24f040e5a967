import { createHash, randomInt } from 'node:crypto';
import path from 'node:path';
import { normalizeContact, normalizeEmail, normalizeFrenchPhone } from '../domain/contact/details';
import type { ContactRequest, NewContactRequest, RequestFilter, RequestStatus } from '../domain/contact/types';
import { isRequestStatus } from '../domain/contact/types';
import type { RequestRepository } from '../domain/contact/ports';
import { findReference, REFERENCE_ALPHABET } from '../domain/contact/reference';
import { foldKey } from '../domain/normalize';
import type { DocumentStore } from './storage/documents';
import { DocumentConflictError } from './storage/errors';
import { FileDocumentStore } from './storage/file-documents';
import { createOnce, migrateLegacyFile, versionOneList } from './storage/legacy-file';

/** The single requests file of earlier versions, moved into REQUESTS_DIR on open. */
export const REQUESTS_FILE = 'requests.json';
/** Under STATE_DIR: one file per request, and one per idempotency key (pointing to its request). */
export const REQUESTS_DIR = 'requests';
export const REQUEST_KEYS_DIR = 'request-keys';

export interface RequestKey {
  reference: string;
}

export function isContactRequest(value: unknown): value is ContactRequest {
  const v = value as Partial<ContactRequest> | null;
  return !!v && typeof v.reference === 'string' && isRequestStatus(v.status) && typeof v.createdAt === 'string' && !!v.firm && Array.isArray(v.history);
}

export const isRequestKey = (value: unknown): value is RequestKey => typeof (value as RequestKey | null)?.reference === 'string';

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export class RequestNotFoundError extends Error {
  constructor(readonly reference: string) {
    super(`No contact request ${reference}`);
    this.name = 'RequestNotFoundError';
  }
}

/**
 * Contact requests, one document per request (file or blob), every change conditional on the
 * document's eTag, so instances sharing the store never overwrite each other's changes. A create
 * first claims its idempotency key (a document of its own, created only if absent), so a
 * submission replayed on any instance returns the request already stored. References are drawn
 * at random (30^5 per year) and a request is created only under a free one: they stay
 * unguessable and unique. A change resolves once stored: an acknowledged request survives a crash.
 */
export class RequestStore implements RequestRepository {
  constructor(
    private readonly docs: DocumentStore<ContactRequest>,
    private readonly keys: DocumentStore<RequestKey>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The requests in files under `stateDir` (one machine), with those of an earlier requests.json moved in. */
  static async open(stateDir: string, options: { now?: () => Date } = {}): Promise<RequestStore> {
    const docs = new FileDocumentStore<ContactRequest>(path.join(stateDir, REQUESTS_DIR), 'requests', { isValid: isContactRequest, indent: 1 });
    const keys = new FileDocumentStore<RequestKey>(path.join(stateDir, REQUEST_KEYS_DIR), 'request-keys', { isValid: isRequestKey });
    const store = new RequestStore(docs, keys, options.now);
    await store.migrate(path.join(stateDir, REQUESTS_FILE));
    return store;
  }

  private newReference(year: number): string {
    let code = '';
    for (let i = 0; i < 5; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
    return `TI-${year}-${code}`;
  }

  /**
   * Stores a new request, or returns the one already stored under the same idempotency key
   * (a replayed dialog step after a restart must not create a second request).
   */
  async create(input: NewContactRequest): Promise<{ request: ContactRequest; created: boolean }> {
    if (!input.idempotencyKey) throw new Error('An idempotency key is required');
    const key = hash(`idem:${input.idempotencyKey}`);
    const at = this.now().toISOString();
    const build = (reference: string): ContactRequest => ({
      reference,
      status: 'nouvelle',
      createdAt: at,
      updatedAt: at,
      territory: input.territory ? { ...input.territory } : null,
      ...(input.region ? { region: { ...input.region } } : {}),
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
    });
    let reference = this.newReference(this.now().getUTCFullYear());
    try {
      await this.keys.create(key, { reference });
    } catch (err) {
      if (!(err instanceof DocumentConflictError)) throw err;
      const claimed = await this.keys.get(key);
      reference = claimed?.value.reference ?? reference;
      const existing = await this.docs.get(reference);
      // Claimed, then the instance stopped before storing the request: this replay stores it.
      if (existing) return { request: existing.value, created: false };
    }
    for (let tries = 0; ; tries++) {
      try {
        const stored = await this.docs.create(reference, build(reference));
        return { request: stored.value, created: true };
      } catch (err) {
        if (!(err instanceof DocumentConflictError) || tries >= 5) throw err;
        const other = await this.docs.get(reference);
        // The same submission stored concurrently by another instance.
        if (other?.value.idempotencyKey === key) return { request: other.value, created: false };
        reference = this.newReference(this.now().getUTCFullYear());
        await this.keys.put(key, { reference });
      }
    }
  }

  async get(reference: string): Promise<ContactRequest | null> {
    const ref = findReference(reference);
    return ref ? ((await this.docs.get(ref))?.value ?? null) : null;
  }

  private async all(): Promise<ContactRequest[]> {
    return (await this.docs.all()).map((d) => d.value);
  }

  /**
   * Requests whose firm contact is this email or phone. With `requesterKey`, only requests made
   * by that requester: knowing someone's e-mail must not reveal whom they contacted.
   */
  async findByContact(contact: string, requesterKey?: string): Promise<ContactRequest[]> {
    const c = normalizeContact(contact);
    if (!c) return [];
    const requester = requesterKey ? hash(`requester:${requesterKey}`) : undefined;
    return (await this.all())
      .filter((r) => (c.kind === 'email' ? r.firm.email === c.value : r.firm.phone === c.value))
      .filter((r) => requester === undefined || r.requesterKey === requester);
  }

  async list(filter: RequestFilter = {}): Promise<ContactRequest[]> {
    const out = (await this.all())
      .filter((r) => !filter.status || r.status === filter.status)
      .filter((r) => !filter.territoryId || r.territory?.id === filter.territoryId)
      .filter((r) => filter.wave === undefined || r.territory?.wave === filter.wave)
      .filter((r) => !filter.operator || r.operator === filter.operator)
      .filter((r) => !filter.since || r.createdAt >= filter.since)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.reference.localeCompare(b.reference));
    return filter.limit ? out.slice(0, filter.limit) : out;
  }

  /** Changes the status and records who did it; a no-op change is not recorded. */
  async setStatus(reference: string, status: RequestStatus, actor: string, note?: string): Promise<ContactRequest> {
    if (!isRequestStatus(status)) throw new Error(`Unknown status ${String(status)}`);
    const ref = findReference(reference) ?? reference;
    const updated = await this.update(ref, (r) => this.withStatus(r, status, actor, note));
    if (!updated) throw new RequestNotFoundError(reference);
    return updated;
  }

  /** Sets 'transmise' only from 'nouvelle': a late delivery must not undo 'prise en charge'. */
  async markDelivered(reference: string, actor: string): Promise<boolean> {
    let changed = false;
    await this.update(reference, (r) => {
      changed = r.status === 'nouvelle';
      return changed ? this.withStatus(r, 'transmise', actor) : null;
    });
    return changed;
  }

  private withStatus(request: ContactRequest, status: RequestStatus, actor: string, note?: string): ContactRequest | null {
    if (request.status === status) return null;
    const at = this.now().toISOString();
    return {
      ...request,
      status,
      updatedAt: at,
      history: [...request.history, { at, from: request.status, to: status, actor, ...(note ? { note } : {}) }],
    };
  }

  /** Read-modify-write with the document's eTag, retried when another instance changed it meanwhile. */
  private async update(reference: string, change: (r: ContactRequest) => ContactRequest | null): Promise<ContactRequest | null> {
    for (let tries = 0; ; tries++) {
      const doc = await this.docs.get(reference);
      if (!doc) return null;
      const next = change(structuredClone(doc.value));
      if (!next) return doc.value;
      try {
        return (await this.docs.put(reference, next, { ifMatch: doc.eTag })).value;
      } catch (err) {
        if (!(err instanceof DocumentConflictError) || tries >= 4) throw err;
      }
    }
  }

  /** Deletes requests created more than `days` days ago; returns the deleted references. */
  async purgeOlderThan(days: number): Promise<string[]> {
    const limit = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    return this.remove((r) => r.createdAt < limit);
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
    return (await this.all()).filter(match).map((r) => {
      const { idempotencyKey: _i, requesterKey: _r, ...rest } = r;
      return rest;
    });
  }

  /** Erases every request of a firm (RGPD right to erasure); returns the erased references. */
  eraseFirm(query: string): Promise<string[]> {
    return this.remove(this.matchesFirm(query));
  }

  /** Reachability of the store, for /health. */
  async probe(): Promise<void> {
    await this.docs.probe();
    await this.keys.probe();
  }

  private async remove(predicate: (r: ContactRequest) => boolean): Promise<string[]> {
    const removed: string[] = [];
    for (const r of await this.all()) {
      if (!predicate(r)) continue;
      if (await this.docs.delete(r.reference)) removed.push(r.reference);
      if (r.idempotencyKey) await this.keys.delete(r.idempotencyKey);
    }
    return removed.sort();
  }

  /** Moves the requests of a requests.json of earlier versions in, one document each (and their idempotency keys), then sets it aside. */
  migrate(file: string): Promise<boolean> {
    return migrateLegacyFile<ContactRequest>({
      file,
      records: versionOneList('requests', isContactRequest),
      personalData: true,
      move: async (r) => {
        await createOnce(this.docs, r.reference, r);
        if (r.idempotencyKey) await createOnce(this.keys, r.idempotencyKey, { reference: r.reference });
      },
    });
  }
}
