import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { Assets, gzipped, type Asset } from './assets';
import { LocalDirectLine } from './dev-directline/directline';
import { applyCors, baseUrl, fail, ownOrigin, type CorsPolicy } from './http';
import { clientKeyFor, type ClientKey } from '../http/client';
import { RateLimiter } from '../http/limiter';
import { DEFAULT_LIMITS, type StoreLimits } from './dev-directline/store';
import { exchangeSecret, TokenExchangeError } from './token';
import { HTTP_ERRORS } from '../../presentation/messages';

/**
 * The web chat channel: the official Web Chat client served from this server (page and
 * embeddable snippet), a Direct Line token endpoint, and, without a Direct Line secret, a local
 * Direct Line 3.0 channel so that `npm start` alone gives a working chat. It talks to the bot only
 * over HTTP, like any channel, and so does not depend on the Bot Framework SDK.
 */
export interface WebChatOptions {
  /** Public URL of this server (https://...) when behind a proxy; else the Host of each request is used. */
  publicBaseUrl?: string;
  /** Where the local channel posts activities: absolute URL, or a path of this server such as "/api/messages". */
  botEndpoint: string;
  /** Azure Bot Service Direct Line secret; empty means no Azure channel. Never sent to a browser or logged. */
  directLineSecret: string;
  /** e.g. https://directline.botframework.com or https://europe.directline.botframework.com */
  directLineEndpoint: string;
  /** Exact origins (https://www.example.fr, as src/config.ts validates them) of sites allowed to embed the chat and fetch tokens. */
  corsOrigins: string[];
  /** Serve the local Direct Line (normally: when no secret is configured). */
  localDirectLine: boolean;
  log?: (msg: string) => void;
  /** Token requests per minute per client (default 30). */
  tokenRateLimitPerMinute?: number;
  /**
   * What identifies a client for that limit (default: the socket's address). Behind a reverse proxy
   * every client has the proxy's address: pass the same key as the server's general rate limit.
   */
  clientKey?: ClientKey;
  /** Bounds of the local channel's memory (defaults: 1000 conversations, 200 activities each, 1 h idle, 30 min tokens). */
  limits?: Partial<StoreLimits>;
  /** How long the local channel waits for the bot to take an activity (default 15 s). */
  botTimeoutMs?: number;
  /** How long the token exchange waits for Azure (default 5 s). */
  tokenTimeoutMs?: number;
}

export interface WebChatHandle {
  /** Current size of the local channel's memory (zeros without it): for health checks and soak tests. */
  stats(): { conversations: number; tokens: number; sockets: number };
  /** The serviceUrl the bot answers the local Direct Line at (none without it, or before the server listens). */
  serviceUrls(): string[];
  close(): Promise<void>;
}

export type WebChatMode = 'azure' | 'local' | 'unavailable';

/** What /webchat/config.json tells the page; never anything secret. */
export interface WebChatConfig {
  mode: WebChatMode;
  tokenUrl: string;
  directLineDomain: string;
}

