import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import { errorBody } from '../http/errors';

export function fail(res: Response, status: number, message?: string): void {
  res.header('Cache-Control', 'no-store');
  res.json(status, errorBody(status, message));
}

/** The bearer token of a request, if any. */
export function bearer(req: Request | IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The origin a browser page served by this server has: `publicBaseUrl` when set, else the Host the browser used. */
export function ownOrigin(req: Request | IncomingMessage, publicBaseUrl: string | undefined): string | null {
  if (publicBaseUrl) return new URL(publicBaseUrl).origin;
  const host = req.headers.host;
  if (!host || !/^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host)) return null;
  // Behind a TLS-terminating proxy (App Service, nginx) the page is https although this socket is not.
  // A browser cannot set this header on a cross-origin call without a preflight, which does not allow it.
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim()
    .toLowerCase();
  const encrypted = Boolean((req.socket as { encrypted?: boolean } | undefined)?.encrypted) || forwarded === 'https';
  return `${encrypted ? 'https' : 'http'}://${host}`;
}

export interface CorsPolicy {
  /** Exact origins (scheme://host[:port]) allowed besides this server's own. */
  origins: readonly string[];
  publicBaseUrl: string | undefined;
}

export type OriginVerdict = 'none' | 'same' | 'allowed' | 'refused';

/** Browsers send Origin on cross-origin calls (and on same-origin POSTs); its absence means no browser CORS context. */
export function checkOrigin(req: Request | IncomingMessage, policy: CorsPolicy): OriginVerdict {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === '') return 'none';
  if (origin === ownOrigin(req, policy.publicBaseUrl)) return 'same';
  return policy.origins.includes(origin) ? 'allowed' : 'refused';
}

// DirectLineJS's RxJS ajax adds X-Requested-With.
const ALLOWED_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, X-Requested-With';

/**
 * Applies the CORS answer headers for an allowed cross-origin caller. Returns false when the caller
 * is a browser page of an origin that is not configured: the handler then refuses with 403.
 */
export function applyCors(req: Request, res: Response, policy: CorsPolicy, methods: string): boolean {
  const verdict = checkOrigin(req, policy);
  if (verdict === 'refused') return false;
  if (verdict === 'allowed') {
    res.header('Access-Control-Allow-Origin', req.headers.origin as string);
    res.header('Access-Control-Allow-Methods', methods);
    res.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.header('Access-Control-Max-Age', '600');
  }
  res.header('Vary', 'Origin');
  return true;
}

/** Reads an HTTP(S) URL option and drops trailing slashes. */
export function baseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an absolute http(s) URL`);
  return value.replace(/\/+$/, '');
}
