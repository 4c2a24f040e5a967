import type { Next, Request, Response, Server } from 'restify';
import restify from 'restify';
import { errorBody } from './errors';

/**
 * Cross-cutting HTTP protections: bounded bodies, JSON errors without internals, per-client
 * rate limiting on public endpoints, and security headers.
 */
export interface GuardOptions {
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  log: (message: string) => void;
}

type RestifyError = Error & { statusCode?: number; toJSON?: () => unknown };

export function installGuards(server: Server, options: GuardOptions): void {
  server.pre(restify.plugins.pre.context());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: options.maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: false,
    }),
  );
  server.use((req: Request, res: Response, next: Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    next();
  });
  server.use(
    restify.plugins.throttle({
      // Per-client limit on the public surface; the rate is per second with a burst of one minute's worth.
      rate: options.rateLimitPerMinute / 60,
      burst: options.rateLimitPerMinute,
      ip: true,
      overrides: { '127.0.0.1': { rate: 0, burst: 0 }, '::1': { rate: 0, burst: 0 }, '::ffff:127.0.0.1': { rate: 0, burst: 0 } },
    }),
  );

  // restify errors carry internals in their message for some cases; answer with our own words.
  server.on('restifyError', (req: Request, res: Response, err: RestifyError, cb: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) options.log(`HTTP ${status} on ${req.method} ${req.url}: ${err.name}`);
    err.toJSON = () => errorBody(status);
    err.toString = () => JSON.stringify(errorBody(status));
    cb();
  });
}
