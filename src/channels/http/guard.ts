import type { Next, Request, Response, Server } from 'restify';
import restify from 'restify';
import { errorBody, isErrorBody } from './errors';

/**
 * Cross-cutting HTTP protections: bounded bodies, JSON errors without internals, per-client
 * rate limiting on public endpoints, and security headers.
 */
export interface GuardOptions {
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  /**
   * Behind a reverse proxy (Azure App Service, a load balancer) every client comes from the
   * proxy's address: then the client is the first X-Forwarded-For address. Off by default, since
   * anyone can send that header to a server that is reached directly.
   */
  trustProxy?: boolean;
  log: (message: string) => void;
}

type RestifyError = Error & { statusCode?: number; toJSON?: () => unknown };

const BOT_ENDPOINT = '/api/messages';

/**
 * Not limited per client address. Bot Framework channels reach /api/messages from a few shared
 * Azure addresses (every Teams user behind the same ones) and each request is authenticated by
 * its JWT; health probes come from the platform. Everything else is limited, loopback included,
 * because behind a reverse proxy on the same host every client would otherwise look exempt.
 */
const NOT_THROTTLED = new Set([BOT_ENDPOINT, '/health']);
/** The bot's own replies to the local web chat channel; the random key in the path protects it. */
const CONNECTOR_PREFIX = '/directline-connector/';
const throttled = (path: string) => !NOT_THROTTLED.has(path) && !path.startsWith(CONNECTOR_PREFIX);

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function installGuards(server: Server, options: GuardOptions): void {
  server.pre(restify.plugins.pre.context());
  // In pre so that 404 and 405 answers carry them too.
  server.pre((_req: Request, res: Response, next: Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    res.header('Strict-Transport-Security', 'max-age=31536000');
    next();
  });

  // Before body parsing, so a throttled client does not get its body read first.
  const throttle = restify.plugins.throttle({
    // The rate is per second, with a burst of one minute's worth.
    rate: options.rateLimitPerMinute / 60,
    burst: options.rateLimitPerMinute,
    ip: !options.trustProxy,
    xff: options.trustProxy === true,
  });
  server.use((req: Request, res: Response, next: Next) => (throttled(req.getPath()) ? throttle(req, res, next) : next()));

  server.use((req: Request, res: Response, next: Next) => {
    if (req.method === 'POST' && req.getPath() === BOT_ENDPOINT && !JSON_TYPE.test(req.contentType())) {
      res.json(415, errorBody(415));
      return next(false);
    }
    replaceErrorBodies(req, res, options.log);
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: options.maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: false,
    }),
  );
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
    if (status === 429) res.header('Retry-After', String(Math.max(1, Math.ceil(60 / options.rateLimitPerMinute))));
    err.toJSON = () => errorBody(status);
    err.toString = () => JSON.stringify(errorBody(status));
    cb();
  });
}

/**
 * Handlers that write their own error answers (the Bot Framework adapter sends `err.message`,
 * e.g. the URL it failed to reach) get our error body instead.
 *
 * On /api/messages the adapter answers 500 only when it could not verify the caller: turn errors
 * are handled by onTurnError and answered 200. The usual cause is that the token signing keys
 * (login.botframework.com) cannot be fetched; the request is then not authenticated, so 401.
 */
function replaceErrorBodies(req: Request, res: Response, log: (message: string) => void): void {
  const send = res.send.bind(res) as (...args: unknown[]) => unknown;
  const replaced = (...args: unknown[]): unknown => {
    const hasCode = typeof args[0] === 'number';
    let status = hasCode ? (args[0] as number) : res.statusCode;
    const body = hasCode ? args[1] : args[0];
    if (status < 400 || body instanceof Error || isErrorBody(body)) return send(...args);
    if (status === 500 && req.getPath() === BOT_ENDPOINT) {
      log('Bot request refused: its token could not be verified (signing keys unreachable?)');
      status = 401;
    }
    res.status(status);
    res.header('Content-Type', 'application/json');
    return send(status, errorBody(status), hasCode ? args[2] : args[1]);
  };
  res.send = replaced as Response['send'];
}
