import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, Response, Server } from 'restify';
import { errorBody } from './errors';
import { isStorageOutage } from '../../infrastructure/storage/errors';
import { KbConflictError } from '../../domain/knowledge-base';
import type { Outbox, OutboxStatus } from '../../infrastructure/notify';
import { isRequestStatus, type ContactService, type RequestFilter } from '../../domain/contact';
import { RequestNotFoundError, type RequestStore } from '../../infrastructure/request-store';
import type { OperatorId, Wave } from '../../domain/types';
import { OPERATOR_IDS } from '../../domain/types';
import { AdminInputError, type HistoryAction, type KbAdmin } from '../../domain/admin';
import { ADMIN_API, HTTP_ERRORS } from '../../presentation/messages';

export interface AdminDeps {
  /** ADMIN_TOKEN, which every call must present. */
  adminToken: string;
  /** Knowledge-base administration on its history. */
  admin: KbAdmin;
  log: (message: string) => void;
  requests: RequestStore;
  outbox: Outbox;
  contact: ContactService;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares in constant time; hashing first gives equal lengths without leaking the token's length. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

const DEFAULT_STALE_DAYS = 365;

class BadParam extends Error {}

function send(res: Response, status: number, body: unknown): void {
  res.charSet('utf-8');
  res.header('Cache-Control', 'no-store');
  res.json(status, body);
}

function fail(res: Response, status: number, message?: string, extra: Record<string, unknown> = {}): void {
  const body = errorBody(status, message);
  send(res, status, { error: { ...body.error, ...extra } });
}

function query(req: Request, name: string): string | undefined {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const v = Object.prototype.hasOwnProperty.call(q, name) ? q[name] : undefined;
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadParam(ADMIN_API.once(name));
  return v.trim();
}

function intParam(req: Request, name: string, min: number, max: number): number | undefined {
  const raw = query(req, name);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new BadParam(ADMIN_API.integerBetween(name, min, max));
  return n;
}

function operatorParam(raw: string | undefined, name = 'operator'): OperatorId | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!OPERATOR_IDS.includes(raw as OperatorId)) throw new BadParam(ADMIN_API.unknownOperator(name, OPERATOR_IDS.join(', ')));
  return raw as OperatorId;
}

/** The label recorded in the history: the X-Admin-User header, else 'admin'. */
function who(req: Request): string {
  const raw = req.header('x-admin-user') ?? '';
  const label = String(raw)
    .replace(/[^\p{L}\p{N} ._@-]/gu, '')
    .trim()
    .slice(0, 64);
  return label ? `admin:${label}` : 'admin';
}

function textBody(req: Request): string | null {
  const body = (req as Request & { body?: unknown }).body;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return null;
}

/**
 * Admin REST API under /api/admin: every call needs `Authorization: Bearer <token>`. Registered
 * only when ADMIN_TOKEN is configured; without it every path is 404.
 */
