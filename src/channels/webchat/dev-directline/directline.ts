import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Request, Response, Server } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import { applyCors, bearer, checkOrigin, fail, ownOrigin, type CorsPolicy } from '../http';
import type { ClientKey } from '../../http/client';
import type { RateLimiter } from '../../http/limiter';
import { ConversationStore, randomId, sameSecret, type Activity, type Conversation, type IssuedToken, type StoreLimits } from './store';
import { HTTP_ERRORS } from '../../../presentation/messages';

/**
 * A Direct Line 3.0 channel played by this server, so that `npm start` alone gives a working web
 * chat. It speaks to the bot only over HTTP, as Azure's channel does: user activities are POSTed to
 * the bot endpoint, and the bot answers through the Bot Connector routes under `serviceUrl`.
 */

export const CHANNEL_ID = 'webchat';
export const BOT_ACCOUNT = { id: 'ti-assistant', name: "Assistant Territoires d'industrie", role: 'bot' } as const;
const CONNECTOR_PREFIX = '/directline-connector';
const DL = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;
const MAX_SOCKETS_PER_CONVERSATION = 4;
const HEARTBEAT_MS = 30_000;
const SWEEP_MS = 60_000;
/** Browsers write to the socket only Direct Line's empty keep-alive messages. */
const MAX_INCOMING_FRAME = 1024;
/** A socket that cannot keep up is closed; the client reconnects and catches up by watermark. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** What a client may set on the activities it posts; identity, addressing and routing are the channel's. */
const CLIENT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'locale',
  'localTimestamp',
  'localTimezone',
  'value',
  'name',
  'channelData',
  'attachments',
  'attachmentLayout',
  'entities',
  'replyToId',
] as const;
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);