const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export function registerWebChat(server: Server, options: WebChatOptions): WebChatHandle {
  const log = options.log ?? (() => undefined);
  const secret = options.directLineSecret.trim();
  const directLineEndpoint = baseUrl(options.directLineEndpoint, 'directLineEndpoint');
  const publicBaseUrl = options.publicBaseUrl ? baseUrl(options.publicBaseUrl, 'publicBaseUrl') : undefined;
  const cors: CorsPolicy = { origins: [...options.corsOrigins], publicBaseUrl };
  const limits: StoreLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const tokenLimiter = new RateLimiter(options.tokenRateLimitPerMinute ?? 30);
  const clientKey = options.clientKey ?? clientKeyFor(0);
  const assets = new Assets();

  const mode: WebChatMode = secret ? 'azure' : options.localDirectLine ? 'local' : 'unavailable';
  const local = options.localDirectLine
    ? new LocalDirectLine(server, {
        botEndpoint: options.botEndpoint,
        publicBaseUrl,
        cors,
        limits,
        tokenLimiter,
        clientKey,
        botTimeoutMs: options.botTimeoutMs ?? 15_000,
        log,
      })
    : null;
  local?.register();

  const config: WebChatConfig = {
    mode,
    tokenUrl: '/api/directline/token',
    directLineDomain: mode === 'azure' ? `${directLineEndpoint}/v3/directline` : '/v3/directline',
  };
  const azureOrigin = new URL(directLineEndpoint).origin;

  server.get('/', async (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const connect = ["'self'"];
    const own = ownOrigin(req, publicBaseUrl);
    // CSP level 2 browsers do not count ws: as 'self'.
    if (own && mode === 'local') connect.push(own.replace(/^http/, 'ws'));
    if (mode === 'azure') connect.push(azureOrigin, azureOrigin.replace(/^https/, 'wss'));
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        // Web Chat's style elements carry this nonce, except react-scroll-to-bottom's, which is
        // inserted empty (its rules go through CSSOM, which CSP does not gate): hence the hash of "".
        `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        `connect-src ${connect.join(' ')}`,
        // Web Chat probes for Web Worker support with a blob: worker.
        'worker-src blob:',
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        // Sites embed the chat with the script snippet, never this page in a frame.
        "frame-ancestors 'none'",
      ].join('; '),
    );
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    sendBody(req, res, Buffer.from(assets.page.replaceAll('{{NONCE}}', nonce)), 'text/html; charset=utf-8', 'no-store');
  });

  const serveAsset = (asset: Asset, cacheControl: string) => async (req: Request, res: Response) => {
    // Loaded by <script> tags of the territories' sites.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.headers['if-none-match'] === asset.etag) {
      res.setHeader('ETag', asset.etag);
      res.setHeader('Cache-Control', cacheControl);
      res.writeHead(304);
      res.end();
      return;
    }
    res.setHeader('ETag', asset.etag);
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && asset.body.length > 1024) {
      const body = await gzipped(asset);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'Accept-Encoding');
      sendBody(req, res, body, asset.type, cacheControl);
      return;
    }
    sendBody(req, res, asset.body, asset.type, cacheControl);
  };
  // Browsers ask for it on every page; an empty answer keeps the console clean.
  server.get('/favicon.ico', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.writeHead(204);
    res.end();
  });
  server.get('/embed.js', serveAsset(assets.embed, 'public, max-age=300'));
  server.get('/webchat/webchat.js', serveAsset(assets.bundle, 'public, max-age=86400'));
  server.get('/webchat/page.css', serveAsset(assets.css, 'public, max-age=3600'));

  server.get('/webchat/config.json', async (_req, res) => {
    // Public information, read by pages of any origin that embed the chat.
    res.header('Access-Control-Allow-Origin', '*');
    res.header('Cache-Control', 'no-cache');
    res.json(200, config);
  });

  const token = async (req: Request, res: Response) => {
    if (!applyCors(req, res, cors, 'GET, POST')) {
      return fail(res, 403, HTTP_ERRORS.siteNotAllowed);
    }
    if (req.method === 'OPTIONS') {
      res.send(204);
      return;
    }
    res.header('Cache-Control', 'no-store');
    // The guard has refused the requests whose client cannot be told.
    const wait = tokenLimiter.take(clientKey(req) ?? 'unknown');
    if (wait > 0) {
      res.header('Retry-After', String(wait));
      return fail(res, 429);
    }
    if (mode === 'azure') {
      try {
        res.json(200, await exchangeSecret(directLineEndpoint, secret, options.tokenTimeoutMs ?? 5000));
      } catch (err) {
        log(`Web chat token: ${err instanceof TokenExchangeError ? err.message : 'Direct Line token exchange failed'}`);
        fail(res, 502, HTTP_ERRORS.assistantUnavailable);
      }
      return;
    }
    if (local) {
      const { token: issued } = local.mintToken();
      res.json(200, { token: issued.token, conversationId: issued.conversationId, expires_in: issued.expiresIn });
      return;
    }
    fail(res, 503, HTTP_ERRORS.chatNotConfigured);
  };
  server.get('/api/directline/token', token);
  server.post('/api/directline/token', token);
  server.opts('/api/directline/token', token);

  log(
    mode === 'azure'
      ? `Web chat: Azure Direct Line tokens from ${directLineEndpoint}${local ? ' (local Direct Line also served)' : ''}`
      : mode === 'local'
        ? 'Web chat: local Direct Line channel (no DIRECTLINE_SECRET)'
        : 'Web chat: page served, but no Direct Line is configured',
  );

  return {
    stats: () => local?.stats() ?? { conversations: 0, tokens: 0, sockets: 0 },
    serviceUrls: () => (local && server.server.listening ? [local.serviceUrl()] : []),
    close: async () => {
      await local?.close();
    },
  };
}

function sendBody(req: Request, res: Response, body: Buffer, type: string, cacheControl: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('Cache-Control', cacheControl);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
}

export { LocalDirectLine } from './dev-directline/directline';
export { ConversationStore, DEFAULT_LIMITS, type StoreLimits } from './dev-directline/store';
