import type { Next, Request, Response, Server } from 'restify';
import { jsonBodyParser, queryParser, requestContext } from './restify';
import { clientKeyFor, type ClientKey } from './client';
import { BEHIND_PROXY_KEEP_ALIVE_MS, DEFAULT_CONNECTION_POLICY, limitConnections, type ConnectionPolicy } from './connections';
import { errorBody, isErrorBody } from './errors';
import { RateLimiter } from './limiter';

/**
 * Cross-cutting HTTP protections: bounded connections, bodies that are plain JSON or CSV of a
 * bounded size, JSON errors without internals, per-client rate limiting on public endpoints, and
 * security headers.
 */
export interface GuardOptions {
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  /**
   * Reverse proxies in front of the server (Azure App Service's front end: 1). 0 (default): the
   * client is the socket's address. Otherwise the client is read from X-Forwarded-For (see
   * clientKeyOf), and a request that does not name one is refused.
   */
  trustedProxies?: number;
  /** Overrides of the connection deadlines and caps (tests). */
  connections?: Partial<ConnectionPolicy>;
  log: (message: string) => void;
}

export interface Guard {
  /** The client key every limiter of this server uses. */
  clientKey: ClientKey;
}

type RestifyError = Error & { statusCode?: number; toJSON?: () => unknown };

const BOT_ENDPOINT = '/api/messages';
const HEALTH = '/health';

/**
 * Not limited per client address. Bot Framework channels reach /api/messages from a few shared
 * Azure addresses (every Teams user behind the same ones) and each request is authenticated by
 * its JWT (its failures have their own limit, see channels/bot/routes); health probes come from
 * the platform. Everything else is limited, loopback included, because behind a reverse proxy on
 * the same host every client would otherwise look exempt.
 */
const NOT_THROTTLED = new Set([BOT_ENDPOINT, HEALTH]);
/** The bot's own replies to the local web chat channel; the random key in the path protects it. */
const CONNECTOR_PREFIX = '/directline-connector/';
const throttled = (path: string) => !NOT_THROTTLED.has(path) && !path.startsWith(CONNECTOR_PREFIX);

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** Admin imports (see channels/http/admin). Nothing else is accepted as a body. */
const CSV_TYPE = /^text\/(csv|tab-separated-values|tsv)$/i;

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Answers an error and closes the connection: the client may still be sending a body we will not read. */
function refuse(res: Response, next: Next, status: number): void {
  res.header('Connection', 'close');
  res.json(status, errorBody(status));
  next(false);
}

export function installGuards(server: Server, options: GuardOptions): Guard {
  const trustedProxies = options.trustedProxies ?? 0;
  const clientKey = clientKeyFor(trustedProxies);
  limitConnections(server.server, {
    ...DEFAULT_CONNECTION_POLICY,
    // Behind a proxy every connection comes from the proxy, which reuses its idle ones.
    ...(trustedProxies > 0 ? { maxConnectionsPerClient: 0, keepAliveTimeoutMs: BEHIND_PROXY_KEEP_ALIVE_MS } : {}),
    ...options.connections,
  });

  server.pre(requestContext());
  // In pre so that 404 and 405 answers carry them too.
  server.pre((_req: Request, res: Response, next: Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    res.header('Strict-Transport-Security', 'max-age=31536000');
    next();
  });

  // Before body parsing, so a throttled client does not get its body read first.
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  server.use((req: Request, res: Response, next: Next) => {
    const path = req.getPath();
    if (path === HEALTH || path.startsWith(CONNECTOR_PREFIX)) return next();
    const client = clientKey(req);
    if (client === null) {
      // Behind the proxy every request carries the header; one without it did not come through the proxy.
      return refuse(res, next, 400);
    }
    if (!throttled(path)) return next();
    const wait = limiter.take(client);
    if (wait > 0) {
      res.header('Retry-After', String(wait));
      return refuse(res, next, 429);
    }
    next();
  });

  // Every body is checked before anything reads it: restify inflates gzip bodies past the size
  // limit (it counts compressed bytes) and writes multipart parts to temporary files.
  server.use((req: Request, res: Response, next: Next) => {
    if (!hasBody(req)) return next();
    const encoding = String(req.headers['content-encoding'] ?? '')
      .trim()
      .toLowerCase();
    if (encoding !== '' && encoding !== 'identity') return refuse(res, next, 415);
    // "identity" means none, but restify's body reader refuses any encoding it does not inflate.
    delete req.headers['content-encoding'];
    const type = req.contentType();
    if (!JSON_TYPE.test(type) && !CSV_TYPE.test(type)) return refuse(res, next, 415);
    if (req.getPath() === BOT_ENDPOINT && !JSON_TYPE.test(type)) return refuse(res, next, 415);
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) return refuse(res, next, 413);
    next();
  });
  server.use((_req: Request, res: Response, next: Next) => {
    replaceErrorBodies(res);
    next();
  });
  server.use(queryParser({ mapParams: false }));
  // JSON only (CSV bodies stay text): no form, multipart or gzip parser is installed at all.
  // maxBodySize goes to its body reader, which @types/restify does not declare.
  server.use(jsonBodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false } as Parameters<typeof jsonBodyParser>[0]));
  // The adapter throws (a 500) on a JSON body that is not an activity; it is the client's mistake.
  server.use((req: Request, res: Response, next: Next) => {
    const body: unknown = req.body;
    const isActivity = typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
    if (req.method === 'POST' && req.getPath() === BOT_ENDPOINT && !isActivity) {
      res.json(400, errorBody(400));
      return next(false);
    }
    next();
  });

  // restify errors carry internals in their message for some cases; answer with our own words.
  server.on('restifyError', (req: Request, res: Response, err: RestifyError, cb: () => void) => {
    const status = err.statusCode ?? 500;
    // Without a status restify would wrap the error and put err.toString() in its own body.
    err.statusCode = status;
    if (status >= 500) options.log(`HTTP ${status} on ${req.method} ${req.getPath()}: ${err.name}`);
    err.toJSON = () => errorBody(status);
    err.toString = () => JSON.stringify(errorBody(status));
    cb();
  });
  return { clientKey };
}

/**
 * Handlers that write their own error answers (a Bot Framework client error, restify's own) get
 * our error body instead of theirs, which may quote a URL or an internal message.
 */
function replaceErrorBodies(res: Response): void {
  const send = res.send.bind(res) as (...args: unknown[]) => unknown;
  const replaced = (...args: unknown[]): unknown => {
    const hasCode = typeof args[0] === 'number';
    const status = hasCode ? (args[0] as number) : res.statusCode;
    const body = hasCode ? args[1] : args[0];
    if (status < 400 || body instanceof Error || isErrorBody(body)) return send(...args);
    res.status(status);
    res.header('Content-Type', 'application/json');
    return send(status, errorBody(status), hasCode ? args[2] : args[1]);
  };
  res.send = replaced as Response['send'];
}