export interface LocalDirectLineOptions {
  /** Absolute URL, or a path on this server (resolved against its listening address). */
  botEndpoint: string;
  publicBaseUrl: string | undefined;
  cors: CorsPolicy;
  limits: StoreLimits;
  tokenLimiter: RateLimiter;
  clientKey: ClientKey;
  botTimeoutMs: number;
  log: (message: string) => void;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class LocalDirectLine {
  readonly store: ConversationStore;
  /** Unguessable path segment of the serviceUrl: only the bot, which is handed it, can post as the bot. */
  private readonly connectorKey = randomId(24);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_FRAME });
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inflight = new Set<AbortController>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head);
  private closed = false;

  constructor(
    private readonly server: Server,
    private readonly options: LocalDirectLineOptions,
  ) {
    this.store = new ConversationStore(options.limits);
    this.store.onActivity((conversation, activity, seq) => this.push(conversation.id, [activity], seq === null ? undefined : String(seq)));
    this.store.onEvict((id) => this.closeSockets(id, 4404, 'conversation closed'));
  }

  register(): void {
    const s = this.server;
    const cors =
      (methods: string) =>
      (req: Request, res: Response): boolean => {
        if (applyCors(req, res, this.options.cors, methods)) return true;
        fail(res, 403);
        return false;
      };
    const preflight = (methods: string) => async (req: Request, res: Response) => {
      if (!cors(methods)(req, res)) return;
      res.send(204);
    };

    s.opts(`${DL}/tokens/generate`, preflight('POST'));
    s.post(`${DL}/tokens/generate`, async (req, res) => {
      if (!cors('POST')(req, res)) return;
      const wait = this.options.tokenLimiter.take(this.options.clientKey(req) ?? 'unknown');
      if (wait > 0) {
        res.header('Retry-After', String(wait));
        return fail(res, 429);
      }
      // Azure lets the holder of the secret choose the user id here; this endpoint has no secret, so
      // a user id taken from the body would let anyone speak as a user whose id they know.
      const { token } = this.mintToken();
      res.header('Cache-Control', 'no-store');
      res.json(200, tokenBody(token));
    });

    s.opts(`${DL}/tokens/refresh`, preflight('POST'));
    s.post(`${DL}/tokens/refresh`, async (req, res) => {
      if (!cors('POST')(req, res)) return;
      const conversation = this.authenticate(req, res);
      if (!conversation) return;
      res.header('Cache-Control', 'no-store');
      res.json(200, tokenBody(this.store.issueToken(conversation)));
    });

    s.opts(`${DL}/conversations`, preflight('POST'));
    s.post(`${DL}/conversations`, async (req, res) => {
      if (!cors('POST')(req, res)) return;
      const conversation = this.authenticate(req, res);
      if (!conversation) return;
      const fresh = !conversation.started;
      this.start(conversation);
      res.header('Cache-Control', 'no-store');
      res.json(fresh ? 201 : 200, this.conversationBody(req, conversation, bearer(req) as string));
    });

    s.opts(`${DL}/conversations/:conversationId`, preflight('GET'));
    s.get(`${DL}/conversations/:conversationId`, async (req, res) => {
      if (!cors('GET')(req, res)) return;
      const conversation = this.authenticate(req, res, req.params.conversationId);
      if (!conversation) return;
      this.store.touch(conversation);
      const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
      res.header('Cache-Control', 'no-store');
      res.json(200, this.conversationBody(req, conversation, bearer(req) as string, watermark));
    });

    s.opts(`${DL}/conversations/:conversationId/activities`, preflight('GET, POST'));
    s.get(`${DL}/conversations/:conversationId/activities`, async (req, res) => {
      if (!cors('GET, POST')(req, res)) return;
      const conversation = this.authenticate(req, res, req.params.conversationId);
      if (!conversation) return;
      this.store.touch(conversation);
      const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
      res.header('Cache-Control', 'no-store');
      res.json(200, this.store.since(conversation, watermark));
    });

    s.post(`${DL}/conversations/:conversationId/activities`, async (req, res) => {
      if (!cors('GET, POST')(req, res)) return;
      const conversation = this.authenticate(req, res, req.params.conversationId);
      if (!conversation) return;
      const body: unknown = req.body;
      if (!isObject(body) || typeof body.type !== 'string' || !CLIENT_TYPES.has(body.type)) {
        return fail(res, 400, HTTP_ERRORS.invalidActivity);
      }
      this.start(conversation);
      const activity = this.fromUser(conversation, body);
      let id: string;
      if (activity.type === 'typing') {
        id = `${conversation.id}|typing`;
        this.store.touch(conversation);
      } else {
        // Stored (and echoed to the client) before the bot runs, so the bot's replies come after it.
        id = this.store.append(conversation, activity).id;
      }
      const delivered = await this.forward(conversation, { ...activity, id });
      res.header('Cache-Control', 'no-store');
      if (!delivered) return fail(res, 502, HTTP_ERRORS.messageNotProcessed);
      res.json(200, { id });
    });

    s.post(`${DL}/conversations/:conversationId/upload`, async (_req, res) => fail(res, 415, HTTP_ERRORS.noUpload));

    // Bot Connector API, as called by the bot's ConnectorClient with our serviceUrl.
    const connector = `${CONNECTOR_PREFIX}/:key/v3/conversations/:conversationId`;
    s.post(`${connector}/activities`, async (req, res) => this.fromBot(req, res));
    s.post(`${connector}/activities/:activityId`, async (req, res) => this.fromBot(req, res));
    s.put(`${connector}/activities/:activityId`, async (req, res) => {
      const conversation = this.connectorConversation(req, res);
      if (!conversation) return;
      const body: unknown = req.body;
      if (!isObject(body) || typeof body.type !== 'string') return fail(res, 400);
      const id = String(req.params.activityId);
      if (!this.store.replace(conversation, id, this.botActivity(conversation, body))) return fail(res, 404);
      res.json(200, { id });
    });
    // Direct Line has no deletion: the activity stays on the user's screen.
    s.del(`${connector}/activities/:activityId`, async (req, res) => {
      if (!this.connectorConversation(req, res)) return;
      fail(res, 405);
    });
    const members = async (req: Request, res: Response) => {
      const conversation = this.connectorConversation(req, res);
      if (!conversation) return;
      res.json(200, [{ id: conversation.userId, role: 'user' }, { ...BOT_ACCOUNT }]);
    };
    s.get(`${connector}/members`, members);
    s.get(`${connector}/activities/:activityId/members`, members);
    s.get(`${connector}/members/:memberId`, async (req, res) => {
      const conversation = this.connectorConversation(req, res);
      if (!conversation) return;
      const id = String(req.params.memberId);
      if (id === conversation.userId) return res.json(200, { id, role: 'user' });
      if (id === BOT_ACCOUNT.id) return res.json(200, { ...BOT_ACCOUNT });
      fail(res, 404);
    });

    this.server.server.on('upgrade', this.onUpgrade);
    this.timers.push(
      setInterval(() => this.heartbeat(), HEARTBEAT_MS),
      setInterval(() => this.store.sweep(), SWEEP_MS),
    );
    for (const timer of this.timers) timer.unref();
  }

  /** A token for a new conversation (the local counterpart of exchanging a Direct Line secret). */
  mintToken(): { token: IssuedToken } {
    return { token: this.store.create().token };
  }

  stats(): { conversations: number; tokens: number; sockets: number } {
    return { conversations: this.store.size, tokens: this.store.tokenCount, sockets: this.wss.clients.size };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.server.server.off('upgrade', this.onUpgrade);
    for (const timer of this.timers) clearInterval(timer);
    for (const controller of this.inflight) controller.abort();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.sockets.clear();
    this.store.clear();
  }

  /** The bot's Bot Connector calls address conversations by id under our serviceUrl. */
  serviceUrl(): string {
    return `${this.loopbackBase()}${CONNECTOR_PREFIX}/${this.connectorKey}`;
  }

  private loopbackBase(): string {
    const address = this.server.server.address() as AddressInfo | null;
    if (!address || typeof address !== 'object') throw new Error('the server is not listening');
    const wildcard = address.address === '0.0.0.0' || address.address === '::';
    const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  private botEndpoint(): string {
    const endpoint = this.options.botEndpoint;
    return endpoint.startsWith('/') ? `${this.loopbackBase()}${endpoint}` : endpoint;
  }

  /** Checks the bearer token; with `conversationId`, also that the token opens that conversation. */
  private authenticate(req: Request, res: Response, conversationId?: unknown): Conversation | null {
    const token = bearer(req);
    if (!token) {
      res.header('WWW-Authenticate', 'Bearer');
      fail(res, 401);
      return null;
    }
    const conversation = this.store.authenticate(token);
    if (typeof conversationId === 'string' && conversation?.id !== conversationId) {
      // A valid token for another conversation: say whether the one asked for exists at all.
      fail(res, conversation && !this.store.get(conversationId) ? 404 : 403);
      return null;
    }
    if (!conversation) {
      fail(res, 403);
      return null;
    }
    return conversation;
  }

  private connectorConversation(req: Request, res: Response): Conversation | null {
    if (!sameSecret(String(req.params.key ?? ''), this.connectorKey)) {
      fail(res, 404);
      return null;
    }
    const conversation = this.store.get(String(req.params.conversationId ?? ''));
    if (!conversation) fail(res, 404);
    return conversation;
  }

  private conversationBody(req: Request, conversation: Conversation, token: string, watermark?: string): Json {
    const origin = this.options.publicBaseUrl ? new URL(this.options.publicBaseUrl).origin : ownOrigin(req, undefined);
    const ws = (origin ?? this.loopbackBase()).replace(/^http/, 'ws');
    const query = new URLSearchParams({ t: token });
    if (watermark !== undefined && /^\d+$/.test(watermark)) query.set('watermark', watermark);
    const remaining = this.store.limits.tokenTtlMs / 1000;
    return {
      conversationId: conversation.id,
      token,
      expires_in: Math.floor(remaining),
      streamUrl: `${ws}${DL}/conversations/${encodeURIComponent(conversation.id)}/stream?${query.toString()}`,
    };
  }

  /** The first call on a conversation tells the bot that the user joined, so its welcome shows. */
  private start(conversation: Conversation): void {
    if (conversation.started) return;
    conversation.started = true;
    const update: Activity = {
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      timestamp: new Date().toISOString(),
      channelId: CHANNEL_ID,
      serviceUrl: this.serviceUrl(),
      from: { id: conversation.userId, role: 'user' },
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: conversation.id },
      membersAdded: [{ ...BOT_ACCOUNT }, { id: conversation.userId, role: 'user' }],
    };
    void this.forward(conversation, update);
  }

  private fromUser(conversation: Conversation, body: Json): Activity {
    const activity: Activity = { type: String(body.type) };
    for (const field of CLIENT_FIELDS) if (body[field] !== undefined && field !== 'type') (activity as Json)[field] = body[field];
    const name = isObject(body.from) && typeof body.from.name === 'string' ? body.from.name.slice(0, 128) : undefined;
    activity.from = { id: conversation.userId, ...(name ? { name } : {}), role: 'user' };
    activity.recipient = { ...BOT_ACCOUNT };
    activity.conversation = { id: conversation.id };
    activity.channelId = CHANNEL_ID;
    return activity;
  }

  private botActivity(conversation: Conversation, body: Json): Activity {
    const { serviceUrl: _serviceUrl, ...rest } = body;
    const from = isObject(body.from) ? { ...body.from, role: 'bot' } : { ...BOT_ACCOUNT };
    return {
      ...rest,
      type: String(body.type),
      channelId: CHANNEL_ID,
      from,
      recipient: { id: conversation.userId, role: 'user' },
      conversation: { id: conversation.id },
    };
  }

  private async fromBot(req: Request, res: Response): Promise<void> {
    const conversation = this.connectorConversation(req, res);
    if (!conversation) return;
    const body: unknown = req.body;
    if (!isObject(body) || typeof body.type !== 'string') return fail(res, 400);
    const activity = this.botActivity(conversation, body);
    if (activity.type === 'trace') {
      // Azure's channels drop traces too; they are for the Emulator.
      res.json(200, { id: `${conversation.id}|trace` });
      return;
    }
    if (activity.type === 'typing') {
      this.store.broadcast(conversation, activity);
      res.json(200, { id: `${conversation.id}|typing` });
      return;
    }
    res.json(200, { id: this.store.append(conversation, activity).id });
  }

  /** POSTs an activity to the bot like a channel does; true when the bot accepted it. */
  private async forward(conversation: Conversation, activity: Activity): Promise<boolean> {
    if (this.closed) return false;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.botTimeoutMs);
    this.inflight.add(controller);
    try {
      const res = await fetch(this.botEndpoint(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl: this.serviceUrl() }),
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return true;
      this.options.log(
        res.status === 401 || res.status === 403
          ? `Local Direct Line: the bot refused an unauthenticated ${activity.type} (HTTP ${res.status}); the local channel works only without MicrosoftAppId`
          : `Local Direct Line: the bot answered HTTP ${res.status} to a ${activity.type} in conversation ${conversation.id}`,
      );
      return false;
    } catch (err) {
      if (!this.closed) this.options.log(`Local Direct Line: could not reach the bot (${err instanceof Error ? err.name : 'error'})`);
      return false;
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Other upgrade handlers may own this path; when there are none, answer instead of hanging.
      if (this.server.server.listenerCount('upgrade') === 1) reject(socket, 404, 'Not Found');
      return;
    }
    const conversationId = decodeURIComponent(match[1] as string);
    const conversation = this.store.authenticate(url.searchParams.get('t') ?? undefined);
    if (checkOrigin(req, this.options.cors) === 'refused' || !conversation || conversation.id !== conversationId) {
      reject(socket, 403, 'Forbidden');
      return;
    }
    const watermark = url.searchParams.get('watermark') ?? undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(conversation, ws, watermark));
  }

  private attach(conversation: Conversation, ws: WebSocket, watermark: string | undefined): void {
    let set = this.sockets.get(conversation.id);
    if (!set) {
      set = new Set();
      this.sockets.set(conversation.id, set);
    }
    set.add(ws);
    while (set.size > MAX_SOCKETS_PER_CONVERSATION) {
      const oldest = set.values().next().value as WebSocket;
      set.delete(oldest);
      oldest.close(1008, 'too many connections');
    }
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      const current = this.sockets.get(conversation.id);
      current?.delete(ws);
      if (current && current.size === 0) this.sockets.delete(conversation.id);
    });
    this.store.touch(conversation);
    // What was said before the socket opened (typically the welcome) comes first.
    const backlog = this.store.since(conversation, watermark);
    if (backlog.activities.length > 0) this.send(ws, backlog.activities, backlog.watermark);
  }

  private push(conversationId: string, activities: Activity[], watermark: string | undefined): void {
    const set = this.sockets.get(conversationId);
    if (!set) return;
    for (const ws of set) this.send(ws, activities, watermark);
  }

  private send(ws: WebSocket, activities: Activity[], watermark: string | undefined): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(watermark === undefined ? { activities } : { activities, watermark }));
  }

  private heartbeat(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  private closeSockets(conversationId: string, code: number, reason: string): void {
    const set = this.sockets.get(conversationId);
    if (!set) return;
    this.sockets.delete(conversationId);
    for (const ws of set) ws.close(code, reason);
  }
}

function tokenBody(token: IssuedToken): Json {
  return { conversationId: token.conversationId, token: token.token, expires_in: token.expiresIn };
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
