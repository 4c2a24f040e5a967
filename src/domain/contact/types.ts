import type { OperatorId, Wave } from '../types';

export const REQUEST_STATUSES = ['nouvelle', 'transmise', 'prise en charge', 'close'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export function isRequestStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);
}

/** Who the request is for: the slot's named referent, or the operator's entry point when none is designated. */
export type RequestTarget =
  | { kind: 'named'; name: string; role: string; email?: string; phone?: string }
  | {
      kind: 'entry-point';
      operatorName: string;
      /** The public office the firm was told about; absent only if the operator publishes none. */
      entryPoint?: { officeName: string; scope: 'national' | 'regional'; regionCode: string; regionName: string; phone?: string; url?: string };
    };

export interface FirmContact {
  name: string;
  contactName: string;
  /** Normalised (lower case). */
  email?: string;
  /** E.164. */
  phone?: string;
}

export interface Consent {
  given: true;
  at: string;
  /** Version of the consent text shown, so what the firm agreed to can be reproduced. */
  textVersion: string;
}

export interface StatusChange {
  at: string;
  from: RequestStatus | null;
  to: RequestStatus;
  actor: string;
  note?: string;
}

export interface ContactRequest {
  reference: string;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
  /** Null when the firm is outside every territory (then `region` says where). */
  territory: { id: string; wave: Wave; name: string } | null;
  region?: { code: string; name: string };
  operator: OperatorId;
  target: RequestTarget;
  /** Bot Framework channel id ("msteams", "webchat", "directline"...), or "api". */
  channel: string;
  firm: FirmContact;
  need: string;
  consent: Consent;
  locale: string;
  history: StatusChange[];
  /** Hash of the client's idempotency key: a replayed submission returns the same request. */
  idempotencyKey?: string;
  /** Hash of an opaque requester identity (e.g. the channel user id), required to find requests by contact. */
  requesterKey?: string;
}

/** What a new request is made of; the store adds the reference, status, dates and history. */
export type NewContactRequest = Omit<ContactRequest, 'reference' | 'status' | 'createdAt' | 'updatedAt' | 'history' | 'idempotencyKey'> & {
  idempotencyKey: string;
};

export interface RequestFilter {
  status?: RequestStatus;
  territoryId?: string;
  wave?: Wave;
  operator?: OperatorId;
  /** ISO date: only requests created at or after it. */
  since?: string;
  limit?: number;
}