export function registerAdmin(server: Server, deps: AdminDeps): void {
  const { admin, log } = deps;
  const expected = deps.adminToken;

  const auth = (req: Request, res: Response, next: Next): void => {
    const header = String(req.headers.authorization ?? '');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      res.header('WWW-Authenticate', 'Bearer realm="admin"');
      fail(res, 401);
      next(false);
      return;
    }
    if (!tokenMatches(m[1]!, expected)) {
      res.header('WWW-Authenticate', 'Bearer realm="admin", error="invalid_token"');
      log(`admin: rejected token from ${req.socket?.remoteAddress ?? '?'} on ${req.method} ${req.getPath()}`);
      fail(res, 401);
      next(false);
      return;
    }
    next();
  };

  const route =
    (handler: (req: Request, res: Response) => Promise<void> | void) =>
    (req: Request, res: Response, next: Next): void => {
      Promise.resolve()
        .then(() => handler(req, res))
        .then(
          () => next(),
          (err: unknown) => {
            if (err instanceof BadParam) fail(res, 400, err.message);
            else if (err instanceof AdminInputError) fail(res, err.status, err.message, { errors: err.errors });
            else if (isStorageOutage(err)) {
              res.header('Retry-After', '60');
              fail(res, 503, HTTP_ERRORS.storageUnavailable);
            } else if (err instanceof KbConflictError) fail(res, 409, ADMIN_API.kbConflict);
            else if (err instanceof RequestNotFoundError) fail(res, 404, ADMIN_API.noRequest(err.reference));
            else {
              log(`admin: ${req.method} ${req.getPath()} failed: ${(err as Error).name}: ${(err as Error).message}`);
              fail(res, 500);
            }
            next();
          },
        );
    };

  const needCsv = (req: Request): string => {
    const text = textBody(req);
    // The guard lets only JSON and these through; the body of a CSV type is kept as text.
    if (!/^text\/(csv|tab-separated-values|tsv)\b/i.test(String(req.headers['content-type'] ?? '')) || text === null) {
      throw new AdminInputError(ADMIN_API.csvExpected, [], 415);
    }
    return text;
  };

  const waveOf = (raw: string | undefined, name: string): Wave | undefined => {
    if (raw === undefined || raw === '') return undefined;
    if (!/^\d{4}$/.test(raw)) throw new BadParam(ADMIN_API.year(name));
    return Number(raw);
  };

  server.get(
    '/api/admin/slots',
    auth,
    route((req, res) => {
      const named = query(req, 'named');
      const slots = admin.listSlots({
        wave: waveOf(query(req, 'wave'), 'wave'),
        territoryId: query(req, 'territory') || undefined,
        operator: operatorParam(query(req, 'operator')),
        named: named === 'true' ? true : named === 'false' ? false : undefined,
      });
      send(res, 200, { count: slots.length, slots });
    }),
  );

  server.put(
    '/api/admin/slots/:wave/:territoryId/:operator',
    auth,
    route(async (req, res) => {
      const params = req.params as Record<string, string>;
      const wave = waveOf(params.wave, 'wave')!;
      const operator = params.operator as OperatorId;
      if (
        !String(req.headers['content-type'] ?? '')
          .toLowerCase()
          .startsWith('application/json')
      ) {
        throw new AdminInputError(ADMIN_API.referentJsonExpected, [], 415);
      }
      const body = (req as Request & { body?: unknown }).body;
      if (body === undefined || body === '') throw new BadParam(ADMIN_API.referentJsonRequired);
      const input =
        body !== null && typeof body === 'object' && !Array.isArray(body) && 'referent' in body && Object.keys(body).length === 1
          ? (body as { referent: unknown }).referent
          : body;
      const { slot, changed } = await admin.replaceSlot(wave, params.territoryId ?? '', operator, input, who(req));
      send(res, 200, { changed, slot });
    }),
  );

  server.post(
    '/api/admin/referents/import',
    auth,
    route(async (req, res) => {
      const result = await admin.importReferents(needCsv(req), who(req));
      send(res, 200, result);
    }),
  );

  server.post(
    '/api/admin/territories/import',
    auth,
    route(async (req, res) => {
      const wave = waveOf(query(req, 'wave'), 'wave');
      if (wave === undefined) throw new BadParam(ADMIN_API.waveRequired);
      const replace = query(req, 'replace') === 'true';
      const result = await admin.importTerritories(needCsv(req), wave, { replace }, who(req));
      send(res, result.replaced ? 200 : 201, result);
    }),
  );

  server.get(
    '/api/admin/history',
    auth,
    route(async (req, res) => {
      const action = query(req, 'action') as HistoryAction | undefined;
      const entries = await admin.history.list({
        limit: intParam(req, 'limit', 1, 1000) ?? 100,
        action: action || undefined,
        key: query(req, 'key') || undefined,
      });
      send(res, 200, { count: entries.length, entries });
    }),
  );

  server.get(
    '/api/admin/coverage',
    auth,
    route(async (req, res) => {
      const report = admin.coverage({
        olderThanDays: intParam(req, 'olderThanDays', 0, 36500) ?? DEFAULT_STALE_DAYS,
        wave: waveOf(query(req, 'wave'), 'wave'),
      });
      // Who gets the firms' requests is part of the coverage: with no notifier, nobody does until an administrator acts.
      send(res, 200, { ...report, contactDelivery: await deps.contact.deliveryReport() });
    }),
  );

  server.get(
    '/api/admin/requests',
    auth,
    route(async (req, res) => {
      const status = query(req, 'status');
      if (status && !isRequestStatus(status)) throw new BadParam(ADMIN_API.unknownRequestStatus);
      const filter: RequestFilter = {
        ...(status && isRequestStatus(status) ? { status } : {}),
        ...(query(req, 'territory') ? { territoryId: query(req, 'territory') } : {}),
        ...(operatorParam(query(req, 'operator')) ? { operator: operatorParam(query(req, 'operator')) } : {}),
        ...(waveOf(query(req, 'wave'), 'wave') !== undefined ? { wave: waveOf(query(req, 'wave'), 'wave') } : {}),
        limit: intParam(req, 'limit', 1, 10000) ?? 500,
      };
      const notifications = await deps.outbox.list();
      const requests = (await deps.requests.list(filter)).map(({ idempotencyKey: _i, requesterKey: _r, ...r }) => ({
        ...r,
        notifications: notifications.filter((n) => n.reference === r.reference),
      }));
      send(res, 200, { count: requests.length, requests });
    }),
  );

  server.get(
    '/api/admin/requests/export',
    auth,
    route(async (req, res) => {
      const firm = query(req, 'firm') ?? query(req, 'email') ?? query(req, 'phone') ?? '';
      if (!firm) throw new BadParam(ADMIN_API.firmRequired);
      const { requests, conversations } = await deps.contact.exportFirm(firm);
      res.header('Content-Disposition', 'attachment; filename="export-demandes.json"');
      // conversations: null when the conversation store cannot be searched (STORAGE=memory).
      send(res, 200, { exportedAt: new Date().toISOString(), count: requests.length, requests, conversations });
    }),
  );

  server.get(
    '/api/admin/requests/:reference',
    auth,
    route(async (req, res) => {
      const request = await deps.requests.get(String((req.params as Record<string, string>).reference ?? ''));
      if (!request) throw new RequestNotFoundError(String((req.params as Record<string, string>).reference));
      const { idempotencyKey: _i, requesterKey: _r, ...rest } = request;
      send(res, 200, { ...rest, notifications: await deps.outbox.list({ reference: request.reference }) });
    }),
  );

  server.patch(
    '/api/admin/requests/:reference',
    auth,
    route(async (req, res) => {
      const body = (req as Request & { body?: unknown }).body as { status?: unknown; note?: unknown } | undefined;
      const status = body && typeof body === 'object' ? body.status : undefined;
      if (!isRequestStatus(status)) throw new BadParam(ADMIN_API.statusBodyExpected);
      const note = typeof body?.note === 'string' ? body.note.trim().slice(0, 500) : undefined;
      const updated = await deps.requests.setStatus(String((req.params as Record<string, string>).reference ?? ''), status, who(req), note || undefined);
      const { idempotencyKey: _i, requesterKey: _r, ...rest } = updated;
      send(res, 200, rest);
    }),
  );

  server.del(
    '/api/admin/firms',
    auth,
    route(async (req, res) => {
      const firm = query(req, 'email') ?? query(req, 'phone') ?? query(req, 'firm') ?? '';
      if (!firm) throw new BadParam(ADMIN_API.personRequired);
      const { references, conversations } = await deps.contact.eraseFirm(firm);
      log(`admin: ${who(req)} erased ${references.length} request(s) and ${conversations ?? 'no searchable'} conversation(s) of one firm`);
      send(res, 200, { erased: references.length, references, conversations });
    }),
  );

  server.get(
    '/api/admin/outbox',
    auth,
    route(async (req, res) => {
      const status = query(req, 'status') as OutboxStatus | undefined;
      if (status && !['pending', 'sent', 'failed'].includes(status)) throw new BadParam(ADMIN_API.outboxStatus);
      const entries = await deps.outbox.list(status ? { status } : {});
      send(res, 200, { count: entries.length, entries });
    }),
  );

  server.post(
    '/api/admin/outbox/:id/retry',
    auth,
    route(async (req, res) => {
      const entry = await deps.outbox.retry(String((req.params as Record<string, string>).id ?? ''));
      if (!entry) fail(res, 404, ADMIN_API.noFailedNotification);
      else send(res, 200, entry);
    }),
  );

  server.post(
    '/api/admin/requests/purge',
    auth,
    route(async (_req, res) => {
      const purged = await deps.contact.purgeExpired();
      send(res, 200, { purged: purged.length, retentionDays: deps.contact.retentionDays });
    }),
  );
}
